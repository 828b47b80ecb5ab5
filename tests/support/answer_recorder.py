"""A server standing in for the hub: it forwards to the real hub and records each signed
answer, or, once told to, answers every request with one recorded answer (a replay)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

from tests.support.forwarding_server import ForwardingServer


@dataclass(frozen=True)
class Recorded:
    """One answer as the hub sent it, and the request it answered."""

    device_id: str
    method: str
    path: str
    status: int
    body: bytes


class AnswerRecorder(ForwardingServer):
    """Forwards to the hub at ``hub_port`` and records every answer; while ``replay`` is
    set, sends that answer instead and the request never reaches the hub."""

    def __init__(self, hub_port: int) -> None:
        super().__init__(hub_port)
        self.recorded: list[Recorded] = []
        self.replay: Recorded | None = None
        self.replayed = 0

    def last(self, device_id: str, status: int | None = None) -> Recorded:
        """The last answer recorded for a device (with that status, if given)."""
        return [
            r
            for r in self.recorded
            if r.device_id == device_id and (status is None or r.status == status)
        ][-1]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if self.replay is not None:
            self.replayed += 1
            status, answer = self.replay.status, self.replay.body
        else:
            headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
            connection = http.client.HTTPConnection("127.0.0.1", self.hub_port, timeout=30)
            try:
                connection.request(
                    request.command, request.path, body=body or None, headers=headers
                )
                response = connection.getresponse()
                status, answer = response.status, response.read()
            finally:
                connection.close()
            device = request.headers.get("X-VC-Device", "")
            self.recorded.append(Recorded(device, request.command, request.path, status, answer))
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(answer)))
        request.end_headers()
        request.wfile.write(answer)
