"""Headless checks of the storage stack, for ``victim-champion self-test``."""

from __future__ import annotations

import secrets

from victim_champion.store.schema.connection import (
    CIPHER_SETTINGS,
    READABLE_SETTINGS,
    cipher_report,
    open_encrypted,
)
from victim_champion.store.schema.connection_owner import ConnectionOwner
from victim_champion.store.schema.migrator import upgrade


def check_sqlcipher() -> str:
    """Build a throwaway encrypted database in memory, migrate it, and report the cipher.

    Raises RuntimeError if SQLCipher is not version 4 or ignores the pinned settings.
    """
    key = secrets.token_bytes(32)
    owner = ConnectionOwner(lambda: open_encrypted(None, key, create=True))
    try:
        report = owner.run(cipher_report)
        version = owner.run(upgrade)
    finally:
        owner.close()
    if not report["cipher_version"].startswith("4."):
        raise RuntimeError(f"SQLCipher 4 is required, found {report['cipher_version']}")
    for name in READABLE_SETTINGS:
        expected = CIPHER_SETTINGS[name]
        if report[name] != str(expected):
            raise RuntimeError(f"{name} is {report[name]}, expected {expected}")
    return (
        f"SQLCipher {report['cipher_version']} (SQLite {report['sqlite_version']}), "
        f"page {report['cipher_page_size']}, {report['cipher_hmac_algorithm']}, "
        f"{report['cipher_provider_version']}, schema v{version}"
    )
