"""Sync with the hub at Compass House: enrol once, then one round at a time.

A round announces what it brought: ``SyncFinished`` always, and ``RecordsChanged`` for
referral outcomes and content when the hub sent anything, so the pages refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from victim_champion.core.envelopes import HubEnrolment, SyncSummary
from victim_champion.core.events import RecordArea, RecordsChanged, SyncFinished
from victim_champion.core.sync_errors import CaFileError, DeviceRevokedError
from victim_champion.operations.workspace import Workspace
from victim_champion.store.syncing.sync_local import StoreSyncLocal
from victim_champion.sync.client import SyncClient, enrol
from victim_champion.sync.transport import tls_context

StageProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SyncState:
    """What the sync page shows: where, when last, and what is waiting or refused."""

    hub_url: str | None
    last_success: datetime | None
    pending: int
    rejected: list[tuple[int, str]]


def sync_state(workspace: Workspace) -> SyncState:
    """This laptop's sync state."""
    local = StoreSyncLocal(workspace.store)
    enrolment = local.enrolment()
    return SyncState(
        enrolment.hub_url if enrolment else None,
        local.last_success(),
        local.pending_count(),
        local.rejected(),
    )


def is_enrolled(workspace: Workspace) -> bool:
    """True once this laptop has been enrolled with a hub."""
    return StoreSyncLocal(workspace.store).enrolment() is not None


def ca_from_file(path: Path) -> str:
    """The certificate authorities (PEM) in a file Compass House IT gave, checked."""
    try:
        ca_pem = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise CaFileError() from None
    if not ca_pem.strip():
        raise CaFileError()
    tls_context(ca_pem)  # raises CaFileError for anything that is not a CA certificate
    return ca_pem


def enrol_with_hub(workspace: Workspace, hub_url: str, code: str, ca_pem: str = "") -> HubEnrolment:
    """Pin the hub's key and register this laptop's key, with the code from Compass House
    (and trust the extra certificate authority it gave, if any)."""
    return enrol(StoreSyncLocal(workspace.store), hub_url, code, ca_pem)


def sync_once(
    workspace: Workspace,
    progress: StageProgress | None = None,
    hub_url: str | None = None,
) -> SyncSummary:
    """One round: pull, push, verify. Raises the sync's typed errors.

    DeviceRevokedError passes through; the caller wipes the profile after locking it.
    """
    client = SyncClient(StoreSyncLocal(workspace.store), hub_url)
    try:
        summary = client.run_once(progress) if progress else client.run_once()
    except DeviceRevokedError:
        raise
    except BaseException:
        workspace.events.publish(SyncFinished(ok=False))
        raise
    if summary.received:
        workspace.events.publish(RecordsChanged(RecordArea.REFERRAL_OUTCOMES))
        workspace.events.publish(RecordsChanged(RecordArea.CONTENT))
    workspace.events.publish(SyncFinished(ok=True, received=summary.received))
    return summary
