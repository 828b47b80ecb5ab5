"""Send a large chunked request body over a raw socket, as an attacker would, and watch
the hub's memory while it is received (Linux: /proc/PID/status)."""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass
from pathlib import Path

CHUNK = 256 * 1024


@dataclass(frozen=True)
class Upload:
    """What happened to one chunked upload."""

    status: int | None  # None: the hub answered nothing before the connection ended
    sent_bytes: int
    seconds: float
    answer: bytes


def memory_kib(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM (the peak so far) of a process, in KiB."""
    fields: dict[str, int] = {}
    with Path(f"/proc/{pid}/status").open(encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def _status_of(answer: bytes) -> int | None:
    first = answer.split(b"\r\n", 1)[0].split()
    return int(first[1]) if len(first) >= 2 and first[1].isdigit() else None


def send_chunked(
    port: int, path: str, total_bytes: int, content_type: str, fill: bytes = b" "
) -> Upload:
    """POST ``fill`` repeated in chunks until at least ``total_bytes`` have gone (a body
    of at most one chunk is sent whole), stopping as soon as the hub answers."""
    started = time.perf_counter()
    chunk = (fill * (CHUNK // len(fill) + 1))[: min(CHUNK, total_bytes)]
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    answer = b""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        try:
            while sent < total_bytes:
                readable, _, _ = select.select([connection], [], [], 0)
                if readable:
                    break  # the hub has answered before the body ended
                connection.sendall(frame)
                sent += len(chunk)
            else:
                connection.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the hub closed the connection on a body it will not read
        try:
            while True:
                part = connection.recv(65536)
                if not part:
                    break
                answer += part
        except OSError:
            pass
    return Upload(_status_of(answer), sent, time.perf_counter() - started, answer)
