"""A device request's credentials, checked in one trip to the database.

One transaction reads the device's key, checks the signature (before anything is
written), records the nonce (a second time is a replay, refused by every hub process on
the database) and notes when the device was last seen. The profile of a sync round
(closing note of issue 20) showed three thread hops and three pool checkouts here for
every request; this is one of each.

A nonce is kept until its request's time is out of the window, and a little longer;
after that the time check refuses the request anyway (prune_nonces).
"""

from __future__ import annotations

import enum
import logging
import time
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from victim_champion.hub.storage.engine import as_utc, write_turn
from victim_champion.hub.storage.tables import devices, request_nonces
from victim_champion.sync.protocol import CLOCK_SKEW_SECONDS, verify

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
    for the checks of its push. Checked in this order: enrolled, signed, signature valid,
    nonce fresh, not revoked."""
    row = connection.execute(
        select(devices.c.public_key, devices.c.revoked_at, devices.c.last_seen_at).where(
            devices.c.device_id == device_id
        )
    ).first()
    if row is None:
        return Outcome.NOT_ENROLLED, b""
    key = bytes(row.public_key)
    if signature is None:
        return Outcome.UNSIGNED, key
    if not verify(key, signature, message):
        return Outcome.BAD_SIGNATURE, key
    if not _record_nonce(connection, device_id, nonce, stamp):
        return Outcome.REPLAYED, key
    if row.revoked_at is not None:
        return Outcome.REVOKED, key
    now = datetime.now(UTC)
    seen = row.last_seen_at
    if seen is None or (now - as_utc(seen)).total_seconds() >= SEEN_RESOLUTION_SECONDS:
        connection.execute(
            update(devices).where(devices.c.device_id == device_id).values(last_seen_at=now)
        )
    return Outcome.OK, key


def _record_nonce(connection: Connection, device_id: str, nonce: str, stamp: int) -> bool:
    """Record the nonce; False if it is already there. INSERT ... ON CONFLICT DO NOTHING
    RETURNING keeps the transaction usable on PostgreSQL, where a failed insert would
    abort it (SQLite 3.35 or later, as Python 3.11's is)."""
    global _next_prune
    now = time.monotonic()
    if now >= _next_prune:
        _next_prune = now + PRUNE_EVERY_SECONDS
        try:
            with connection.begin_nested():
                prune_nonces(connection, int(time.time()))
        except SQLAlchemyError:
            # Another hub process pruning the same rows at once (PostgreSQL may call it a
            # deadlock): it finishes the job; this request goes on.
            log.info("request nonces were not pruned this time")
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    inserted = connection.execute(
        dialect.insert(request_nonces)
        .values(device_id=device_id, nonce=nonce, expires_at=stamp + CLOCK_SKEW_SECONDS)
        .on_conflict_do_nothing()
        .returning(request_nonces.c.nonce)  # rowcount is not reliable for an INSERT
    ).first()
    return inserted is not None


def prune_nonces(connection: Connection, now: int) -> int:
    """Forget every nonce whose request time is out of the window (and a margin): the time
    check refuses such a request anyway. Done once a minute or so by each hub process,
    not on every request (that was one more round trip to the database in each)."""
    gone = connection.execute(
        delete(request_nonces).where(request_nonces.c.expires_at < now - PRUNE_MARGIN_SECONDS)
    )
    return int(gone.rowcount)
