"""Replace a small file atomically, so a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from victim_champion.core.errors import DiskFullError

# Windows opens files in text mode unless told otherwise, and would turn every \n byte of a
# PDF or key file into \r\n (found by the Wine check: PDFs with broken streams).
BINARY = getattr(os, "O_BINARY", 0)


def write_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` beside ``path``, fsync it, then rename over ``path``.

    The old file stays whole until the rename, which the OS makes atomic. On ENOSPC the
    partial temporary file is removed and DiskFullError is raised.

    ``mode`` (0600 unless told otherwise) is given to the file as the OS creates it, before
    any byte lands, so the data is never readable by others, not even for a moment. A
    ``.partial`` left by a crash is removed first: opened again, it would keep its old mode.
    """
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        temporary.replace(path)
        _fsync_directory(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if error.errno == errno.ENOSPC:
            raise DiskFullError() from None
        raise


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; Windows has no directory fsync.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)  # posix-only: a directory, after the check above
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
