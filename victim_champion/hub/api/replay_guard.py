"""Answers bound to the request they answer, and signed requests refused a second time.

Every signed answer carries the device id and nonce named in the request's headers, and
the hub's time (``bound``). BindAnswers notes them per request, so every answer gets
them, error answers and answers from other middleware included. A device's nonce is
recorded in the database, where the primary key refuses it a second time: several hub
processes on one database refuse a replay together, for as long as the request's time is
acceptable (device_auth.py).
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from victim_champion.sync.shared.binding import is_nonce
from victim_champion.sync.shared.protocol import HEADER_DEVICE, HEADER_NONCE

_binding: ContextVar[dict[str, str] | None] = ContextVar("vc_answer_binding", default=None)


def request_binding(headers: Headers) -> dict[str, str]:
    """The device id and nonce a request names (each only if well-formed)."""
    found: dict[str, str] = {}
    device_id, nonce = headers.get(HEADER_DEVICE, ""), headers.get(HEADER_NONCE, "")
    if 0 < len(device_id) <= 64:
        found["device_id"] = device_id
    if is_nonce(nonce):
        found["nonce"] = nonce
    return found


class BindAnswers:
    """ASGI middleware: notes each request's binding for ``bound`` (add it outermost)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            _binding.set(request_binding(Headers(scope=scope)))
        await self.app(scope, receive, send)


def bound(document: dict[str, Any], headers: Headers | None = None) -> dict[str, Any]:
    """An answer with the request's device id and nonce and the hub's time added."""
    binding = request_binding(headers) if headers is not None else (_binding.get() or {})
    return {**document, **binding, "hub_time": int(time.time())}
