"""The audit log table: append-only, and holding no personal data by construction."""

from __future__ import annotations

from datetime import datetime

from victim_champion.core.audit import AuditAction, AuditEvent, RecordKind
from victim_champion.store.schema.connection import Connection


class AuditLogRepository:
    """Appends and reads audit events (call on the owner thread, inside a transaction)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(self, event: AuditEvent) -> None:
        """Add one event."""
        self._connection.execute(
            "INSERT INTO audit_event (actor, action, record_kind, record_id, at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                event.actor,
                event.action.value,
                event.record_kind.value,
                event.record_id,
                event.at.isoformat(),
            ),
        )

    def record(
        self,
        actor: str,
        action: AuditAction,
        kind: RecordKind,
        record_id: str | None,
        at: datetime,
    ) -> None:
        """Append an event built from its parts."""
        self.append(AuditEvent(actor, action, kind, record_id, at))

    def recent(self, limit: int = 200) -> list[AuditEvent]:
        """The newest events first."""
        rows = self._connection.execute(
            "SELECT actor, action, record_kind, record_id, at FROM audit_event "
            "ORDER BY seq DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            AuditEvent(
                actor=actor,
                action=AuditAction(action),
                record_kind=RecordKind(kind),
                record_id=record_id,
                at=datetime.fromisoformat(at),
            )
            for actor, action, kind, record_id, at in rows
        ]
