"""Opening the SQLCipher file with a raw key and the pinned settings; never creating by accident.

Must be called on the connection's owner thread (see connection_owner.py).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from victim_champion.core.errors import CorruptStoreError, ProfileNotFoundError
from victim_champion.store.schema.sqlite_errors import translated_errors

Connection = Any  # sqlcipher3 ships no type information
# cipher_compatibility can be set but not read back; these show its effect.
CACHE_KIB = -32768  # negative: KiB, so 32 MiB
# Pinned SQLCipher settings (SQLCipher 4 defaults, stated so a future library default
# cannot silently change how an existing file is read). Recorded in the file too.
CIPHER_SETTINGS: dict[str, str | int] = {
    "cipher_compatibility": 4,
    "cipher_page_size": 4096,
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}

MIN_FILE_BYTES = int(CIPHER_SETTINGS["cipher_page_size"])
READABLE_SETTINGS = ("cipher_page_size", "cipher_hmac_algorithm", "cipher_kdf_algorithm")


def open_encrypted(path: Path | None, data_key: bytes, *, create: bool = False) -> Connection:
    """Open (or, only when ``create`` is True, create) the encrypted database.

    ``path`` None means a private in-memory database (self-test). Opening an existing
    file never writes to it until the key has been proved by reading the schema, so a
    wrong key or a damaged file leaves every byte as it was.
    """
    import sqlcipher3  # imported on first open, so the unlock screen appears sooner

    if path is None:
        uri = "file::memory:?mode=memory"
    else:
        if not create and not path.exists():
            raise ProfileNotFoundError()
        if not create and path.stat().st_size < MIN_FILE_BYTES:
            # An empty file is a valid *empty* SQLite database; opening it would quietly
            # start a new store in place of the damaged one.
            raise CorruptStoreError()
        uri = f"file:{urllib.parse.quote(str(path))}?mode={'rwc' if create else 'rw'}"
    connection = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
    try:
        # SQLCipher logs a failed page HMAC to stderr itself; a damaged file must reach a
        # person as our one sentence (CorruptStoreError), not as library log lines.
        connection.execute("PRAGMA cipher_log_level = NONE")
        # A raw 256-bit key: SQLCipher's own PBKDF2 is skipped because Argon2id already
        # did the slow step when the key slot was opened.
        connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        for name, value in CIPHER_SETTINGS.items():
            connection.execute(f"PRAGMA {name} = {value}")
        with translated_errors():
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        # Only now, with the key proved, may anything be written.
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        # Decrypting a page is the cost SQLCipher adds; a bigger page cache pays it once.
        connection.execute(f"PRAGMA cache_size = {CACHE_KIB}")
    except BaseException:
        connection.close()
        raise
    return connection


def cipher_report(connection: Connection) -> dict[str, str]:
    """The cipher version and settings in force on this connection, for self-test."""
    report = {"cipher_version": connection.execute("PRAGMA cipher_version").fetchone()[0]}
    for name in (*READABLE_SETTINGS, "cipher_provider", "cipher_provider_version"):
        row = connection.execute(f"PRAGMA {name}").fetchone()
        report[name] = str(row[0]) if row else ""
    import sqlcipher3

    report["sqlite_version"] = sqlcipher3.sqlite_version
    return report


@contextmanager
def transaction(connection: Connection, *, exclusive: bool = False) -> Iterator[None]:
    """One write transaction: committed whole, or rolled back whole."""
    with translated_errors():
        connection.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
        try:
            yield
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
