"""Audit events: who did what to which kind of record, and when. Never personal data.

An event names the actor by key-slot id, the record by its random id, and the action and
record kind from closed enums, so there is no field a name or address could slip into.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.identifiers import is_record_id
from victim_champion.core.staff_slots import is_slot_id


class AuditAction(enum.StrEnum):
    """What was done."""

    CREATE = "create"
    UPDATE = "update"
    IMPORT = "import"
    COMPLETE = "complete"
    VIEW = "view"
    EXPORT = "export"
    DELETE = "delete"
    WITHDRAW = "withdraw"  # a consent withdrawn, or a sent referral's withdrawal queued
    REFUSE = "refuse"  # an attempt refused, e.g. export-key from a staff member's slot


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

    actor: str  # the key slot that unlocked: "admin:NAME", "staff:NAME" (core/staff_slots.py)
    action: AuditAction
    record_kind: RecordKind
    record_id: str | None
    at: datetime

    def __post_init__(self) -> None:
        if self.record_id is not None and not is_record_id(self.record_id):
            raise ValueError("audit events may only name records by their random id")
        if not is_slot_id(self.actor):
            raise ValueError("audit actors are key-slot ids, not free text")
