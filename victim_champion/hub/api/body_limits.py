"""Body limits while reading: every request body is counted as it arrives, before parsing.

A pure ASGI middleware, outside every route, dependency and authentication step. It
refuses a body larger than its route allows with a 413:

- at once, from the ``Content-Length`` header, before the application sees the request.
  A declared body up to ``DRAIN_LIMIT`` is then let in and thrown away by the server
  (uvicorn discards a body once the answer is complete), so a laptop that sent too much
  reads the 413 and halves its batch; a larger one gets ``Connection: close``;
- for a chunked body (no length given), as soon as the bytes received pass the limit,
  with ``Connection: close``. The application, still waiting for the rest, is told the
  client went away, so nothing it had started is finished; whatever it answers is dropped.

So the hub holds at most one route's limit (plus one chunk) of any body, whatever a
client sends. The limits:

- ``POST /v1/push``: ``MAX_BODY_BYTES``, the size the hub announces to laptops;
- ``POST /dashboard/content/leaflets``: ``LEAFLET_UPLOAD_LIMIT``, one leaflet of the most
  core/leaflet_bundle allows and its form's fields (refused in a sentence about leaflets);
- ``/dashboard/...`` (the login and the other forms): ``FORM_LIMIT`` (16 KiB);
- everything else: ``DEFAULT_LIMIT`` (64 KiB), room for the largest verify request.

Answers under ``/v1/`` come from the ``api_refusal`` the hub gives (signed, with
``max_body_bytes`` so a laptop halves its batch); others are one plain sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from victim_champion.core.leaflet_bundle import MAX_LEAFLET_BYTES, megabytes
from victim_champion.sync.shared.protocol import MAX_BODY_BYTES, Endpoint

FORM_LIMIT = 16 * 1024
DEFAULT_LIMIT = 64 * 1024
DRAIN_LIMIT = 2 * MAX_BODY_BYTES  # a declared body up to this is read and discarded
DASHBOARD_PREFIX = "/dashboard"
API_PREFIX = "/v1/"
LEAFLET_UPLOAD = "/dashboard/content/leaflets"
LEAFLET_UPLOAD_LIMIT = MAX_LEAFLET_BYTES + 64 * 1024  # the PDF, the other fields, multipart


def limit_for(method: str, path: str) -> int:
    """The most body bytes the hub reads for one route."""
    if method == "POST" and path in (Endpoint.PUSH.value, Endpoint.ROUND.value):
        return MAX_BODY_BYTES
    if method == "POST" and path == LEAFLET_UPLOAD:
        return LEAFLET_UPLOAD_LIMIT
    if path == DASHBOARD_PREFIX or path.startswith(DASHBOARD_PREFIX + "/"):
        return FORM_LIMIT
    return DEFAULT_LIMIT


def plain_refusal(limit: int, path: str = "") -> Response:
    """A 413 for a person: one sentence."""
    sentence = (
        f"The request is larger than the hub accepts here ({limit} bytes at most); "
        "send less and try again."
    )
    if path == LEAFLET_UPLOAD:
        sentence = (
            f"Not published: the file is larger than a leaflet may be "
            f"({megabytes(MAX_LEAFLET_BYTES)} at most)."
        )
    return PlainTextResponse(
        sentence,
        status_code=413,
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def _declared_length(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return str(value.decode("latin-1"))
    return None


class BodyLimits:
    """Counts each request body as it is received and answers 413 past the route's limit."""

    def __init__(self, app: ASGIApp, api_refusal: Callable[[int], Response] | None = None) -> None:
        self.app = app
        self.api_refusal = api_refusal

    def refusal(self, path: str, limit: int, close: bool) -> Response:
        """The 413 for a path; ``close`` ends the connection, leaving the rest unread."""
        if self.api_refusal is not None and path.startswith(API_PREFIX):
            response = self.api_refusal(limit)
        else:
            response = plain_refusal(limit, path)
        if close:
            response.headers["Connection"] = "close"
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = limit_for(str(scope.get("method", "")), path)
        declared = _declared_length(scope)
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            close = not declared.isdigit() or int(declared) > DRAIN_LIMIT
            await self.refusal(path, limit, close)(scope, receive, send)
            return
        received = 0
        refused = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await self.refusal(path, limit, close=True)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has gone; the application's own answer is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)
