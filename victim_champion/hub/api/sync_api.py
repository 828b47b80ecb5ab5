"""The hub's HTTP API (FastAPI). Every JSON answer is signed with the hub key.

Devices authenticate each request with their own Ed25519 key (headers X-VC-Device,
X-VC-Timestamp, X-VC-Nonce, X-VC-Signature over method, path, time, nonce and body hash);
a nonce is refused a second time. Every answer names the device and nonce it answers.
Admin endpoints take a bearer token from VC_HUB_ADMIN_TOKEN; without one they are closed.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from anyio import to_thread
from fastapi import Body, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from victim_champion.hub.api import bundles, enrolment, exchange, intake
from victim_champion.hub.api.body_limits import BodyLimits
from victim_champion.hub.api.certificate_lookup import Printed, lookup, verify_page
from victim_champion.hub.api.content_publishing import publish_for_desk
from victim_champion.hub.api.device_requests import HubError, check, read_signed, too_old
from victim_champion.hub.api.leaflet_publishing import LeafletDesk
from victim_champion.hub.api.lookup_limits import TOO_MANY, allow_lookup
from victim_champion.hub.api.operability import add_operations, count_envelopes, route_template
from victim_champion.hub.api.replay_guard import BindAnswers, bound
from victim_champion.hub.api.round_route import add_round_route
from victim_champion.hub.dashboard.content_routes import content_router
from victim_champion.hub.dashboard.leaflet_upload import leaflet_router
from victim_champion.hub.dashboard.routes import dashboard_router
from victim_champion.hub.storage.engine import DATABASE_THREADS
from victim_champion.hub.storage.signing_keys import HubKey, load_or_create_hub_key
from victim_champion.sync.shared.protocol import (
    Endpoint,
    EnrolAnswer,
    EnrolRequest,
    ProtocolError,
    PushRequest,
    VerifyRequest,
    push_answer,
)

ADMIN_TOKEN_VARIABLE = "VC_HUB_ADMIN_TOKEN"  # noqa: S105  a variable name
log = logging.getLogger("victim_champion.hub")


def _and_state(work: Any, engine: Engine, device_id: str, *args: Any) -> tuple[Any, Any]:
    """A device's request and the state every answer carries, on one connection."""
    with engine.begin() as connection:
        return work(connection, device_id, *args), exchange.device_state(connection, device_id)


def _verified(engine: Engine, device_id: str, ranges: list[tuple[int, int]]) -> tuple[Any, Any]:
    """A comparison and the state every answer carries, read in one statement (exchange)."""
    with engine.connect() as connection:
        return exchange.verify_and_state(connection, device_id, ranges)


def _pushed_and_state(engine: Engine, device_id: str, raw: list[Any]) -> tuple[Any, Any]:
    """A push (its own transaction, intake.py) and then the state every answer carries."""
    results = intake.push(engine, device_id, raw)
    with engine.begin() as connection:
        return results, exchange.device_state(connection, device_id)


