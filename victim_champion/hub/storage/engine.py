"""The hub's database: engine from a URL, migrations on start, and the default location."""

from __future__ import annotations

import os
import threading
import weakref
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite

from victim_champion.hub.storage.file_modes import private_folder, tighten_sqlite_files

HUB_DB_VARIABLE = "VC_HUB_DB"
_ADVISORY_LOCK = 0x5643_4855_4221  # "VCHUB!": one migrator at a time across processes
# Requests doing database work at once in one hub process (create_app sets the thread
# pool to this). Of 6, 12 and 20, 12 gave the best burst on PostgreSQL on two cores
# (benchmarks/sync_capacity.py); 6 processes x 16 connections stay under PostgreSQL's
# default max_connections of 100.
DATABASE_THREADS = 12
POOL_OVERFLOW = 4  # for a thread that opens a second connection while holding one


def as_utc(moment: datetime) -> datetime:
    """A time read back from the database, in UTC: SQLite returns it without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def insert_for(dialect_name: str, table: Table) -> Any:
    """The dialect's own INSERT for ``table`` (PostgreSQL's or SQLite's), which offers
    ON CONFLICT DO NOTHING; the hub runs on either."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table)


def default_url() -> str:
    """A SQLite file in the hub's data folder (zero set-up)."""
    folder = Path(platformdirs.user_data_dir("victim-champion-hub", appauthor=False))
    private_folder(folder)
    return f"sqlite:///{folder / 'hub.sqlite3'}"


def database_url(given: str | None = None) -> str:
    """The hub's database: the URL given (--db), else VC_HUB_DB, else the default file."""
    return given or os.environ.get(HUB_DB_VARIABLE) or default_url()


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, foreign keys and a busy timeout for concurrent use,
    and its folder and files are made private first (file_modes.py)."""
    if url.startswith("sqlite"):
        tighten_sqlite_files(url)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    # No ping before each checkout (it was one round trip in every ~15 of a sync round):
    # after PostgreSQL restarts, the first request on a dead connection fails, and
    # SQLAlchemy then retires every connection opened before it; the laptop tries again.
    # The pool holds as many connections as the hub has database threads (DATABASE_THREADS),
    # so a burst does not open and close spare connections (a process each on PostgreSQL).
    return create_engine(url, pool_size=DATABASE_THREADS, max_overflow=POOL_OVERFLOW)


_write_turns: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_turns_guard = threading.Lock()


def write_turn(engine: Engine) -> AbstractContextManager[object]:
    """Hold this while writing on a SQLite engine: one writer at a time in this process.

    SQLite lets one connection write at a time, and a connection that finds the file
    locked sleeps and tries again (1, 2, 5 ... 100 ms apart), so a burst of rounds left
    the database idle between sleeps and a writer could wait far longer than the writes
    took. Waiting here wakes the next writer as soon as the last one commits. Other hub
    processes on the file still meet at SQLite's lock. PostgreSQL locks rows, not the
    whole database: nothing to hold there."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _turns_guard:
        return _write_turns.setdefault(engine, threading.Lock())


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is at the newest migration this hub knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (safe with several hub processes)."""
    config = _alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
