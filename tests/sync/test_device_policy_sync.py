"""The laptop keeps the device policy the real hub sends, at enrolment and on every pull,
and applies it: retention uses the hub's window, the idle lock the hub's ceiling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, delete, insert

from tests.hub.conftest import make_laptop
from tests.support.hub_process import HubProcess
from victim_champion.core.device_policy import DevicePolicy, effective_idle_lock_seconds
from victim_champion.hub.storage.tables import settings
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.syncing.policy_state import load_device_policy
from victim_champion.store.syncing.retention import purge_at_unlock
from victim_champion.sync.client import enrol


def set_hub_policy(hub: HubProcess, retention_days: int, idle_lock_seconds: int) -> None:
    engine = create_engine(hub.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(delete(settings).where(settings.c.key.like("policy.%")))
            connection.execute(
                insert(settings),
                [
                    {"key": "policy.retention_days", "value": str(retention_days)},
                    {"key": "policy.idle_lock_seconds", "value": str(idle_lock_seconds)},
                ],
            )
    finally:
        engine.dispose()


def test_a_laptop_keeps_the_policy_from_enrolment_and_the_newest_from_each_sync(
    hub: HubProcess, tmp_path: Path
) -> None:
    laptop = make_laptop(tmp_path / "laptop", None)
    try:
        assert load_device_policy(laptop.store) is None  # never enrolled: no policy
        set_hub_policy(hub, retention_days=14, idle_lock_seconds=600)
        enrol(laptop.local, hub.url, hub.enrol_code("Laptop"))
        assert load_device_policy(laptop.store) == DevicePolicy(14, 600)
        set_hub_policy(hub, retention_days=7, idle_lock_seconds=90)
        laptop.client().run_once()
        assert load_device_policy(laptop.store) == DevicePolicy(7, 90)
        assert laptop.local.device_policy() == DevicePolicy(7, 90)
        # The laptop's own five minutes are brought down to the hub's ceiling.
        assert effective_idle_lock_seconds(300, load_device_policy(laptop.store)) == 90
    finally:
        laptop.store.close()


def test_retention_lets_records_go_after_the_window_the_hub_sent(
    hub: HubProcess, tmp_path: Path
) -> None:
    set_hub_policy(hub, retention_days=7, idle_lock_seconds=120)
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        now = datetime.now(UTC)
        records = SignpostingRecords(laptop.store, clock=lambda: now)
        records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=True)
        summary = laptop.client().run_once()
        assert summary.verified and summary.pending == 0
        six_days_on = purge_at_unlock(laptop.store, clock=lambda: now + timedelta(days=6))
        assert (six_days_on.records, six_days_on.envelopes) == (0, 0)
        # Under the default 30 days nothing would go yet; under the hub's 7 it does.
        eight_days_on = purge_at_unlock(laptop.store, clock=lambda: now + timedelta(days=8))
        assert eight_days_on.records == 1
    finally:
        laptop.store.close()
