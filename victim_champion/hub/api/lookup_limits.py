"""Certificate look-ups are limited per client address, counted in the database.

Codes are 12 digits with a check digit, so guessing one is already hopeless by chance;
the limit makes sure nobody can try at speed, and because the count is in the database
several hub processes share it. Behind Compass House's reverse proxy the hub must be
told the client's real address (uvicorn's --proxy-headers with --forwarded-allow-ips):
otherwise every look-up counts against the proxy, and the limit is shared by everyone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import certificate_lookups as lookups

LOOKUPS_PER_WINDOW = 60
WINDOW = timedelta(minutes=10)
TOO_MANY = (
    "Too many certificate checks from this address; wait ten minutes and try again, "
    "or ask Compass House."
)


def allow_lookup(engine: Engine, address: str, now: datetime | None = None) -> bool:
    """Count one look-up from ``address``; False once the window's limit is spent."""
    now = now or datetime.now(UTC)
    key = (address or "unknown")[:64]
    for _ in range(3):  # another process inserted the same address first: count again
        try:
            with engine.begin() as connection:
                return _count(connection, key, now)
        except IntegrityError:
            continue
    return False


def _count(connection: Connection, key: str, now: datetime) -> bool:
    row = connection.execute(
        select(lookups.c.window_start, lookups.c.lookups).where(lookups.c.address == key)
    ).first()
    if row is None:
        connection.execute(insert(lookups).values(address=key, window_start=now, lookups=1))
        return True
    if as_utc(row.window_start) + WINDOW <= now:
        connection.execute(
            update(lookups).where(lookups.c.address == key).values(window_start=now, lookups=1)
        )
        return True
    if row.lookups >= LOOKUPS_PER_WINDOW:
        return False
    connection.execute(
        update(lookups).where(lookups.c.address == key).values(lookups=lookups.c.lookups + 1)
    )
    return True
