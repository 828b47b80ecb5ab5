"""Withdrawal of consent in the store (issue 32): what counts as sent. An envelope handed to
the network is never rewritten (a withdrawal is queued instead); one the hub refused, or
never sent, is. The hub's side is in tests/hub/test_consent_withdrawal.py."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import PASSPHRASE, canary
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.sync.shared.sealing import new_key_pair, seal

SERVICE = "victim-support-kent"


@pytest.fixture
def store(profile: Profile) -> Iterator[OpenStore]:
    opened = profile.open(PASSPHRASE)
    yield opened
    opened.close()


def referral_with_contact(records: SignpostingRecords, name: str) -> tuple[str, str]:
    _, public = new_key_pair()
    record = records.record("thanet", ["emotional-support"], [SERVICE], None)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    records.add_contact(record, consent.id, name, "01632 960470", "")
    referral = records.refer(record, SERVICE, consent.id, seal=lambda p: seal(public, p))
    return record, referral


def referral_envelope(store: OpenStore) -> tuple[str, str, dict[str, object]]:
    """(state, content hash, the referral record) of the referral's envelope."""
    state, digest, payload = store.owner.run(
        lambda c: c.execute(
            "SELECT state, content_hash, payload FROM outbox WHERE kind = ?",
            (EnvelopeKind.REFERRAL_MADE.value,),
        ).fetchone()
    )
    [record] = json.loads(payload)["records"]
    return str(state), str(digest), record


def mark(store: OpenStore, sql: str) -> None:
    store.owner.run(lambda c: c.execute(sql, (EnvelopeKind.REFERRAL_MADE.value,)))


def test_a_referral_in_flight_is_never_rewritten_but_told_to_the_hub(store: OpenStore) -> None:
    records = SignpostingRecords(store)
    record, referral = referral_with_contact(records, canary("Name"))
    mark(store, "UPDATE outbox SET attempted = 1 WHERE kind = ?")  # handed to the network
    _, before, _ = referral_envelope(store)
    outcome = records.withdraw_consent(record, ConsentPurpose.REFERRAL)
    assert (outcome.referrals_cancelled, outcome.withdrawals_queued) == (0, 1)
    _, after, kept = referral_envelope(store)
    assert after == before and kept["id"] == referral and kept["sealed_contact"]
    [shown] = records.recent()
    assert shown.withdrawal == "pending" and shown.referrals == ((SERVICE, None),)


def test_a_referral_the_hub_refused_is_cancelled_like_one_never_sent(store: OpenStore) -> None:
    records = SignpostingRecords(store)
    name = canary("Name")
    record, referral = referral_with_contact(records, name)
    mark(store, "UPDATE outbox SET attempted = 1, state = 'rejected' WHERE kind = ?")
    outcome = records.withdraw_consent(record, ConsentPurpose.REFERRAL)
    assert (outcome.referrals_cancelled, outcome.withdrawals_queued) == (1, 0)
    _, _, stand_in = referral_envelope(store)
    assert stand_in == {"type": "erased", "record_id": referral}
    [shown] = records.recent()
    assert shown.referrals == () and shown.withdrawal is None and not shown.has_contact
    events = store.owner.run(
        lambda c: c.execute("SELECT action, record_kind, record_id FROM audit_event").fetchall()
    )
    assert ("withdraw", "consent") in {(a, k) for a, k, _ in events}
    assert name not in repr(events)


def test_withdrawing_contact_sends_an_unsent_referral_without_its_details(
    store: OpenStore,
) -> None:
    records = SignpostingRecords(store)
    record, referral = referral_with_contact(records, canary("Name"))
    outcome = records.withdraw_consent(record, ConsentPurpose.CONTACT)
    assert outcome.contact_erased and outcome.withdrawals_queued == 0
    assert outcome.sentence() == (
        "Withdrew consent for contact and erased the contact details on this laptop."
    )
    state, _, sent = referral_envelope(store)
    assert state == "pending" and sent["id"] == referral and sent["sealed_contact"] is None
    [shown] = records.recent()
    assert shown.consents == ("referral",) and shown.referrals == ((SERVICE, None),)
    assert records.withdraw_consent(record, ConsentPurpose.CONTACT).nothing_to_withdraw
