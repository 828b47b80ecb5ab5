"""Retention's rules on a real (SQLCipher) store, without a hub: what the hub confirmed and
verify covered goes once the window has passed, and nothing else. The hub "confirms" here by
the same rows the sync client writes: the envelope's state and ``verified_through``. The
whole round trip with a real hub is tests/sync/test_device_policy_sync.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.clock import Clock
from victim_champion.core.device_policy import DEFAULT_DEVICE_POLICY
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.store.syncing.policy_state import write_device_policy
from victim_champion.store.syncing.retention import (
    DEFAULT_RETENTION_DAYS,
    PurgeResult,
    purge_at_unlock,
    purge_confirmed,
)

NOW = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(profile: Profile) -> Iterator[OpenStore]:
    """A store whose outbox starts empty: the audit envelope of its creation (stamped with
    the real clock) confirmed and let go, so the fixed dates below are the only ones."""
    opened = profile.open(PASSPHRASE)
    confirm_all(opened)
    purge_confirmed(opened, 0, clock=lambda: datetime.now(UTC) + timedelta(days=1))
    assert envelopes(opened) == []
    yield opened
    opened.close()


def record_at(store: OpenStore, when: datetime) -> str:
    records = SignpostingRecords(store, clock=lambda: when)
    return records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=True)


def envelopes(store: OpenStore) -> list[tuple[int, str, str]]:
    """(sequence, kind, state) of every envelope in the outbox, in order."""
    sql = "SELECT device_seq, kind, state FROM outbox ORDER BY device_seq"
    rows = store.owner.run(lambda c: c.execute(sql).fetchall())
    return [(int(seq), str(kind), str(state)) for seq, kind, state in rows]


def confirm(store: OpenStore, accepted_through: int, verified_through: int) -> None:
    """What the sync client writes when the hub accepts envelopes and verify agrees."""

    def work(connection: Connection) -> None:
        connection.execute(
            "UPDATE outbox SET state = 'accepted' WHERE device_seq <= ?", (accepted_through,)
        )
        connection.execute(
            "INSERT INTO sync_state (key, value) VALUES ('verified_through', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(verified_through),),
        )

    store.owner.run(work)


def confirm_all(store: OpenStore) -> None:
    last = envelopes(store)[-1][0]
    confirm(store, last, last)


def kept_records(store: OpenStore) -> list[str]:
    rows = store.owner.run(lambda c: c.execute("SELECT id FROM signposting").fetchall())
    return sorted(str(row[0]) for row in rows)


def at(moment: datetime) -> Clock:
    return lambda: moment


def days_on(days: float) -> datetime:
    return NOW + timedelta(days=days)


def test_nothing_goes_until_the_window_has_passed(store: OpenStore) -> None:
    record = record_at(store, NOW)
    confirm_all(store)
    before = envelopes(store)
    for moment in (NOW, days_on(6), days_on(7)):  # on day 7 itself it is not yet older
        assert purge_confirmed(store, 7, clock=at(moment)) == PurgeResult(0, 0)
    # Nothing let go, so nothing was audited either: no envelope was queued.
    assert (kept_records(store), envelopes(store)) == ([record], before)


def test_after_the_window_the_record_and_its_envelopes_go_and_the_delete_is_audited(
    store: OpenStore,
) -> None:
    record = record_at(store, NOW)
    confirm_all(store)
    sent = len(envelopes(store))
    assert sent >= 1
    assert purge_confirmed(store, 7, clock=lambda: days_on(8)) == PurgeResult(1, sent)
    assert kept_records(store) == []
    [(_, kind, state)] = envelopes(store)  # only the audit of the purge is left, to send
    assert (kind, state) == (EnvelopeKind.AUDIT_EVENTS.value, "pending")
    payload = store.owner.run(lambda c: c.execute("SELECT payload FROM outbox").fetchone()[0])
    assert record in json.dumps(json.loads(payload))


def test_only_what_the_hub_accepted_and_verify_covered_goes(store: OpenStore) -> None:
    _, second, third = (record_at(store, NOW) for _ in range(3))
    [(one, *_), (two, *_), (three, *_)] = envelopes(store)
    # The hub accepted the first two; verify has so far agreed only on the first.
    confirm(store, accepted_through=two, verified_through=one)
    assert purge_confirmed(store, 7, clock=lambda: days_on(8)) == PurgeResult(1, 1)
    assert kept_records(store) == sorted([second, third])
    # Verify catches up past all three, but the hub never accepted the third.
    confirm(store, accepted_through=two, verified_through=three)
    assert purge_confirmed(store, 7, clock=lambda: days_on(8)) == PurgeResult(1, 1)
    assert kept_records(store) == [third]
    assert three in {seq for seq, _, _ in envelopes(store)}


def test_an_old_envelope_goes_even_when_no_record_goes_with_it(store: OpenStore) -> None:
    """The purge's own audit envelope holds no record; once confirmed and old, it goes."""
    record_at(store, NOW)
    confirm_all(store)
    purge_confirmed(store, 7, clock=lambda: days_on(8))
    confirm_all(store)  # the audit envelope, sent and verified
    assert purge_confirmed(store, 7, clock=lambda: days_on(14)) == PurgeResult(0, 0)
    assert purge_confirmed(store, 7, clock=lambda: days_on(16)) == PurgeResult(0, 1)
    assert envelopes(store) == []  # only deleted records are audited, so nothing is queued


def test_at_unlock_the_window_is_the_default_until_the_hub_sends_one(
    store: OpenStore,
) -> None:
    assert DEFAULT_RETENTION_DAYS == 30
    record = record_at(store, NOW)
    confirm_all(store)
    assert purge_at_unlock(store, clock=lambda: days_on(29)) == PurgeResult(0, 0)
    policy = replace(DEFAULT_DEVICE_POLICY, retention_days=60)
    store.owner.run(lambda c: write_device_policy(c, policy))
    assert purge_at_unlock(store, clock=lambda: days_on(31)) == PurgeResult(0, 0)
    assert kept_records(store) == [record]
    store.owner.run(lambda c: write_device_policy(c, replace(policy, retention_days=7)))
    assert purge_at_unlock(store, clock=lambda: days_on(8)).records == 1


def test_without_a_policy_a_record_goes_after_the_default_window(store: OpenStore) -> None:
    record_at(store, NOW)
    confirm_all(store)
    assert purge_at_unlock(store, clock=lambda: days_on(31)).records == 1


def test_a_record_goes_by_its_own_date_even_when_its_envelope_is_younger(
    store: OpenStore,
) -> None:
    """The record and its envelope each read the clock; here the envelope is stamped an hour
    later. Half an hour after the window the record goes (the hub has it), and its envelope
    stays until it too is older than the window."""
    readings = iter([NOW, NOW + timedelta(hours=1)])
    records = SignpostingRecords(store, clock=lambda: next(readings))
    records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=True)
    confirm_all(store)
    half_an_hour_after = days_on(7) + timedelta(minutes=30)
    assert purge_confirmed(store, 7, clock=at(half_an_hour_after)) == PurgeResult(1, 0)
    assert kept_records(store) == []
    assert purge_confirmed(store, 7, clock=at(days_on(8))) == PurgeResult(0, 1)


def test_a_purge_result_cannot_be_changed_once_made() -> None:
    result = PurgeResult(1, 2)
    with pytest.raises(AttributeError):  # frozen: dataclasses.FrozenInstanceError
        result.records = 0  # type: ignore[misc]
    assert (result.records, result.envelopes) == (1, 2)
