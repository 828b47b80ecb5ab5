"""The records inside an envelope, typed: one frozen dataclass per record type.

The store builds its envelopes from these; the hub checks every pushed record with
``from_wire`` and reads its report figures through them. ``to_wire`` gives exactly the
JSON object sent before these classes existed, so hashes and stored data are unchanged.
``from_wire`` is strict: a wrong type, an unknown record type, a missing field or an
extra one raises :class:`WireRecordError`, whose reason names the field (never a value).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.wire_codec import WireObject, WireRecordError, short_name
from victim_champion.core.wire_kinds import RECORD_TYPES_OF_KIND, EnvelopeKind, RecordType


class WireRecord(WireObject):
    """One record of an envelope's payload; ``type`` on the wire says which class."""

    record_type: ClassVar[RecordType]

    def to_wire(self) -> dict[str, Any]:
        """As the envelope carries it."""
        return {"type": self.record_type.value, **self.fields_to_wire()}

    @classmethod
    def from_wire(cls, raw: object) -> Self:
        """Strictly this record type; WireRecordError says what is wrong."""
        if not isinstance(raw, dict):
            raise WireRecordError(f"{cls.what} must be an object")
        if raw.get("type") != cls.record_type.value:
            raise WireRecordError(f"{cls.what} must have type '{cls.record_type}'", "type")
        return cls.from_fields(raw, ignore="type")


@dataclass(frozen=True)
class SessionRecord(WireRecord):
    """A training session or drop-in, as created or changed."""

    record_type: ClassVar[RecordType] = RecordType.SESSION
    what: ClassVar[str] = "a session record"
    id: str
    kind: str
    title: str
    venue: str
    district_id: str
    date: dt.date
    facilitators: tuple[str, ...]


@dataclass(frozen=True)
class AttendeeConsent(WireObject):
    """An attendee's consent to be contacted, carried inside the attendee record."""

    id: str
    purpose: str
    given_at: str
    expires_at: str


@dataclass(frozen=True)
class AttendeeRecord(WireRecord):
    """A person on a session's register."""

    record_type: ClassVar[RecordType] = RecordType.ATTENDEE
    what: ClassVar[str] = "an attendee record"
    id: str
    session_id: str
    name: str
    email: str
    phone: str
    organisation: str
    role: str
    consent: AttendeeConsent | None


@dataclass(frozen=True)
class AttendanceRecord(WireRecord):
    """Present, late or left early."""

    record_type: ClassVar[RecordType] = RecordType.ATTENDANCE
    what: ClassVar[str] = "an attendance record"
    attendee_id: str
    session_id: str
    attendance: str


@dataclass(frozen=True)
class QuizRecord(WireRecord):
    """One anonymous knowledge-check result."""

    record_type: ClassVar[RecordType] = RecordType.QUIZ
    what: ClassVar[str] = "a quiz record"
    id: str
    session_id: str
    phase: str
    score: int
    total: int


@dataclass(frozen=True)
class FeedbackRecord(WireRecord):
    """One anonymous feedback form."""

    record_type: ClassVar[RecordType] = RecordType.FEEDBACK
    what: ClassVar[str] = "a feedback record"
    id: str
    session_id: str
    usefulness: int
    clarity: int
    confidence: int
    overall: int
    comment: str


@dataclass(frozen=True)
class SignpostingWireRecord(WireRecord):
    """The anonymous record of one Compass Point conversation."""

    record_type: ClassVar[RecordType] = RecordType.SIGNPOSTING
    what: ClassVar[str] = "a signposting record"
    id: str
    district_id: str
    needs: tuple[str, ...]
    services: tuple[str, ...]
    reported: bool | None
    date: dt.date


