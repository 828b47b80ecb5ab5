"""The hub's side of a whole sync round in one request (sync/rounds.py).

The credentials are checked and the round done in one worker-thread hop: the push in its
own transaction (intake.py), then the comparison, one pull page and the device state read
together on one connection, after the push, so the batch just sent is compared at once.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from victim_champion.hub.api import exchange, intake
from victim_champion.hub.api.device_requests import HubError, check, read_signed, too_old
from victim_champion.hub.api.operability import count_envelopes
from victim_champion.sync.protocol import Endpoint, ProtocolError
from victim_champion.sync.rounds import RoundAnswer, RoundRequest


def sync_round(engine: Engine, device_id: str, asked: RoundRequest) -> RoundAnswer:
    """Push, compare and pull for one device, as asked."""
    results = intake.push(engine, device_id, list(asked.envelopes)) if asked.envelopes else []
    with engine.begin() as connection:
        checked = exchange.verify(connection, device_id, asked.ranges) if asked.ranges else None
        page = exchange.pull(connection, device_id, asked.cursor, asked.limit)
        state = exchange.device_state(connection, device_id)
    return RoundAnswer(tuple(results), checked, page, state)


def add_round_route(app: FastAPI, engine: Engine, reply: Any) -> None:
    """POST /v1/round, answered with ``reply`` (signed and bound to the request)."""

    @app.post(Endpoint.ROUND, summary="A whole sync round: push, compare, one pull page")
    async def round_trip(request: Request) -> JSONResponse:
        asked = await read_signed(request)
        try:
            wanted: RoundRequest | None = RoundRequest.from_wire(json.loads(asked.body))
            problem = ""
        except (ProtocolError, ValueError) as error:
            wanted = None
            problem = str(error) if isinstance(error, ProtocolError) else ""

        def work() -> RoundAnswer:
            check(engine, asked)  # credentials first, as on every device endpoint
            if wanted is None:
                raise HubError(400, problem or "the request is not in the expected form")
            if (refused := too_old(wanted.envelopes)) is not None:
                raise refused
            return sync_round(engine, asked.device_id, wanted)

        answer = await run_in_threadpool(work)
        count_envelopes(answer.results)
        return reply(answer.to_wire())
