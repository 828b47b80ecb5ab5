"""Handlers for ``init`` and ``export-key``."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext, progress, read_passphrase
from victim_champion.core.errors import ProfileExistsError
from victim_champion.operations.profile_admin import check_new_passphrase
from victim_champion.operations.profile_admin import export_key as export_data_key


def init(context: CommandContext, options: argparse.Namespace) -> int:
    """``init``: a new encrypted profile; refuses if one exists."""
    profile = context.profile()
    if profile.exists():
        raise ProfileExistsError()
    passphrase = read_passphrase(confirm=True)
    check_new_passphrase(passphrase)
    progress("Creating the encrypted profile (tuning key protection for this laptop)...")
    profile.create(passphrase)
    context.emit(
        {"created": True, "data_dir": str(context.data_dir)},
        f"Created a new encrypted profile in {context.data_dir}.",
    )
    return 0


def export_key(context: CommandContext, options: argparse.Namespace) -> int:
    """``export-key``: the raw SQLCipher key, for disaster recovery only."""
    data_key = export_data_key(context.profile(), read_passphrase())
    progress("This key opens every record in the profile: keep it offline and secret.")
    print(data_key.hex())
    return 0
