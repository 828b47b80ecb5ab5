"""Removing a staff member re-keys the real SQLCipher store (issue 35, finding 2): a key
exported before opens nothing made after, and a failure at any step leaves a store that
opens with the old key or the new, never neither."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.errors import CorruptStoreError, WrongPassphraseError
from victim_champion.core.staff_slots import SlotOwner, SlotRole
from victim_champion.store import rekey
from victim_champion.store.keys import key_file as key_file_module
from victim_champion.store.keys.key_file import read_key_file
from victim_champion.store.keys.key_slots import KdfParams, KeySlot, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.profile_types import UnlockedKey
from victim_champion.store.schema.connection import open_encrypted

ASHA = "harbour maple quill sixteen"
ASHA_SLOT = SlotOwner(SlotRole.STAFF, "Asha").slot_id


class CrashError(Exception):
    """Stands for the process dying at one step."""


def with_asha(profile: Profile) -> UnlockedKey:
    admin = profile.unlock_key(PASSPHRASE)
    profile.set_slot(admin, ASHA_SLOT, ASHA, kdf=KdfParams(salt=fresh_salt()))
    return profile.unlock_key(PASSPHRASE)


def write_row(profile: Profile, passphrase: str, key: str) -> None:
    store = profile.open(passphrase)
    try:
        store.owner.run(lambda c: c.execute("INSERT INTO profile_meta VALUES (?, 'made')", (key,)))
    finally:
        store.close()


def rows(database: Path, data_key: bytes) -> set[str]:
    connection = open_encrypted(database, data_key)
    try:
        found = connection.execute("SELECT key FROM profile_meta").fetchall()
    finally:
        connection.close()
    return {key for (key,) in found}


def test_a_key_exported_before_a_removal_opens_no_copy_made_after(
    profile: Profile, tmp_path: Path
) -> None:
    admin = with_asha(profile)
    old_key = profile.unlock_key(ASHA).data_key  # what Asha could have taken away
    assert old_key == admin.data_key
    write_row(profile, PASSPHRASE, "before")

    new, dropped = profile.rekey_without(admin, ASHA_SLOT)
    write_row(profile, PASSPHRASE, "after")

    assert dropped == () and new.data_key != old_key
    copy = tmp_path / "copied.db"
    shutil.copyfile(profile.paths.database, copy)
    with pytest.raises(CorruptStoreError):
        open_encrypted(copy, old_key)
    assert {"before", "after"} <= rows(copy, new.data_key)  # nothing was lost
    assert profile.unlock_key(PASSPHRASE).data_key == new.data_key
    with pytest.raises(WrongPassphraseError):
        profile.unlock_key(ASHA)
    assert profile.slot_ids() == ("admin:Administrator",)


def test_every_remaining_slot_follows_the_new_key_without_its_passphrase(
    profile: Profile,
) -> None:
    admin = with_asha(profile)
    profile.set_slot(admin, "staff:Ben", "lantern teapot orchard velvet", kdf=fresh_kdf())
    new, _ = profile.rekey_without(profile.unlock_key(PASSPHRASE), ASHA_SLOT)
    # Ben's passphrase was never given to the re-key, yet it opens the new key.
    assert profile.unlock_key("lantern teapot orchard velvet").data_key == new.data_key
    store = profile.open("lantern teapot orchard velvet")
    store.close()
    events = rows(profile.paths.database, new.data_key)
    assert "slot_set_version" in events


def fresh_kdf() -> KdfParams:
    return KdfParams(salt=fresh_salt())


def test_an_older_slot_is_sealed_when_it_next_opens_and_one_never_opened_is_reported(
    profile: Profile,
) -> None:
    """Slots from before sealed slots wrap the data key itself: a re-key cannot carry them
    without their passphrase, so they move at their next unlock, or are reported."""
    from victim_champion.store.keys.key_slots import _associated_data, _wrapping_key

    admin = with_asha(profile)
    file = read_key_file(profile.paths.keys)
    secret = profile.device_secrets.read(file.profile_id)

    def legacy(slot_id: str, passphrase: str) -> KeySlot:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf = fresh_kdf()
        key = _wrapping_key(kdf, passphrase, secret)
        nonce = b"\1" * 12
        bound = _associated_data(file.profile_id, slot_id, kdf)
        return KeySlot(slot_id, kdf, nonce, AESGCM(key).encrypt(nonce, admin.data_key, bound))

    older = file.with_slot(legacy("admin:Administrator", PASSPHRASE))
    older = older.with_slot(legacy("staff:Ben", "lantern teapot orchard velvet"))
    key_file_module.write_key_file(profile.paths.keys, older.signed(admin.data_key, 50))

    reopened = profile.unlock_key(PASSPHRASE)  # moves the administrator's slot
    slots = {s.slot_id: s for s in read_key_file(profile.paths.keys).slots}
    assert slots["admin:Administrator"].is_sealed and not slots["staff:Ben"].is_sealed
    new, dropped = profile.rekey_without(reopened, ASHA_SLOT)
    assert dropped == ("staff:Ben",)
    assert profile.unlock_key(PASSPHRASE).data_key == new.data_key


def break_at(
    monkeypatch: pytest.MonkeyPatch, name: str, *, after: bool = False
) -> Callable[[], None]:
    """Make rekey.``name`` crash (before or after doing its work), and stop the clean-up
    from running, as a dead process's would not. Returns a function that undoes both."""
    original = getattr(rekey, name)

    def crashing(*args: Any, **kwargs: Any) -> Any:
        if after:
            original(*args, **kwargs)
        raise CrashError(name)

    monkeypatch.setattr(rekey, name, crashing)
    monkeypatch.setattr(rekey, "_discard", lambda *_: None)
    return monkeypatch.undo


