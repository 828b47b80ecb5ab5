"""Consent, audit events, sessions and districts: the rules the rest relies on."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from victim_champion.core.attendees import AttendeeDetails, problems_with
from victim_champion.core.audit import AuditAction, AuditEvent, RecordKind
from victim_champion.core.consent import (
    CONTACT_CONSENT_LIFETIME,
    REFERRAL_CONSENT_LIFETIME,
    Consent,
    ConsentPurpose,
    WithdrawalOutcome,
)
from victim_champion.core.districts import District, DistrictList
from victim_champion.core.errors import InvalidInputError, UnknownDistrictError
from victim_champion.core.identifiers import is_record_id, new_id
from victim_champion.core.sessions import SessionKind, clean_text, parse_session_date

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def consent(**changes: object) -> Consent:
    base = Consent(new_id(), new_id(), ConsentPurpose.CONTACT, T0, T0 + timedelta(days=30))
    return Consent(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})


def test_consent_is_active_only_between_giving_and_expiry() -> None:
    c = consent()
    assert not c.is_active(T0 - timedelta(seconds=1))
    assert c.is_active(T0)
    assert c.is_active(T0 + timedelta(days=29))
    assert not c.is_active(T0 + timedelta(days=30))
    assert not c.is_active(T0 + timedelta(days=31))  # and it stays lapsed


def test_withdrawn_consent_stops_counting_from_the_moment_of_withdrawal() -> None:
    withdrawn = consent().withdraw(T0 + timedelta(days=2))
    assert withdrawn.is_active(T0 + timedelta(days=1))
    assert not withdrawn.is_active(T0 + timedelta(days=2))
    assert not withdrawn.is_active(T0 + timedelta(days=3))  # and ever after
    assert withdrawn.withdraw(T0 + timedelta(days=5)).withdrawn_at == T0 + timedelta(days=2)


def test_audit_events_refuse_anything_but_random_ids_and_slot_actors() -> None:
    AuditEvent("staff-1", AuditAction.VIEW, RecordKind.REGISTER, new_id(), T0)
    with pytest.raises(ValueError, match="random id"):
        AuditEvent("staff-1", AuditAction.VIEW, RecordKind.ATTENDEE, "Ada Example", T0)
    with pytest.raises(ValueError, match="key-slot"):
        AuditEvent("Ada Example", AuditAction.VIEW, RecordKind.ATTENDEE, None, T0)


def test_record_ids_are_random_hex_and_recognised() -> None:
    ids = {new_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(is_record_id(i) for i in ids)
    assert not is_record_id("robert'); drop table")


def test_session_kind_parsing_is_forgiving_but_strict_about_meaning() -> None:
    assert SessionKind.parse("Drop_In") is SessionKind.DROP_IN
    assert SessionKind.parse("dropin") is SessionKind.DROP_IN
    assert SessionKind.parse(" training ") is SessionKind.TRAINING
    with pytest.raises(InvalidInputError, match="'training' or 'drop-in'"):
        SessionKind.parse("webinar")


def test_dates_and_text_fields_explain_what_is_wrong() -> None:
    assert parse_session_date("2026-03-14") == date(2026, 3, 14)
    with pytest.raises(InvalidInputError, match="YYYY-MM-DD"):
        parse_session_date("14/03/2026")
    assert clean_text("  Village   hall ", "venue") == "Village hall"
    with pytest.raises(InvalidInputError, match="venue is missing"):
        clean_text("   ", "venue")
    with pytest.raises(InvalidInputError, match="too long"):
        clean_text("x" * 201, "title")


def test_districts_resolve_by_name_or_id_and_unknown_ones_list_the_choices() -> None:
    districts = DistrictList(
        (
            District("tunbridge-wells", "Tunbridge Wells", "district"),
            District("medway", "Medway", "unitary"),
        )
    )
    assert districts.resolve("tunbridge wells").id == "tunbridge-wells"
    assert districts.resolve("TUNBRIDGE-WELLS").id == "tunbridge-wells"
    assert districts.resolve("Medway").kind == "unitary"
    with pytest.raises(UnknownDistrictError, match="Tunbridge Wells, Medway"):
        districts.resolve("Narnia")


def test_attendee_details_need_only_a_name() -> None:
    assert problems_with(AttendeeDetails(name="Ada Example")) == []
    assert problems_with(AttendeeDetails(name=" ")) == ["the name is missing"]
    assert problems_with(AttendeeDetails(name="A", phone="+44 (0)1234 567-890")) == []
    assert problems_with(AttendeeDetails(name="A", email="a@b")) == [
        "the email address is not valid"
    ]


def test_sessions_are_listed_today_first_then_coming_then_past() -> None:
    from datetime import date

    from victim_champion.core.sessions import Session, SessionKind, in_working_order

    today = date(2026, 11, 30)

    def on(day: int, month: int = 11) -> Session:
        return Session(
            new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", date(2026, month, day)
        )

    sessions = [on(3, 12), on(20), on(30), on(10, 12), on(2)]
    ordered = [s.date.isoformat() for s in in_working_order(sessions, today)]
    assert ordered == ["2026-11-30", "2026-12-03", "2026-12-10", "2026-11-20", "2026-11-02"]


def test_consent_lasts_a_year_for_contact_and_ninety_days_for_a_referral() -> None:
    # The lifetimes core/consent.py sets, and says why: a stale yes must not linger.
    assert timedelta(days=365) == CONTACT_CONSENT_LIFETIME
    assert timedelta(days=90) == REFERRAL_CONSENT_LIFETIME


def test_withdrawing_says_in_one_sentence_what_it_did() -> None:
    def said(**done: object) -> str:
        purpose = done.pop("purpose", ConsentPurpose.REFERRAL)
        return WithdrawalOutcome("record-1", purpose, **done).sentence()  # type: ignore[arg-type]

    assert said() == "Nothing to withdraw: this record has no consent for referral."
    assert said(already_withdrawn=True) == (
        "Consent for referral was already withdrawn; nothing more to do."
    )
    assert said(consents_withdrawn=1, purpose=ConsentPurpose.CONTACT) == (
        "Withdrew consent for contact."
    )
    assert said(referrals_cancelled=1) == (
        "Withdrew consent for referral and cancelled 1 referral not yet sent."
    )
    assert said(contact_erased=True, purpose=ConsentPurpose.CONTACT) == (
        "Withdrew consent for contact and erased the contact details on this laptop."
    )
    assert said(withdrawals_queued=2, already_withdrawn=True) == (
        "Withdrew consent for referral and queued 2 withdrawals for Compass House"
        " (sent at the next sync)."
    )
    assert said(
        consents_withdrawn=2, referrals_cancelled=2, contact_erased=True, withdrawals_queued=1
    ) == (
        "Withdrew consent for referral, cancelled 2 referrals not yet sent, erased the contact"
        " details on this laptop and queued 1 withdrawal for Compass House"
        " (sent at the next sync)."
    )


def test_nothing_to_withdraw_only_when_every_count_is_zero() -> None:
    assert WithdrawalOutcome("r", ConsentPurpose.CONTACT).nothing_to_withdraw
    assert WithdrawalOutcome(
        "r", ConsentPurpose.CONTACT, already_withdrawn=True
    ).nothing_to_withdraw
    for done in ("consents_withdrawn", "referrals_cancelled", "withdrawals_queued"):
        outcome = WithdrawalOutcome("r", ConsentPurpose.CONTACT, **{done: 1})  # type: ignore[arg-type]
        assert not outcome.nothing_to_withdraw, done
    assert not WithdrawalOutcome(
        "r", ConsentPurpose.CONTACT, contact_erased=True
    ).nothing_to_withdraw


def test_consent_given_this_instant_counts_and_withdrawn_this_instant_does_not() -> None:
    c = consent()
    assert c.is_active(T0) and not c.withdraw(T0).is_active(T0)
    # Withdrawn later than now: still active now.
    assert c.withdraw(T0 + timedelta(seconds=1)).is_active(T0)


def test_a_consent_and_a_withdrawal_outcome_cannot_be_changed_once_made() -> None:
    c = consent()
    outcome = WithdrawalOutcome("r", ConsentPurpose.CONTACT, consents_withdrawn=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.withdrawn_at = T0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.consents_withdrawn = 0  # type: ignore[misc]
    assert c.withdrawn_at is None and outcome.consents_withdrawn == 1
