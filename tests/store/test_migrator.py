"""Schema upgrades: numbered files, one exclusive transaction, too-new refused."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from victim_champion.core.errors import SchemaTooNewError
from victim_champion.store.schema.connection import Connection, open_encrypted
from victim_champion.store.schema.migrator import (
    Migration,
    latest_version,
    load_migrations,
    schema_version,
    upgrade,
)


@pytest.fixture
def connection(tmp_path: Path) -> Connection:
    return open_encrypted(tmp_path / "m.db", secrets.token_bytes(32), create=True)


def tables(connection: Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def test_the_shipped_migrations_are_gapless_and_build_every_table(connection: Connection) -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert upgrade(connection) == latest_version()
    assert {"session", "attendee", "consent", "audit_event", "profile_meta"} <= tables(connection)
    assert upgrade(connection) == latest_version()  # a second run does nothing


def test_a_failing_step_rolls_back_the_whole_upgrade(connection: Connection) -> None:
    steps = [
        Migration(1, "0001_a.sql", "CREATE TABLE a (x);\nCREATE TABLE b (y);"),
        Migration(2, "0002_b.sql", "CREATE TABLE c (z);\nINSERT INTO missing VALUES (1);"),
    ]
    with pytest.raises(Exception, match="missing"):
        upgrade(connection, steps)
    assert schema_version(connection) == 0
    assert tables(connection) == set()


def test_triggers_with_inner_semicolons_split_as_one_statement() -> None:
    sql = (
        "-- a comment\nCREATE TABLE t (x);\n"
        "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    )
    assert len(Migration(1, "0001_t.sql", sql).statements()) == 2


def test_a_too_new_file_is_refused_with_both_versions_named(connection: Connection) -> None:
    connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(SchemaTooNewError, match=f"data version {latest_version() + 1}"):
        upgrade(connection)
    assert tables(connection) == set()