@dataclass(frozen=True)
class ReferralContact(WireObject):
    """How the service may reach the person, given only with their consent. It never
    travels as it is: the laptop seals it to the referral desk's key (sync/shared/sealing.py)
    and the hub holds only the sealed text."""

    name: str
    phone: str
    email: str
    # How to reach them safely (issue 18); "" is "not said". Sealed with the rest.
    safe_to_call: str = ""  # "yes" / "no"
    best_times: str = ""
    voicemail_ok: str = ""  # "yes" / "no"
    safe_to_write: str = ""  # "yes" / "no": letters and email
    safe_word: str = ""  # a word or name to use, so the person knows it is the service


@dataclass(frozen=True)
class ReferralRecord(WireRecord):
    """A referral to a service from a signposting record."""

    record_type: ClassVar[RecordType] = RecordType.REFERRAL
    what: ClassVar[str] = "a referral record"
    id: str
    record_id: str
    service_id: str
    restorative: bool
    consent_expires_at: str | None
    sealed_contact: str | None  # a ReferralContact sealed to the referral desk's key


@dataclass(frozen=True)
class ErasureRecord(WireRecord):
    """A request to forget a record everywhere: a signposting record's person, a person
    removed from a register, or a deleted session (every record naming the id)."""

    record_type: ClassVar[RecordType] = RecordType.ERASURE
    what: ClassVar[str] = "an erasure record"
    record_id: str


@dataclass(frozen=True)
class ConsentWithdrawalRecord(WireRecord):
    """The person took back their consent for a referral already sent: for ``referral``
    the service must not act on it, for ``contact`` it must not use the contact details.
    Only ids, the purpose and the time: nothing about the person."""

    record_type: ClassVar[RecordType] = RecordType.CONSENT_WITHDRAWAL
    what: ClassVar[str] = "a consent-withdrawal record"
    referral_id: str
    record_id: str
    purpose: str  # a ConsentPurpose value: "referral" or "contact"
    withdrawn_at: str  # ISO 8601 with a time zone

    def __post_init__(self) -> None:
        if self.purpose not in WITHDRAWABLE_PURPOSES:
            raise WireRecordError(f"{self.what}'s purpose must be referral or contact", "purpose")
        try:
            moment = dt.datetime.fromisoformat(self.withdrawn_at)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise WireRecordError(
                f"{self.what}'s withdrawn_at must be a date and time with a time zone",
                "withdrawn_at",
            )


WITHDRAWABLE_PURPOSES = frozenset(purpose.value for purpose in ConsentPurpose)


@dataclass(frozen=True)
class CompletionRecord(WireRecord):
    """An attendee completed the course."""

    record_type: ClassVar[RecordType] = RecordType.COMPLETION
    what: ClassVar[str] = "a completion record"
    attendee_id: str
    session_id: str
    completed_at: str


@dataclass(frozen=True)
class CompletionUndoneRecord(WireRecord):
    """A completion taken back (only ever before a certificate was issued)."""

    record_type: ClassVar[RecordType] = RecordType.COMPLETION_UNDONE
    what: ClassVar[str] = "a completion-undone record"
    attendee_id: str
    session_id: str


@dataclass(frozen=True)
class CertificateRecord(WireRecord):
    """A certificate issued, with what the hub needs to verify its code."""

    record_type: ClassVar[RecordType] = RecordType.CERTIFICATE
    what: ClassVar[str] = "a certificate record"
    code: str
    attendee_id: str
    session_id: str
    name: str
    course: str
    course_date: dt.date
    key_id: str
    signature: str


@dataclass(frozen=True)
class ErasedRecord(WireRecord):
    """What stands in place of a record whose person was forgotten."""

    record_type: ClassVar[RecordType] = RecordType.ERASED
    what: ClassVar[str] = "an erased record"
    record_id: str


@dataclass(frozen=True)
class AuditWireEvent(WireObject):
    """One audit event, sent up with its transaction's envelope."""

    what: ClassVar[str] = "an audit event"
    actor: str
    action: str
    record_kind: str
    record_id: str | None
    at: str

    def to_wire(self) -> dict[str, Any]:
        """As the envelope carries it."""
        return self.fields_to_wire()

    @classmethod
    def from_wire(cls, raw: object) -> AuditWireEvent:
        """Strictly an audit event; WireRecordError says what is wrong."""
        return cls.from_fields(raw)


