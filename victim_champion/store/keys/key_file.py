"""keys.json: the profile id, the pinned SQLCipher settings and the key slots.

It holds no personal data and nothing usable without a passphrase and the device secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from victim_champion.core.errors import DamagedKeyFileError
from victim_champion.store.atomic_file import write_atomically
from victim_champion.store.keys.key_slots import KeySlot

FORMAT = 1
# A handful of staff slots and a recovery slot fill a few KB; each slot costs one Argon2
# run at unlock, so a file with thousands of them would hang it as surely as huge params.
MAX_KEY_FILE_BYTES = 256 * 1024
MAX_SLOTS = 64


@dataclass(frozen=True)
class KeyFile:
    """The parsed contents of keys.json."""

    profile_id: str
    slots: tuple[KeySlot, ...]
    cipher: dict[str, str | int]

    def with_slot(self, slot: KeySlot) -> KeyFile:
        """A copy with ``slot`` added, or replacing the slot of the same id."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def slot(self, slot_id: str) -> KeySlot | None:
        """The slot with this id, if any."""
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def to_bytes(self) -> bytes:
        """Serialise as stable, readable JSON."""
        document = {
            "format": FORMAT,
            "profile_id": self.profile_id,
            "cipher": self.cipher,
            "slots": [slot.to_json() for slot in self.slots],
        }
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        """Parse keys.json; anything unexpected is a CorruptStoreError (a subclass that
        says the key file is damaged, or asks for settings outside the bounds)."""
        try:
            if len(data) > MAX_KEY_FILE_BYTES:
                raise DamagedKeyFileError()
            document = json.loads(data)
            if document["format"] != FORMAT:
                raise DamagedKeyFileError()
            raw_slots = document["slots"]
            if not isinstance(raw_slots, list) or not 0 < len(raw_slots) <= MAX_SLOTS:
                raise DamagedKeyFileError()
            slots = tuple(KeySlot.from_json(raw) for raw in raw_slots)
            cipher = document["cipher"]
            if not isinstance(cipher, dict):
                raise DamagedKeyFileError()
            return cls(profile_id=str(document["profile_id"]), slots=slots, cipher=cipher)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            raise DamagedKeyFileError() from None


def read_key_file(path: Path) -> KeyFile:
    """Read and parse keys.json (never more than the bound, however large the file)."""
    with path.open("rb") as file:
        return KeyFile.from_bytes(file.read(MAX_KEY_FILE_BYTES + 1))


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace keys.json atomically (owner-only permissions)."""
    write_atomically(path, key_file.to_bytes())
