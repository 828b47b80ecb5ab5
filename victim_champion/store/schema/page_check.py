"""Every page's HMAC checked at unlock, before anything is written or shown.

SQLCipher 4 checks a page's HMAC only when the page is read, so damage in a page the
unlock does not happen to read (a flipped bit on a failing disk, a copy cut short) would
otherwise surface later, mid-task, as an unexplained failure. ``PRAGMA
cipher_integrity_check`` reads the whole main file and reports every page whose HMAC
does not verify, and any page cut short; a file cut at a page boundary is already refused
by SQLite when it reads the schema (its header counts more pages than the file holds).

The data key was proved by the key slot's AES-GCM tag before this runs, so a page that
fails here is damage, never a wrong passphrase. Frames still in a -wal file (after a
crash) are not covered: SQLCipher checks each of them when it is read.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from victim_champion.core.errors import CorruptStoreError
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.sqlite_errors import translated_errors


def check_every_page(connection: Connection) -> None:
    """Raise CorruptStoreError if any page of the file fails its HMAC or is cut short.

    Only reads: it must run before the first write (migration, retention) of an unlock.
    """
    with translated_errors():
        problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    if problems:
        raise CorruptStoreError()


def read_ahead(path: Path) -> None:
    """Ask the OS to start reading the whole file into its cache, and return at once.

    Called before the passphrase's Argon2 step, so that on a cold start the disk reads
    the pages the check will need while the CPU is busy with the key. Only a hint: a
    no-op where the OS has no ``posix_fadvise`` (Windows, macOS) or the file is missing.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(fd)
