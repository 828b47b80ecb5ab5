"""A device's request as the hub reads it before doing anything: its credentials (device
id, time, nonce, signature over method, path, time, nonce and body hash) and body, checked
in one trip to the database (device_auth.py); and the errors every route answers with.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from starlette.requests import Request

from victim_champion.hub.api.device_auth import Outcome, authenticate
from victim_champion.sync.shared.binding import REPLAYED_CODE, is_nonce, wipe_order
from victim_champion.sync.shared.protocol import (
    ACCEPTED_SCHEMA_VERSIONS,
    CLOCK_SKEW_SECONDS,
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    MAX_BODY_BYTES,
    ProtocolError,
    unb64,
)
from victim_champion.sync.shared.signatures import request_message


class HubError(Exception):
    """An answer other than success: status code and a one-sentence reason."""

    def __init__(self, status: int, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.extra = extra


@dataclass(frozen=True)
class Signed:
    """A device request's credentials and body, read before anything is looked up."""

    device_id: str
    nonce: str
    stamp: int
    signature: bytes | None
    message: bytes
    body: bytes


async def read_signed(request: Request) -> Signed:
    """A device request's credentials: refused at once if missing or out of time."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HubError(
            413, "the request is too large", code="too_large", max_body_bytes=MAX_BODY_BYTES
        )
    device_id = request.headers.get(HEADER_DEVICE, "")
    stamp = request.headers.get(HEADER_TIMESTAMP, "")
    nonce = request.headers.get(HEADER_NONCE, "")
    if not device_id or not stamp.lstrip("-").isdigit() or not is_nonce(nonce):
        raise HubError(401, "the request is not signed by a device", code="unsigned")
    if abs(time.time() - int(stamp)) > CLOCK_SKEW_SECONDS:
        raise HubError(
            401,
            "the device clock is too far out; set the time and try again",
            code="clock_skew",
        )
    try:
        signature: bytes | None = unb64(request.headers.get(HEADER_SIGNATURE), "signature")
    except ProtocolError:
        signature = None
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    message = request_message(request.method, path, int(stamp), nonce, body)
    return Signed(device_id, nonce, int(stamp), signature, message, body)


def check(engine: Engine, asked: Signed) -> None:
    """Authenticate (in a worker thread: it reads and writes the database); a refusal
    raises HubError, and revoked devices are told to wipe."""
    outcome = authenticate(
        engine, asked.device_id, asked.nonce, asked.stamp, asked.signature, asked.message
    )
    if outcome is not Outcome.OK:
        raise refusal(outcome, asked.device_id)


def refusal(outcome: Outcome, device_id: str) -> HubError:
    """The answer to a request whose credentials did not pass (device_auth.py)."""
    if outcome is Outcome.NOT_ENROLLED:
        return HubError(401, "this device is not enrolled", code="not_enrolled")
    if outcome is Outcome.UNSIGNED:
        return HubError(401, "the request signature is missing", code="unsigned")
    if outcome is Outcome.BAD_SIGNATURE:
        return HubError(401, "the request signature is not valid", code="bad_signature")
    if outcome is Outcome.REPLAYED:
        # In the database, so a replay to any hub process on it is refused too.
        return HubError(409, "this request was already received once", code=REPLAYED_CODE)
    return HubError(403, "this device has been revoked", **wipe_order(device_id))


def too_old(raw: Sequence[Any]) -> HubError | None:
    """Upgrade required, when every envelope with a version is older than the hub takes."""
    versions = [e.get("schema_version") for e in raw if isinstance(e, dict)]
    numbers = [v for v in versions if isinstance(v, int) and not isinstance(v, bool)]
    if numbers and max(numbers) < min(ACCEPTED_SCHEMA_VERSIONS):
        return HubError(426, "upgrade required: install the latest Victim Champion")
    return None
