"""Two hub processes on one PostgreSQL, with many devices syncing at once: idempotency
lives in the database, so nothing is stored twice and nothing is lost."""

from __future__ import annotations

import csv
import io
import threading
from datetime import UTC, date, datetime
from pathlib import Path

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import start_hub
from victim_champion.hub.dashboard import login_throttle as throttle
from victim_champion.hub.storage.engine import make_engine, upgrade


def test_two_hub_processes_on_one_postgresql_store_each_envelope_once(
    postgres_url: str, tmp_path: Path
) -> None:
    first, second = start_hub(postgres_url), start_hub(postgres_url)
    laptops: list[Laptop] = []
    try:
        for index in range(6):
            laptops.append(
                make_laptop(
                    tmp_path / f"laptop{index}", first if index % 2 else second, f"Laptop {index}"
                )
            )
        for laptop in laptops:
            for _ in range(4):
                laptop.add_session_with(people=5, day=date(2026, 10, 3))
        errors: list[BaseException] = []

        def sync_against_both(laptop: Laptop) -> None:
            try:
                # The same envelopes race to both hubs at once, twice over.
                racers = [
                    threading.Thread(target=laptop.client(hub.url).run_once)
                    for hub in (first, second, first, second)
                ]
                for racer in racers:
                    racer.start()
                for racer in racers:
                    racer.join()
                laptop.client(first.url).run_once()
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [
            threading.Thread(target=sync_against_both, args=(machine,)) for machine in laptops
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        stats = first.stats()
        assert stats["envelopes"] == sum(machine.outbox_count() for machine in laptops)
        assert stats["missing"] == 0 and stats["duplicates"] == 0
        assert stats["records_by_kind"]["attendees.added"] == 6 * 4 * 5
        assert all(machine.local.pending_count() == 0 for machine in laptops)
        # The month's published report reads, and is frozen in, the same PostgreSQL store;
        # the other hub process serves the same frozen copy.
        out, again = tmp_path / "october.csv", tmp_path / "october-again.csv"
        first.admin("report", "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(out))
        second.admin("report", "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(again))
        assert again.read_text() == out.read_text()
        figures = {
            (r["table"], r["row"], r["column"]): r["value"]
            for r in csv.DictReader(io.StringIO(out.read_text()))
        }
        assert figures[("sessions-by-district", "Thanet", "Training")] == "24"
        assert figures[("attendees-by-district", "Thanet", "Total")] == "120"
    finally:
        for laptop in laptops:
            laptop.store.close()
        first.stop()
        second.stop()


def test_wrong_dashboard_passwords_counted_at_once_on_postgresql_lock_exactly_once(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    locks: list[datetime | None] = []
    barrier = threading.Barrier(8)

    def wrong_password() -> None:
        barrier.wait()
        locks.append(throttle.note_failure(engine, "wendy", "192.0.2.1", moment))

    threads = [threading.Thread(target=wrong_password) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Eight at once: the fifth locks; the three after it find the lock and leave it be.
    assert locks.count(moment + throttle.LOCKOUT) == 1 and locks.count(None) == 7
    assert throttle.address_blocked(engine, "192.0.2.1", moment) == moment + throttle.LOCKOUT
    engine.dispose()
