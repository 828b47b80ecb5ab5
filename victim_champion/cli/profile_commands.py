"""Handlers for ``init`` and ``export-key``."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext, progress, read_passphrase
from victim_champion.core.errors import ProfileExistsError
from victim_champion.store.keys.key_slots import check_passphrase
from victim_champion.store.repositories.record_repository import Records


def init(context: CommandContext, options: argparse.Namespace) -> int:
    """``init``: a new encrypted profile; refuses if one exists."""
    profile = context.profile()
    if profile.exists():
        raise ProfileExistsError()
    passphrase = read_passphrase(confirm=True)
    check_passphrase(passphrase)
    progress("Creating the encrypted profile (tuning key protection for this laptop)...")
    profile.create(passphrase)
    context.emit(
        {"created": True, "data_dir": str(context.data_dir)},
        f"Created a new encrypted profile in {context.data_dir}.",
    )
    return 0


def export_key(context: CommandContext, options: argparse.Namespace) -> int:
    """``export-key``: the raw SQLCipher key, for disaster recovery only."""
    profile = context.profile()
    unlocked = profile.unlock_key(read_passphrase())
    store = profile.open_with_key(unlocked)  # proves the key opens the file, then audits
    try:
        Records(store).record_key_export()
    finally:
        store.close()
    progress("This key opens every record in the profile: keep it offline and secret.")
    print(unlocked.data_key.hex())
    return 0
