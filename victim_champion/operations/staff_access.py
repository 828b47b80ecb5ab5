"""Who can open the profile: changing a passphrase, named staff slots, and a recovery key.

Every change rewraps the one data key in keys.json (a new slot-set version, sealed; see
store/keys/key_file.py) and never touches the database. Adding, removing or listing
staff, and making a recovery key, need an administrator's passphrase.

The recovery key is twelve random common words (about 140 bits), shown once. Using it
opens nothing by itself: it sets a new passphrase on a named slot, and the person then
unlocks with that. It works once: the write that sets the new passphrase also takes the
recovery key out of keys.json, so a second use with the same words is refused and changes
nothing. Compass House makes a new one after each use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from victim_champion.content.passphrase_policy import recovery_words
from victim_champion.core.errors import (
    InvalidInputError,
    NotAdministratorError,
    RecoveryKeyUsedError,
)
from victim_champion.core.staff_slots import (
    RECOVERY_SLOT,
    SlotOwner,
    SlotRole,
    owner_of,
    staff_name,
)
from victim_champion.operations.workspace import ProfileGate
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile_types import UnlockedKey

RECOVERY_WORDS = 12


def _as_admin(gate: ProfileGate, passphrase: str) -> UnlockedKey:
    unlocked = gate.profile.unlock_key(passphrase)
    if not owner_of(unlocked.slot_id).is_admin:
        raise NotAdministratorError()
    return unlocked


def _owners(gate: ProfileGate) -> list[SlotOwner]:
    return [owner_of(slot_id) for slot_id in gate.profile.slot_ids()]


def _slot_named(gate: ProfileGate, name: str) -> str:
    wanted = staff_name(name).casefold()
    for owner in _owners(gate):
        if owner.role is not SlotRole.RECOVERY and owner.name.casefold() == wanted:
            return owner.slot_id
    raise InvalidInputError(f"There is no staff slot named {staff_name(name)}.")


def change_passphrase(gate: ProfileGate, current: str, new: str) -> SlotOwner:
    """Give the slot that ``current`` opens a new passphrase; returns whose it is."""
    unlocked = gate.profile.unlock_key(current)
    owner = owner_of(unlocked.slot_id)
    if owner.role is SlotRole.RECOVERY:
        raise InvalidInputError(
            "A recovery key cannot be changed; use it to set a staff passphrase instead."
        )
    gate.profile.set_slot(unlocked, unlocked.slot_id, new, context=(owner.name,))
    return owner


def add_staff(
    gate: ProfileGate, admin_passphrase: str, name: str, passphrase: str, *, admin: bool = False
) -> SlotOwner:
    """A new named slot (staff, or another administrator) with its own passphrase."""
    unlocked = _as_admin(gate, admin_passphrase)
    owner = SlotOwner(SlotRole.ADMIN if admin else SlotRole.STAFF, staff_name(name))
    for taken in _owners(gate):
        if taken.role is not SlotRole.RECOVERY and taken.name.casefold() == owner.name.casefold():
            raise InvalidInputError(f"There is already a staff slot named {taken.name}.")
    gate.profile.set_slot(unlocked, owner.slot_id, passphrase, context=(owner.name,))
    return owner


def remove_staff(
    gate: ProfileGate, admin_passphrase: str, name: str
) -> tuple[SlotOwner, list[SlotOwner]]:
    """Take a named slot out and re-key the store (store/rekey.py), so a data key that
    person exported opens nothing made from now on; the last administrator cannot be
    removed. Returns whose slot went, and any older slots that could not follow the new
    key (never opened since sealed slots came in: add those people again)."""
    unlocked = _as_admin(gate, admin_passphrase)
    slot_id = _slot_named(gate, name)
    owner = owner_of(slot_id)
    admins = [o for o in _owners(gate) if o.is_admin]
    if owner.is_admin and len(admins) == 1:
        raise InvalidInputError(
            "That is the only administrator's slot; add another administrator first."
        )
    _, dropped = gate.profile.rekey_without(unlocked, slot_id)
    return owner, [owner_of(slot) for slot in dropped]


def list_staff(gate: ProfileGate, admin_passphrase: str) -> list[SlotOwner]:
    """Every slot's role and name (never a secret)."""
    _as_admin(gate, admin_passphrase)
    return _owners(gate)


def make_recovery_key(gate: ProfileGate, admin_passphrase: str) -> str:
    """A new recovery key (replacing any earlier one), to show once and print."""
    unlocked = _as_admin(gate, admin_passphrase)
    words = recovery_words(RECOVERY_WORDS)
    # Twelve random words are far beyond guessing, so the floor Argon2 setting will do.
    floor = KdfParams(salt=fresh_salt())
    gate.profile.set_slot(unlocked, RECOVERY_SLOT, words, kdf=floor)
    return words


def save_recovery_sheet(words: str, path: str | Path) -> Path:
    """The recovery key as a one-page PDF to print, readable by its owner only (0600)."""
    from victim_champion.documents.recovery_sheet import build_recovery_sheet
    from victim_champion.store.atomic_file import write_atomically

    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise InvalidInputError(f"The folder {target.parent} does not exist; create it first.")
    write_atomically(target, build_recovery_sheet(words, date.today()), mode=0o600)
    return target


def normal_recovery_key(typed: str) -> str:
    """The words as printed, whatever spacing, hyphens or capitals were typed."""
    return " ".join(typed.replace("-", " ").casefold().split())


def recover(gate: ProfileGate, recovery_key: str, name: str, new_passphrase: str) -> SlotOwner:
    """Use the recovery key, once, to give a named slot a new passphrase: the key is spent
    in the same write of keys.json that sets it. A spent key is refused, changing nothing."""
    if RECOVERY_SLOT not in gate.profile.slot_ids():
        raise RecoveryKeyUsedError()
    slot_id = _slot_named(gate, name)
    unlocked = gate.profile.unlock_key(normal_recovery_key(recovery_key), RECOVERY_SLOT)
    gate.profile.set_slot(unlocked, slot_id, new_passphrase, retire=RECOVERY_SLOT)
    return owner_of(slot_id)
