"""Every page's HMAC checked at unlock, before anything is written or shown.

SQLCipher 4 checks a page's HMAC only when the page is read, so damage in a page the
unlock does not happen to read (a flipped bit on a failing disk, a copy cut short) would
otherwise surface later, mid-task, as an unexplained failure. ``PRAGMA
cipher_integrity_check`` reads the whole main file and reports every page whose HMAC
does not verify, and any page cut short; a file cut at a page boundary is already refused
by SQLite when it reads the schema (its header counts more pages than the file holds).

After a crash (power cut mid-checkpoint) the main file may hold a torn page whose good
copy is still in the -wal file, which is what SQLite reads and what the next checkpoint
writes back. So when the main file fails and the -wal holds frames, the verdict is what
SQLite reads: ``PRAGMA quick_check`` through the pager, every page it reads verified.

The data key was proved by the key slot's AES-GCM tag before this runs, so a page that
fails here is damage, never a wrong passphrase. Frames still in a -wal file (after a
crash) are checked by SQLCipher as they are read, not by this pragma.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from victim_champion.core.errors import CorruptStoreError
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.sqlite_errors import translated_errors

WAL_HEADER_BYTES = 32


def check_every_page(connection: Connection) -> None:
    """Raise CorruptStoreError if any page of the file fails its HMAC or is cut short.

    Only reads: it must run before the first write (migration, retention) of an unlock.
    """
    import sqlcipher3

    with translated_errors():
        problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    if problems and _wal_has_frames(connection):
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchall()
        except sqlcipher3.DatabaseError:  # a page SQLite needs fails its HMAC
            raise CorruptStoreError() from None
        problems = [row for row in verdict if row[0] != "ok"]
    if problems:
        raise CorruptStoreError()


def _wal_has_frames(connection: Connection) -> bool:
    main = next(row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main")
    with contextlib.suppress(OSError):
        return Path(f"{main}-wal").stat().st_size > WAL_HEADER_BYTES
    return False


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
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(fd)
