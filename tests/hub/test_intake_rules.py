"""The hub's intake rules on their own (hub/api/intake_rules.py): column limits, text that
is only text, services a directory names, certificates signed by the pushing device, and
one bad record refused alone. No hub process: the same functions the push runs, fast
enough for mutation testing (mutation/intake_rules.toml); tests/hub/test_strict_intake.py
drives them through a real hub."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, insert

from victim_champion.core.certificates import key_id_for, signature_text, signed_message
from victim_champion.core.envelopes import Envelope, content_hash
from victim_champion.core.identifiers import new_id
from victim_champion.core.wire_codec import WireRecordError
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import (
    CertificateRecord,
    ReferralRecord,
    SessionRecord,
    SignpostingWireRecord,
    WireRecord,
)
from victim_champion.hub.api.intake_rules import (
    IntakeRules,
    _ids_in,
    check_payload,
    check_record,
    device_key,
    known_service_ids,
    known_services,
    rules_for,
    signed_by_the_device,
    unsafe_text,
)
from victim_champion.hub.storage.tables import bundles, devices

DEVICE_KEY = os.urandom(32)
DEVICE_PUBLIC = Ed25519PrivateKey.from_private_bytes(DEVICE_KEY).public_key().public_bytes_raw()
DAY = dt.date(2026, 12, 3)


def certificate(**changes: Any) -> CertificateRecord:
    fields: dict[str, Any] = {
        "code": "123456789012",
        "attendee_id": new_id(),
        "session_id": new_id(),
        "name": "Ada Example",
        "course": "Basics",
        "course_date": DAY,
    }
    fields.update(changes)
    message = signed_message(fields["code"], fields["name"], fields["course"], DAY)
    signature = Ed25519PrivateKey.from_private_bytes(DEVICE_KEY).sign(message)
    fields.setdefault("key_id", key_id_for(DEVICE_PUBLIC))
    fields.setdefault("signature", signature_text(signature))
    return CertificateRecord(**fields)


def referral(**changes: Any) -> ReferralRecord:
    fields: dict[str, Any] = {
        "id": new_id(),
        "record_id": new_id(),
        "service_id": "victim-support-kent",
        "restorative": False,
        "consent_expires_at": None,
        "sealed_contact": None,
    }
    return ReferralRecord(**{**fields, **changes})


def session(**changes: Any) -> SessionRecord:
    fields: dict[str, Any] = {
        "id": new_id(),
        "kind": "training",
        "title": "Basics",
        "venue": "Hall",
        "district_id": "thanet",
        "date": DAY,
        "facilitators": (),
    }
    return SessionRecord(**{**fields, **changes})


def rules(services: set[str]) -> IntakeRules:
    """Rules as a push reads them, with the directories' service ids already read."""
    made = IntakeRules(None, DEVICE_PUBLIC)  # type: ignore[arg-type]
    made.__dict__["services"] = frozenset(services)  # what the cached read would hold
    return made


def envelope(kind: EnvelopeKind, records: list[WireRecord], audit: Any = ()) -> Envelope:
    payload = {"records": [r.to_wire() for r in records], "audit": list(audit)}
    return Envelope(new_id(), "laptop-a", 1, 2, str(kind), None, payload, content_hash(payload))


def refused(record: WireRecord, with_rules: IntakeRules | None = None) -> str:
    with pytest.raises(WireRecordError) as error:
        check_record(record, with_rules)
    return str(error.value)


def test_a_certificates_fields_may_fill_their_columns_and_not_one_character_more() -> None:
    check_record(certificate(name="N" * 200, course="C" * 200), None)
    assert refused(certificate(name="N" * 201)) == (
        "a certificate record's name must be text of 1 to 200 characters"
    )
    assert "course must be text of 1 to 200" in refused(certificate(course="C" * 201))
    assert "code must be text of 1 to 12" in refused(certificate(code="1234567890123"))
    assert "name must be text of 1 to 200" in refused(certificate(name=""))
    assert "key_id must be text of 1 to 32" in refused(certificate(key_id="k" * 33))
    assert "signature must be text of 1 to 200" in refused(certificate(signature="s" * 201))
    check_record(certificate(key_id="k" * 32, signature="s" * 200), None)


def test_a_referrals_ids_and_sealed_contact_are_held_to_their_columns() -> None:
    check_record(referral(id="i" * 64, service_id="s" * 64, sealed_contact="x" * 4000), None)
    assert refused(referral(id="i" * 65)) == (
        "a referral record's id must be text of 1 to 64 characters"
    )
    assert "service_id must be text of 1 to 64" in refused(referral(service_id="s" * 65))
    assert "sealed_contact must be text of 1 to 4000" in refused(
        referral(sealed_contact="x" * 4001)
    )


def test_text_anywhere_in_a_record_must_be_text_and_only_a_comment_may_break_lines() -> None:
    assert unsafe_text("plain", "a record") is None
    assert unsafe_text({"outer": ["fine", {"inner": "bad\x00"}]}, "a record") == (
        "a record's inner holds U+0000 (a control character), which is not allowed"
    )
    assert unsafe_text(("fine", "bad\x07"), "a record", "names") is not None
    assert unsafe_text({"comment": "two\nlines"}, "feedback") is None
    assert unsafe_text({"title": "two\nlines"}, "a session") is not None
    assert unsafe_text([1, None, True], "a record") is None
    assert "title" in refused(session(title="Basics\x1b[2J"))


