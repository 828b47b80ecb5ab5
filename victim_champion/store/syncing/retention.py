"""Retention: once the hub has confirmed a record and the window has passed, the laptop
lets it go. The safest data is data that is no longer on the laptop (SYNC.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.device_policy import DEFAULT_DEVICE_POLICY, DevicePolicy
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.store.journaling.journal import journaled
from victim_champion.store.repositories.signposting_records import delete_record
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.store.syncing.policy_state import load_device_policy

DEFAULT_RETENTION_DAYS = DEFAULT_DEVICE_POLICY.retention_days


@dataclass(frozen=True)
class PurgeResult:
    """How much was let go."""

    records: int
    envelopes: int


def purge_confirmed(store: OpenStore, retention_days: int, clock: Clock = utc_now) -> PurgeResult:
    """Delete signposting records whose envelope the hub confirmed and which are older than
    the window, and the confirmed, verified envelopes of the same age (their payloads hold
    personal data too). Never anything verify has not covered. Then checkpoint, so
    secure_delete has overwritten them on disk. The sequence counter is not touched: it
    lives in its own row, so numbering goes on from where it was."""
    now = clock()
    cutoff = (now - timedelta(days=retention_days)).isoformat()

    def work(connection: Connection) -> PurgeResult:
        # Only what verify has covered: the hub confirmed it AND later agreed on its digest.
        through = connection.execute(
            "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM sync_state "
            "WHERE key = 'verified_through'), 0)"
        ).fetchone()[0]
        expired = [
            row[0]
            for row in connection.execute(
                "SELECT s.id FROM signposting s JOIN outbox o ON o.device_seq = s.envelope_seq "
                "WHERE o.state = 'accepted' AND o.device_seq <= ? AND s.created_at < ?",
                (through, cutoff),
            )
        ]
        old_envelopes = connection.execute(
            "SELECT count(*) FROM outbox WHERE state = 'accepted' AND device_seq <= ? "
            "AND created_at < ?",
            (through, cutoff),
        ).fetchone()[0]
        if not expired and not old_envelopes:
            return PurgeResult(0, 0)
        with journaled(connection, store.actor, now, EnvelopeKind.AUDIT_EVENTS) as journal:
            for record_id in expired:
                delete_record(connection, record_id)
                journal.audit(AuditAction.DELETE, RecordKind.SIGNPOSTING, record_id)
            connection.execute(
                "DELETE FROM outbox WHERE state = 'accepted' AND device_seq <= ? "
                "AND created_at < ?",
                (through, cutoff),
            )
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return PurgeResult(len(expired), int(old_envelopes))

    return store.owner.run(work)


def purge_at_unlock(store: OpenStore, clock: Clock = utc_now) -> PurgeResult:
    """Retention as every unlock runs it, in the app and on the command line alike: the
    hub's window from the policy it last sent (the default before enrolment)."""
    return purge_confirmed(store, retention_days(load_device_policy(store)), clock)


def retention_days(policy: DevicePolicy | None) -> int:
    """The hub's window from the device policy, or the default before enrolment."""
    return policy.retention_days if policy is not None else DEFAULT_RETENTION_DAYS
