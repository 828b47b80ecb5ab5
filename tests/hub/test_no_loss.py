"""The four ways sync used to lose records, each run on SQLite and on PostgreSQL against a
real hub process, each ending with an exact count: made on the laptop against held at
the hub (stored or accounted for as refused), 0 lost, 0 duplicated.

1. Retention after 31 days idle used to restart numbering at 1.
2. A profile restored from a backup numbered new records below what the hub held.
3. Big imports made envelopes larger than the hub takes in one push.
4. One bad envelope blocked the whole push on PostgreSQL.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from tests.conftest import PASSPHRASE
from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import HubProcess, start_hub
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.envelopes import ENVELOPE_PAYLOAD_BUDGET
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import AttendeeRecord
from victim_champion.store.journaling.journal import append_envelope
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.schema.connection import transaction
from victim_champion.store.syncing.retention import purge_at_unlock
from victim_champion.store.syncing.sync_local import StoreSyncLocal


def made(laptop: Laptop) -> int:
    """How many envelopes this laptop has ever numbered (its counter, never the outbox)."""
    value = laptop.store.owner.run(
        lambda c: c.execute(
            "SELECT value FROM sync_state WHERE key = 'next_device_seq'"
        ).fetchone()[0]
    )
    return int(value) - 1


def held(hub: HubProcess, laptop: Laptop) -> dict[str, Any]:
    """The hub's counts for this laptop's device."""
    device_id = laptop.local.identity()[0]
    stats = hub.stats()
    return next(d for d in stats["devices"] if d["device_id"] == device_id)


def assert_nothing_lost(hub: HubProcess, laptop: Laptop, refused: int = 0) -> dict[str, Any]:
    counts = held(hub, laptop)
    assert counts["envelopes"] + counts["refused"] == made(laptop), counts
    assert counts["refused"] == refused, counts
    assert counts["missing"] == 0 and counts["duplicates"] == 0, counts
    return counts


def attendees_at_hub(hub: HubProcess) -> int:
    return int(hub.stats()["records_by_kind"].get("attendees.added", 0))


def a_session(records: Records, people: int, prefix: str) -> str:
    session = records.create_session(
        Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", date(2026, 12, 3))
    )
    records.add_attendees(
        session.id,
        [
            AttendeeDetails(
                f"{prefix} Person {i}",
                email=f"person{i}@example.org",
                phone="01632 960000",
                organisation="Parish council",
                role="Councillor",
                consent_contact=True,
            )
            for i in range(people)
        ],
    )
    return session.id


def test_records_made_after_31_days_idle_all_reach_the_hub(hub_db_url: str, tmp_path: Path) -> None:
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        long_ago = datetime.now(UTC) - timedelta(days=31)
        then = Records(laptop.store, clock=lambda: long_ago)
        a_session(then, 5, "Early")
        SignpostingRecords(laptop.store, clock=lambda: long_ago).record(
            "thanet", ["emotional-support"], [], None
        )
        laptop.client().run_once()
        before = made(laptop)
        # The laptop sits in a drawer for 31 days; unlocking it lets go of everything.
        purged = purge_at_unlock(laptop.store)
        # All but the profile's own creation event, which is dated today.
        assert purged.envelopes == before - 1 and purged.records == 1
        assert laptop.outbox_count() == 2  # that event, and the purge's own audit event
        for _ in range(41):
            SignpostingRecords(laptop.store).record("dover", ["practical-help"], [], None)
        summary = laptop.client().run_once()
        assert summary.accepted == 42 and summary.rejected == 0 and summary.renumbered == 0
        counts = assert_nothing_lost(hub, laptop)
        assert counts["envelopes"] == before + 42
        assert hub.stats()["records_by_kind"]["signposting.recorded"] == 42
    finally:
        laptop.store.close()
        hub.stop()


def test_a_profile_restored_from_a_backup_renumbers_and_loses_nothing(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    folder = tmp_path / "laptop"
    try:
        a_session(laptop.records, 10, "Before")
        laptop.client().run_once()
        a_session(laptop.records, 5, "Unsent at backup")  # in the backup, still pending
        laptop.store.close()
        shutil.copytree(folder, tmp_path / "backup")
        laptop = reopen(laptop, folder)
        a_session(laptop.records, 20, "After backup")  # reaches the hub, then the disk dies
        laptop.client().run_once()
        held_before_restore = held(hub, laptop)["envelopes"]
        laptop.store.close()
        shutil.rmtree(folder)
        shutil.copytree(tmp_path / "backup", folder)
        laptop = reopen(laptop, folder)
        a_session(laptop.records, 30, "After restore")  # numbered below what the hub holds
        summary = laptop.client().run_once()
        assert summary.renumbered > 0 and summary.rejected == 0
        counts = assert_nothing_lost(hub, laptop)
        assert counts["envelopes"] > held_before_restore
        # Every attendee ever added, from both timelines, is at the hub exactly once.
        assert attendees_at_hub(hub) == 10 + 5 + 20 + 30
        again = laptop.client().run_once()
        assert again.sent == 0 and again.pending == 0
    finally:
        laptop.store.close()
        hub.stop()


def reopen(laptop: Laptop, folder: Path) -> Laptop:
    store = laptop.profile.open(PASSPHRASE)
    return Laptop(laptop.profile, store, Records(store), StoreSyncLocal(store))


def test_two_imports_of_5000_rows_go_in_envelopes_that_fit(hub_db_url: str, tmp_path: Path) -> None:
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        a_session(laptop.records, 5000, "First")
        a_session(laptop.records, 5000, "Second")
        sizes = laptop.store.owner.run(
            lambda c: [
                int(n)
                for (n,) in c.execute(
                    "SELECT length(CAST(payload AS BLOB)) FROM outbox "
                    "WHERE kind = 'attendees.added'"
                )
            ]
        )
        assert len(sizes) >= 2 * 4  # each import was split at the source
        assert max(sizes) <= ENVELOPE_PAYLOAD_BUDGET
        summary = laptop.client().run_once()
        assert summary.rejected == 0 and summary.pending == 0
        assert_nothing_lost(hub, laptop)
        assert attendees_at_hub(hub) == 10_000
    finally:
        laptop.store.close()
        hub.stop()


def queue_raw(laptop: Laptop, kind: EnvelopeKind, payload: dict[str, Any]) -> None:
    """An envelope as an older version (or a fault) left it in the outbox."""

    def work(connection: Any) -> None:
        with transaction(connection):
            append_envelope(connection, kind, payload, datetime.now(UTC))

    laptop.store.owner.run(work)


def test_unsplit_envelopes_from_an_older_version_go_alone_and_one_too_large_is_quarantined(
    hub: HubProcess, laptop: Laptop
) -> None:
    filler = "x" * 1000
    for _ in range(2):  # two 4 MB envelopes, as a 4,999-row import used to make
        records = [filler_attendee(filler) for _ in range(4000)]
        queue_raw(laptop, EnvelopeKind.ATTENDEES_ADDED, {"records": records, "audit": []})
    huge = [filler_attendee(filler) for _ in range(9000)]
    queue_raw(laptop, EnvelopeKind.ATTENDEES_ADDED, {"records": huge, "audit": []})  # 9 MB
    a_session(laptop.records, 3, "After")
    summary = laptop.client().run_once()
    assert summary.pending == 0
    assert summary.rejected == 1
    [(_, reason)] = summary.rejected_reasons
    assert "too large to send" in reason
    assert_nothing_lost(hub, laptop, refused=1)
    assert held(hub, laptop)["quarantined_on_laptop"] == 1


def test_one_bad_envelope_is_refused_with_its_reason_and_the_rest_go_on(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        for index in range(21):
            if index == 7:  # a certificate code one character too long for the hub's column
                queue_raw(
                    laptop,
                    EnvelopeKind.CERTIFICATES_ISSUED,
                    {"records": [bad_certificate()], "audit": []},
                )
            a_session(laptop.records, 1, f"S{index}")
        summary = laptop.client().run_once()
        assert summary.rejected == 1 and summary.pending == 0
        assert summary.accepted == made(laptop) - 1
        [(_, reason)] = summary.rejected_reasons
        assert "code must be text of 1 to 12 characters" in reason
        assert_nothing_lost(hub, laptop, refused=1)
    finally:
        laptop.store.close()
        hub.stop()


def filler_attendee(filler: str) -> dict[str, Any]:
    """A well-formed attendee record about 1 kB long."""
    return AttendeeRecord(new_id(), new_id(), "Sample Person", "", "", filler, "", None).to_wire()


def bad_certificate() -> dict[str, str]:
    return {
        "type": "certificate",
        "code": "ABCD-EFGH-JKL",  # 13 characters
        "attendee_id": new_id(),
        "session_id": new_id(),
        "name": "Sample Person",
        "course": "Victim Champion",
        "course_date": "2026-12-03",
        "key_id": "k1",
        "signature": "c2lnbmF0dXJl",
    }


def test_a_database_fault_on_one_envelope_rejects_only_that_one(
    hub_db_url: str, tmp_path: Path
) -> None:
    """A fault the checks cannot foresee (here a trigger that fails one session's row on
    either database) is answered per envelope, with a reference, inside its savepoint."""
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    engine = create_engine(hub_db_url)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(
                    text(
                        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                        "IF NEW.payload LIKE '%Faulty%' THEN RAISE EXCEPTION 'disk fault'; "
                        "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
                    )
                )
                connection.execute(
                    text(
                        "CREATE TRIGGER refuse BEFORE INSERT ON envelopes "
                        "FOR EACH ROW EXECUTE FUNCTION refuse()"
                    )
                )
            else:
                connection.execute(
                    text(
                        "CREATE TRIGGER refuse BEFORE INSERT ON envelopes "
                        "WHEN NEW.payload LIKE '%Faulty%' "
                        "BEGIN SELECT RAISE(ABORT, 'disk fault'); END"
                    )
                )
        for index in range(10):
            a_session(laptop.records, 1, "Faulty" if index == 4 else f"Good{index}")
        summary = laptop.client().run_once()
        assert summary.rejected == 1 and summary.pending == 0
        [(_, reason)] = summary.rejected_reasons
        assert "could not store this record (reference" in reason
        assert "disk fault" not in reason  # the database's own words stay in the hub's log
        assert_nothing_lost(hub, laptop, refused=1)
    finally:
        engine.dispose()
        laptop.store.close()
        hub.stop()
