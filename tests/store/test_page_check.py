"""Damage anywhere in the data file is refused at unlock, before any write, untouched."""

from __future__ import annotations

import hashlib
import shutil
import struct
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.support.keyrings import MemoryKeyring
from victim_champion.core.errors import CorruptStoreError, WrongPassphraseError
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile
from victim_champion.store.schema.connection import open_encrypted
from victim_champion.store.schema.page_check import read_ahead

PAGE = 4096


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder (so nothing new appears) and the SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def assert_refused_untouched(profile: Profile) -> None:
    before = fingerprint(profile.paths.folder)
    with pytest.raises(CorruptStoreError) as raised:
        profile.open(PASSPHRASE)
    assert "damaged" in str(raised.value) and "Compass House" in str(raised.value)
    assert fingerprint(profile.paths.folder) == before


def test_a_clean_file_passes_the_check(profile: Profile) -> None:
    profile.open(PASSPHRASE).close()


def test_a_flipped_bit_in_the_last_page_is_refused_at_unlock(profile: Profile) -> None:
    # Before the check this page was never read at unlock, so the store opened as if whole.
    database = profile.paths.database
    flip_byte(database, (pages(database) - 1) * PAGE + 200)
    assert_refused_untouched(profile)


@pytest.mark.parametrize("where", ["middle", "hmac"])
def test_a_flipped_bit_in_any_later_page_is_refused(profile: Profile, where: str) -> None:
    database = profile.paths.database
    page = pages(database) // 2
    # "hmac": the stored HMAC itself, in the page's reserved bytes at its end.
    offset = page * PAGE + (PAGE - 10 if where == "hmac" else 1000)
    flip_byte(database, offset)
    assert_refused_untouched(profile)


def test_a_file_cut_mid_page_is_refused(profile: Profile) -> None:
    database = profile.paths.database
    database.write_bytes(database.read_bytes()[:-100])
    assert_refused_untouched(profile)


def test_a_file_cut_at_a_page_boundary_is_refused(profile: Profile) -> None:
    database = profile.paths.database
    database.write_bytes(database.read_bytes()[: -2 * PAGE])
    assert_refused_untouched(profile)


def test_a_garbage_page_appended_is_refused(profile: Profile) -> None:
    database = profile.paths.database
    database.write_bytes(database.read_bytes() + bytes(range(256)) * (PAGE // 256))
    assert_refused_untouched(profile)


def test_damage_in_a_page_full_of_records_is_refused(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    try:
        store.owner.run(
            lambda c: c.executemany(
                "INSERT INTO profile_meta VALUES (?, ?)",
                [(f"filler.{i}", "x" * 200) for i in range(400)],
            )
        )
    finally:
        store.close()
    database = profile.paths.database
    flip_byte(database, (pages(database) - 3) * PAGE + 2000)
    assert_refused_untouched(profile)


def test_a_wrong_passphrase_on_a_damaged_file_is_still_a_wrong_passphrase(
    profile: Profile,
) -> None:
    database = profile.paths.database
    flip_byte(database, (pages(database) - 1) * PAGE + 200)
    before = fingerprint(profile.paths.folder)
    with pytest.raises(WrongPassphraseError):
        profile.open("not the passphrase at all")
    assert fingerprint(profile.paths.folder) == before


def test_reading_ahead_is_only_a_hint_and_changes_nothing(profile: Profile) -> None:
    before = fingerprint(profile.paths.folder)
    read_ahead(profile.paths.database)
    read_ahead(profile.paths.folder / "no such file")
    assert fingerprint(profile.paths.folder) == before


def crashed_copy(profile: Profile, memory_keyring: MemoryKeyring) -> tuple[Profile, list[int]]:
    """A copy of the profile taken mid-session, as a power cut leaves it: a -wal file
    holding committed pages not yet written back. Returns it and the pages in its -wal."""
    unlocked = profile.unlock_key(PASSPHRASE)
    connection = open_encrypted(profile.paths.database, unlocked.data_key)
    try:
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("BEGIN")
        rows = [(f"filler.{i}", "x" * 300) for i in range(50)]
        connection.executemany("INSERT INTO profile_meta VALUES (?, ?)", rows)
        connection.execute("COMMIT")
        crashed = profile.paths.folder.with_name("crashed")
        shutil.copytree(profile.paths.folder, crashed)
    finally:
        connection.close()
    wal = (crashed / "store.db-wal").read_bytes()
    frame = 24 + PAGE
    in_wal = [
        struct.unpack(">I", wal[32 + i * frame : 36 + i * frame])[0]
        for i in range((len(wal) - 32) // frame)
    ]
    return Profile(crashed, DeviceSecretStore(memory_keyring)), in_wal


def test_a_torn_page_whose_good_copy_is_in_the_wal_is_not_damage(
    profile: Profile, memory_keyring: MemoryKeyring
) -> None:
    crashed, in_wal = crashed_copy(profile, memory_keyring)
    database = crashed.paths.database
    torn = min(page for page in in_wal if page <= pages(database))
    flip_byte(database, (torn - 1) * PAGE + 500)  # cut short by the power going
    store = crashed.open(PASSPHRASE)  # SQLite reads the -wal copy, and writes it back
    try:
        count = store.owner.run(
            lambda c: c.execute(
                "SELECT count(*) FROM profile_meta WHERE key LIKE 'filler.%'"
            ).fetchone()[0]
        )
    finally:
        store.close()
    assert count == 50


def test_damage_outside_the_wal_is_still_refused_after_a_crash(
    profile: Profile, memory_keyring: MemoryKeyring
) -> None:
    crashed, in_wal = crashed_copy(profile, memory_keyring)
    database = crashed.paths.database
    damaged = max(page for page in range(1, pages(database) + 1) if page not in in_wal)
    flip_byte(database, (damaged - 1) * PAGE + 500)
    with pytest.raises(CorruptStoreError):
        crashed.open(PASSPHRASE)
