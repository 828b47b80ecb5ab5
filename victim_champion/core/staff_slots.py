"""Who a key slot belongs to: its role and the name staff gave it.

A slot id is ``admin:NAME``, ``staff:NAME`` or ``recovery``. The id is bound into the
slot's encryption, so editing keys.json cannot turn a staff slot into an administrator's.
Profiles made before named slots have one slot, ``staff-1``, made by whoever set the
laptop up: it is an administrator's.

The name is what the audit log shows for everything done after that slot unlocked. It is
staff's own choice (a first name, initials or a desk, such as "Thanet desk 2"), never a
victim's or attendee's.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from victim_champion.core.errors import InvalidInputError

MAX_NAME_LENGTH = 40
LEGACY_FIRST_SLOT = "staff-1"
RECOVERY_SLOT = "recovery"


class SlotRole(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    RECOVERY = "recovery"


@dataclass(frozen=True)
class SlotOwner:
    role: SlotRole
    name: str

    @property
    def slot_id(self) -> str:
        if self.role is SlotRole.RECOVERY:
            return RECOVERY_SLOT
        return f"{self.role.value}:{self.name}"

    @property
    def is_admin(self) -> bool:
        return self.role is SlotRole.ADMIN


def owner_of(slot_id: str) -> SlotOwner:
    """The role and name behind a slot id (any other id is a staff member's, by name)."""
    if slot_id == RECOVERY_SLOT:
        return SlotOwner(SlotRole.RECOVERY, "recovery key")
    if slot_id == LEGACY_FIRST_SLOT:
        return SlotOwner(SlotRole.ADMIN, slot_id)
    role, _, name = slot_id.partition(":")
    if role == SlotRole.ADMIN.value and name:
        return SlotOwner(SlotRole.ADMIN, name)
    return SlotOwner(SlotRole.STAFF, name if role == SlotRole.STAFF.value and name else slot_id)


def staff_name(text: str) -> str:
    """A staff slot's name as typed, tidied; one sentence if it cannot be one."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    allowed = all(ch.isalnum() or ch in " -'." for ch in name)
    if not name or len(name) > MAX_NAME_LENGTH or not allowed:
        raise InvalidInputError(
            f"Give the staff slot a name of 1 to {MAX_NAME_LENGTH} letters, digits, spaces, "
            "hyphens or apostrophes, such as a first name or 'Thanet desk 2'."
        )
    return name


FIRST_ADMIN = SlotOwner(SlotRole.ADMIN, "Administrator")


def is_slot_id(text: str) -> bool:
    """Whether ``text`` is a slot id this app makes (so an audit line never holds free
    text): a legacy id, ``recovery``, or a role and a name ``staff_name`` accepts."""
    legacy = text.startswith("staff-") and text.removeprefix("staff-").isdigit()
    if legacy or text == RECOVERY_SLOT:
        return True
    role, _, name = text.partition(":")
    if role not in (SlotRole.ADMIN.value, SlotRole.STAFF.value):
        return False
    try:
        return staff_name(name) == name
    except InvalidInputError:
        return False
