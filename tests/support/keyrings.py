"""A keyring backend in a JSON file, so CLI child processes share one keyring in tests.

In-process tests use victim_champion.store.keys.memory_keyring; the integration test uses
the real Secret Service (gnome-keyring).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Keeps secrets in the JSON file named by VC_TEST_KEYRING_FILE (for CLI subprocesses)."""

    priority = 1

    @property
    def _path(self) -> Path:
        return Path(os.environ["VC_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        loaded: dict[str, str] = json.loads(self._path.read_text())
        return loaded

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}/{username}"] = password
        self._path.write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("no such entry")
        self._path.write_text(json.dumps(entries))
