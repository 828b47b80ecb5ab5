"""Headless checks of what a laptop in a village hall depends on (for ``self-test``)."""

from __future__ import annotations

from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.schema.self_check import check_sqlcipher as _check_sqlcipher


def check_sqlcipher() -> str:
    """SQLCipher opens, encrypts and refuses a wrong key; returns its version line."""
    return _check_sqlcipher()


def check_keyring() -> str:
    """The keyring backend keyring picked (fail/null backends count as missing)."""
    return DeviceSecretStore().backend_name()
