"""A proxy that replays one device's signed push answer to another device's push.

The answer is genuinely signed by the hub, but it names the donor and the donor's request
nonce, so the laptop refuses it. Used to show that such an answer never leads to a purge,
and that a round it stops is not recorded as a success."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from tests.support.forwarding_server import ForwardingServer


class ReplayProxy(ForwardingServer):
    """Forwards everything to the hub, except pushes by devices other than ``donor``:
    those get the donor's last push answer instead, and never reach the hub."""

    def __init__(self, hub_port: int, donor: str) -> None:
        super().__init__(hub_port)
        self.donor = donor
        self.donor_answer: bytes | None = None
        self.replayed = 0

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        body = self.read_body(request)
        device = request.headers.get("X-VC-Device", "")
        # A round request carries a push too (sync/shared/rounds.py).
        is_push = request.command == "POST" and request.path.endswith(("/v1/push", "/v1/round"))
        if is_push and device != self.donor and self.donor_answer is not None:
            self.replayed += 1
            status, answer = 200, self.donor_answer
        else:
            status, answer = self.forward(request, body)
            if is_push and device == self.donor and status == 200:
                self.donor_answer = answer
        self.answer(request, status, answer)
