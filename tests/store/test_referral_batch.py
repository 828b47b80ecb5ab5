"""Several referrals in one go (issue 32, item 4): one consent, one set of contact answers,
every referral in one envelope, and nothing at all if any part fails."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import PASSPHRASE, canary
from victim_champion.core.errors import ConsentRequiredError, ReferralKeyMissingError
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.store.profile import Profile
from victim_champion.store.repositories import referral_batch
from victim_champion.store.repositories.referral_batch import ContactDetails, ReferralBatch
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.sync.shared.sealing import new_key_pair, open_sealed, seal

SERVICES = ["davss", "east-kent-rapeline"]


@pytest.fixture
def store(profile: Profile) -> Iterator[OpenStore]:
    opened = profile.open(PASSPHRASE)
    yield opened
    opened.close()


def counts(store: OpenStore) -> dict[str, int]:
    tables = ("consent", "signposting_contact", "referral", "outbox")

    def count(connection: Connection) -> dict[str, int]:
        return {
            t: int(connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])  # noqa: S608
            for t in tables
        }

    return store.owner.run(count)


def test_two_referrals_share_one_consent_and_one_sealed_set_of_answers(
    store: OpenStore,
) -> None:
    private, public = new_key_pair()
    batch = ReferralBatch(store)
    record = batch.record("swale", ["sexual-violence"], SERVICES, None)
    name = canary("Name")
    contact = ContactDetails(name, "07700 900123", "", {"safe_word": "Aunt Sue"})
    made = batch.refer_all(record, SERVICES, contact, seal=lambda plain: seal(public, plain))
    assert len(made) == 2
    [kept] = batch.recent()
    assert sorted(s for s, _ in kept.referrals) == SERVICES and kept.has_contact
    payloads = store.owner.run(
        lambda c: [
            json.loads(p)
            for (p,) in c.execute(
                "SELECT payload FROM outbox WHERE kind = ?", (EnvelopeKind.REFERRAL_MADE.value,)
            )
        ]
    )
    [payload] = payloads  # one envelope for both
    referrals = payload["records"]
    assert [r["service_id"] for r in referrals] == SERVICES
    for each in referrals:
        opened = json.loads(open_sealed(private, each["sealed_contact"]))
        assert opened["name"] == name and opened["safe_word"] == "Aunt Sue"
    assert name not in json.dumps(payload)
    # One consent and one set of answers for both, as the name says.
    assert {t: n for t, n in counts(store).items() if t != "outbox"} == {
        "consent": 1,
        "signposting_contact": 1,
        "referral": 2,
    }
    given, used, answers = store.owner.run(
        lambda c: [
            c.execute(sql).fetchall()
            for sql in (
                "SELECT id FROM consent",
                "SELECT DISTINCT consent_id FROM referral",
                "SELECT consent_id FROM signposting_contact",
            )
        ]
    )
    assert len(given) == 1 and used == given == answers


def test_a_failure_half_way_writes_nothing(
    store: OpenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = ReferralBatch(store)
    record = batch.record("swale", ["sexual-violence"], SERVICES, None)
    before = counts(store)
    real = referral_batch.make_referral
    calls: list[str] = []

    def second_refused(record_id: str, service_id: str, *args: object, **kw: object) -> object:
        calls.append(service_id)
        if len(calls) == 2:
            raise ConsentRequiredError()
        return real(record_id, service_id, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(referral_batch, "make_referral", second_refused)
    with pytest.raises(ConsentRequiredError):
        batch.refer_all(
            record, SERVICES, ContactDetails(canary("Name"), "07700 900123"), seal=lambda p: "x"
        )
    assert calls == SERVICES  # the first referral was written, then rolled back
    assert counts(store) == before
    with pytest.raises(ReferralKeyMissingError):  # no key: refused before the transaction
        batch.refer_all(record, SERVICES, ContactDetails(phone="07700 900123"), seal=None)
    assert counts(store) == before