def create_app(
    engine: Engine,
    key_file: Path | None = None,
    public_url: str = "",
    round_requests: bool = True,
) -> FastAPI:
    """The hub application on a migrated database, signing with the key in ``key_file``
    (default: signing_keys.default_key_file). ``public_url`` is the address the public
    reaches this hub's certificate pages at, told to laptops when they enrol. Without
    ``round_requests`` there is no /v1/round (serve --no-round-requests)."""
    key = load_or_create_hub_key(engine, key_file)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Database work runs in worker threads; as many at once as the pool has
        # connections (engine.py), so a burst queues here and not for a connection.
        to_thread.current_default_thread_limiter().total_tokens = DATABASE_THREADS
        yield

    app = FastAPI(
        lifespan=lifespan,
        # No OpenTelemetry from FastAPI itself: the hub has its own metrics and one-line
        # logs, which name routes by template and hold nothing personal, where a span
        # would carry the path (a certificate code is part of one). Checking whether it
        # was configured also cost 3% of the hub's time in a burst of sync rounds.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        title="Victim Champion hub",
        version="1",
        description="Compass House hub: enrolment, sync, content and verification.",
    )
    app.state.verify_url = f"{public_url.rstrip('/')}/verify" if public_url else ""

    def reply(
        document: dict[str, Any], status: int = 200, request: Request | None = None
    ) -> Response:
        # Every signed answer names the device and the nonce of the request it answers,
        # and the hub's time (so a laptop can also say how far off its own clock is).
        headers = request.headers if request is not None else None
        signed = key.signed_json(bound(document, headers))
        return Response(signed, status_code=status, media_type="application/json")

    @app.exception_handler(HubError)
    async def _on_hub_error(_: Request, error: HubError) -> Response:
        return reply({"error": error.reason, **error.extra}, error.status)

    @app.exception_handler(Exception)
    async def _on_failure(request: Request, error: Exception) -> Response:
        # Never an unsigned answer: the laptop can then tell "the hub failed" from a
        # sign-in page. The reference ties the worker's message to the hub's log.
        reference = uuid.uuid4().hex[:8]
        route = route_template(request.scope)
        log.error(
            "request failed",
            exc_info=error,
            extra={"fields": {"method": request.method, "route": route, "ref": reference}},
        )
        return reply(
            {
                "error": f"the hub failed while answering (reference {reference})",
                "code": "server_error",
                "reference": reference,
            },
            500,
            request,  # outside every middleware: bound from the request itself
        )

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(_: Request, error: RequestValidationError) -> Response:
        return reply({"error": "the request is not in the expected form"}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(_: Request, error: StarletteHTTPException) -> Response:
        return reply({"error": str(error.detail)}, error.status_code)

    @app.exception_handler(ClientDisconnect)
    async def _on_disconnect(_: Request, error: ClientDisconnect) -> Response:
        # The client went, or BodyLimits cut a body off: nobody reads this answer.
        return Response(status_code=400)

    def too_large(limit: int) -> Response:
        document = {"error": "the request is too large", "code": "too_large"}
        return reply({**document, "max_body_bytes": limit}, 413)

    # Counts every body as it arrives, before parsing or authentication (body_limits.py).
    app.add_middleware(BodyLimits, api_refusal=too_large)

    # Added next to last: every answer below it is bound to its request.
    app.add_middleware(BindAnswers)
    # Last, so outermost: /healthz, /readyz, /metrics, and every request counted and timed.
    add_operations(app, engine)

    async def device_for(request: Request) -> str:
        """Authenticate a device request; revoked devices are told to wipe."""
        asked = await read_signed(request)
        await run_in_threadpool(check, engine, asked)
        return asked.device_id

    def admin(request: Request) -> None:
        token = os.environ.get(ADMIN_TOKEN_VARIABLE, "")
        given = request.headers.get("authorization", "").removeprefix("Bearer ")
        if not token or not hmac.compare_digest(token, given):
            raise HubError(401, "admin access needs the hub's admin token")

    _device_routes(app, engine, key, reply, device_for)
    if round_requests:
        add_round_route(app, engine, reply)
    _public_routes(app, engine, key, reply)
    _admin_routes(app, engine, reply, admin)
    app.include_router(dashboard_router(engine))  # HTML pages for partner agencies
    app.include_router(content_router(engine, key, publish_for_desk))  # the content desk
    app.include_router(leaflet_router(engine, LeafletDesk(engine, key)))  # official leaflets
    return app


def _device_routes(app: FastAPI, engine: Engine, key: HubKey, reply: Any, device_for: Any) -> None:
    @app.post(Endpoint.ENROL, summary="Enrol a laptop with a one-time code")
    async def enrol(payload: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
        try:
            asked = EnrolRequest.from_wire(payload)
        except ProtocolError as error:
            raise HubError(400, str(error)) from None
        try:
            name = enrolment.enrol_device(engine, asked.code, asked.device_id, asked.public_key)
        except enrolment.EnrolmentError as error:
            raise HubError(403, str(error)) from None
        policy = exchange.policy(engine)
        return reply(
            EnrolAnswer(
                asked.device_id, name, key.key_id, key.public_key, policy, app.state.verify_url
            ).to_wire()
        )

    @app.post(Endpoint.PUSH, summary="Push envelopes; one answer per envelope")
    async def push(request: Request, payload: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
        device_id = await device_for(request)
        try:
            raw = list(PushRequest.from_wire(payload).envelopes)
        except ProtocolError as error:
            raise HubError(400, str(error)) from None
        if (refused := too_old(raw)) is not None:
            raise refused
        results, state = await run_in_threadpool(_pushed_and_state, engine, device_id, raw)
        count_envelopes(results)
        return reply({**push_answer(results), **state.to_wire()})

    @app.get(Endpoint.PULL, summary="One page of items for this device after a cursor")
    async def pull(request: Request, cursor: int = 0, limit: int = 100) -> Response:
        device_id = await device_for(request)
        if cursor < 0 or limit < 1:
            raise HubError(400, "cursor must be 0 or more, limit 1 or more")
        page, state = await run_in_threadpool(
            _and_state, exchange.pull, engine, device_id, cursor, limit
        )
        return reply({**page.to_wire(), **state.to_wire()})

    @app.post(Endpoint.VERIFY, summary="Counts and digest of a device's envelopes")
    async def verify_range(request: Request, payload: dict[str, Any] = Body(...)) -> Response:  # noqa: B008
        device_id = await device_for(request)
        try:
            ranges = list(VerifyRequest.from_wire(payload).ranges)
        except ProtocolError as error:
            raise HubError(400, str(error)) from None
        answer, state = await run_in_threadpool(_verified, engine, device_id, ranges)
        return reply({**answer.to_wire(), **state.to_wire()})

    @app.get(Endpoint.BUNDLE_LATEST, summary="The newest signed content bundle")
    async def latest_bundle(request: Request, kind: str) -> Response:
        await device_for(request)
        if kind not in bundles.SERVED_KINDS:
            raise HubError(404, "no such kind of content")
        return reply({"bundle": bundles.latest(engine, kind)})


def _printed(
    n: str | None = None, c: str | None = None, d: str | None = None, s: str | None = None
) -> Printed:
    """What the QR code carries: n (name), c (course), d (date) and s (signature)."""
    return Printed(n, c, d, s)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _public_routes(app: FastAPI, engine: Engine, key: HubKey, reply: Any) -> None:
    @app.get(Endpoint.HEALTH, summary="The hub is up, and which key it signs with")
    async def health() -> Response:
        return reply({"status": "ok", "hub_key_id": key.key_id})

    @app.get(Endpoint.KEYS, summary="Device public keys, to check certificates offline")
    async def device_keys() -> Response:
        return reply({"keys": await run_in_threadpool(enrolment.published_keys, engine)})

    async def look_up(request: Request, code: str, printed: Printed) -> dict[str, Any] | None:
        """The look-up, or None once this address has spent its look-ups for a while."""
        if not await run_in_threadpool(allow_lookup, engine, _address(request)):
            return None
        return await run_in_threadpool(lookup, engine, code, printed)

    @app.get(Endpoint.CERTIFICATE, summary="Check a certificate code (JSON)")
    async def certificate(
        request: Request,
        code: str,
        printed: Printed = Depends(_printed),  # noqa: B008
    ) -> Response:
        found = await look_up(request, code, printed)
        if found is None:
            raise HubError(429, TOO_MANY)
        return reply(found)

    @app.get(
        Endpoint.CERTIFICATE_PAGE,
        response_class=HTMLResponse,
        summary="Check a certificate code (a page for people who scan the QR code)",
    )
    async def certificate_page(
        request: Request,
        code: str,
        printed: Printed = Depends(_printed),  # noqa: B008
    ) -> HTMLResponse:
        found = await look_up(request, code, printed)
        if found is None:
            return HTMLResponse(verify_page({"valid": False, "reason": TOO_MANY}), 429)
        return HTMLResponse(verify_page(found), status_code=200 if found["genuine"] else 404)


def _admin_routes(app: FastAPI, engine: Engine, reply: Any, admin: Any) -> None:
    @app.get(Endpoint.ADMIN_DEVICES, summary="Enrolled devices (admin)")
    async def list_devices(request: Request) -> Response:
        admin(request)
        rows = enrolment.list_devices(engine)
        return reply({"devices": [json.loads(json.dumps(r.__dict__, default=str)) for r in rows]})

    @app.post(Endpoint.ADMIN_REVOKE, summary="Revoke a device (admin)")
    async def revoke(request: Request, device_id: str) -> Response:
        admin(request)
        if not enrolment.revoke_device(engine, device_id):
            raise HubError(404, "no such device")
        return reply({"revoked": device_id})

    @app.get(Endpoint.ADMIN_STATS, summary="Record counts by kind (admin)")
    async def stats(request: Request) -> Response:
        admin(request)
        return reply(exchange.stats(engine))
