"""Open or lock a profile: the one handle every other operation works on.

The front ends hold a `ProfileGate` (a profile on disk, locked) and a `Workspace` (the
same profile, unlocked). Neither exposes the store's own types, so the command line and
the UI never reach into `store/` themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from victim_champion.core.errors import DiskFullError
from victim_champion.core.events import EventBus, Locked
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile

if TYPE_CHECKING:  # opened at unlock (store/profile.py), not imported at start-up
    from victim_champion.store.schema.open_store import OpenStore


@dataclass(frozen=True)
class UnlockOutcome:
    """What unlocking did besides opening: a warning for the person, if any."""

    warning: str = ""


class Workspace:
    """An unlocked profile. Operations take one; front ends only pass it along and close it."""

    def __init__(self, store: OpenStore, gate: ProfileGate) -> None:
        self.store = store
        self.gate = gate

    @property
    def actor(self) -> str:
        """Who unlocked it (the key slot), for the audit log."""
        return self.store.actor

    @property
    def events(self) -> EventBus:
        """Where operations on this profile announce what changed."""
        return self.gate.events

    def close(self) -> None:
        """Lock: close the connection (safe to call twice), and say so."""
        self.store.close()
        self.events.publish(Locked())


class ProfileGate:
    """A profile folder, locked: create it, unlock it, check a passphrase, or wipe it."""

    def __init__(
        self,
        profile: Profile,
        events: EventBus | None = None,
        *,
        forbidden_thread: int | None = None,
    ) -> None:
        self.profile = profile
        self.events = events or EventBus()
        self.forbidden_thread = forbidden_thread

    @classmethod
    def at(
        cls,
        folder: Path,
        device_secrets: DeviceSecretStore | None = None,
        events: EventBus | None = None,
    ) -> ProfileGate:
        """The profile in a folder, with the OS keyring unless another secret store is given."""
        return cls(Profile(folder, device_secrets), events)

    @property
    def folder(self) -> Path:
        """The profile folder."""
        return self.profile.paths.folder

    def exists(self) -> bool:
        """True if any part of a profile is in the folder."""
        return self.profile.exists()

    def create(self, passphrase: str) -> None:
        """Create a new encrypted profile; refuses if one is there."""
        self.profile.create(passphrase)

    def unlock(self, passphrase: str) -> Workspace:
        """Unlock with the passphrase. Raises WrongPassphraseError and the store's typed errors.

        A gate given a ``forbidden_thread`` (the desktop's GUI thread, in debug mode) makes
        every store call from that thread fail loudly, so none can slip onto it.
        """
        store = self.profile.open(passphrase)
        store.owner.forbidden_thread = self.forbidden_thread
        return Workspace(store, self)

    def check_passphrase(self, passphrase: str) -> None:
        """Prove the passphrase without opening the data (leaving the kiosk); raises if wrong."""
        self.profile.unlock_key(passphrase)

    def wipe(self) -> None:
        """Erase the profile from this laptop (ordered by the hub for a revoked device)."""
        self.profile.wipe()


def let_go_of_expired(workspace: Workspace) -> UnlockOutcome:
    """Retention at unlock: delete what is past the window and already confirmed by the hub.

    A full disk does not stop the work the person came to do: nothing is deleted then, and
    the next unlock tries again.
    """
    # Imported here: retention pulls in the record types, which the unlock screen (and
    # the start-up it waits on) does not need.
    from victim_champion.store.syncing.retention import purge_at_unlock

    try:
        purge_at_unlock(workspace.store)
    except DiskFullError:
        return UnlockOutcome(
            "Records past the retention window could not be cleared because the disk is "
            "full; they will be cleared at the next unlock."
        )
    return UnlockOutcome()
