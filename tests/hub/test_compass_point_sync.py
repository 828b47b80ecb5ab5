"""Compass Point records across laptop and hub: consent before referral, outcomes back,
forget me reaching the hub as a tombstone, and retention letting go of confirmed records."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import canary
from tests.hub.conftest import Laptop, desk_sealer
from tests.support.hub_process import HubProcess
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.errors import ConsentRequiredError
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.syncing.retention import purge_confirmed


def everything_readable(laptop: Laptop) -> str:
    """Every text value in every table of the decrypted store."""

    def dump(connection: object) -> str:
        tables = [
            r[0]
            for r in connection.execute(  # type: ignore[attr-defined]
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
            )
        ]
        values: list[str] = []
        for table in tables:
            query = f'SELECT * FROM "{table}"'  # noqa: S608  names from sqlite_schema
            for row in connection.execute(query):  # type: ignore[attr-defined]
                values.extend(str(v) for v in row)
        return "\n".join(values)

    return laptop.store.owner.run(dump)


def hub_payloads(hub: HubProcess) -> str:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    try:
        return "\n".join(p for (p,) in database.execute("SELECT payload FROM envelopes"))
    finally:
        database.close()


def test_a_referral_is_impossible_without_the_persons_referral_consent(laptop: Laptop) -> None:
    records = SignpostingRecords(laptop.store)
    record = records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=False)
    with pytest.raises(ConsentRequiredError):
        records.refer(record, "victim-support-kent", None)
    contact_only = records.give_consent(record, ConsentPurpose.CONTACT)
    with pytest.raises(ConsentRequiredError):
        records.refer(record, "victim-support-kent", contact_only.id)
    other = records.record("thanet", [], [], reported=None)
    elsewhere = records.give_consent(other, ConsentPurpose.REFERRAL)
    with pytest.raises(ConsentRequiredError):
        records.refer(record, "victim-support-kent", elsewhere.id)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    assert records.refer(record, "victim-support-kent", consent.id)
    expired = SignpostingRecords(laptop.store, clock=lambda: datetime.now(UTC) + timedelta(days=91))
    with pytest.raises(ConsentRequiredError):
        expired.refer(record, "victim-support-kent", consent.id)


def test_referral_outcomes_come_back_and_forget_me_reaches_the_hub(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    seal, desk_key = desk_sealer(hub, laptop, tmp_path)
    records = SignpostingRecords(laptop.store)
    name = canary("Name")
    record = records.record("swale", ["emotional-support"], ["victim-support-kent"], True)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    records.add_contact(record, consent.id, name, "01632 960000", "")
    referral = records.refer(record, "victim-support-kent", consent.id, seal=seal)
    laptop.client().run_once()
    assert name not in hub_payloads(hub)  # only the desk's key opens the contact details
    assert name in hub.admin("referrals", "--key", str(desk_key))
    assert "Recorded" in hub.admin("referral-outcome", referral, "--outcome", "contacted")
    laptop.client().run_once()
    [kept] = records.recent()
    assert kept.referrals == (("victim-support-kent", "contacted"),)

    records.forget(record)
    assert records.recent() == []
    assert name not in everything_readable(laptop).replace(record, "")
    laptop.client().run_once()
    assert name not in hub_payloads(hub)
    assert "erasure.requested" in hub.stats()["by_kind"]


def test_forgetting_someone_before_their_record_left_sends_nothing_personal(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    seal, _ = desk_sealer(hub, laptop, tmp_path)
    records = SignpostingRecords(laptop.store)
    name = canary("Name")
    record = records.record("dover", ["practical-help"], [], None)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    records.add_contact(record, consent.id, name, "", "")
    records.refer(record, "victim-support-kent", consent.id, seal=seal)
    records.forget(record)  # nothing has been sent yet
    laptop.client().run_once()
    assert name not in hub_payloads(hub)
    assert name not in everything_readable(laptop)


def test_retention_purges_exactly_the_confirmed_records_past_the_window(
    hub: HubProcess, laptop: Laptop
) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=40)
    old_clock = SignpostingRecords(laptop.store, clock=lambda: long_ago)
    names = {key: canary(key) for key in ("old", "unsent", "recent")}
    old = old_clock.record("thanet", ["emotional-support"], [], None)
    consent = old_clock.give_consent(old, ConsentPurpose.CONTACT)
    old_clock.add_contact(old, consent.id, names["old"], "", "")
    laptop.client().run_once()  # the hub confirms the old record
    unsent = old_clock.record("thanet", ["practical-help"], [], None)  # old, never confirmed
    unsent_consent = old_clock.give_consent(unsent, ConsentPurpose.CONTACT)
    old_clock.add_contact(unsent, unsent_consent.id, names["unsent"], "", "")
    records = SignpostingRecords(laptop.store)
    recent = records.record("thanet", ["counselling"], [], None)
    records.add_contact(
        recent, records.give_consent(recent, ConsentPurpose.CONTACT).id, names["recent"], "", ""
    )
    laptop.client().run_once()  # confirms the recent and the unsent ones too
    result = purge_confirmed(laptop.store, retention_days=30)
    assert result.records == 2  # the old one and the (old, now confirmed) unsent one
    left = {r.id for r in records.recent()}
    assert left == {recent}
    readable = everything_readable(laptop)
    assert names["old"] not in readable and names["unsent"] not in readable
    assert names["recent"] in readable
    assert purge_confirmed(laptop.store, retention_days=30).records == 0