def test_a_record_naming_a_service_no_directory_has_is_refused() -> None:
    known = rules({"victim-support-kent", "isva"})
    check_record(referral(), known)
    assert refused(referral(service_id="made-up"), known) == (
        "the service id is not in any directory the hub has"
    )
    sign = SignpostingWireRecord(new_id(), "thanet", (), ("isva", "made-up"), None, DAY)
    with pytest.raises(WireRecordError, match="not in any directory"):
        known_services(sign, known)
    known_services(SignpostingWireRecord(new_id(), "thanet", (), ("isva",), True, DAY), known)
    known_services(session(), rules(set()))  # a record that names no service


def test_a_certificate_must_be_signed_by_the_pushing_device_over_its_own_words() -> None:
    mine = rules(set())
    check_record(certificate(), mine)
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    with pytest.raises(WireRecordError, match="another device's key"):
        signed_by_the_device(certificate(), other)
    for key_id in ("0" * 16, "f" * 16):  # ids sorting either side of this device's
        with pytest.raises(WireRecordError, match="another device's key"):
            signed_by_the_device(certificate(key_id=key_id), DEVICE_PUBLIC)
    forged = certificate()
    altered = CertificateRecord(**{**forged.__dict__, "name": "Someone Else"})
    assert "does not match its code, name, course and date" in refused(altered, mine)
    unreadable = certificate(signature="abcde")  # five base64 digits are no bytes
    assert "signature is not readable" in refused(unreadable, mine)
    check_record(altered, None)  # without rules only the shape and limits are checked


def test_one_bad_record_is_refused_alone_and_the_others_kept() -> None:
    good, bad = session(), session(title="x\x00")
    checked = check_payload(envelope(EnvelopeKind.SESSION_CREATED, [good, bad, good]))
    assert checked.payload.records == (good, good)
    assert checked.refused == (
        "record 2: a session record's title holds U+0000 (a control character), "
        "which is not allowed",
    )
    assert check_payload(envelope(EnvelopeKind.SESSION_CREATED, [good])).refused == ()
    with pytest.raises(dataclasses.FrozenInstanceError):  # what passed stays as it passed
        checked.refused = ()  # type: ignore[misc]


def test_an_envelope_of_one_bad_record_or_only_bad_ones_is_refused_whole() -> None:
    bad = session(title="x\x00")
    with pytest.raises(WireRecordError) as alone:
        check_payload(envelope(EnvelopeKind.SESSION_CREATED, [bad]))
    assert str(alone.value).startswith("a session record's title holds U+0000")
    with pytest.raises(WireRecordError) as both:
        check_payload(envelope(EnvelopeKind.SESSION_CREATED, [bad, session(venue="\x01")]))
    assert str(both.value).startswith("record 1: ")
    assert "; record 2: a session record's venue holds U+0001" in str(both.value)


def test_an_audit_event_holding_a_control_character_refuses_the_envelope() -> None:
    event = {
        "actor": "staff-1",
        "action": "view\x00",
        "record_kind": "session",
        "record_id": None,
        "at": "2026-12-03T10:00:00+00:00",
    }
    with pytest.raises(WireRecordError, match="an audit event's action holds U\\+0000"):
        check_payload(envelope(EnvelopeKind.SESSION_CREATED, [session()], [event]))


def test_the_service_ids_of_a_published_directory_bundle_are_read_and_junk_is_none() -> None:
    files = {
        "a.json": json.dumps({"services": [{"id": "one"}, {"id": 2}, {"name": "no id"}, "x"]}),
        "b.json": json.dumps({"services": [{"id": "three"}]}),
    }
    assert _ids_in(json.dumps({"kind": "directory", "files": files})) == {"one", "2", "three"}
    assert _ids_in(json.dumps({"kind": "directory"})) == set()
    for junk in ("not json", "[]", json.dumps({"files": {"a": "not json"}})):
        assert _ids_in(junk) == set()


def test_the_rules_read_the_devices_key_and_the_services_of_every_published_directory() -> None:
    engine = create_engine("sqlite://")
    bundles.metadata.create_all(engine)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(devices),
            {"device_id": "laptop-a", "name": "A", "public_key": DEVICE_PUBLIC, "enrolled_at": now},
        )
        assert device_key(connection, "laptop-a") == DEVICE_PUBLIC
        assert device_key(connection, "laptop-z") == b""  # unknown: nothing will verify
        assert device_key(connection, "laptop-0") == b""  # sorting before is no match either
        assert rules_for(connection, "laptop-a").device_key == DEVICE_PUBLIC
        assert rules_for(connection, "laptop-a", b"read already").device_key == b"read already"
        shipped = known_service_ids(connection)
        assert "victim-support-kent" in shipped and "new-service" not in shipped
        others = (("course", "not-a-service"), ("rights", "not-one-either"))  # sort either side
        for kind, service in (("directory", "new-service"), *others):
            files = {"d.json": json.dumps({"services": [{"id": service}]})}
            connection.execute(
                insert(bundles),
                {
                    "kind": kind,
                    "version": "2027.1",
                    "content": json.dumps({"kind": kind, "files": files}),
                    "signature": "",
                    "published_at": now,
                },
            )
        known = known_service_ids(connection)
        assert known == shipped | {"new-service"}
        assert known_service_ids(connection) == known  # the second read, from memory
        assert rules_for(connection, "laptop-a").services == known
