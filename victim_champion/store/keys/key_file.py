"""keys.json: the profile id, the pinned SQLCipher settings and the key slots.

It holds no personal data and nothing usable without a passphrase and the device secret.

**Rollback.** The set of slots has a version, raised by every change (a new passphrase, a
staff slot added or removed, a recovery key). The file carries a MAC over everything in
it, keyed from the data key, so only someone who can already open the data can write a
file that verifies; the keyring and the database each keep the newest version seen. An
old keys.json put back (to make an old passphrase work again) is older than both, and is
refused (store/profile.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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
    version: int = 0  # 0: written before versions existed (no MAC)
    mac: bytes = b""

    def with_slot(self, slot: KeySlot) -> KeyFile:
        """A copy with ``slot`` added, or replacing the slot of the same id."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def without_slot(self, slot_id: str) -> KeyFile:
        """A copy without the slot of this id."""
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))

    def _signed_bytes(self) -> bytes:
        document = {
            "profile_id": self.profile_id,
            "cipher": self.cipher,
            "slots": [slot.to_json() for slot in self.slots],
            "version": self.version,
        }
        return json.dumps(document, sort_keys=True).encode()

    def signed(self, data_key: bytes, version: int) -> KeyFile:
        """This slot set as ``version``, with a MAC only the data key can make."""
        unsigned = replace(self, version=version, mac=b"")
        return replace(unsigned, mac=_mac(data_key, unsigned._signed_bytes()))

    def verifies(self, data_key: bytes) -> bool:
        """Whether the MAC is the data key's (always False for a version-0 file)."""
        if self.version == 0 or not self.mac:
            return False
        return hmac.compare_digest(self.mac, _mac(data_key, self._signed_bytes()))

    def slot(self, slot_id: str) -> KeySlot | None:
        """The slot with this id, if any."""
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def to_bytes(self) -> bytes:
        """Serialise as stable, readable JSON."""
        document: dict[str, object] = {
            "format": FORMAT,
            "profile_id": self.profile_id,
            "cipher": self.cipher,
            "slots": [slot.to_json() for slot in self.slots],
        }
        if self.version:
            mac = base64.b64encode(self.mac).decode("ascii")
            document["slot_set"] = {"version": self.version, "mac": mac}
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
            version, mac = 0, b""
            if "slot_set" in document:
                version = document["slot_set"]["version"]
                mac = base64.b64decode(document["slot_set"]["mac"], validate=True)
                if not isinstance(version, int) or not 0 < version < 2**31 or len(mac) != 32:
                    raise DamagedKeyFileError()
            return cls(str(document["profile_id"]), slots, cipher, version, mac)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            raise DamagedKeyFileError() from None


def _mac(data_key: bytes, message: bytes) -> bytes:
    key = hashlib.sha256(b"victim-champion keys.json integrity v1" + data_key).digest()
    return hmac.new(key, message, hashlib.sha256).digest()


def read_key_file(path: Path) -> KeyFile:
    """Read and parse keys.json (never more than the bound, however large the file)."""
    with path.open("rb") as file:
        return KeyFile.from_bytes(file.read(MAX_KEY_FILE_BYTES + 1))


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace keys.json atomically (owner-only permissions)."""
    write_atomically(path, key_file.to_bytes())