RECORD_CLASSES: dict[RecordType, type[WireRecord]] = {
    cls.record_type: cls
    for cls in (
        SessionRecord,
        AttendeeRecord,
        AttendanceRecord,
        QuizRecord,
        FeedbackRecord,
        SignpostingWireRecord,
        ReferralRecord,
        ErasureRecord,
        ConsentWithdrawalRecord,
        CompletionRecord,
        CompletionUndoneRecord,
        CertificateRecord,
        ErasedRecord,
    )
}


ENVELOPE_KIND_VALUES = frozenset(kind.value for kind in EnvelopeKind)


RECORD_CLASSES_BY_NAME: dict[str, type[WireRecord]] = {
    kind.value: cls for kind, cls in RECORD_CLASSES.items()
}


def envelope_kind_from_wire(raw: object) -> EnvelopeKind:
    """The kind, or WireRecordError for one this version does not know."""
    if isinstance(raw, str) and raw in ENVELOPE_KIND_VALUES:
        return EnvelopeKind(raw)
    raise WireRecordError(f"unknown kind '{short_name(raw)}'", "kind")


def record_from_wire(raw: object) -> WireRecord:
    """Any one record, by its ``type``; WireRecordError for an unknown type or a bad field."""
    if not isinstance(raw, dict):
        raise WireRecordError("a record must be an object")
    if "type" not in raw:
        raise WireRecordError("a record has no field 'type'", "type")
    record_class = RECORD_CLASSES_BY_NAME.get(raw["type"]) if isinstance(raw["type"], str) else None
    if record_class is None:
        raise WireRecordError(f"unknown record type '{short_name(raw['type'])}'", "type")
    return record_class.from_wire(raw)


@dataclass(frozen=True)
class EnvelopePayload:
    """An envelope's payload: the transaction's records and its audit events."""

    records: tuple[WireRecord, ...] = ()
    audit: tuple[AuditWireEvent, ...] = ()

    def to_wire(self) -> dict[str, Any]:
        """As the envelope carries it (and as its content hash is taken)."""
        return {
            "records": [record.to_wire() for record in self.records],
            "audit": [event.to_wire() for event in self.audit],
        }

    @classmethod
    def from_wire(cls, kind: object, raw: object) -> EnvelopePayload:
        """Strictly the payload of an envelope of this kind: every record of a type the
        kind carries and in its exact shape, and nothing else."""
        envelope_kind = envelope_kind_from_wire(kind)
        if not isinstance(raw, dict):
            raise WireRecordError("payload must be an object")
        records, audit = raw.get("records"), raw.get("audit")
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise WireRecordError("payload.records must be a list of objects", "records")
        if not isinstance(audit, list) or not all(isinstance(a, dict) for a in audit):
            raise WireRecordError("payload.audit must be a list of objects", "audit")
        for key in raw:
            if key not in ("records", "audit"):
                field = short_name(key)
                raise WireRecordError(f"the payload has an unexpected field '{field}'", field)
        allowed = RECORD_TYPES_OF_KIND[envelope_kind] | {RecordType.ERASED}
        parsed: list[WireRecord] = []
        for index, item in enumerate(records, start=1):
            try:
                record = record_from_wire(item)
            except WireRecordError as error:
                raise WireRecordError(f"{error} (record {index})", error.field) from None
            if record.record_type not in allowed:
                raise WireRecordError(
                    f"a {envelope_kind} envelope cannot carry a {record.record_type} record "
                    f"(record {index})",
                    "type",
                )
            parsed.append(record)
        events: list[AuditWireEvent] = []
        for index, item in enumerate(audit, start=1):
            try:
                events.append(AuditWireEvent.from_wire(item))
            except WireRecordError as error:
                raise WireRecordError(f"{error} (audit event {index})", error.field) from None
        return cls(tuple(parsed), tuple(events))
