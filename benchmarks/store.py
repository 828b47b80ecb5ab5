"""SQLCipher against plain SQLite, and unlock time. Run: python -m benchmarks.store

Both databases are files in a temporary folder with the same pragmas (WAL, synchronous
FULL, secure_delete) and the same synthetic rows, measured in this one run.
"""

from __future__ import annotations

import secrets
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, median_seconds, print_table
from tests.support.keyrings import MemoryKeyring
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile
from victim_champion.store.schema.connection import CACHE_KIB, open_encrypted

ROWS = 100_000
LOOKUPS = 5_000
REPEATS = 3
PASSPHRASE = "benchmark only kettle harbour"


def synthetic_rows() -> list[tuple[str, str, str, str]]:
    return [
        (secrets.token_hex(16), f"Person {i:06d}", f"person{i}@example.org", "Volunteer")
        for i in range(ROWS)
    ]


def plain_connection(path: Path) -> Any:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "secure_delete = ON",
        "temp_store = MEMORY",
        f"cache_size = {CACHE_KIB}",
    ):
        connection.execute(f"PRAGMA {pragma}")
    return connection


def insert_seconds(connection: Any, rows: list[tuple[str, str, str, str]]) -> float:
    connection.execute(
        "CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT, email TEXT, role TEXT)"
    )
    connection.execute("CREATE INDEX person_by_name ON person (name)")
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO person VALUES (?, ?, ?, ?)", rows)
    connection.execute("COMMIT")
    return time.perf_counter() - started


def search_seconds(connection: Any, rows: list[tuple[str, str, str, str]]) -> float:
    names = [rows[(i * 7919) % ROWS][1] for i in range(LOOKUPS)]

    def search() -> None:
        for name in names:
            connection.execute("SELECT id, email FROM person WHERE name = ?", (name,)).fetchall()

    return median_seconds(search, repeats=5)


def measure(opener: Callable[[Path], Any], folder: Path, rows: list[Any]) -> tuple[float, float]:
    """Median insert time over fresh files, then search time on the last one."""
    inserts, search = [], 0.0
    for attempt in range(REPEATS):
        connection = opener(folder / f"{attempt}.db")
        inserts.append(insert_seconds(connection, rows))
        if attempt == REPEATS - 1:
            search = search_seconds(connection, rows)
        connection.close()
    return statistics.median(inserts), search


def figures() -> list[Figure]:
    rows = synthetic_rows()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "plain").mkdir()
        (base / "cipher").mkdir()
        key = secrets.token_bytes(32)
        plain_insert, plain_search = measure(plain_connection, base / "plain", rows)
        cipher_insert, cipher_search = measure(
            lambda path: open_encrypted(path, key, create=True), base / "cipher", rows
        )

        profile = Profile(base / "profile", DeviceSecretStore(MemoryKeyring()))
        profile.create(PASSPHRASE)  # tuned for this machine, as init does

        def unlock() -> None:
            profile.open(PASSPHRASE).close()

        unlock_time = median_seconds(unlock, repeats=5)

    return [
        Figure(
            f"{ROWS // 1000}k inserts, one transaction",
            cipher_insert,
            "s",
            "<= 1.15x",
            plain_insert,
            "sqlite3",
        ),
        Figure(
            f"{LOOKUPS} indexed searches",
            cipher_search,
            "s",
            "<= 1.15x",
            plain_search,
            "sqlite3",
        ),
        Figure("unlock: passphrase to open store", unlock_time, "s", "0.3-1.0 s"),
    ]


def main() -> None:
    print_table("Store (benchmarks/store.py)", figures())


if __name__ == "__main__":
    main()
