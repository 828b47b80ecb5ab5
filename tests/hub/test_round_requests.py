"""A whole sync round in one request (sync/shared/rounds.py), against the real hub on 127.0.0.1:
what it costs in requests, what it verifies, what it refuses, and a hub without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import HubProcess, free_port, requests_by_route, sqlite_url
from victim_champion.core.sync_errors import UpgradeRequiredError
from victim_champion.sync.shared.protocol import (
    SCHEMA_VERSION,
    Endpoint,
    canonical_json,
    content_hash,
)

STEPS = ("/v1/round", "/v1/pull", "/v1/push", "/v1/verify")


def test_a_usual_sync_is_one_request_and_verifies_what_it_sent(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=4)
    summary = laptop.client().run_once()
    assert summary.verified and summary.accepted == summary.sent == laptop.outbox_count()
    assert laptop.local.verify_range() is None  # all that was confirmed is verified
    laptop.add_session_with(people=1)
    again = laptop.client().run_once()
    assert again.accepted == again.sent > 0 and laptop.local.verify_range() is None
    assert requests_by_route(hub, *STEPS) == dict.fromkeys(STEPS, 0) | {"/v1/round": 2}
    stats = hub.stats()
    assert stats["envelopes"] == laptop.outbox_count() and stats["missing"] == 0


def test_a_refused_envelope_leaves_the_comparison_to_a_verify_request(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=2)
    bad_payload = {"records": "not a list", "audit": []}  # refused by the hub, hash honest
    laptop.store.owner.run(
        lambda c: c.execute(
            "UPDATE outbox SET payload = ?, content_hash = ? WHERE device_seq = 2",
            (canonical_json(bad_payload).decode(), content_hash(bad_payload)),
        )
    )
    summary = laptop.client().run_once()
    assert summary.rejected == 1 and summary.verified and summary.pending == 0
    assert laptop.local.verify_range() is None
    # The runs held after the push were not the runs asked about: asked again, separately.
    counts = requests_by_route(hub, *STEPS)
    assert counts == {"/v1/round": 1, "/v1/pull": 0, "/v1/push": 0, "/v1/verify": 1}


def test_a_round_the_hub_cannot_take_is_refused_in_one_sentence(
    hub: HubProcess, laptop: Laptop
) -> None:
    status, body = hub.request("POST", Endpoint.ROUND, b"{}", {"Content-Type": "application/json"})
    assert status == 401 and b"not signed by a device" in body  # credentials come first
    transport = laptop.client().transport
    bad = transport.request("POST", Endpoint.ROUND, {"cursor": -1, "limit": 10, "envelopes": []})
    assert bad.status == 400 and bad.body["error"] == "cursor must be 0 or more, limit 1 or more"
    too_many = {"cursor": 0, "limit": 10, "envelopes": [{}] * 501}
    listed = transport.request("POST", Endpoint.ROUND, too_many)
    assert listed.status == 400 and "at most 500" in listed.body["error"]
    old = {"device_seq": 1, "schema_version": SCHEMA_VERSION - 5}
    with pytest.raises(UpgradeRequiredError):  # 426: the laptop keeps its queue
        transport.request("POST", Endpoint.ROUND, {"cursor": 0, "limit": 10, "envelopes": [old]})
    assert hub.stats()["envelopes"] == 0


@pytest.fixture
def hub_without_rounds(tmp_path: Path) -> Iterator[HubProcess]:
    """A hub serving only the separate steps, as one from before round requests did."""
    process = HubProcess(sqlite_url(tmp_path), free_port(), args=("--no-round-requests",))
    yield process.start()
    process.stop()


def test_a_hub_without_round_requests_gets_the_separate_steps(
    hub_without_rounds: HubProcess, tmp_path: Path
) -> None:
    laptop = make_laptop(tmp_path / "laptop", hub_without_rounds)
    try:
        laptop.add_session_with(people=3)
        client = laptop.client()
        first = client.run_once()
        assert first.verified and first.accepted == laptop.outbox_count()
        laptop.add_session_with(people=1)
        second = client.run_once()  # the same client remembers: no second round asked
        assert second.verified and second.accepted == second.sent > 0
        counts = requests_by_route(hub_without_rounds, *STEPS)
        # Its one 404 is counted under no route: an unknown path never names a label.
        assert counts["/v1/round"] == 0
        assert counts["/v1/pull"] == 2 and counts["/v1/push"] == 2 and counts["/v1/verify"] == 2
        stats = hub_without_rounds.stats()
        assert stats["envelopes"] == laptop.outbox_count()
        assert stats["missing"] == stats["duplicates"] == 0
    finally:
        laptop.store.close()
