"""The hub's side of a whole sync round in one request (sync/shared/rounds.py).

The round is done in one worker-thread hop, on one connection, in one transaction, so a
round commits once: the credentials (device_auth.py), the push (intake.py), and then the
comparison, one pull page and the device state, read after the push in one statement
(read_back.py), so the batch just sent is compared at once. A refused request writes
nothing of its push.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import Connection, Engine

from victim_champion.hub.api import intake
from victim_champion.hub.api.device_auth import Outcome, authenticate_on
from victim_champion.hub.api.device_requests import (
    HubError,
    Signed,
    read_signed,
    refusal,
    too_old,
)
from victim_champion.hub.api.operability import count_envelopes
from victim_champion.hub.api.read_back import ReadBack, read_back
from victim_champion.sync.shared.protocol import Endpoint, ProtocolError, PushResult
from victim_champion.sync.shared.rounds import RoundAnswer, RoundRequest


def sync_round(
    engine: Engine, asked: Signed, wanted: RoundRequest | None, problem: str = ""
) -> RoundAnswer:
    """Check the credentials, then push, compare and pull for the device, as asked. The
    checks go in the order every device endpoint keeps: credentials, form, version.
    The read back is the last statement of the push's transaction: it sees the batch just
    written, and needs no transaction of its own (on PostgreSQL a BEGIN and a COMMIT, or
    switching the connection to autocommit and back, which cost as much in Python)."""
    with engine.connect() as connection:
        refused, results, found = intake.written(
            engine, connection, lambda one: _push_and_read(connection, asked, wanted, problem, one)
        )
    if refused is not None or wanted is None or found is None:
        raise refused or HubError(400, "the request is not in the expected form")
    assert found.page is not None  # asked for
    return RoundAnswer(tuple(results), found.checked, found.page, found.state)


def _push_and_read(
    connection: Connection,
    asked: Signed,
    wanted: RoundRequest | None,
    problem: str,
    one_at_a_time: bool,
) -> tuple[HubError | None, list[PushResult], ReadBack | None]:
    refused, results = _check_and_push(connection, asked, wanted, problem, one_at_a_time)
    if refused is not None or wanted is None:
        return refused, results, None
    page = (wanted.cursor, wanted.limit)
    return None, results, read_back(connection, asked.device_id, wanted.ranges, page)


def _check_and_push(
    connection: Connection,
    asked: Signed,
    wanted: RoundRequest | None,
    problem: str,
    one_at_a_time: bool = False,
) -> tuple[HubError | None, list[PushResult]]:
    outcome, key = authenticate_on(
        connection, asked.device_id, asked.nonce, asked.stamp, asked.signature, asked.message
    )
    refused = _refused(outcome, asked.device_id, wanted, problem)
    if refused is not None or wanted is None or not wanted.envelopes:
        return refused, []
    envelopes = list(wanted.envelopes)
    return None, intake.push_on(connection, asked.device_id, envelopes, key, one_at_a_time)


def _refused(
    outcome: Outcome, device_id: str, wanted: RoundRequest | None, problem: str
) -> HubError | None:
    if outcome is not Outcome.OK:
        return refusal(outcome, device_id)
    if wanted is None:
        return HubError(400, problem or "the request is not in the expected form")
    return too_old(wanted.envelopes)


def add_round_route(app: FastAPI, engine: Engine, reply: Any) -> None:
    """POST /v1/round, answered with ``reply`` (signed and bound to the request)."""

    @app.post(Endpoint.ROUND, summary="A whole sync round: push, compare, one pull page")
    async def round_trip(request: Request) -> Response:
        asked = await read_signed(request)
        try:
            wanted: RoundRequest | None = RoundRequest.from_wire(json.loads(asked.body))
            problem = ""
        except (ProtocolError, ValueError) as error:
            wanted = None
            problem = str(error) if isinstance(error, ProtocolError) else ""
        answer = await run_in_threadpool(sync_round, engine, asked, wanted, problem)
        count_envelopes(answer.results)
        return reply(answer.to_wire())
