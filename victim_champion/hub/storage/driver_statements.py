"""The sync round's hot statements, run on the database driver's own cursor.

Each is a SQLAlchemy Core statement compiled once per dialect (its SQL, its bound
parameters in order, its type conversions for that dialect: SQLite keeps times as text)
and then executed with the DB-API cursor of the SQLAlchemy connection, inside its
transaction. Run through ``Connection.execute`` the same three statements of a round (the
request's nonce, the envelopes, the read back) cost about 0.8 ms more of the hub's CPU
each round than the driver itself: execution contexts, result objects and the multi-row
insert's batching. That was a quarter of the hub's time in a burst of rounds on
PostgreSQL (closing note of issue 20).

What ``Connection.execute`` also did is kept: a driver error is raised as SQLAlchemy's
(with no parameters in its text: they can hold what a laptop sent), and a connection the
database dropped (PostgreSQL restarted) is thrown away with every other pooled
connection opened before it, so the next request gets a live one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.expression import ClauseElement

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class DriverStatement:
    """A statement compiled for one dialect, ready for its driver's cursor."""

    compiled: Compiled
    positions: tuple[str, ...] | None  # parameter names in order, for "?" placeholders
    bind_processors: tuple[tuple[str, Processor], ...]
    names: tuple[str, ...]  # the result's column names
    result_processors: tuple[tuple[int, Processor], ...]


def compile_for_driver(statement: ClauseElement, dialect: Dialect) -> DriverStatement:
    """``statement`` compiled for ``dialect``: a SELECT, or a DML statement with RETURNING
    (fetch reads rows from every statement it runs)."""
    compiled = statement.compile(dialect=dialect)
    binds = getattr(compiled, "binds", {})
    bind_processors = tuple(
        (name, process)
        for name, parameter in binds.items()
        if (process := parameter.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    )
    columns = list(getattr(statement, "exported_columns", ()))
    result_processors = tuple(
        (index, process)
        for index, column in enumerate(columns)
        if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
        is not None
    )
    positions = getattr(compiled, "positiontup", None)
    return DriverStatement(
        compiled,
        tuple(positions) if positions else None,
        bind_processors,
        tuple(column.name for column in columns),
        result_processors,
    )


_compiled: dict[tuple[Any, ...], DriverStatement] = {}


def statement_for(
    connection: Connection, build: Callable[..., ClauseElement], *shape: Any
) -> DriverStatement:
    """``build(dialect name, *shape)``, compiled for this connection's database and driver
    the first time it is asked for (the shapes are few: row counts up to a batch)."""
    dialect = connection.dialect
    key = (build, dialect.name, dialect.driver, shape)
    found = _compiled.get(key)
    if found is None:
        found = _compiled[key] = compile_for_driver(build(dialect.name, *shape), dialect)
    return found


def fetch(
    connection: Connection, statement: DriverStatement, values: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Run ``statement`` with ``values`` on the connection's driver; its rows, by name."""
    params = statement.compiled.construct_params(dict(values))
    assert params is not None  # a statement's parameters, never None for one we compiled
    for name, process in statement.bind_processors:
        params[name] = process(params[name])
    bound: Any = params
    if statement.positions is not None:
        bound = tuple(params[name] for name in statement.positions)
    driver = connection.connection
    cursor = driver.cursor()
    try:
        cursor.execute(statement.compiled.string, bound)
        rows = cursor.fetchall()
    except connection.dialect.loaded_dbapi.Error as error:
        _after_driver_error(connection, error, cursor)
        raise DBAPIError.instance(
            statement.compiled.string,
            None,
            error,
            connection.dialect.loaded_dbapi.Error,
            hide_parameters=True,
            dialect=connection.dialect,
        ) from error
    finally:
        cursor.close()
    if statement.result_processors:
        rows = [list(row) for row in rows]
        for row in rows:
            for index, process in statement.result_processors:
                row[index] = process(row[index])
    return [dict(zip(statement.names, row, strict=True)) for row in rows]


def _after_driver_error(connection: Connection, error: Any, cursor: Any) -> None:
    """As SQLAlchemy does on a lost connection: this one and every older one are retired."""
    if connection.dialect.is_disconnect(error, connection.connection.dbapi_connection, cursor):
        connection.invalidate(error)
        connection.engine.dispose()
