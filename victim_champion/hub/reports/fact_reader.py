"""Report facts from every device's envelopes. Only the aggregate fields are read (kind,
district, dates, needs, services, scores): names and contact details are never used.
Erased records are tombstones by now, so a forgotten person, a person removed from a
register and a deleted session are not counted. A corrected person (attendee.updated)
replaces the earlier copy, and an undone completion is taken off, in the order received.

Every record is read through its typed class (core.wire_records) and dispatched on its
record type; one that cannot be read is counted, and the report says how many."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select

from victim_champion.core.report_facts import (
    AttendeeFact,
    FeedbackFact,
    QuizFact,
    ReferralFact,
    ReportFacts,
    SessionFact,
    SignpostingFact,
)
from victim_champion.core.wire_kinds import EnvelopeKind, RecordType
from victim_champion.core.wire_records import (
    AttendeeRecord,
    CertificateRecord,
    CompletionRecord,
    CompletionUndoneRecord,
    FeedbackRecord,
    QuizRecord,
    ReferralRecord,
    SessionRecord,
    SignpostingWireRecord,
    WireRecord,
    WireRecordError,
    record_from_wire,
)
from victim_champion.hub.storage.tables import envelopes, referrals

# The kinds of envelope whose records a report counts.
KINDS = (
    EnvelopeKind.SESSION_CREATED,
    EnvelopeKind.SESSION_UPDATED,
    EnvelopeKind.ATTENDEES_ADDED,
    EnvelopeKind.ATTENDEES_COMPLETED,
    EnvelopeKind.ATTENDEE_UPDATED,
    EnvelopeKind.COMPLETION_UNDONE,
    EnvelopeKind.CERTIFICATES_ISSUED,
    EnvelopeKind.QUIZ_SUBMITTED,
    EnvelopeKind.FEEDBACK_SUBMITTED,
    EnvelopeKind.SIGNPOSTING_RECORDED,
    EnvelopeKind.REFERRAL_MADE,
)


class _Collector:
    def __init__(self) -> None:
        self.sessions: dict[str, SessionFact] = {}
        self.attendees: dict[str, str] = {}  # attendee key -> session key
        self.completed: set[str] = set()
        self.certified: set[str] = set()
        self.referrals: list[tuple[str, str, str]] = []  # record key, service, referral id
        self.facts = ReportFacts()
        self.unreadable = 0
        # Record types that carry no figure (attendance, erasure, a forgotten person's
        # tombstone) are read, so a bad one is still counted, and then left out.
        self._counters: dict[RecordType, Callable[[str, Any], None]] = {
            RecordType.SESSION: self._session,
            RecordType.ATTENDEE: self._attendee,
            RecordType.COMPLETION: self._completion,
            RecordType.COMPLETION_UNDONE: self._completion_undone,
            RecordType.CERTIFICATE: self._certificate,
            RecordType.QUIZ: self._quiz,
            RecordType.FEEDBACK: self._feedback,
            RecordType.SIGNPOSTING: self._signposting,
            RecordType.REFERRAL: self._referral,
        }

    def add(self, device: str, raw: object) -> None:
        """Count one record as the envelope carries it, or count it as unreadable."""
        try:
            record: WireRecord = record_from_wire(raw)
        except WireRecordError:
            self.unreadable += 1
            return
        counter = self._counters.get(record.record_type)
        if counter is not None:
            counter(device, record)

    def _session(self, device: str, r: SessionRecord) -> None:
        key = f"{device}:{r.id}"
        self.sessions[key] = SessionFact(key, r.kind, r.district_id, r.date)

    def _attendee(self, device: str, r: AttendeeRecord) -> None:
        self.attendees[f"{device}:{r.id}"] = f"{device}:{r.session_id}"

    def _completion(self, device: str, r: CompletionRecord) -> None:
        self.completed.add(f"{device}:{r.attendee_id}")

    def _completion_undone(self, device: str, r: CompletionUndoneRecord) -> None:
        # Read in the order the hub received them, so complete, undo, complete counts once.
        self.completed.discard(f"{device}:{r.attendee_id}")

    def _certificate(self, device: str, r: CertificateRecord) -> None:
        self.certified.add(f"{device}:{r.attendee_id}")

    def _quiz(self, device: str, r: QuizRecord) -> None:
        self.facts.quizzes.append(QuizFact(f"{device}:{r.session_id}", r.phase, r.score, r.total))

    def _feedback(self, device: str, r: FeedbackRecord) -> None:
        self.facts.feedback.append(
            FeedbackFact(
                f"{device}:{r.session_id}", r.usefulness, r.clarity, r.confidence, r.overall
            )
        )

    def _signposting(self, device: str, r: SignpostingWireRecord) -> None:
        self.facts.signposting.append(
            SignpostingFact(f"{device}:{r.id}", r.district_id, r.date, r.needs, r.services)
        )

    def _referral(self, device: str, r: ReferralRecord) -> None:
        self.referrals.append((f"{device}:{r.record_id}", r.service_id, r.id))

    def finish(self, outcomes: dict[str, str | None]) -> ReportFacts:
        facts = self.facts
        facts.sessions = list(self.sessions.values())
        facts.attendees = [
            AttendeeFact(
                session, key in self.completed or key in self.certified, key in self.certified
            )
            for key, session in self.attendees.items()
        ]
        facts.referrals = [
            ReferralFact(record, service, outcomes.get(referral_id))
            for record, service, referral_id in self.referrals
        ]
        facts.unreadable = self.unreadable
        return facts


def facts_from_records(
    records: Iterable[tuple[str, Any]], outcomes: Mapping[str, str | None]
) -> ReportFacts:
    """Facts from (device id, record) pairs as envelopes carry them. A record that is not
    in the agreed shape of any record type is counted as unreadable, never skipped."""
    collector = _Collector()
    for device, record in records:
        collector.add(device, record)
    return collector.finish(dict(outcomes))


def _records_of(payload: str) -> list[Any] | None:
    """The records of one stored payload, or None if the payload itself is unreadable."""
    try:
        document = json.loads(payload)
    except ValueError:
        return None
    records = document.get("records") if isinstance(document, dict) else None
    return records if isinstance(records, list) else None


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Reading a hundred thousand records makes a million small objects and no reference
    cycles; the cycle collector would walk them over and over (half the read time,
    measured in benchmarks/reports.py). Plain reference counting still frees them."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_report_facts(engine: Engine) -> ReportFacts:
    """Everything every device has sent, as facts (the caller picks the period)."""
    with no_cycle_collection():
        return _read(engine)


def _read(engine: Engine) -> ReportFacts:
    with engine.connect() as connection:
        rows = connection.execute(
            select(envelopes.c.device_id, envelopes.c.payload)
            .where(envelopes.c.kind.in_([kind.value for kind in KINDS]))
            .order_by(envelopes.c.server_seq)
        )
        records: list[tuple[str, Any]] = []
        unreadable_payloads = 0
        for device, payload in rows:
            found = _records_of(payload)
            if found is None:
                unreadable_payloads += 1
                continue
            records += [(device, record) for record in found]
        outcomes = dict(
            connection.execute(select(referrals.c.referral_id, referrals.c.outcome)).all()
        )
    facts = facts_from_records(records, outcomes)
    facts.unreadable += unreadable_payloads
    return facts
