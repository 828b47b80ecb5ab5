"""The device secret kept in the OS keyring and mixed into every key slot.

The keyring never holds the data key itself: only 32 random bytes that make a copied
profile useless on another machine. A missing backend or entry fails closed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from typing import TYPE_CHECKING

from victim_champion.core.errors import (
    CorruptStoreError,
    KeyringEntryMissingError,
    NoKeyringError,
)

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring is imported when first needed: it costs ~75 ms, and the unlock screen must
# appear before anyone needs the keyring.

# Neutral names: anyone who opens the keyring (Windows Credential Manager, Seahorse) sees
# "outreach-desk", nothing about victims. Profiles made before 0.1.0's rename kept their
# secret under the old names; read() moves it across the first time.
SERVICE = "outreach-desk"
LEGACY_SERVICE = "victim-champion"
SECRET_BYTES = 32
# Backends that store nothing, or nothing safely, count as "no keyring".
_REFUSED_BACKENDS = {"keyring.backends.fail", "keyring.backends.null"}


def entry_name(profile_id: str) -> str:
    """The keyring entry's name for a profile."""
    return f"device:{profile_id}"


def slot_set_note(profile_id: str) -> str:
    """The keyring note holding the newest slot-set version this laptop has seen."""
    return f"slots:{profile_id}"


def attempts_note(profile_id: str) -> str:
    """The keyring note counting wrong passphrases, across restarts and front ends."""
    return f"attempts:{profile_id}"


def _legacy_entry_name(profile_id: str) -> str:
    return f"device-secret:{profile_id}"


class DeviceSecretStore:
    """Reads and writes the device secret for a profile in one keyring backend."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        """The backend in use; refuses the fail/null backends with NoKeyringError."""
        import keyring

        backend = self._backend or keyring.get_keyring()
        for candidate in getattr(backend, "backends", [backend]):
            if type(candidate).__module__ not in _REFUSED_BACKENDS:
                return backend
        raise NoKeyringError()

    def backend_name(self) -> str:
        """A human-readable name of the backend, for self-test."""
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def create(self, profile_id: str) -> bytes:
        """Make and store a fresh secret; refuses to overwrite an existing entry."""
        import keyring.errors

        backend = self.backend
        name = entry_name(profile_id)
        try:
            if (
                backend.get_password(SERVICE, name) is not None
                or backend.get_password(LEGACY_SERVICE, _legacy_entry_name(profile_id)) is not None
            ):
                raise CorruptStoreError(
                    "The keyring already holds a secret for this profile id, so nothing was "
                    "changed; contact Compass House support."
                )
            import secrets  # here: it costs ~4 ms of start-up (hmac, OpenSSL)

            secret = secrets.token_bytes(SECRET_BYTES)
            backend.set_password(SERVICE, name, base64.b64encode(secret).decode("ascii"))
        except keyring.errors.KeyringError:
            raise NoKeyringError() from None
        return secret

    def read(self, profile_id: str) -> bytes:
        """The stored secret, or KeyringEntryMissingError."""
        import keyring.errors

        try:
            stored = self.backend.get_password(SERVICE, entry_name(profile_id))
            if stored is None:
                stored = self._move_legacy_entry(profile_id)
        except keyring.errors.KeyringError:
            raise NoKeyringError() from None
        if stored is None:
            raise KeyringEntryMissingError()
        try:
            secret = base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError):
            raise KeyringEntryMissingError() from None
        if len(secret) != SECRET_BYTES:
            raise KeyringEntryMissingError()
        return secret

    def note(self, name: str) -> str | None:
        """A small note kept beside the secret (the slot-set version, the count of wrong
        passphrases), or None."""
        import keyring.errors

        try:
            return self.backend.get_password(SERVICE, name)
        except keyring.errors.KeyringError:
            raise NoKeyringError() from None

    def set_note(self, name: str, value: str) -> None:
        import keyring.errors

        try:
            self.backend.set_password(SERVICE, name, value)
        except keyring.errors.KeyringError:
            raise NoKeyringError() from None

    def delete(self, profile_id: str) -> None:
        """Remove the entry and its notes (an unfinished init rolled back, and wipe)."""
        import keyring.errors

        for service, name in (
            (SERVICE, entry_name(profile_id)),
            (SERVICE, slot_set_note(profile_id)),
            (SERVICE, attempts_note(profile_id)),
            (LEGACY_SERVICE, _legacy_entry_name(profile_id)),
        ):
            try:
                self.backend.delete_password(service, name)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError:
                raise NoKeyringError() from None

    def _move_legacy_entry(self, profile_id: str) -> str | None:
        """A secret under the old, telling names: copy it to the neutral ones, then delete
        the old entry (only once the copy reads back the same)."""
        import keyring.errors

        backend = self.backend
        stored = backend.get_password(LEGACY_SERVICE, _legacy_entry_name(profile_id))
        if stored is None:
            return None
        backend.set_password(SERVICE, entry_name(profile_id), stored)
        if backend.get_password(SERVICE, entry_name(profile_id)) == stored:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                backend.delete_password(LEGACY_SERVICE, _legacy_entry_name(profile_id))
        return stored
