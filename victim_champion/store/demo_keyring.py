"""The demo profile's keyring: a dict in this process, for the throw-away demo only.

The demo profile is deleted when the app closes, so its device secret must not be left
behind in the real OS keyring. Nothing else may use this class: an import-linter contract
lets only ``store/demo_profile.py`` import this module, and the class is never viable as
the system's keyring (see ``priority``), so a real profile on a machine without an OS
keyring is refused (``NoKeyringError``) rather than given a keyring that forgets its
secret when the app closes.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError


class DemoOnlyKeyring(KeyringBackend):
    """Keeps the demo profile's secrets in a dict for the life of the object."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805  a class property: cls is the class
        """Never viable: keyring must not pick this class when it chooses a backend.

        keyring registers every KeyringBackend subclass as it is defined and, with no OS
        keyring, picks the viable one with the highest priority; a class whose priority
        raises is not viable.
        """
        raise RuntimeError("the demo's in-memory keyring is never the system keyring")

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
