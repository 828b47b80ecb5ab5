"""The statements a database driver is sent on one connection, told by the driver itself:
SQLAlchemy's events do not see the hub's hot statements, which go straight to the
driver's cursor (hub/storage/driver_statements.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection


@contextmanager
def statements_sent(connection: Connection) -> Iterator[list[str]]:
    """Collects each statement the driver runs on ``connection`` while inside."""
    sent: list[str] = []
    driver = connection.connection.driver_connection
    if connection.dialect.name == "sqlite":
        driver.set_trace_callback(sent.append)  # type: ignore[union-attr]
        try:
            yield sent
        finally:
            driver.set_trace_callback(None)  # type: ignore[union-attr]
        return
    import psycopg

    class Traced(psycopg.Cursor[Any]):
        def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
            sent.append(str(query))
            return super().execute(query, *args, **kwargs)

    previous = driver.cursor_factory  # type: ignore[union-attr]
    driver.cursor_factory = Traced  # type: ignore[union-attr]
    try:
        yield sent
    finally:
        driver.cursor_factory = previous  # type: ignore[union-attr]
