"""Withdrawing consent (issue 32, item 6), against the real hub: a referral not yet sent is
cancelled and never reaches the hub; one already sent is shown withdrawn at the referral
desk, without its contact details; withdrawing twice is harmless; all of it audited."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import canary
from tests.hub.conftest import Laptop, make_laptop
from tests.hub.test_strict_intake import queue
from tests.support.hub_process import HubProcess
from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.errors import NotFoundError
from victim_champion.core.identifiers import new_id
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import ConsentWithdrawalRecord
from victim_champion.operations.signposting_desk import ReferralRequest, Signposting
from victim_champion.operations.workspace import ProfileGate, Workspace
from victim_champion.store.journaling.audit_log import AuditLogRepository

SERVICE = "victim-support-kent"
NOW = "2026-12-07T10:00:00+00:00"


def desk(laptop: Laptop) -> Signposting:
    return Signposting(Workspace(laptop.store, ProfileGate(laptop.profile)))


def desk_key(hub: HubProcess, laptop: Laptop, folder: Path) -> Path:
    key_file = folder / "desk.key"
    hub.admin("referral-key", "create", "--out", str(key_file))
    laptop.client().run_once()  # the policy brings the desk's public key
    return key_file


def referred(worker: Signposting, name: str, phone: str) -> tuple[str, str]:
    """A record, and a referral from it with contact details; (record id, referral id)."""
    record = worker.keep("swale", ["emotional-support"], [SERVICE], True)
    return record, worker.refer(record, ReferralRequest(SERVICE, name, phone))


def at_the_desk(hub: HubProcess, key_file: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(
        hub.admin("referrals", "--key", str(key_file), "--json")
    )
    return listed


def hub_files(hub: HubProcess) -> bytes:
    database = Path(hub.db_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))


def hub_rows(hub: HubProcess, query: str) -> list[tuple[Any, ...]]:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    try:
        return list(database.execute(query))
    finally:
        database.close()


def laptop_outbox(laptop: Laptop) -> str:
    rows = laptop.store.owner.run(lambda c: c.execute("SELECT payload FROM outbox").fetchall())
    return "\n".join(str(row[0]) for row in rows)


def audited(laptop: Laptop) -> list[tuple[str, str, str | None]]:
    events = laptop.store.owner.run(lambda c: AuditLogRepository(c).recent())
    return [(e.action.value, e.record_kind.value, e.record_id) for e in events]


def test_a_referral_not_yet_sent_is_cancelled_and_never_reaches_the_hub(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    key_file = desk_key(hub, laptop, tmp_path)
    name, phone = canary("Name"), "01632 960451"
    worker = desk(laptop)
    record, referral = referred(worker, name, phone)
    [before] = worker.recent()
    assert before.consents == ("referral",) and before.withdrawn == () and before.has_contact

    outcome = worker.withdraw_consent(record, ConsentPurpose.REFERRAL)
    assert (outcome.referrals_cancelled, outcome.withdrawals_queued) == (1, 0)
    assert outcome.consents_withdrawn == 1 and outcome.contact_erased
    assert outcome.sentence() == (
        "Withdrew consent for referral, cancelled 1 referral not yet sent and erased the "
        "contact details on this laptop."
    )
    [after] = worker.recent()
    assert after.referrals == () and not after.has_contact
    assert after.consents == () and after.withdrawn == ("referral",)
    assert after.withdrawal is None  # nothing needed telling
    assert name not in laptop_outbox(laptop) and referral in laptop_outbox(laptop)

    summary = laptop.client().run_once()
    assert summary.rejected == 0 and summary.pending == 0
    assert at_the_desk(hub, key_file) == []  # nothing reached the referral desk
    assert hub_rows(hub, "SELECT count(*) FROM referrals") == [(0,)]
    stored = hub_files(hub)
    assert name.encode() not in stored and phone.encode() not in stored
    stats = hub.stats()
    assert stats["refused"] == 0 and stats["missing"] == 0  # every number accounted for

    events = audited(laptop)
    assert (AuditAction.WITHDRAW.value, RecordKind.CONSENT.value, before_consent(laptop)) in (
        events
    )
    assert (AuditAction.DELETE.value, RecordKind.REFERRAL.value, referral) in events
    assert name not in repr(events) and phone not in repr(events)


def before_consent(laptop: Laptop) -> str:
    row = laptop.store.owner.run(
        lambda c: c.execute("SELECT id FROM consent WHERE withdrawn_at IS NOT NULL").fetchone()
    )
    return str(row[0])


def test_a_sent_referral_is_shown_withdrawn_at_the_desk_without_contact_details(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    key_file = desk_key(hub, laptop, tmp_path)
    name, phone = canary("Name"), "01632 960452"
    worker = desk(laptop)
    record, referral = referred(worker, name, phone)
    laptop.client().run_once()
    [sent] = at_the_desk(hub, key_file)
    assert sent["contact"]["name"] == name and not sent["withdrawn"]

    outcome = worker.withdraw_consent(record, ConsentPurpose.REFERRAL)
    assert (outcome.referrals_cancelled, outcome.withdrawals_queued) == (0, 1)
    assert outcome.contact_erased
    assert "queued 1 withdrawal for Compass House" in outcome.sentence()
    [waiting] = worker.recent()
    assert waiting.withdrawal == "pending" and waiting.referrals == ((SERVICE, None),)
    assert not waiting.has_contact

    summary = laptop.client().run_once()
    assert summary.rejected == 0
    [shown] = at_the_desk(hub, key_file)
    assert shown["referral_id"] == referral and shown["withdrawn"] is True
    assert shown["withdrawn_at"] and shown["contact"] is None
    text = hub.admin("referrals", "--key", str(key_file))
    assert "consent withdrawn" in text and name not in text and phone not in text
    [(payload,)] = hub_rows(hub, "SELECT payload FROM envelopes WHERE kind = 'referral.made'")
    [made] = json.loads(payload)["records"]
    assert made["id"] == referral and made["sealed_contact"] is None  # erased at the hub
    [done] = worker.recent()
    assert done.withdrawal == "sent"
    assert (AuditAction.WITHDRAW.value, RecordKind.REFERRAL.value, referral) in audited(laptop)

    held = laptop.outbox_count()
    again = worker.withdraw_consent(record, ConsentPurpose.REFERRAL)
    assert again.nothing_to_withdraw and again.already_withdrawn
    assert again.sentence() == "Consent for referral was already withdrawn; nothing more to do."
    assert laptop.outbox_count() == held  # nothing queued twice
    never = worker.withdraw_consent(record, ConsentPurpose.CONTACT)
    assert never.nothing_to_withdraw and not never.already_withdrawn


def test_withdrawing_contact_keeps_the_referral_but_not_the_details(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    key_file = desk_key(hub, laptop, tmp_path)
    worker = desk(laptop)
    sent_name, unsent_name = canary("Sent"), canary("Unsent")
    sent_record, sent = referred(worker, sent_name, "01632 960453")
    laptop.client().run_once()
    unsent_record, unsent = referred(worker, unsent_name, "01632 960454")

    told = worker.withdraw_consent(sent_record, ConsentPurpose.CONTACT)
    assert told.contact_erased and told.withdrawals_queued == 1
    assert told.referrals_cancelled == 0
    kept = worker.withdraw_consent(unsent_record, ConsentPurpose.CONTACT)
    assert kept.contact_erased and kept.withdrawals_queued == 0
    assert unsent_name not in laptop_outbox(laptop)
    laptop.client().run_once()

    shown = {each["referral_id"]: each for each in at_the_desk(hub, key_file)}
    assert shown[sent]["contact"] is None and shown[sent]["contact_withdrawn_at"]
    assert shown[sent]["withdrawn"] is False  # the referral itself stands
    assert shown[unsent]["contact"] is None and shown[unsent]["contact_withdrawn_at"] is None
    text = hub.admin("referrals", "--key", str(key_file))
    assert "contact details withdrawn" in text and sent_name not in text
    assert unsent_name.encode() not in hub_files(hub)
    records = {r.id: r for r in worker.recent()}
    assert records[sent_record].consents == ("referral",)  # still referred
    assert not records[sent_record].has_contact and not records[unsent_record].has_contact


def test_an_unknown_record_is_refused_in_one_sentence(laptop: Laptop) -> None:
    with pytest.raises(NotFoundError) as refused:
        desk(laptop).withdraw_consent(new_id(), ConsentPurpose.REFERRAL)
    message = refused.value.message
    assert message.startswith("No record has the id") and message.count(".") == 1


def test_the_hub_refuses_a_withdrawal_of_another_laptops_referral_or_a_malformed_one(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    desk_key(hub, laptop, tmp_path)
    record, referral = referred(desk(laptop), "", "")
    laptop.client().run_once()
    other = make_laptop(tmp_path / "other", hub, "Other desk")
    try:
        theirs = ConsentWithdrawalRecord(referral, record, "referral", NOW).to_wire()
        not_theirs = queue(other, EnvelopeKind.CONSENT_WITHDRAWN, [theirs])
        bad_purpose = queue(
            other, EnvelopeKind.CONSENT_WITHDRAWN, [{**theirs, "purpose": "everything"}]
        )
        summary = other.client().run_once()
        reasons = dict(summary.rejected_reasons)
        assert reasons[not_theirs] == "the withdrawal names a referral this laptop did not make"
        assert reasons[bad_purpose] == (
            "a consent-withdrawal record's purpose must be referral or contact (record 1)"
        )
        assert hub_rows(hub, "SELECT withdrawn_at FROM referrals") == [(None,)]
    finally:
        other.store.close()
