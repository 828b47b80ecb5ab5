"""Contact details for a referral are sealed on the laptop to the referral desk's key: the
hub and its files hold only sealed text, and only the desk's key file opens them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.conftest import canary
from tests.hub.conftest import Laptop
from tests.support.hub_process import HubProcess
from victim_champion.core.errors import ReferralKeyMissingError
from victim_champion.operations.signposting_desk import ReferralRequest, Signposting
from victim_champion.operations.workspace import ProfileGate, Workspace


def desk(laptop: Laptop) -> Signposting:
    return Signposting(Workspace(laptop.store, ProfileGate(laptop.profile)))


def hub_files_text(hub: HubProcess) -> bytes:
    database = Path(hub.db_url.removeprefix("sqlite:///"))
    return b"".join(
        path.read_bytes() for path in database.parent.glob(database.name + "*") if path.is_file()
    )


def test_contact_details_are_refused_until_the_desk_key_arrives_then_sealed(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    name, phone = canary("Name"), "01632 960123"
    worker = desk(laptop)
    record = worker.keep("swale", ["emotional-support"], ["victim-support-kent"], True)
    with pytest.raises(ReferralKeyMissingError):
        worker.refer(record, ReferralRequest("victim-support-kent", name, phone))
    [kept] = worker.recent()
    assert kept.referrals == () and not kept.has_contact  # nothing was kept half-way

    key_file = tmp_path / "desk.key"
    hub.admin("referral-key", "create", "--out", str(key_file))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    before = key_file.read_bytes()
    assert hub.admin("referral-key", "create", "--out", str(key_file)) == ""  # refused
    assert key_file.read_bytes() == before  # never overwritten
    laptop.client().run_once()  # the policy brings the desk's public key
    referral = worker.refer(record, ReferralRequest("victim-support-kent", name, phone))
    laptop.client().run_once()

    stored = hub_files_text(hub)
    assert name.encode() not in stored and phone.encode() not in stored
    [opened] = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
    assert opened["referral_id"] == referral
    safe_contact_not_asked = dict.fromkeys(
        ("safe_to_call", "best_times", "voicemail_ok", "safe_to_write", "safe_word"), ""
    )
    assert opened["contact"] == {
        "name": name,
        "phone": phone,
        "email": "",
        **safe_contact_not_asked,
    }
    other = tmp_path / "other.key"
    hub.admin("referral-key", "create", "--out", str(other))  # a new desk key
    [unopened] = json.loads(hub.admin("referrals", "--key", str(other), "--json"))
    assert unopened["contact"] == "sealed to another key"
    assert hub.stats()["refused"] == 0 and hub.stats()["missing"] == 0
