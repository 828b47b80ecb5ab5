"""Limits on wrong dashboard passwords, per client address and per account, in the database.

The rule (issue 35, finding 6): nobody can lock out an account whose password they do not
know, and nobody can try passwords fast.

* **Addresses are throttled.** Five wrong passwords from one client address within 15
  minutes block that address for 15 minutes, whatever usernames it tried (so spraying one
  common password over many accounts is limited too). A blocked address gets no password
  check at all, not even a right one. An IPv6 client counts as its /64 network, because
  one machine usually holds a whole /64.
* **An account is never locked by wrong passwords.** The right password from an address
  that is not blocked always gets in.
* **A slow limit per account, across every address.** Twenty wrong passwords for one
  username within an hour, from anywhere, mark that account as under attack for an hour.
  While it is, a single wrong password for it blocks the address that sent it, for 15
  minutes. Someone with many addresses then gets one guess per address per 15 minutes,
  while the real user, from their own address, still logs in with the right password.

Unknown usernames are counted just like real ones, so the limits say nothing about which
accounts exist. A good login clears nothing (else a partner with an account could reset
their own address's count between guesses at another account); an admin's password reset
clears the account's count. The counts live in the hub's database, so every hub process
behind the proxy shares them; ``address`` is what uvicorn reports as the client, which is
the X-Forwarded-For address only when the peer is a proxy uvicorn trusts (serving.py).
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import dashboard_login_limits as limits

ADDRESS, ACCOUNT = "address", "account"
ADDRESS_LIMIT = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
ACCOUNT_BUDGET = 20
ACCOUNT_WINDOW = timedelta(hours=1)


def address_key(address: str) -> str:
    """What one client is counted as: its IPv4 address, or its IPv6 /64 network."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return (address or "unknown")[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _until(engine: Engine, scope: str, key: str, now: datetime) -> datetime | None:
    with engine.connect() as connection:
        until = connection.execute(
            select(limits.c.until).where(limits.c.scope == scope, limits.c.key == key)
        ).scalar()
    if until is None or as_utc(until) <= now:
        return None
    return as_utc(until)


def address_blocked(engine: Engine, address: str, now: datetime | None = None) -> datetime | None:
    """When the block on this client address ends, or None if it may try a password now."""
    return _until(engine, ADDRESS, address_key(address), now or datetime.now(UTC))


def under_attack(engine: Engine, username: str, now: datetime | None = None) -> datetime | None:
    """Until when one wrong password for this username blocks its sender at once."""
    return _until(engine, ACCOUNT, username[:64], now or datetime.now(UTC))


def _row(connection: Connection, scope: str, key: str, now: datetime) -> tuple[int, datetime]:
    """The row's count and first failure, made (count 0) if missing, locked for update."""
    where = and_(limits.c.scope == scope, limits.c.key == key)
    row = connection.execute(
        select(limits.c.wrong_passwords, limits.c.first_failed_at, limits.c.until)
        .where(where)
        .with_for_update()
    ).first()
    if row is None:
        # Forget finished runs of mistakes, so guessing many names cannot grow the table.
        connection.execute(
            delete(limits).where(
                limits.c.first_failed_at < now - ACCOUNT_WINDOW,
                or_(limits.c.until.is_(None), limits.c.until < now),
            )
        )
        try:
            with connection.begin_nested():
                connection.execute(
                    insert(limits).values(
                        scope=scope, key=key, wrong_passwords=0, first_failed_at=now
                    )
                )
            return 0, now
        except IntegrityError:  # another hub process counted one at the same moment
            row = connection.execute(
                select(limits.c.wrong_passwords, limits.c.first_failed_at, limits.c.until)
                .where(where)
                .with_for_update()
            ).one()
    if row.until is not None and as_utc(row.until) > now:
        return -1, as_utc(row.until)  # already over its limit: it stands as it is
    return row.wrong_passwords, as_utc(row.first_failed_at)


def _count(
    connection: Connection,
    scope: str,
    key: str,
    now: datetime,
    rule: tuple[int, timedelta, timedelta],
) -> tuple[bool, datetime | None]:
    """Count one wrong password; (whether it was already over, until when it is over)."""
    limit, window, hold = rule
    count, first = _row(connection, scope, key, now)
    if count < 0:
        return True, first
    if now - first > window:
        count, first = 0, now  # an old run of mistakes no longer counts
    count += 1
    until = now + hold if count >= limit else None
    connection.execute(
        update(limits)
        .where(limits.c.scope == scope, limits.c.key == key)
        .values(
            wrong_passwords=0 if until else count,
            first_failed_at=now if until else first,
            until=until,
        )
    )
    return False, until


def note_failure(
    engine: Engine, username: str, address: str, now: datetime | None = None
) -> datetime | None:
    """Count a wrong password for ``username`` from ``address``; returns when the address's
    block ends if this one blocked it (None if it may carry on, or was blocked already)."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        _, attacked = _count(
            connection,
            ACCOUNT,
            username[:64],
            now,
            (ACCOUNT_BUDGET, ACCOUNT_WINDOW, ACCOUNT_WINDOW),
        )
        # Under attack, one wrong password for the account spends the address's allowance.
        limit = 1 if attacked else ADDRESS_LIMIT
        before, until = _count(
            connection, ADDRESS, address_key(address), now, (limit, WINDOW, LOCKOUT)
        )
    return None if before else until


def clear(engine: Engine, username: str) -> None:
    """Forget the wrong passwords counted against an account (an admin's reset)."""
    with engine.begin() as connection:
        connection.execute(
            delete(limits).where(limits.c.scope == ACCOUNT, limits.c.key == username[:64])
        )
