"""A small server on 127.0.0.1 that stands in for the hub; subclasses decide, request by
request, whether to forward to the real hub or to answer themselves."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class ForwardingServer:
    """Runs while used as a context manager; every GET and POST goes to ``handle``."""

    def __init__(self, hub_port: int) -> None:
        self.hub_port = hub_port
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.handle(self)

            def do_POST(self) -> None:
                server.handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        """Answer one request (on the server's thread)."""
        raise NotImplementedError

    @staticmethod
    def read_body(request: BaseHTTPRequestHandler) -> bytes:
        """The request's body (empty without one)."""
        length = int(request.headers.get("Content-Length") or 0)
        return request.rfile.read(length) if length else b""

    def forward(self, request: BaseHTTPRequestHandler, body: bytes) -> tuple[int, bytes]:
        """Send the request on to the real hub; its status and answer."""
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        connection = http.client.HTTPConnection("127.0.0.1", self.hub_port, timeout=30)
        try:
            connection.request(request.command, request.path, body=body or None, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    @staticmethod
    def answer(request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
        """Send an answer back to the laptop."""
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
