"""Damage anywhere in the data file is refused at unlock, before any write, untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.errors import CorruptStoreError, WrongPassphraseError
from victim_champion.store.profile import Profile
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
