"""A peer baseline for sync: Anki's own sync server and client, a no-op sync over loopback.

Run: python -m benchmarks.anki_peer (needs the ``bench`` extra: pip install -e '.[bench]').

Anki's sync server (``python -m anki.syncserver``, the Rust server inside the ``anki``
wheel) runs as a separate process on 127.0.0.1, as our hub does in benchmarks/sync.py. A
fresh collection gets as many notes as sync.py pushes records, is uploaded once in full,
and then ``Collection.sync_collection`` is timed while there is nothing to do: the median
of several calls. Media sync is off; ours has no media either.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, print_table
from tests.support.hub_process import free_port

NOTES = 10_000  # as many as benchmarks/sync.py pushes
RUNS = 20
USER, PASSWORD = "bench", "bench-only"  # a throwaway account on a loopback server


class PeerUnavailableError(RuntimeError):
    """Anki cannot be measured here; the message says why."""


def anki_version() -> str:
    return str(import_module("anki.buildinfo").version)


def _wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode() if server.stderr else ""
            raise PeerUnavailableError(f"anki.syncserver stopped at start: {error.strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise PeerUnavailableError("anki.syncserver did not listen within 60 s")


def start_server(base: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "SYNC_USER1": f"{USER}:{PASSWORD}",
        "SYNC_BASE": str(base),
        "SYNC_HOST": "127.0.0.1",
        "SYNC_PORT": str(port),
        "RUST_LOG": "error",  # the server logs every request at info level
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "anki.syncserver"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, server)
    except BaseException:
        server.kill()
        server.wait()
        raise
    return server, f"http://127.0.0.1:{port}/"


def fill(collection: Any) -> None:
    """NOTES synthetic notes of the stock Basic type in the default deck."""
    model = collection.models.by_name("Basic")
    deck = collection.decks.id("Default")
    for i in range(NOTES):
        note = collection.new_note(model)
        note["Front"] = f"Person {i}"
        note["Back"] = "Volunteer"
        collection.add_note(note, deck)


def noop_sync_times(collection: Any, endpoint: str) -> list[float]:
    auth = collection.sync_login(USER, PASSWORD, endpoint)
    first = collection.sync_collection(auth, sync_media=False)
    if first.required in (first.FULL_UPLOAD, first.FULL_SYNC):
        collection.close_for_full_sync()
        collection.full_upload_or_download(auth=auth, server_usn=None, upload=True)
        collection.reopen(after_full_sync=True)
    check = collection.sync_collection(auth, sync_media=False)
    if check.required != check.NO_CHANGES:
        raise PeerUnavailableError(f"Anki still had work after the first sync: {check}")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        output = collection.sync_collection(auth, sync_media=False)
        times.append(time.perf_counter() - started)
        assert output.required == output.NO_CHANGES, output
    return times


def figures() -> list[Figure]:
    if find_spec("anki") is None:
        raise PeerUnavailableError(
            "the anki package is not installed: pip install -e '.[bench]' (scripts/benchmarks "
            "installs it)"
        )
    # Imported by name: anki is an optional extra, so mypy must not need it installed.
    collection_class = import_module("anki.collection").Collection
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        server, endpoint = start_server(base / "server")
        try:
            (base / "client").mkdir()
            collection = collection_class(str(base / "client" / "collection.anki2"))
            try:
                fill(collection)
                times = noop_sync_times(collection, endpoint)
            finally:
                collection.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return [
        Figure(
            f"Anki {anki_version()} no-op sync (median of {RUNS})",
            statistics.median(times) * 1000,
            "ms",
            "peer",
        )
    ]


def main() -> None:
    try:
        measured = figures()
    except PeerUnavailableError as reason:
        print(f"Anki peer baseline not measured: {reason}")
        raise SystemExit(1) from None
    print_table("Anki peer (benchmarks/anki_peer.py)", measured)


if __name__ == "__main__":
    main()
