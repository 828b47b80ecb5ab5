"""Passphrases that can change and cannot be wound back, and one count of wrong guesses
for every way in: against a real profile (SQLCipher file, keys.json) and a keyring."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.support.keyrings import MemoryKeyring
from victim_champion.core.errors import (
    StaleKeyFileError,
    TooManyAttemptsError,
    WrongPassphraseError,
)
from victim_champion.store.keys.attempts import FREE_ATTEMPTS, Attempts, wait_after
from victim_champion.store.keys.device_secret import DeviceSecretStore, slot_set_note
from victim_champion.store.keys.key_file import read_key_file
from victim_champion.store.keys.key_slots import KdfParams
from victim_champion.store.profile import Profile

NEW = "lantern teapot orchard velvet"


def database_hash(profile: Profile) -> str:
    return hashlib.sha256(profile.paths.database.read_bytes()).hexdigest()


def test_changing_the_passphrase_never_rewrites_the_database(
    profile: Profile, fast_kdf: KdfParams
) -> None:
    before = database_hash(profile)
    unlocked = profile.unlock_key(PASSPHRASE)
    profile.set_slot(unlocked, unlocked.slot_id, NEW, kdf=fast_kdf)
    assert database_hash(profile) == before
    with pytest.raises(WrongPassphraseError):
        profile.unlock_key(PASSPHRASE)
    assert profile.unlock_key(NEW).data_key == unlocked.data_key


def test_an_old_key_file_put_back_is_refused_even_with_the_keyrings_note_gone(
    profile: Profile, fast_kdf: KdfParams, memory_keyring: MemoryKeyring
) -> None:
    """The issue's attack: keep keys.json, change the leaked passphrase, put the old
    file back, and the old passphrase worked again."""
    old_file = profile.paths.keys.read_bytes()
    store = profile.open(PASSPHRASE)  # the store learns version 1
    store.close()
    unlocked = profile.unlock_key(PASSPHRASE)
    profile.set_slot(unlocked, unlocked.slot_id, NEW, kdf=fast_kdf)
    store = profile.open(NEW)  # and now version 2
    store.close()
    profile.paths.keys.write_bytes(old_file)
    with pytest.raises(StaleKeyFileError, match="older than the one this laptop last used"):
        profile.unlock_key(PASSPHRASE)
    # An attacker who can also edit the keyring: the store still knows version 2.
    profile_id = read_key_file(profile.paths.keys).profile_id
    del memory_keyring.entries[("outreach-desk", slot_set_note(profile_id))]
    before = database_hash(profile)
    with pytest.raises(StaleKeyFileError):
        profile.open(PASSPHRASE)
    assert database_hash(profile) == before


def test_a_key_file_whose_version_was_raised_by_hand_fails_its_seal(
    profile: Profile, fast_kdf: KdfParams
) -> None:
    old_file = json.loads(profile.paths.keys.read_text())
    unlocked = profile.unlock_key(PASSPHRASE)
    profile.set_slot(unlocked, unlocked.slot_id, NEW, kdf=fast_kdf)
    old_file["slot_set"]["version"] = 99
    profile.paths.keys.write_text(json.dumps(old_file))
    with pytest.raises(StaleKeyFileError):
        profile.unlock_key(PASSPHRASE)


def test_wrong_passphrases_are_counted_across_restarts_and_every_way_in(
    profile: Profile, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphraseError):
            profile.unlock_key("not the passphrase at all")
    # A restart is a new Profile on the same folder and keyring: the count stays.
    restarted = Profile(profile.paths.folder, DeviceSecretStore(memory_keyring))
    with pytest.raises(TooManyAttemptsError, match=r"wait 1 second, then try again\."):
        restarted.unlock_key(PASSPHRASE)  # even the right one waits
    assert restarted.attempts(read_key_file(profile.paths.keys).profile_id).wait_seconds() == 1


def test_the_wait_doubles_to_a_minute_and_a_clock_set_back_never_makes_it_longer(
    memory_keyring: MemoryKeyring,
) -> None:
    assert [wait_after(n) for n in range(FREE_ATTEMPTS, FREE_ATTEMPTS + 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
        60,
    ]
    now = [1_000_000.0]
    attempts = Attempts(DeviceSecretStore(memory_keyring), "p", clock=lambda: now[0])
    for _ in range(FREE_ATTEMPTS + 8):
        attempts.failed()
    assert attempts.wait_seconds() == 60
    now[0] -= 86_400  # the clock goes back a day
    assert attempts.wait_seconds() == 60
    now[0] += 86_400 + 61
    assert attempts.wait_seconds() == 0
    memory_keyring.entries[("outreach-desk", "attempts:p")] = "not json"
    assert attempts.wait_seconds() > 0  # a garbled count is the cautious one, not zero


def test_the_audit_log_names_who_unlocked_and_only_an_administrator_reads_it(
    profile: Profile, fast_kdf: KdfParams
) -> None:
    from victim_champion.core.errors import NotAdministratorError
    from victim_champion.operations.profile_admin import audit_events, load_settings, save_settings
    from victim_champion.operations.workspace import ProfileGate

    gate = ProfileGate(profile)
    profile.set_slot(profile.unlock_key(PASSPHRASE), "staff:Asha", NEW, kdf=fast_kdf)
    staff = gate.unlock(NEW)
    try:
        save_settings(staff, load_settings(staff))  # an audited change
        with pytest.raises(NotAdministratorError, match="Only an administrator"):
            audit_events(staff)
    finally:
        staff.close()
    admin = gate.unlock(PASSPHRASE)
    try:
        actors = [event.actor for event in audit_events(admin)]
    finally:
        admin.close()
    assert "staff:Asha" in actors and "admin:Administrator" in actors


def test_the_wait_starts_at_the_third_wrong_passphrase_and_a_right_one_clears_it(
    memory_keyring: MemoryKeyring,
) -> None:
    assert [wait_after(n) for n in range(6)] == [0, 0, 0, 1, 2, 4]
    now = [1_000_000.0]
    attempts = Attempts(DeviceSecretStore(memory_keyring), "p", clock=lambda: now[0])
    assert [attempts.failed() for _ in range(4)] == [0, 0, 1, 2]
    with pytest.raises(TooManyAttemptsError):
        attempts.check()
    attempts.succeeded()
    attempts.check()  # no wait after the right passphrase
    # And the count starts again from nothing.
    assert [attempts.failed() for _ in range(4)] == [0, 0, 1, 2]


def test_a_count_that_cannot_be_read_or_was_wound_below_zero_is_no_help_to_a_guesser(
    memory_keyring: MemoryKeyring,
) -> None:
    now = [1_000_000.0]
    attempts = Attempts(DeviceSecretStore(memory_keyring), "p", clock=lambda: now[0])
    memory_keyring.entries[("outreach-desk", "attempts:p")] = "not json"
    assert attempts.wait_seconds() == 60  # garbled: the longest wait, from now
    memory_keyring.entries[("outreach-desk", "attempts:p")] = json.dumps(
        {"failures": -50, "last": 0}
    )
    # Wound back by hand it counts as none, not as fifty mistakes in hand.
    assert [attempts.failed() for _ in range(4)] == [0, 0, 1, 2]
