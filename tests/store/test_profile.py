"""Creating and unlocking a profile, and failing closed without touching a byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import keyring.backends.fail
import pytest

from tests.conftest import PASSPHRASE
from tests.support.keyrings import MemoryKeyring
from victim_champion.core.errors import (
    CorruptStoreError,
    KeyringEntryMissingError,
    NoKeyringError,
    ProfileExistsError,
    ProfileNotFoundError,
    SchemaTooNewError,
    WrongPassphraseError,
)
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.schema.connection import open_encrypted
from victim_champion.store.schema.migrator import latest_version


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and the SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_a_new_profile_opens_with_its_passphrase_at_the_latest_schema(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    try:
        version = store.owner.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
        meta = dict(store.owner.run(lambda c: c.execute("SELECT * FROM profile_meta").fetchall()))
    finally:
        store.close()
    assert version == latest_version()
    assert meta["cipher.cipher_page_size"] == "4096"
    assert store.actor == "admin:Administrator"


def test_the_database_file_is_not_plaintext_sqlite(profile: Profile) -> None:
    header = profile.paths.database.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    assert (profile.paths.folder.stat().st_mode & 0o777) == 0o700
    assert (profile.paths.database.stat().st_mode & 0o777) == 0o600


def test_init_refuses_when_a_profile_exists(profile: Profile, fast_kdf: KdfParams) -> None:
    before = fingerprint(profile.paths.folder)
    with pytest.raises(ProfileExistsError):
        profile.create("another hall-kettle-lantern passphrase", kdf=fast_kdf)
    assert fingerprint(profile.paths.folder) == before


def test_a_wrong_passphrase_never_recreates_or_changes_the_database(profile: Profile) -> None:
    before = fingerprint(profile.paths.folder)
    with pytest.raises(WrongPassphraseError):
        profile.open("not the passphrase")
    assert fingerprint(profile.paths.folder) == before


def test_a_corrupt_database_is_refused_and_left_as_it_was(profile: Profile) -> None:
    data = bytearray(profile.paths.database.read_bytes())
    data[100:200] = bytes(100)  # damage page 1 after the salt
    profile.paths.database.write_bytes(bytes(data))
    before = fingerprint(profile.paths.folder)
    with pytest.raises(CorruptStoreError):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_a_truncated_database_is_refused_and_left_as_it_was(profile: Profile) -> None:
    data = profile.paths.database.read_bytes()
    profile.paths.database.write_bytes(data[:1000])
    before = fingerprint(profile.paths.folder)
    with pytest.raises(CorruptStoreError):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_an_empty_database_file_is_refused_not_initialised(profile: Profile) -> None:
    profile.paths.database.write_bytes(b"")
    before = fingerprint(profile.paths.folder)
    with pytest.raises(CorruptStoreError):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_a_damaged_key_file_is_refused_and_left_as_it_was(profile: Profile) -> None:
    profile.paths.keys.write_text('{"format": 1, "slots": [')
    before = fingerprint(profile.paths.folder)
    with pytest.raises(CorruptStoreError, match="key file"):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_a_schema_newer_than_the_app_is_refused_before_any_write(profile: Profile) -> None:
    unlocked = profile.unlock_key(PASSPHRASE)
    connection = open_encrypted(profile.paths.database, unlocked.data_key)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    before = fingerprint(profile.paths.folder)
    with pytest.raises(SchemaTooNewError, match="newer version"):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_no_keyring_backend_fails_closed(tmp_path: Path, profile: Profile) -> None:
    before = fingerprint(profile.paths.folder)
    without = Profile(profile.paths.folder, DeviceSecretStore(keyring.backends.fail.Keyring()))
    with pytest.raises(NoKeyringError):
        without.open(PASSPHRASE)
    with pytest.raises(NoKeyringError):
        Profile(tmp_path / "new", DeviceSecretStore(keyring.backends.fail.Keyring())).create(
            PASSPHRASE, kdf=KdfParams(salt=fresh_salt())
        )
    assert not (tmp_path / "new").exists()
    assert fingerprint(profile.paths.folder) == before


def test_a_missing_keyring_entry_fails_closed(profile: Profile) -> None:
    before = fingerprint(profile.paths.folder)
    elsewhere = Profile(profile.paths.folder, DeviceSecretStore(MemoryKeyring()))
    with pytest.raises(KeyringEntryMissingError):
        elsewhere.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_an_incomplete_profile_is_refused_not_completed(profile: Profile) -> None:
    profile.paths.database.unlink()
    with pytest.raises(CorruptStoreError, match="incomplete"):
        profile.open(PASSPHRASE)
    assert not profile.paths.database.exists()


def test_an_empty_folder_is_not_a_profile(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ProfileNotFoundError):
        Profile(tmp_path, DeviceSecretStore(memory_keyring)).open(PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_changing_the_passphrase_rewraps_the_key_and_leaves_the_database_alone(
    profile: Profile,
) -> None:
    database_before = profile.paths.database.read_bytes()
    profile.change_passphrase(PASSPHRASE, "a brand new kettle lantern")
    assert profile.paths.database.read_bytes() == database_before
    with pytest.raises(WrongPassphraseError):
        profile.unlock_key(PASSPHRASE)
    assert len(profile.unlock_key("a brand new kettle lantern").data_key) == 32


def test_a_second_staff_slot_opens_the_same_data(profile: Profile, fast_kdf: KdfParams) -> None:
    unlocked = profile.unlock_key(PASSPHRASE)
    profile.set_slot(unlocked, "staff-2", "second kettle harbour lantern", kdf=fast_kdf)
    second = profile.unlock_key("second kettle harbour lantern")
    assert second.slot_id == "staff-2"
    assert second.data_key == unlocked.data_key
    assert profile.unlock_key(PASSPHRASE).slot_id == "admin:Administrator"
    slots = json.loads(profile.paths.keys.read_text())["slots"]
    assert {s["slot_id"] for s in slots} == {"admin:Administrator", "staff-2"}
