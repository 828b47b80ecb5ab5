"""The hub's files are its own: the data folder 0700, the database files and the key 0600.

They are made with these modes and tightened again on every start, so a hub made before
this rule (its files 0644 in a 0755 folder) is fixed the next time it runs. A folder this
user does not own, or a shared one with the sticky bit (``/tmp``), is left alone: changing
it would break other people's files, and the database file's own 0600 still holds.
"""

from __future__ import annotations

import logging
import os
import stat
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise turn \n into \r\n
log = logging.getLogger("victim_champion.hub")


def private_folder(folder: Path) -> None:
    """Make the folder (0700) if it is missing, and tighten it if it is this user's own."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    found = folder.stat()
    owner = os.getuid() if hasattr(os, "getuid") else found.st_uid  # posix-only
    if found.st_mode & stat.S_ISVTX or found.st_uid != owner:
        log.warning("the hub's data folder is shared, so its mode is left as it is")
        return
    if stat.S_IMODE(found.st_mode) != FOLDER_MODE:
        folder.chmod(FOLDER_MODE)


def private_file(path: Path) -> None:
    """Tighten an existing file to 0600."""
    if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)


def write_new_private_file(path: Path, data: bytes) -> bool:
    """Write a new 0600 file whole, or leave the one already there; True if written.

    The bytes go to a temporary file first and are linked into place, so a reader never
    sees half a file, and of two processes racing only the first one's file is kept.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        temporary.unlink()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for another database or one in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


def tighten_sqlite_files(url: str) -> None:
    """The folder 0700 and the database (made empty if new, before SQLite can make it
    0644), its WAL and shared-memory files 0600. SQLite gives a new WAL the database's
    own mode, so later ones are 0600 too."""
    database = sqlite_file(url)
    if database is None:
        return
    private_folder(database.parent.resolve())
    os.close(os.open(database, os.O_WRONLY | os.O_CREAT | BINARY, FILE_MODE))
    for path in [database] + [Path(f"{database}{side}") for side in SQLITE_SIDE_FILES]:
        if path.exists():
            private_file(path)