@pytest.mark.parametrize(
    ("step", "after", "new_key_wins"),
    [
        ("copy_rekeyed", False, False),  # before anything was staged
        ("copy_rekeyed", True, False),  # the copy re-keyed, nothing else
        ("note_rekey", True, False),  # the copy complete, keys.json.next not yet written
        ("write_key_file", True, False),  # both staged, the store not yet replaced
        ("commit", True, True),  # the store replaced, keys.json not yet
    ],
)
def test_a_crash_at_any_step_leaves_a_store_that_opens_with_the_old_key_or_the_new(
    profile: Profile,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    after: bool,
    new_key_wins: bool,
) -> None:
    admin = with_asha(profile)
    write_row(profile, PASSPHRASE, "before")
    if step == "write_key_file":
        original = key_file_module.write_key_file

        def crashing(path: Path, file: Any) -> None:
            original(path, file)
            if path.name.endswith(".next"):
                raise CrashError(step)

        monkeypatch.setattr(key_file_module, "write_key_file", crashing)
        monkeypatch.setattr(rekey, "_discard", lambda *_: None)
        undo = monkeypatch.undo
    else:
        undo = break_at(monkeypatch, step, after=after)
    with pytest.raises(CrashError):
        profile.rekey_without(admin, ASHA_SLOT)
    undo()

    # A fresh process: the profile opens, and the store opens with exactly one key.
    again = Profile(profile.paths.folder, profile.device_secrets)
    unlocked = again.unlock_key(PASSPHRASE)
    assert (unlocked.data_key != admin.data_key) is new_key_wins
    assert "before" in rows(again.paths.database, unlocked.data_key)
    if new_key_wins:
        with pytest.raises(CorruptStoreError):
            open_encrypted(again.paths.database, admin.data_key)
        assert ASHA_SLOT not in again.slot_ids()
    else:
        assert ASHA_SLOT in again.slot_ids()  # the removal did not happen; run it again
    leftovers = rekey.staged_files(again.paths.database, again.paths.keys)
    assert not any(path.exists() for path in leftovers)
    again.open(PASSPHRASE).close()
    # And the removal, run again, completes.
    new, _ = again.rekey_without(again.unlock_key(PASSPHRASE), ASHA_SLOT)
    assert rows(again.paths.database, new.data_key) >= {"before"}


def test_a_store_open_elsewhere_is_not_rekeyed_under_it(profile: Profile) -> None:
    """The app, unlocked, would go on writing to the file the re-key replaces."""
    from victim_champion.core.errors import InvalidInputError

    admin = with_asha(profile)
    store = profile.open(ASHA)  # as if the app were open and unlocked
    try:
        with pytest.raises(InvalidInputError, match="open in the app"):
            profile.rekey_without(admin, ASHA_SLOT)
    finally:
        store.close()
    assert ASHA_SLOT in profile.slot_ids()
    assert profile.unlock_key(PASSPHRASE).data_key == admin.data_key
    leftovers = rekey.staged_files(profile.paths.database, profile.paths.keys)
    assert not any(path.exists() for path in leftovers)


def test_staged_files_are_left_alone_while_someone_holds_the_key_file_lock(
    profile: Profile,
) -> None:
    """Another process's re-key in progress is not a crash's leftovers."""
    from victim_champion.store.keys.slot_set_lock import slot_set_locked

    staged = rekey.staged_database(profile.paths.database)
    staged.write_bytes(b"half a copy")
    with slot_set_locked(profile.paths.keys):
        rekey.finish_interrupted_rekey(profile.paths.database, profile.paths.keys)
        assert staged.exists()
    rekey.finish_interrupted_rekey(profile.paths.database, profile.paths.keys)
    assert not staged.exists()
    profile.open(PASSPHRASE).close()
