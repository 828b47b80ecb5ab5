"""The hub checks every pushed record strictly: an unknown kind or record type, a missing
or an extra field is refused with a reason naming it, and the rest of the push is stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from victim_champion.core.identifiers import new_id
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import SessionRecord
from victim_champion.hub.api.bundles import publish
from victim_champion.hub.api.intake_rules import known_service_ids
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.signing_keys import load_or_create_hub_key
from victim_champion.store.journaling.journal import append_envelope
from victim_champion.store.schema.connection import transaction


def a_session_record() -> dict[str, Any]:
    return SessionRecord(
        new_id(), "training", "Basics", "Hall", "thanet", datetime(2026, 12, 3).date(), ()
    ).to_wire()


def queue(laptop: Laptop, kind: EnvelopeKind, records: list[dict[str, Any]]) -> int:
    """Queue an envelope as a faulty or differently built laptop might; its number."""

    def work(connection: Any) -> int:
        with transaction(connection):
            payload = {"records": records, "audit": []}
            return append_envelope(connection, kind, payload, datetime.now(UTC)).device_seq

    return int(laptop.store.owner.run(work))


def push_with_one_bad(laptop: Laptop, bad_seq: int) -> str:
    """Sync a push holding good envelopes around the bad one; the bad one's reason."""
    laptop.add_session_with(people=2)
    summary = laptop.client().run_once()
    assert summary.pending == 0 and summary.rejected == 1
    assert summary.accepted == laptop.outbox_count() - 1
    [(seq, reason)] = summary.rejected_reasons
    assert seq == bad_seq
    return reason


def assert_the_rest_is_stored(hub: HubProcess, laptop: Laptop) -> None:
    stats = hub.stats()
    assert stats["envelopes"] == laptop.outbox_count() - 1
    assert stats["refused"] == 1 and stats["missing"] == 0
    assert stats["records_by_kind"]["attendees.added"] == 3


def test_a_record_with_an_extra_field_is_refused_naming_the_field(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=1)
    bad = queue(laptop, EnvelopeKind.SESSION_CREATED, [{**a_session_record(), "district": "x"}])
    reason = push_with_one_bad(laptop, bad)
    assert "a session record has an unexpected field 'district'" in reason
    assert_the_rest_is_stored(hub, laptop)


def test_a_record_with_a_missing_field_is_refused_naming_the_field(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=1)
    record = a_session_record()
    del record["district_id"]
    bad = queue(laptop, EnvelopeKind.SESSION_CREATED, [record])
    reason = push_with_one_bad(laptop, bad)
    assert "a session record has no field 'district_id'" in reason
    assert_the_rest_is_stored(hub, laptop)


def test_an_envelope_of_an_unknown_kind_is_refused_naming_the_kind(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=1)
    bad = queue(laptop, EnvelopeKind.SESSION_CREATED, [a_session_record()])
    laptop.store.owner.run(
        lambda c: c.execute(
            "UPDATE outbox SET kind = 'session.archived' WHERE device_seq = ?", (bad,)
        )
    )
    reason = push_with_one_bad(laptop, bad)
    assert "unknown kind 'session.archived'" in reason
    assert_the_rest_is_stored(hub, laptop)


def test_a_record_of_an_unknown_type_or_in_the_wrong_kind_of_envelope_is_refused(
    hub: HubProcess, laptop: Laptop
) -> None:
    laptop.add_session_with(people=1)
    note = queue(laptop, EnvelopeKind.SESSION_CREATED, [{"type": "note", "id": new_id()}])
    misplaced = queue(laptop, EnvelopeKind.QUIZ_SUBMITTED, [a_session_record()])
    laptop.add_session_with(people=2)
    summary = laptop.client().run_once()
    assert summary.pending == 0 and summary.rejected == 2
    reasons = dict(summary.rejected_reasons)
    assert "unknown record type 'note'" in reasons[note]
    assert "a quiz.submitted envelope cannot carry a session record" in reasons[misplaced]
    assert hub.stats()["envelopes"] == laptop.outbox_count() - 2


def test_a_record_with_a_renamed_field_is_refused_and_the_rest_stored_on_either_database(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        laptop.add_session_with(people=1)
        record = a_session_record()
        record["place"] = record.pop("venue")
        bad = queue(laptop, EnvelopeKind.SESSION_CREATED, [record])
        reason = push_with_one_bad(laptop, bad)
        assert "a session record has an unexpected field 'place'" in reason
        assert_the_rest_is_stored(hub, laptop)
    finally:
        laptop.store.close()
        hub.stop()


def test_a_record_naming_a_service_no_directory_has_is_refused(
    hub: HubProcess, laptop: Laptop
) -> None:
    from victim_champion.core.wire_records import SignpostingWireRecord

    laptop.add_session_with(people=1)
    record = SignpostingWireRecord(
        new_id(),
        "thanet",
        ("emotional-support",),
        ("victim-support-kent", "made-up-service"),
        True,
        datetime(2026, 12, 3).date(),
    ).to_wire()
    bad = queue(laptop, EnvelopeKind.SIGNPOSTING_RECORDED, [record])
    reason = push_with_one_bad(laptop, bad)
    assert "the service id is not in any directory the hub has" in reason
    assert "made-up-service" not in reason  # the reason names the field, never the value
    assert_the_rest_is_stored(hub, laptop)


def test_services_of_every_directory_published_are_known_to_intake_as_soon_as_published(
    tmp_path: Path,
) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    upgrade(engine)
    key = load_or_create_hub_key(engine, tmp_path / "hub.key")

    def directory(edition: str, service_id: str) -> dict[str, Any]:
        services = json.dumps({"edition": edition, "services": [{"id": service_id}]})
        return {"kind": "directory", "version": edition, "files": {"services.json": services}}

    def known() -> frozenset[str]:
        with engine.connect() as connection:
            return known_service_ids(connection)

    shipped = known()
    assert "test-service-a" not in shipped
    publish(engine, key, directory("2026-12-a", "test-service-a"))
    assert known() == shipped | {"test-service-a"}
    # A newer directory without a: a stays known (a laptop may still be on the first),
    # and each is read once, then remembered.
    publish(engine, key, directory("2026-12-b", "test-service-b"))
    assert known() == shipped | {"test-service-a", "test-service-b"}
    assert known() == shipped | {"test-service-a", "test-service-b"}
    engine.dispose()
