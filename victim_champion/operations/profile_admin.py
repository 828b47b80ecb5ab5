"""Looking after the profile itself: settings, the audit log, and the raw key for recovery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from victim_champion.core.audit import AuditEvent
from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.errors import NotAdministratorError
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.settings import ProfileSettings
from victim_champion.core.staff_slots import owner_of
from victim_champion.operations.workspace import ProfileGate, Workspace
from victim_champion.store.keys.key_slots import check_passphrase

if TYPE_CHECKING:
    from victim_champion.store.repositories.record_repository import Records
    from victim_champion.store.schema.open_store import OpenStore


def _records(store: OpenStore) -> Records:
    """The store's records. The repositories are imported once a profile is open, not
    when the unlock screen is drawn (benchmarks/startup.py, issue 20)."""
    from victim_champion.store.repositories.record_repository import Records

    return Records(store)


def load_settings(workspace: Workspace) -> ProfileSettings:
    """The profile's settings (idle lock and the rest)."""
    return _records(workspace.store).settings()


def device_policy(workspace: Workspace) -> DevicePolicy | None:
    """The policy the hub last sent this laptop (None before the first contact)."""
    from victim_champion.store.syncing.policy_state import load_device_policy

    return load_device_policy(workspace.store)


def save_settings(workspace: Workspace, settings: ProfileSettings) -> None:
    """Save the profile's settings (audited)."""
    _records(workspace.store).save_settings(settings)
    workspace.events.publish(RecordsChanged(RecordArea.SETTINGS))


def audit_events(workspace: Workspace, limit: int = 200) -> list[AuditEvent]:
    """The newest audit events first; only for a profile unlocked from an administrator's
    slot, so staff cannot read (or learn to avoid) what the log records of them."""
    if not owner_of(workspace.actor).is_admin:
        raise NotAdministratorError()
    from victim_champion.store.journaling.audit_log import AuditLogRepository

    return workspace.store.owner.run(lambda c: AuditLogRepository(c).recent(limit))


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too weak to protect the records (raises with the reason)."""
    check_passphrase(passphrase)


def export_key(gate: ProfileGate, passphrase: str) -> bytes:
    """The raw SQLCipher key, for disaster recovery, to an administrator only
    (SECURITY.md). Opening the file first proves the key, and the export, or the refusal
    of a staff member's attempt, goes into the audit log (who and when, never the key)."""
    unlocked = gate.profile.unlock_key(passphrase)
    allowed = owner_of(unlocked.slot_id).is_admin
    store = gate.profile.open_with_key(unlocked)
    try:
        if allowed:
            _records(store).record_key_export()
        else:
            _record_refused_export(store)
    finally:
        store.close()
    if not allowed:
        raise NotAdministratorError(
            "Only an administrator can export the data key; this attempt was written to "
            "the audit log."
        )
    return unlocked.data_key


def _record_refused_export(store: OpenStore) -> None:
    from victim_champion.core.audit import AuditAction, RecordKind
    from victim_champion.core.clock import utc_now
    from victim_champion.core.wire_kinds import EnvelopeKind
    from victim_champion.store.journaling.journal import journaled

    def work(connection: object) -> None:
        with journaled(connection, store.actor, utc_now(), EnvelopeKind.AUDIT_EVENTS) as journal:
            journal.audit(AuditAction.REFUSE, RecordKind.DATA_KEY, None)

    store.owner.run(work)
