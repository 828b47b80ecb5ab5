"""Numbered .sql migrations applied in one exclusive transaction, tracked by user_version.

The migrations folder is the list: NNNN_name.sql, applied in number order. A new store
is created by the same path as an old one is upgraded. A file newer than the app is
refused before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from victim_champion.core.errors import ResourceError, SchemaTooNewError
from victim_champion.store.schema.connection import Connection, transaction
from victim_champion.store.schema.sqlite_errors import translated_errors

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One step of the schema."""

    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """Split into complete statements (executescript would commit mid-migration)."""
        import sqlcipher3

        statements: list[str] = []
        buffer = ""
        for line in self.sql.splitlines(keepends=True):
            buffer += line
            if sqlcipher3.complete_statement(buffer):
                statements.append(buffer.strip())
                buffer = ""
        if buffer.strip() and not all(
            part.strip().startswith("--") for part in buffer.strip().splitlines()
        ):
            raise ResourceError(f"Migration {self.name} ends with an unfinished statement.")
        return statements


def load_migrations() -> list[Migration]:
    """Every migration shipped with the app, in order, checked to be gapless from 1."""
    from importlib import resources  # pulls in zipfile; wanted only when a store opens

    folder = resources.files("victim_champion.store.schema").joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise ResourceError("The app's migrations are not numbered 0001, 0002, ... without gaps.")
    return found


def latest_version() -> int:
    """The schema version this app writes."""
    return len(load_migrations())


def schema_version(connection: Connection) -> int:
    """The file's user_version."""
    with translated_errors():
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def upgrade(connection: Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the file to the latest schema; refuse a newer one. Returns the new version."""
    migrations = load_migrations() if migrations is None else migrations
    supported = len(migrations)
    current = schema_version(connection)
    if current > supported:
        raise SchemaTooNewError(current, supported)
    if current == supported:
        return current
    with transaction(connection, exclusive=True):
        current = schema_version(connection)  # re-read under the exclusive lock
        if current > supported:
            raise SchemaTooNewError(current, supported)
        for migration in migrations[current:]:
            for statement in migration.statements():
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.version}")
    return supported
