"""A keyring backend that lives only in this process: for the demo profile and for tests.

The demo profile is thrown away when the app closes, so its device secret must not be
left behind in the real OS keyring.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict for the life of the object."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret."""
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a secret; PasswordDeleteError if there is none."""
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")
