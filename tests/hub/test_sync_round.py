"""The client against the real hub on 127.0.0.1: push, pull, verify, and what the hub refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import ADMIN_TOKEN, HubProcess
from victim_champion.core.sync_errors import (
    BundleRejectedError,
    DeviceRevokedError,
    EnrolmentRefusedError,
    NotKnownToHubError,
)
from victim_champion.sync.client import enrol
from victim_champion.sync.shared.protocol import canonical_json, content_hash

REPO = Path(__file__).resolve().parents[2]


def test_push_pull_verify_and_a_second_sync_sends_nothing(hub: HubProcess, laptop: Laptop) -> None:
    laptop.add_session_with(people=5)
    first = laptop.client().run_once()
    assert first.sent == first.accepted == laptop.outbox_count()
    assert first.rejected == 0 and first.pending == 0 and first.verified
    second = laptop.client().run_once()
    assert (second.sent, second.accepted, second.received) == (0, 0, 0)
    stats = hub.stats()
    assert stats["envelopes"] == laptop.outbox_count()
    assert stats["missing"] == 0 and stats["duplicates"] == 0
    assert stats["records_by_kind"]["attendees.added"] == 5


def test_envelopes_resent_after_a_lost_answer_count_as_duplicates_not_new_records(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=2)
    laptop.client().run_once()
    laptop.local.requeue([(1, 10_000)])  # as if every answer had been lost on the way back
    again = laptop.client().run_once()
    assert again.duplicates == laptop.outbox_count() and again.accepted == 0
    assert hub.stats()["envelopes"] == laptop.outbox_count()


def test_a_rejected_envelope_is_quarantined_and_does_not_block_the_queue(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=1)
    # Damage one queued payload's shape (a hub-side rule), keeping its hash honest.
    bad_payload = {"records": "not a list", "audit": []}
    laptop.store.owner.run(
        lambda c: c.execute(
            "UPDATE outbox SET payload = ?, content_hash = ? WHERE device_seq = 2",
            (canonical_json(bad_payload).decode(), content_hash(bad_payload)),
        )
    )
    summary = laptop.client().run_once()
    assert summary.rejected == 1 and summary.pending == 0
    assert summary.accepted == laptop.outbox_count() - 1
    assert summary.rejected_reasons == [(2, "payload.records must be a list of objects")]


def test_enrolment_codes_work_once(hub: HubProcess, tmp_path: Path) -> None:
    code = hub.enrol_code("Dover desk")
    first = make_laptop(tmp_path / "a", None)
    enrol(first.local, hub.url, code)
    second = make_laptop(tmp_path / "b", None)
    with pytest.raises(EnrolmentRefusedError, match="already been used"):
        enrol(second.local, hub.url, code)
    with pytest.raises(EnrolmentRefusedError, match="not known"):
        enrol(second.local, hub.url, "AAAA-BBBB-CCCC")
    for made in (first, second):
        made.store.close()


def test_a_published_bundle_arrives_verified_and_a_tampered_one_is_refused(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    hub.admin("publish", "directory", str(REPO / "resources" / "directory" / "services.json"))
    assert laptop.client().run_once().received == 1
    version, document = laptop.local.bundle("directory") or ("", {})
    assert version == "2026-12" and "services.json" in document["files"]

    # Someone with database access swaps in a fake helpline number without the hub key.
    changed = tmp_path / "services.json"
    data = json.loads((REPO / "resources/directory/services.json").read_text())
    data["edition"] = "2027-01"
    changed.write_text(json.dumps(data))
    hub.admin("publish", "directory", str(changed))
    import sqlite3

    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    row = database.execute("SELECT id, content FROM bundles ORDER BY id DESC").fetchone()
    forged = json.loads(row[1])
    text = forged["files"]["services.json"]
    forged["files"]["services.json"] = text.replace("08 08 16 89 111", "0800 000 0000", 1)
    assert forged["files"]["services.json"] != text
    database.execute("UPDATE bundles SET content = ? WHERE id = ?", (json.dumps(forged), row[0]))
    database.commit()
    database.close()
    with pytest.raises(BundleRejectedError, match="directory update"):
        laptop.client().run_once()
    assert laptop.local.bundle("directory") == (version, document)  # the old one is kept


def test_a_revoked_device_is_refused_with_a_signed_wipe_order(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.client().run_once()
    device_id = laptop.local.identity()[0]
    assert "Revoked" in hub.admin("revoke", device_id)
    with pytest.raises(DeviceRevokedError):
        laptop.client().run_once()


def test_device_a_cannot_read_or_speak_for_device_b(hub: HubProcess, tmp_path: Path) -> None:
    a = make_laptop(tmp_path / "a", hub, "A")
    b = make_laptop(tmp_path / "b", hub, "B")
    b.add_session_with(people=3)
    b.client().run_once()
    a.client().run_once()
    # A's view of the hub holds only A's envelopes, never B's.
    assert a.local.verify_range() is None  # everything A sent was confirmed and verified
    answer = a.client().transport.request("POST", "/v1/verify", {"from_seq": 1, "to_seq": 10**6})
    assert answer.body["count"] == a.outbox_count()
    # A signs with its own key but claims to be B: refused.
    forged = a.client().transport
    forged._device_id = b.local.identity()[0]  # deliberately forging the header
    with pytest.raises(NotKnownToHubError):  # the hub's signed 401, told as what it is
        forged.request("GET", "/v1/pull?cursor=0&limit=10")
    status, body = hub.request(
        "POST",
        "/v1/verify",
        json.dumps({"from_seq": 1, "to_seq": 100}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 401 and b"not signed by a device" in body
    for made in (a, b):
        made.store.close()


def test_admin_endpoints_need_the_token(hub: HubProcess) -> None:
    assert hub.get("/v1/admin/devices")[0] == 401
    status, body = hub.get("/v1/admin/devices", {"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert status == 200 and b'"devices"' in body


def test_oversized_and_malformed_requests_get_clear_4xx_answers(hub: HubProcess) -> None:
    status, body = hub.request(
        "POST", "/v1/enrol", b"{not json", {"Content-Type": "application/json"}
    )
    assert status == 400 and b"not in the expected form" in body
    big = b"{" + b" " * (9 * 1024 * 1024) + b"}"
    status, body = hub.request("POST", "/v1/push", big, {"Content-Type": "application/json"})
    assert status == 413 and b"too large" in body
