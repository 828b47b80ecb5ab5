"""Limits on wrong dashboard passwords, kept in the database.

Five wrong passwords for one username within 15 minutes lock that username for 15
minutes. The count lives in the hub's database, not in a process, so several hub
processes behind a load balancer share it. Unknown usernames are counted and locked just
like real ones, so the lock tells a stranger nothing about which accounts exist. A
successful login clears the count; an admin's password reset clears the lock.

Why per username and not per address: behind Compass House's reverse proxy every request
comes from the proxy's address. A lock lets someone keep a partner out for 15 minutes at
a time; the admin can lift it with a password reset, and that is better than letting
anyone try passwords without end.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import dashboard_login_failures as failures

FAILURE_LIMIT = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


def _key(username: str) -> str:
    return username[:64]


def locked_until(engine: Engine, username: str, now: datetime | None = None) -> datetime | None:
    """When the lock on this username ends, or None if it may try a password now."""
    now = now or datetime.now(UTC)
    with engine.connect() as connection:
        until = connection.execute(
            select(failures.c.locked_until).where(failures.c.username == _key(username))
        ).scalar()
    if until is None or as_utc(until) <= now:
        return None
    return as_utc(until)


def note_failure(engine: Engine, username: str, now: datetime | None = None) -> datetime | None:
    """Count a wrong password; returns when the lock ends if this one locked the username."""
    now, key = now or datetime.now(UTC), _key(username)
    with engine.begin() as connection:
        row = connection.execute(
            select(failures).where(failures.c.username == key).with_for_update()
        ).first()
        if row is None:
            # Forget finished runs of mistakes, so guessing many names cannot grow the table.
            connection.execute(
                delete(failures).where(
                    failures.c.first_failed_at < now - WINDOW,
                    or_(failures.c.locked_until.is_(None), failures.c.locked_until < now),
                )
            )
            try:
                with connection.begin_nested():
                    connection.execute(
                        insert(failures).values(
                            username=key, wrong_passwords=1, first_failed_at=now
                        )
                    )
                return None
            except IntegrityError:  # another hub process counted one at the same moment
                row = connection.execute(
                    select(failures).where(failures.c.username == key).with_for_update()
                ).one()
        if row.locked_until is not None and as_utc(row.locked_until) > now:
            return None  # already locked (a request that raced the lock): it stands as it is
        if now - as_utc(row.first_failed_at) > WINDOW:
            count, first = 1, now  # an old run of mistakes no longer counts
        else:
            count, first = row.wrong_passwords + 1, as_utc(row.first_failed_at)
        until = now + LOCKOUT if count >= FAILURE_LIMIT else None
        connection.execute(
            update(failures)
            .where(failures.c.username == key)
            .values(
                wrong_passwords=0 if until else count,
                first_failed_at=now if until else first,
                locked_until=until,
            )
        )
    return until


def clear(engine: Engine, username: str) -> None:
    """Forget the wrong passwords (a good login, or an admin's reset)."""
    with engine.begin() as connection:
        connection.execute(delete(failures).where(failures.c.username == _key(username)))
