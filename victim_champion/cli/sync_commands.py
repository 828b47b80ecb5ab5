"""Handlers for ``enrol`` and ``sync``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from victim_champion.cli.context import CommandContext, progress
from victim_champion.core.sync_errors import DeviceRevokedError
from victim_champion.operations.hub_sync import ca_from_file, enrol_with_hub, sync_once


def enrol(context: CommandContext, options: argparse.Namespace) -> int:
    """``enrol --hub URL --code CODE [--ca-file FILE]``: pin the hub's key, register this
    laptop's key, and trust the CA in FILE for the hub's TLS from now on."""
    # A file that is not a CA is refused before anything is asked of the hub.
    ca_pem = ca_from_file(Path(options.ca_file)) if options.ca_file else ""
    with context.workspace() as workspace:
        enrolment = enrol_with_hub(workspace, options.hub, options.code, ca_pem)
    context.emit(
        {
            "hub": enrolment.hub_url,
            "hub_key_id": enrolment.hub_key_id,
            "name": enrolment.device_name,
        },
        f"Enrolled as '{enrolment.device_name}' with {enrolment.hub_url}; "
        f"hub key {enrolment.hub_key_id} is pinned.",
    )
    return 0


def sync(context: CommandContext, options: argparse.Namespace) -> int:
    """``sync [--hub URL]``: one round; progress on stderr, the summary on stdout."""
    revoked = False
    with context.workspace() as workspace:
        try:
            summary = sync_once(
                workspace,
                lambda stage, done, total: progress(f"{stage}: {done}/{total}"),
                options.hub,
            )
        except DeviceRevokedError:
            revoked = True
    if revoked:
        context.profile().wipe()  # after the store is closed
        raise DeviceRevokedError()
    for notice in summary.notices:
        progress(notice)  # on stderr: the sync succeeded, but the course was left aside
    document = {k: v for k, v in asdict(summary).items() if k != "rejected_reasons"}
    document["rejected_records"] = [
        {"device_seq": s, "reason": r} for s, r in summary.rejected_reasons
    ]
    context.emit(
        document,
        (
            f"sent {summary.sent}, accepted {summary.accepted}, duplicates {summary.duplicates}, "
            f"rejected {summary.rejected}, received {summary.received}, pending {summary.pending}"
            + (f", renumbered {summary.renumbered}" if summary.renumbered else "")
            + "; the hub's copy matches this laptop's"
        ),
    )
    return 0
