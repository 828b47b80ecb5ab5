"""A device request's credentials, checked in one trip to the database.

One transaction reads the device's key, checks the signature (before anything is
written), records the nonce (a second time is a replay, refused by every hub process on
the database) and notes when the device was last seen. The profile of a sync round
(closing note of issue 20) showed three thread hops and three pool checkouts here for
every request; this is one of each.

A nonce is kept until its request's time is out of the window, and a little longer;
after that the time check refuses the request anyway.
"""

from __future__ import annotations

import enum
import time
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import devices, request_nonces
from victim_champion.sync.protocol import CLOCK_SKEW_SECONDS, verify

PRUNE_MARGIN_SECONDS = 60
SEEN_RESOLUTION_SECONDS = 60  # last_seen_at is written at most once a minute


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
    """Whether this signed request may go on, and if not, why (checked in this order:
    enrolled, signed, signature valid, nonce fresh, not revoked)."""
    with engine.begin() as connection:
        row = connection.execute(
            select(devices.c.public_key, devices.c.revoked_at, devices.c.last_seen_at).where(
                devices.c.device_id == device_id
            )
        ).first()
        if row is None:
            return Outcome.NOT_ENROLLED
        if signature is None:
            return Outcome.UNSIGNED
        if not verify(bytes(row.public_key), signature, message):
            return Outcome.BAD_SIGNATURE
        if not _record_nonce(connection, device_id, nonce, stamp):
            return Outcome.REPLAYED
        if row.revoked_at is not None:
            return Outcome.REVOKED
        now = datetime.now(UTC)
        seen = row.last_seen_at
        if seen is None or (now - as_utc(seen)).total_seconds() >= SEEN_RESOLUTION_SECONDS:
            connection.execute(
                update(devices).where(devices.c.device_id == device_id).values(last_seen_at=now)
            )
    return Outcome.OK


def _record_nonce(connection: Connection, device_id: str, nonce: str, stamp: int) -> bool:
    """Record the nonce; False if it is already there. INSERT ... ON CONFLICT DO NOTHING
    RETURNING keeps the transaction usable on PostgreSQL, where a failed insert would
    abort it (SQLite 3.35 or later, as Python 3.11's is)."""
    now = int(time.time())
    connection.execute(
        delete(request_nonces).where(
            request_nonces.c.device_id == device_id,
            request_nonces.c.expires_at < now - PRUNE_MARGIN_SECONDS,
        )
    )
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    inserted = connection.execute(
        dialect.insert(request_nonces)
        .values(device_id=device_id, nonce=nonce, expires_at=stamp + CLOCK_SKEW_SECONDS)
        .on_conflict_do_nothing()
        .returning(request_nonces.c.nonce)  # rowcount is not reliable for an INSERT
    ).first()
    return inserted is not None
