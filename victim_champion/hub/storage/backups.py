"""Backing up the hub's database, and putting a backup back.

- SQLite: SQLite's online backup, page by page, safe while ``serve`` runs; the copy is
  checked (``PRAGMA integrity_check``) before it takes its name.
- PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot while the hub runs),
  checked by ``pg_restore --list`` before it takes its name.

Nothing is overwritten: a backup never replaces an existing file, and ``restore`` refuses
a database that already holds devices or envelopes unless told ``replace``; then it first
writes the current database to a safety backup beside the file being restored. A backup
holds what the hub holds (sealed referral contacts stay sealed), so it is written 0600.
Passwords in a PostgreSQL URL go to pg_dump through PGPASSWORD, never its command line.

A restore never brings a forgotten person back: the erasure ledger of the database it
replaces is read first, added to the restored one, and every erasure in it is carried out
again before the hub serves (hub/storage/erasure_ledger.py).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, insert, inspect, make_url, select, text

from victim_champion.hub.storage import erasure_ledger
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import devices, down_items, envelopes

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# More items than a hub could make between a backup and its loss; numbers are 64-bit.
RESTORE_NUMBER_GAP = 1_000_000_000
RESTORED_MARK = "(restored)"  # no device has this id, so no laptop pulls the placeholder


class BackupError(Exception):
    """One sentence an administrator can act on."""


def backup(url: str, out: Path) -> Path:
    """A consistent copy of the database at ``url`` in ``out`` (which must not exist)."""
    if out.exists():
        raise BackupError(f"{out} already exists; give a new file name for the backup.")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if _is_sqlite(url):
            _sqlite_backup(_sqlite_path(url), partial)
        else:
            _pg_dump(url, partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out


@dataclass(frozen=True)
class Restored:
    """What a restore did: the safety backup of what was there (if anything was), and how
    many erasures it carried out again."""

    safety: Path | None
    erasures: int


def restore(
    url: str, backup_file: Path, *, erase: erasure_ledger.Eraser, replace: bool = False
) -> Restored:
    """Put ``backup_file`` into the database at ``url``, bring it to the newest migration,
    and carry out again every erasure either database knows of (``erase``: how the hub
    erases a record)."""
    kind = _backup_kind(backup_file)
    target_sqlite = _is_sqlite(url)
    if (kind == "sqlite") != target_sqlite:
        made = "SQLite" if kind == "sqlite" else "PostgreSQL"
        raise BackupError(
            f"{backup_file} is a {made} backup; restore it into a {made} database (--db)."
        )
    safety = None
    carried = _ledger_of(url)
    if _holds_data(url):
        if not replace:
            raise BackupError(
                "That database already holds devices or envelopes; stop the hub and give "
                "--replace to put the backup in its place (the current data is kept in a "
                "safety backup first)."
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        safety = backup(url, backup_file.with_name(f"{backup_file.name}.before-restore-{stamp}"))
    if target_sqlite:
        _sqlite_restore(backup_file, _sqlite_path(url))
    else:
        _pg_restore(url, backup_file)
    engine = make_engine(url)
    try:
        upgrade(engine)  # a backup from an older hub version is brought up to date
        _number_past_the_backup(engine)
        with engine.begin() as connection:
            erasures = erasure_ledger.reapply(connection, carried, erase)
    finally:
        engine.dispose()
    return Restored(safety, erasures)


def _ledger_of(url: str) -> list[erasure_ledger.Erasure]:
    """The erasures the database about to be replaced knows of (none if there is none)."""
    if _is_sqlite(url) and not _sqlite_path(url).exists():
        return []
    engine = make_engine(url)
    try:
        return erasure_ledger.read(engine)
    finally:
        engine.dispose()


def _number_past_the_backup(engine: Engine) -> None:
    """Number what the hub sends laptops from far above the backup's last item.

    A laptop remembers the last item it pulled, and asks only for those after it. Items
    made after the backup are gone with the database, and without this, items made after
    the restore would take their numbers again, at or below what laptops already pulled,
    and never reach them. A placeholder row addressed to no device holds the new top
    (SQLite numbers from the highest row), and PostgreSQL's sequence is moved to it."""
    with engine.begin() as connection:
        top = int(connection.execute(select(func.max(down_items.c.server_seq))).scalar() or 0)
        connection.execute(
            insert(down_items).values(
                server_seq=top + RESTORE_NUMBER_GAP,
                device_id=RESTORED_MARK,
                kind=RESTORED_MARK,
                payload="{}",
                created_at=datetime.now(UTC),
            )
        )
        if engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence('down_items', 'server_seq'), :top)"),
                {"top": top + RESTORE_NUMBER_GAP},
            )


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("Give --db as a SQLite file, not an in-memory database.")
    return Path(database)


def _holds_data(url: str) -> bool:
    if _is_sqlite(url) and not _sqlite_path(url).exists():
        return False
    engine: Engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        if not {"devices", "envelopes"} <= tables:
            return False
        with engine.connect() as connection:
            count = connection.execute(select(func.count()).select_from(devices)).scalar_one()
            count += connection.execute(select(func.count()).select_from(envelopes)).scalar_one()
        return bool(count)
    finally:
        engine.dispose()


def _backup_kind(path: Path) -> str:
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError:
        raise BackupError(f"{path} cannot be read; check the file name.") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a hub backup (neither a SQLite file nor a pg_dump archive).")


def _private_file(path: Path) -> None:
    path.touch(mode=0o600)
    path.chmod(0o600)


def _sqlite_backup(source: Path, copy: Path) -> None:
    if not source.exists():
        raise BackupError(f"There is no hub database at {source}; check --db.")
    _private_file(copy)
    with sqlite3.connect(source) as live, sqlite3.connect(copy) as target:
        live.backup(target)
    with sqlite3.connect(copy) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The copy did not pass SQLite's integrity check; try again.")


def _sqlite_restore(backup_file: Path, target: Path) -> None:
    with sqlite3.connect(backup_file) as check:
        try:
            healthy = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            healthy = False
    if not healthy:
        raise BackupError(f"{backup_file} is damaged; restore an earlier backup.")
    if not target.exists():
        _private_file(target)
    with sqlite3.connect(backup_file) as source, sqlite3.connect(target) as into:
        source.backup(into)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL as pg_dump reads it (no driver, no password) and the environment with the
    password in PGPASSWORD."""
    parsed = make_url(url)
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed; install postgresql-client.")
    return found


def _run(command: list[str], environment: dict[str, str], failed: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(failed)


def _pg_dump(url: str, copy: Path) -> None:
    address, environment = _libpq(url)
    _private_file(copy)
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={copy}", address],
        environment,
        "pg_dump could not copy the database; check --db and that PostgreSQL is running.",
    )
    _run(
        [_tool("pg_restore"), "--list", str(copy)],
        environment,
        "The copy could not be read back by pg_restore; try again.",
    )


def _pg_restore(url: str, backup_file: Path) -> None:
    address, environment = _libpq(url)
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={address}",
            str(backup_file),
        ],
        environment,
        "pg_restore could not put the backup back; the database is as it was.",
    )
