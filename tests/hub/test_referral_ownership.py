"""A referral belongs to the laptop that made it, and forget-me takes its outcome with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.hub.conftest import Laptop, make_laptop
from tests.hub.test_strict_intake import queue
from tests.support.hub_process import HubProcess
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.identifiers import new_id
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import ReferralRecord
from victim_champion.store.repositories.signposting_records import SignpostingRecords


def referred(laptop: Laptop) -> tuple[str, str]:
    """A kept record and a referral made from it with consent; (record id, referral id)."""
    records = SignpostingRecords(laptop.store)
    record = records.record("swale", ["emotional-support"], ["victim-support-kent"], True)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    return record, records.refer(record, "victim-support-kent", consent.id)


def a_referral(record_id: str, referral_id: str | None = None) -> dict[str, Any]:
    return ReferralRecord(
        referral_id or new_id(), record_id, "victim-support-kent", False, None, None
    ).to_wire()


def hub_rows(hub: HubProcess, query: str) -> list[tuple[Any, ...]]:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    try:
        return list(database.execute(query))
    finally:
        database.close()


def test_another_laptop_cannot_claim_a_referral_or_refer_from_a_record_it_never_kept(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    record, referral = referred(laptop)
    laptop.client().run_once()
    other = make_laptop(tmp_path / "other", hub, "Other desk")
    try:
        own = SignpostingRecords(other.store).record(
            "swale", ["emotional-support"], ["victim-support-kent"], None
        )
        taken_id = queue(other, EnvelopeKind.REFERRAL_MADE, [a_referral(own, referral)])
        not_theirs = queue(other, EnvelopeKind.REFERRAL_MADE, [a_referral(record)])
        summary = other.client().run_once()
        reasons = dict(summary.rejected_reasons)
        assert reasons[taken_id] == "a referral with this id was made on another laptop"
        assert reasons[not_theirs] == "the referral's record was not kept by this laptop"
        owners = hub_rows(hub, "SELECT referral_id, device_id FROM referrals")
        assert len(owners) == 1 and owners[0][0] == referral
        assert "Recorded" in hub.admin("referral-outcome", referral, "--outcome", "contacted")
        other.client().run_once()
        assert not any(
            "contacted" in str(row)
            for row in other.store.owner.run(
                lambda c: c.execute("SELECT outcome FROM referral").fetchall()
            )
        )
    finally:
        other.store.close()


def test_forget_me_erases_the_outcome_and_its_free_text_at_the_hub(
    hub: HubProcess, laptop: Laptop
) -> None:
    record, referral = referred(laptop)
    laptop.client().run_once()
    note = "Called back on 2 December; spoke to Sam, who is moving to Faversham"
    assert "Recorded" in hub.admin("referral-outcome", referral, "--outcome", note)
    SignpostingRecords(laptop.store).forget(record)  # before the outcome was pulled
    laptop.client().run_once()
    assert hub_rows(hub, "SELECT outcome FROM referrals") == [(None,)]
    down = hub_rows(hub, "SELECT payload FROM down_items")
    assert not any("Faversham" in payload for (payload,) in down)
    # the count of referrals still holds it, without its outcome
    assert hub_rows(hub, "SELECT count(*) FROM referrals") == [(1,)]
