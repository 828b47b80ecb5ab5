"""A server standing in for the hub: it forwards to the real hub and records each signed
answer, or, once told to, answers every request with one recorded answer (a replay)."""

from __future__ import annotations

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
        body = self.read_body(request)
        if self.replay is not None:
            self.replayed += 1
            status, answer = self.replay.status, self.replay.body
        else:
            status, answer = self.forward(request, body)
            device = request.headers.get("X-VC-Device", "")
            self.recorded.append(Recorded(device, request.command, request.path, status, answer))
        self.answer(request, status, answer)
