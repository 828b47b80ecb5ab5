"""Typed records on the wire: the same JSON as before, and strict on the way in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from victim_champion.core.envelopes import ENVELOPE_KINDS, content_hash
from victim_champion.core.errors import VictimChampionError
from victim_champion.core.wire_kinds import RECORD_TYPES_OF_KIND, EnvelopeKind, RecordType
from victim_champion.core.wire_records import (
    RECORD_CLASSES,
    AttendeeConsent,
    AttendeeRecord,
    AuditWireEvent,
    CertificateRecord,
    EnvelopePayload,
    QuizRecord,
    ReferralRecord,
    SessionRecord,
    SignpostingWireRecord,
    WireRecord,
    WireRecordError,
    record_from_wire,
)

DAY = dt.date(2026, 12, 3)
SESSION_AS_SENT_BEFORE = {
    "type": "session",
    "id": "a" * 32,
    "kind": "training",
    "title": "Basics",
    "venue": "Hall",
    "district_id": "thanet",
    "date": "2026-12-03",
    "facilitators": ["Sam"],
}

EXAMPLES: list[WireRecord] = [
    SessionRecord("s1", "training", "Basics", "Hall", "thanet", DAY, ("Sam",)),
    AttendeeRecord(
        "a1", "s1", "Sample Person", "", "", "", "", AttendeeConsent("c1", "contact", "t", "u")
    ),
    AttendeeRecord("a2", "s1", "Sample Person", "e", "p", "o", "r", None),
    QuizRecord("q1", "s1", "pre", 3, 5),
    SignpostingWireRecord("r1", "thanet", ("housing",), ("victim-support-kent",), None, DAY),
    ReferralRecord("f1", "r1", "isva", True, None, "c2VhbGVkIGNvbnRhY3Q"),
    CertificateRecord("ABCD-EFGH", "a1", "s1", "Sample Person", "Course", DAY, "k", "sig"),
]


def test_the_kinds_are_the_strings_sent_before() -> None:
    assert EnvelopeKind.SESSION_CREATED.value == "session.created"
    assert "session.created" in ENVELOPE_KINDS and len(ENVELOPE_KINDS) == 15
    # Issue 17's corrections: new kinds beside the old, never a changed old one.
    assert EnvelopeKind.ATTENDEE_UPDATED.value == "attendee.updated"
    assert EnvelopeKind.COMPLETION_UNDONE.value == "attendees.completion-undone"
    assert set(RECORD_TYPES_OF_KIND) == set(EnvelopeKind)
    assert set(RECORD_CLASSES) == set(RecordType)


def test_a_typed_record_gives_exactly_the_json_and_hash_sent_before() -> None:
    record = SessionRecord("a" * 32, "training", "Basics", "Hall", "thanet", DAY, ("Sam",))
    assert record.to_wire() == SESSION_AS_SENT_BEFORE
    payload = {"records": [SESSION_AS_SENT_BEFORE], "audit": []}
    assert content_hash(EnvelopePayload((record,)).to_wire()) == content_hash(payload)


@pytest.mark.parametrize("record", EXAMPLES, ids=lambda r: type(r).__name__)
def test_every_record_comes_back_the_same_from_its_wire_form(record: WireRecord) -> None:
    assert record_from_wire(record.to_wire()) == record
    assert type(record).from_wire(record.to_wire()) == record


def reason(raw: Any) -> WireRecordError:
    with pytest.raises(WireRecordError) as caught:
        record_from_wire(raw)
    return caught.value


def test_an_extra_field_is_refused_naming_the_field() -> None:
    error = reason({**SESSION_AS_SENT_BEFORE, "district": "thanet"})
    assert str(error) == "a session record has an unexpected field 'district'"
    assert error.field == "district"


def test_a_missing_field_is_refused_naming_the_field() -> None:
    error = reason({k: v for k, v in SESSION_AS_SENT_BEFORE.items() if k != "venue"})
    assert str(error) == "a session record has no field 'venue'"
    assert error.field == "venue"


def test_a_renamed_field_is_refused_as_missing_not_guessed() -> None:
    renamed = {k: v for k, v in SESSION_AS_SENT_BEFORE.items() if k != "date"}
    error = reason({**renamed, "day": "2026-12-03"})
    assert str(error) == "a session record has an unexpected field 'day'"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("date", "3 December 2026", "a session record's date must be a date (YYYY-MM-DD)"),
        ("facilitators", "Sam", "a session record's facilitators must be a list"),
        ("title", 7, "a session record's title must be text"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_naming_the_field(
    field: str, value: object, expected: str
) -> None:
    assert str(reason({**SESSION_AS_SENT_BEFORE, field: value})) == expected


def test_true_is_not_taken_for_a_number() -> None:
    quiz = {**QuizRecord("q1", "s1", "pre", 3, 5).to_wire(), "score": True}
    assert str(reason(quiz)) == "a quiz record's score must be a whole number"


def test_a_nested_object_is_as_strict_as_its_record() -> None:
    wire = EXAMPLES[1].to_wire()
    wire["consent"] = {**wire["consent"], "signed": "yes"}
    assert str(reason(wire)) == "an attendee record's consent has an unexpected field 'signed'"


def test_an_unknown_record_type_and_an_unknown_kind_are_refused() -> None:
    assert str(reason({"type": "note", "id": "x"})) == "unknown record type 'note'"
    assert str(reason({"id": "x"})) == "a record has no field 'type'"
    with pytest.raises(WireRecordError, match=r"unknown kind 'session\.archived'"):
        EnvelopePayload.from_wire("session.archived", {"records": [], "audit": []})


def test_the_error_is_one_of_ours_and_never_carries_a_value() -> None:
    wire = {**EXAMPLES[2].to_wire(), "email": 12345, "name": "Sample Person"}
    error = reason(wire)
    assert isinstance(error, VictimChampionError)
    assert "12345" not in str(error) and "Sample Person" not in str(error)


def test_a_payload_must_hold_records_of_its_kind_and_audit_events_only() -> None:
    good = EnvelopePayload(
        (EXAMPLES[0],), (AuditWireEvent("slot", "create", "session", "s1", "t"),)
    )
    assert EnvelopePayload.from_wire("session.created", good.to_wire()) == good
    with pytest.raises(WireRecordError, match="cannot carry a session record"):
        EnvelopePayload.from_wire("quiz.submitted", good.to_wire())
    with pytest.raises(WireRecordError, match="unexpected field 'notes'"):
        EnvelopePayload.from_wire("session.created", {**good.to_wire(), "notes": []})
    with pytest.raises(WireRecordError, match=r"payload\.records must be a list of objects"):
        EnvelopePayload.from_wire("session.created", {"records": "x", "audit": []})
    bad_event = {"records": [], "audit": [{"actor": "slot"}]}
    with pytest.raises(WireRecordError, match="an audit event has no field 'action'"):
        EnvelopePayload.from_wire("audit.events", bad_event)


def test_an_erased_record_may_stand_in_any_kind_of_envelope() -> None:
    erased = {"records": [{"type": "erased", "record_id": "r1"}], "audit": []}
    assert EnvelopePayload.from_wire("referral.made", erased).records[0].record_type == "erased"
