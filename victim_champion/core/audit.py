"""Audit events: who did what to which kind of record, and when. Never personal data.

An event names the actor by key-slot id, the record by its random id, and the action and
record kind from closed enums, so there is no field a name or address could slip into.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.identifiers import is_record_id


class AuditAction(enum.StrEnum):
    """What was done."""

    CREATE = "create"
    UPDATE = "update"
    IMPORT = "import"
    COMPLETE = "complete"
    VIEW = "view"
    EXPORT = "export"
    DELETE = "delete"


class RecordKind(enum.StrEnum):
    """The kind of record acted on."""

    PROFILE = "profile"
    SESSION = "session"
    ATTENDEE = "attendee"
    CONSENT = "consent"
    REGISTER = "register"  # a session's attendee list as a whole
    DATA_KEY = "data-key"
    CERTIFICATE = "certificate"
    SIGNPOSTING = "signposting"
    REFERRAL = "referral"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit log."""

    actor: str  # a key-slot id such as "staff-1"; never a person's name
    action: AuditAction
    record_kind: RecordKind
    record_id: str | None
    at: datetime

    def __post_init__(self) -> None:
        if self.record_id is not None and not is_record_id(self.record_id):
            raise ValueError("audit events may only name records by their random id")
        if not self.actor.replace("-", "").isalnum() or len(self.actor) > 40:
            raise ValueError("audit actors are key-slot ids, not free text")
