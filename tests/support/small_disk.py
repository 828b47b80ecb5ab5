"""A real small disk (tmpfs) for full-disk tests, and a way to fill it to the last byte.

Mounting needs root, as CI runs; elsewhere the test is skipped (and fails under CI)."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` mounted on ``folder`` for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        message = "a small disk for full-disk tests needs root to mount a tmpfs"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Write a filler file until the disk is full, or ``leave_bytes`` are left; returns it."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as out:
        for chunk in (1 << 20, 1 << 16, 1 << 12):
            while free_bytes(folder) - chunk >= leave_bytes:
                try:
                    out.write(b"\0" * chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    return filler


def free_bytes(folder: Path) -> int:
    """Bytes an ordinary write can still use."""
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize
