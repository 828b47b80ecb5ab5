"""The command line on a full disk, and retention at every unlock, as the app does it.

A real small disk (tmpfs): `init` and `sync` that run out of space say so in one sentence,
leave no half-made profile behind, and lose nothing. Records past the retention window
that the hub confirmed and verify covered are let go when any command unlocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli
from tests.conftest import PASSPHRASE
from tests.support.hub_process import HubProcess
from tests.support.keyrings import MemoryKeyring
from tests.support.small_disk import fill, small_disk
from victim_champion.core.errors import DiskFullError
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.signposting_records import SignpostingRecords

FULL = DiskFullError.default_message


def test_init_on_a_full_disk_says_so_and_leaves_no_half_profile(
    capsys: pytest.CaptureFixture[str], cli: InProcessCli, tmp_path: Path
) -> None:
    # Full at different points: no room for the folder, for the database, for its log.
    for leave in (0, 16 * 1024, 256 * 1024):
        with small_disk(tmp_path / f"disk{leave}", 4 * 1024) as disk:
            filler = fill(disk, leave_bytes=leave)
            on_disk = InProcessCli(capsys, disk / "profile")
            result = on_disk("init")
            assert result.code == 1
            assert result.err.strip().splitlines()[-1] == FULL, leave  # after any progress line
            assert not (disk / "profile").exists() or not list((disk / "profile").iterdir())
            filler.unlink()
            assert on_disk("init").code == 0  # with space again, it works


def test_sync_on_a_full_disk_says_so_and_the_next_sync_loses_nothing(
    capsys: pytest.CaptureFixture[str],
    cli: InProcessCli,
    hub: HubProcess,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    with small_disk(tmp_path / "disk", 24 * 1024) as disk:
        on_disk = InProcessCli(capsys, disk / "profile")
        assert on_disk("init").code == 0
        assert on_disk("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
        for index in range(5):
            created = on_disk(
                *("session", "create", "--kind", "drop-in", "--title", f"Desk {index}"),
                *("--district", "Dover", "--venue", "Library", "--date", "2026-12-03"),
            )
            assert created.code == 0
        store = Profile(disk / "profile", DeviceSecretStore(memory_keyring)).open(PASSPHRASE)
        try:  # an empty write-ahead log, so the sync's first write needs new space
            store.owner.run(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
        finally:
            store.close()
        filler = fill(disk)
        result = on_disk("sync")
        assert result.code == 1
        assert FULL in result.err and "unexpected" not in result.err
        filler.unlink()
        again = on_disk("sync", "--json")
        assert again.code == 0, again.err
        stats = hub.stats()
        assert stats["missing"] == 0 and stats["duplicates"] == 0
        assert stats["records_by_kind"]["session.created"] == 5


def test_any_command_that_unlocks_lets_go_of_records_past_the_window(
    cli: InProcessCli, hub: HubProcess, memory_keyring: MemoryKeyring
) -> None:
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    long_ago = datetime.now(UTC) - timedelta(days=31)
    profile = Profile(cli.data_dir, DeviceSecretStore(memory_keyring))
    store = profile.open(PASSPHRASE)
    try:
        old = SignpostingRecords(store, clock=lambda: long_ago)
        kept = [old.record("thanet", ["emotional-support"], [], None) for _ in range(3)]
    finally:
        store.close()
    assert cli("sync").code == 0  # the hub confirms and verifies; retention ran before it
    assert cli("session", "list").code == 0  # this unlock lets them go
    store = profile.open(PASSPHRASE)
    try:
        left = {r.id for r in SignpostingRecords(store).recent()}
    finally:
        store.close()
    assert not left & set(kept)
