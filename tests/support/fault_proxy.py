"""A misbehaving network between laptop and hub, on 127.0.0.1.

Each request gets a fault from the plan: pass, delay, drop the request, drop the answer
(the hub did the work but the laptop never hears), truncate the answer, send the request
twice, replay an older request first (reordering), or answer like a captive portal.
"truncate" sends half an answer with a matching length; "cut" states the full length and
drops the connection halfway, as a failing mobile link does.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = (
    "pass",
    "delay",
    "drop_request",
    "drop_answer",
    "truncate",
    "cut",
    "duplicate",
    "reorder",
    "captive_portal",
)
CAPTIVE_PAGE = (
    b"<html><head><title>Free Wi-Fi</title></head><body>"
    b"<h1>Welcome to Village Hall Wi-Fi</h1><p>Accept the terms to continue.</p>"
    b"</body></html>"
)


class FaultProxy:
    """Forwards to the hub at ``port``, injecting faults chosen by a seeded random plan."""

    def __init__(self, hub_port: int, seed: int, fault_rate: float = 0.5) -> None:
        self.hub_port = hub_port
        self.random = random.Random(seed)
        self.fault_rate = fault_rate
        self.seen: Counter[str] = Counter()
        self.history: list[tuple[str, str, bytes, dict[str, str]]] = []
        # Every kind of fault happens at least once (in a seeded order), then at random.
        self._first = list(FAULTS[1:])
        self.random.shuffle(self._first)
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                proxy.handle(self)

            def do_POST(self) -> None:
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _choose(self) -> str:
        with self._lock:
            fault = (
                "pass" if self.random.random() > self.fault_rate else self.random.choice(FAULTS[1:])
            )
            self.seen[fault] += 1
            return fault

    def _forward(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.hub_port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        fault = self._choose()
        method, path = request.command, request.path
        if fault == "captive_portal":
            self._reply(request, 200, [("Content-Type", "text/html")], CAPTIVE_PAGE)
            return
        if fault == "drop_request":
            request.close_connection = True
            return
        if fault == "delay":
            time.sleep(self.random.uniform(0.05, 0.3))
        if fault == "reorder" and self.history:
            old = self.history[self.random.randrange(len(self.history))]
            self._forward(*old)  # an older request arrives late, after newer ones
        with self._lock:
            self.history.append((method, path, body, headers))
        status, answer_headers, answer = self._forward(method, path, body, headers)
        if fault == "duplicate":
            status, answer_headers, answer = self._forward(method, path, body, headers)
        if fault == "drop_answer":
            request.close_connection = True
            return
        if fault == "truncate":
            answer = answer[: max(1, len(answer) // 2)]
        if fault == "cut":  # the connection drops mid-answer: half the stated length arrives
            request.send_response(status)
            request.send_header("Content-Length", str(len(answer)))
            request.send_header("Connection", "close")
            request.end_headers()
            request.wfile.write(answer[: len(answer) // 2])
            request.close_connection = True
            return
        kept = [
            (k, v)
            for k, v in answer_headers
            if k.lower() not in ("content-length", "transfer-encoding", "connection")
        ]
        self._reply(request, status, kept, answer)

    @staticmethod
    def _reply(
        request: BaseHTTPRequestHandler, status: int, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        request.send_response(status)
        for key, value in headers:
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Connection", "close")
        request.end_headers()
        request.wfile.write(body)
