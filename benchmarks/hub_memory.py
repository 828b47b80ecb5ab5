"""The hub's memory under a 300 MB chunked body, sent to /v1/push and to /dashboard/login.
Run: python -m benchmarks.hub_memory

Each target gets a fresh hub process on 127.0.0.1 (a SQLite file in a temporary folder),
so one peak does not hide the other. The baseline is that process's idle VmRSS, read just
before the upload; the value is its VmHWM (peak RSS) just after. Before the body limits
(issue 15), 100 MB to push raised the hub from 95 MB to 402 MB, and 300 MB to login to
722 MB. MB here are MiB. Linux only: it reads /proc.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.figures import Figure, print_table
from tests.support.chunked_upload import memory_kib, send_chunked
from tests.support.hub_process import sqlite_url, start_hub

BODY_BYTES = 300 * 1024 * 1024
TARGETS = (
    ("push", "/v1/push", "application/json"),
    ("login", "/dashboard/login", "application/x-www-form-urlencoded"),
)


def measure(path: str, content_type: str) -> tuple[float, float, float, float, int | None]:
    """Idle RSS, peak RSS (MiB), MiB sent before the answer, seconds, and the status."""
    with tempfile.TemporaryDirectory() as folder:
        hub = start_hub(sqlite_url(Path(folder)))
        try:
            assert hub.process is not None
            idle, _ = memory_kib(hub.process.pid)
            upload = send_chunked(hub.port, path, BODY_BYTES, content_type)
            _, peak = memory_kib(hub.process.pid)
        finally:
            hub.stop()
    mib = 1024 * 1024
    return idle / 1024, peak / 1024, upload.sent_bytes / mib, upload.seconds, upload.status


def figures() -> list[Figure]:
    found: list[Figure] = []
    for name, path, content_type in TARGETS:
        idle, peak, sent, seconds, status = measure(path, content_type)
        found += [
            Figure(
                f"{name}: peak RSS, 300 MB chunked body (answer {status})",
                peak,
                "MB",
                "<= 1.5x",
                idle,
                "the same hub, idle",
            ),
            Figure(f"{name}: sent before the answer (incl. socket buffers)", sent, "MB", "-"),
            Figure(f"{name}: time to the answer", seconds * 1000, "ms", "-"),
        ]
    return found


def main() -> None:
    print_table("Hub memory under a 300 MB chunked body (benchmarks/hub_memory.py)", figures())


if __name__ == "__main__":
    main()
