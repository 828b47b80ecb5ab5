"""A profile's value types: where its files live, and a data key with the slot that opened it.

Kept apart from store/profile.py (the profile's life: create, unlock, open, slots, re-key)
so that the key scrub and operations can name an unlocked key without the profile's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProfilePaths:
    """Where a profile's files live."""

    folder: Path

    @property
    def database(self) -> Path:
        """The SQLCipher file."""
        return self.folder / "store.db"

    @property
    def keys(self) -> Path:
        """The key-slot file."""
        return self.folder / "keys.json"

    def all_files(self) -> list[Path]:
        """Every file a profile may consist of (with those a re-key in progress stages)."""
        from victim_champion.store.rekey import staged_files

        db = self.database
        main = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), self.keys]
        return [*main, *staged_files(db, self.keys)]


@dataclass(frozen=True)
class UnlockedKey:
    """The data key and the slot that yielded it (the slot id is the audit actor)."""

    slot_id: str
    data_key: bytes
    slot_set_version: int = 1  # of the keys.json that yielded it
