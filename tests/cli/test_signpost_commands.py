"""``signpost record`` and ``signpost forget``: Compass Point records from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.cli.conftest import InProcessCli
from tests.support.hub_process import HubProcess
from victim_champion.operations.signposting_desk import Signposting
from victim_champion.operations.workspace import ProfileGate
from victim_champion.store.repositories.signposting_records import SignpostingRecord


def recent(cli: InProcessCli) -> list[SignpostingRecord]:
    workspace = ProfileGate.at(cli.data_dir).unlock("correct horse battery staple")
    try:
        return list(Signposting(workspace).recent())
    finally:
        workspace.close()


def test_a_record_and_a_referral_with_consent_are_kept_on_the_day_given(
    cli: InProcessCli,
) -> None:
    assert cli("init").code == 0
    kept = cli(
        *("signpost", "record", "--district", "Medway", "--need", "emotional-support"),
        *("--need", "feeling-safe", "--service", "victim-support-kent"),
        *("--refer", "victim-support-kent", "--consent", "yes"),
        *("--date", "2026-11-02", "--json"),
    )
    assert kept.code == 0, kept.err
    document = kept.json()
    assert document["district_id"] == "medway" and document["date"] == "2026-11-02"
    assert document["needs"] == ["emotional-support", "feeling-safe"]
    assert document["referral_id"]
    [record] = recent(cli)
    assert record.id == document["id"]
    assert record.created_at.date() == date(2026, 11, 2)
    assert not record.has_contact
    assert record.referrals == (("victim-support-kent", None),)


def test_contact_details_wait_for_the_referral_desks_key(cli: InProcessCli) -> None:
    """Never sent bare: until a sync brings the desk's key, contact details are refused
    (tests/hub/test_sealed_contacts.py follows them once it has arrived)."""
    assert cli("init").code == 0
    refused = cli(
        *("signpost", "record", "--district", "thanet", "--need", "emotional-support"),
        *("--refer", "victim-support-kent", "--consent", "yes", "--contact-name", "Sam Example"),
    )
    assert refused.code == 1 and "sealed with its key" in refused.err
    assert "Sam Example" not in refused.err
    assert recent(cli) == []


def test_slips_are_refused_in_one_sentence_before_anything_is_kept(cli: InProcessCli) -> None:
    assert cli("init").code == 0
    base = ("signpost", "record", "--district", "thanet")
    cases = {
        ("--need", "nope"): "Unknown need 'nope'",
        ("--need", "emotional-support", "--service", "no-such-service"): "Unknown service",
        ("--need", "emotional-support", "--refer", "victim-support-kent"): "consent",
        ("--need", "emotional-support", "--contact-name", "Sam Example"): "only for a referral",
        ("--need", "emotional-support", "--date", str(date.today() + timedelta(days=2))): (
            "in the future"
        ),
        ("--need", "emotional-support", "--date", "02/11/2026"): "YYYY-MM-DD",
        ("--district", "Atlantis", "--need", "emotional-support"): "not a district",
    }
    for extra, sentence in cases.items():
        result = cli(*base, *extra)
        assert result.code == 1 and sentence in result.err, (extra, result.err)
        assert result.err.count("\n") == 1 and "Sam Example" not in result.err
    assert recent(cli) == []


def test_forget_erases_the_record_and_an_unknown_id_is_said_plainly(cli: InProcessCli) -> None:
    assert cli("init").code == 0
    record_id = cli(
        "signpost", "record", "--district", "swale", "--need", "compensation", "--json"
    ).json()["id"]
    forgotten = cli("signpost", "forget", record_id)
    assert forgotten.code == 0 and "Forgotten" in forgotten.out
    assert recent(cli) == []
    again = cli("signpost", "forget", record_id)
    assert again.code == 1 and again.err.strip()


def test_safe_contact_answers_travel_sealed_from_the_command_line(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    """The same five safe-contact answers as the app's referral dialog, sealed with the
    phone number; only the referral desk's key opens them."""
    key_file = tmp_path / "desk.key"
    hub.admin("referral-key", "create", "--out", str(key_file))
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0  # brings the desk's public key
    base = ("signpost", "record", "--district", "swale", "--need", "domestic-abuse")
    refer = ("--refer", "davss", "--consent", "yes")
    alone = cli(*base, *refer, "--safe-word", "Aunt Sue")
    assert alone.code == 1 and "need a phone number or an email" in alone.err
    assert "Aunt Sue" not in alone.err and recent(cli) == []  # refused, nothing kept
    kept = cli(
        *base,
        *refer,
        *("--contact-phone", "07700 900123", "--safe-to-call", "yes", "--voicemail-ok", "no"),
        *("--best-times", "weekday mornings", "--safe-to-write", "no", "--safe-word", "Aunt Sue"),
    )
    assert kept.code == 0, kept.err
    assert cli("sync").code == 0
    [opened] = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
    assert opened["contact"] == {
        "name": "",
        "phone": "07700 900123",
        "email": "",
        "safe_to_call": "yes",
        "best_times": "weekday mornings",
        "voicemail_ok": "no",
        "safe_to_write": "no",
        "safe_word": "Aunt Sue",
    }
    database = Path(hub.db_url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert b"Aunt Sue" not in stored and b"900123" not in stored


def test_withdraw_consent_cancels_an_unsent_referral_and_tells_the_hub_of_a_sent_one(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    """``signpost withdraw-consent``: as easy as giving consent (issue 32)."""
    key_file = tmp_path / "desk.key"
    hub.admin("referral-key", "create", "--out", str(key_file))
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0  # brings the desk's public key
    refer = (
        *("signpost", "record", "--district", "swale", "--need", "emotional-support"),
        *("--refer", "victim-support-kent", "--consent", "yes", "--json"),
    )
    unsent = cli(*refer, "--contact-phone", "07700 900461").json()["id"]
    cancelled = cli("signpost", "withdraw-consent", unsent, "--purpose", "referral")
    assert cancelled.code == 0, cancelled.err
    assert cancelled.out.strip() == (
        "Withdrew consent for referral, cancelled 1 referral not yet sent and erased the "
        "contact details on this laptop."
    )
    sent = cli(*refer, "--contact-phone", "07700 900462").json()["id"]
    assert cli("sync").code == 0
    queued = cli("signpost", "withdraw-consent", sent, "--purpose", "referral", "--json")
    assert queued.code == 0, queued.err
    assert queued.json()["withdrawals_queued"] == 1 and queued.json()["referrals_cancelled"] == 0
    assert cli("sync").code == 0
    [shown] = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
    assert shown["withdrawn"] is True and shown["contact"] is None  # the unsent never came

    again = cli("signpost", "withdraw-consent", sent, "--purpose", "referral")
    assert again.code == 0 and "already withdrawn" in again.out
    assert again.out.count("\n") == 1
    records = {r.id: r for r in recent(cli)}
    assert records[sent].withdrawn == ("referral",) and records[sent].withdrawal == "sent"
    assert records[unsent].referrals == () and records[unsent].withdrawal is None


def test_withdraw_consent_refuses_an_unknown_record_or_purpose_in_one_sentence(
    cli: InProcessCli,
) -> None:
    assert cli("init").code == 0
    unknown = cli("signpost", "withdraw-consent", "0" * 32, "--purpose", "referral")
    assert unknown.code == 1 and unknown.err.startswith("No record has the id")
    assert unknown.err.count("\n") == 1 and unknown.out == ""
    record_id = cli(
        "signpost", "record", "--district", "swale", "--need", "compensation", "--json"
    ).json()["id"]
    slip = cli("signpost", "withdraw-consent", record_id, "--purpose", "everything")
    assert slip.code == 1 and slip.err == "Give --purpose referral or --purpose contact.\n"
    nothing = cli("signpost", "withdraw-consent", record_id, "--purpose", "contact")
    assert nothing.code == 0
    assert nothing.out == "Nothing to withdraw: this record has no consent for contact.\n"
