"""The hub's audit log: every change on the content desk and every content publication,
with when, who ("cli" for the hub's command line) and what, in the same transaction as the
change itself, so a change is never in the database without its line here."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select

from victim_champion.hub.editorial.entries import AuditEntry
from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import audit_log

COMMAND_LINE = "cli"  # the actor for changes made with victim-champion-hub
MAX_DETAIL = 4000


def record(connection: Connection, actor: str, action: str, subject: str, detail: str) -> None:
    """Write one line, inside the caller's transaction."""
    connection.execute(
        insert(audit_log).values(
            at=datetime.now(UTC),
            actor=actor[:64],
            action=action[:40],
            subject=subject[:200],
            detail=detail[:MAX_DETAIL],
        )
    )


def entries(engine: Engine, limit: int = 500) -> list[AuditEntry]:
    """The newest lines first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        ).all()
    return [AuditEntry(as_utc(r.at), r.actor, r.action, r.subject, r.detail) for r in rows]
