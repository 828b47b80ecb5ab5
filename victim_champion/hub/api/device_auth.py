"""A device request's credentials, checked in one statement in the usual case.

One transaction records the nonce (a second time is a replay, refused by every hub
process on the database) and reads back the device's key, checks the signature (one that
fails takes the nonce out again before the transaction ends, so nothing of a forged
request is kept) and notes when the device was last seen. The profile of a sync round
(closing note of issue 20) showed three thread hops and three pool checkouts here for
every request, then two statements; now it is one of each.

A nonce is kept until its request's time is out of the window, and a little longer;
after that the time check refuses the request anyway (prune_nonces).
"""

from __future__ import annotations

import enum
import logging
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    String,
    bindparam,
    delete,
    exists,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from victim_champion.hub.storage.driver_statements import fetch, statement_for
from victim_champion.hub.storage.engine import as_utc, insert_for, write_turn
from victim_champion.hub.storage.tables import devices, request_nonces
from victim_champion.sync.shared.protocol import CLOCK_SKEW_SECONDS
from victim_champion.sync.shared.signatures import verify

log = logging.getLogger("victim_champion.hub")

PRUNE_MARGIN_SECONDS = 60
SEEN_RESOLUTION_SECONDS = 60  # last_seen_at is written at most once a minute
PRUNE_EVERY_SECONDS = 60
_next_prune = 0.0  # monotonic time of this process's next prune (prune_nonces)


class Outcome(enum.Enum):
    OK = "ok"
    NOT_ENROLLED = "not_enrolled"
    UNSIGNED = "unsigned"
    BAD_SIGNATURE = "bad_signature"
    REPLAYED = "replayed"
    REVOKED = "revoked"


def authenticate(
    engine: Engine,
    device_id: str,
    nonce: str,
    stamp: int,
    signature: bytes | None,
    message: bytes,
) -> Outcome:
    """Whether this signed request may go on, and if not, why, in a transaction of its own
    (authenticate_on)."""
    with write_turn(engine), engine.begin() as connection:
        return authenticate_on(connection, device_id, nonce, stamp, signature, message)[0]


def authenticate_on(
    connection: Connection,
    device_id: str,
    nonce: str,
    stamp: int,
    signature: bytes | None,
    message: bytes,
) -> tuple[Outcome, bytes]:
    """As authenticate, in the caller's transaction (a sync round writes its push in the
    same one: one commit a round), with the device's public key (empty if not enrolled)
    for the checks of its push. Answered in this order: enrolled, signed, signature valid,
    nonce fresh, not revoked.

    A usual request costs one statement: the nonce is recorded and the device's key read
    back with it. A signature that does not verify takes its nonce out again in the same
    transaction, so no other request ever sees it. A request with no signature, from a
    device not enrolled, or with a nonce already used, records nothing, and one more
    statement tells which it is."""
    fresh = _record_nonce(connection, device_id, nonce, stamp) if signature else None
    if fresh is not None and signature is not None:
        key = bytes(fresh["public_key"])
        if not verify(key, signature, message):
            connection.execute(
                delete(request_nonces).where(
                    request_nonces.c.device_id == device_id, request_nonces.c.nonce == nonce
                )
            )
            return Outcome.BAD_SIGNATURE, key
        if fresh["revoked_at"] is not None:
            return Outcome.REVOKED, key
        _note_seen(connection, device_id, fresh["last_seen_at"])
        return Outcome.OK, key
    row = connection.execute(
        select(devices.c.public_key).where(devices.c.device_id == device_id)
    ).first()
    if row is None:
        return Outcome.NOT_ENROLLED, b""
    key = bytes(row.public_key)
    if signature is None:
        return Outcome.UNSIGNED, key
    if not verify(key, signature, message):
        return Outcome.BAD_SIGNATURE, key
    return Outcome.REPLAYED, key


def _note_seen(connection: Connection, device_id: str, seen: datetime | None) -> None:
    """When the device was last seen, written at most once a minute."""
    now = datetime.now(UTC)
    if seen is None or (now - as_utc(seen)).total_seconds() >= SEEN_RESOLUTION_SECONDS:
        connection.execute(
            update(devices).where(devices.c.device_id == device_id).values(last_seen_at=now)
        )


def _record_nonce(
    connection: Connection, device_id: str, nonce: str, stamp: int
) -> dict[str, Any] | None:
    """Record the nonce of an enrolled device, and read its key, revocation and when it
    was last seen; None if the device is not enrolled or the nonce is already there.
    INSERT ... SELECT ... WHERE EXISTS ... ON CONFLICT DO NOTHING RETURNING keeps the
    transaction usable on PostgreSQL, where a failed insert would abort it; the device's
    columns come back as subqueries in RETURNING (SQLite 3.35 or later allows them, as
    Python 3.11's is)."""
    _prune_now_and_then(connection)
    values = {"device_id": device_id, "nonce": nonce, "expires_at": stamp + CLOCK_SKEW_SECONDS}
    rows = fetch(connection, statement_for(connection, _nonce_statement), values)
    return rows[0] if rows else None


def _nonce_statement(dialect_name: str) -> Any:
    """Built with bound parameters and compiled once per database (driver_statements.py):
    building it for every request was a tenth of the hub's time in a round."""
    enrolled = devices.c.device_id == bindparam("device_id", type_=String)
    values = select(
        bindparam("device_id", type_=String),
        bindparam("nonce", type_=String),
        bindparam("expires_at", type_=BigInteger),
    ).where(exists().where(enrolled))
    return (
        insert_for(dialect_name, request_nonces)
        .from_select(["device_id", "nonce", "expires_at"], values)
        .on_conflict_do_nothing()
        .returning(
            *(
                select(column).where(enrolled).scalar_subquery().label(column.name)
                for column in (devices.c.public_key, devices.c.revoked_at, devices.c.last_seen_at)
            )
        )
    )


def _prune_now_and_then(connection: Connection) -> None:
    """prune_nonces, at most once a minute in each process."""
    global _next_prune
    now = time.monotonic()
    if now < _next_prune:
        return
    _next_prune = now + PRUNE_EVERY_SECONDS
    try:
        with connection.begin_nested():
            prune_nonces(connection, int(time.time()))
    except SQLAlchemyError:
        # Another hub process pruning the same rows at once (PostgreSQL may call it a
        # deadlock): it finishes the job; this request goes on.
        log.info("request nonces were not pruned this time")


def prune_nonces(connection: Connection, now: int) -> int:
    """Forget every nonce whose request time is out of the window (and a margin): the time
    check refuses such a request anyway. Done once a minute or so by each hub process,
    not on every request (that was one more round trip to the database in each)."""
    gone = connection.execute(
        delete(request_nonces).where(request_nonces.c.expires_at < now - PRUNE_MARGIN_SECONDS)
    )
    return int(gone.rowcount)
