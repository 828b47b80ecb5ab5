"""One change to keys.json at a time, across processes (the app and the command line).

A change reads keys.json, adds or takes out slots and writes it back. Two at once would
each write what they read, so one change could undo the other: a recovery key used by one
process could come back when another process added a staff slot. Holding this lock from
the read to the write makes each change see the one before it.

The lock is an OS advisory lock on a small file beside keys.json (``flock`` on POSIX,
``msvcrt.locking`` on Windows). The OS lets go of it when the process ends, even in a
crash, so a stale lock can never keep anyone out.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from victim_champion.store.atomic_file import BINARY


def lock_path(keys: Path) -> Path:
    """The lock file for this keys.json (empty; wipe removes it too)."""
    return keys.with_name(f".{keys.name}.lock")


@contextlib.contextmanager
def slot_set_locked(keys: Path) -> Iterator[None]:
    """Hold the profile's key-file lock, waiting for another process to let go of it."""
    fd = os.open(lock_path(keys), os.O_RDWR | os.O_CREAT | BINARY, 0o600)
    try:
        if os.name == "nt":
            import msvcrt  # Windows only

            # Blocks, trying once a second for 10 s, then raises OSError.
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl  # posix-only: the else of os.name == "nt"

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor lets go of the lock on both systems
