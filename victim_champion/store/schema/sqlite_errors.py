"""Translate SQLCipher's exceptions into the product's typed errors, in one place."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from victim_champion.core.errors import CorruptStoreError, DiskFullError

_CORRUPT_HINTS = ("file is not a database", "malformed", "not a database", "corrupt")
_FULL_HINTS = ("database or disk is full", "disk i/o error")


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn damaged-file and full-disk failures into CorruptStoreError and DiskFullError."""
    import sqlcipher3

    try:
        yield
    except (sqlcipher3.DatabaseError, sqlite3.DatabaseError) as error:
        text = str(error).casefold()
        if any(hint in text for hint in _FULL_HINTS):
            raise DiskFullError() from None
        if any(hint in text for hint in _CORRUPT_HINTS):
            raise CorruptStoreError() from None
        raise
