"""One write transaction: its audit events, and the one frozen envelope it adds to the outbox.

Every write in the store goes through :func:`journaled`, so the change, its audit events
and its outbox envelope commit together or not at all (SYNC.md, step 1).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.envelopes import (
    ENVELOPE_PAYLOAD_BUDGET,
    SCHEMA_VERSION,
    Envelope,
    canonical_json,
    content_hash,
)
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import AuditWireEvent, WireRecord
from victim_champion.store.journaling.audit_log import AuditLogRepository
from victim_champion.store.keys.device_keys import DeviceKeyRepository
from victim_champion.store.schema.connection import Connection, transaction

if TYPE_CHECKING:  # profile.py uses journaled() when it creates a store
    from victim_champion.store.schema.open_store import OpenStore


class Journal:
    """Collects the records for the hub and the audit events of one transaction."""

    def __init__(self, connection: Connection, actor: str, now: datetime) -> None:
        self.connection = connection
        self.actor = actor
        self.now = now
        self.records: list[dict[str, Any]] = []
        self.audit_events: list[dict[str, Any]] = []
        self.sequences: list[int] = []  # the envelopes queued, once the transaction ends

    def record(self, record: WireRecord) -> None:
        """A changed record, as the hub should receive it."""
        self.records.append(record.to_wire())

    def audit(self, action: AuditAction, kind: RecordKind, record_id: str | None) -> None:
        """Log an audit event locally, and send it up with this transaction's envelope."""
        AuditLogRepository(self.connection).record(self.actor, action, kind, record_id, self.now)
        event = AuditWireEvent(
            self.actor, action.value, kind.value, record_id, self.now.isoformat()
        )
        self.audit_events.append(event.to_wire())


def take_sequence_numbers(connection: Connection, count: int) -> int:
    """Reserve ``count`` sequence numbers and return the first; call inside a transaction.

    The counter lives in its own row and only goes up. The outbox's own maximum is a floor
    too, so a profile written before the counter existed can never reuse a number."""
    first = next_sequence(connection)
    set_next_sequence(connection, first + count)
    return first


def next_sequence(connection: Connection) -> int:
    """The next sequence number that would be handed out."""
    row = connection.execute(
        "SELECT MAX(COALESCE((SELECT CAST(value AS INTEGER) FROM sync_state "
        "WHERE key = 'next_device_seq'), 1), COALESCE((SELECT MAX(device_seq) FROM outbox), 0) + 1)"
    ).fetchone()
    return int(row[0])


def set_next_sequence(connection: Connection, value: int) -> None:
    """Store the next sequence number to hand out (the caller makes sure it never drops)."""
    connection.execute(
        "INSERT INTO sync_state (key, value) VALUES ('next_device_seq', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(value),),
    )


def split_payload(
    records: list[dict[str, Any]],
    audit: list[dict[str, Any]],
    budget: int = ENVELOPE_PAYLOAD_BUDGET,
) -> list[dict[str, Any]]:
    """Cut one transaction's records and audit events into payloads whose JSON stays under
    the byte budget, so a big import becomes several envelopes that each fit in a push.
    Order is kept; there is always at least one payload."""
    empty = len(canonical_json({"audit": [], "records": []}))
    parts: list[dict[str, Any]] = [{"records": [], "audit": []}]
    size = empty
    for field, items in (("records", records), ("audit", audit)):
        for item in items:
            item_size = len(canonical_json(item)) + 1  # and its comma
            if size > empty and size + item_size > budget:
                parts.append({"records": [], "audit": []})
                size = empty
            parts[-1][field].append(item)
            size += item_size
    return parts


def append_envelope(
    connection: Connection, kind: EnvelopeKind, payload: dict[str, Any], now: datetime
) -> Envelope:
    """Add the next envelope to the outbox; call inside a transaction."""
    device_id = DeviceKeyRepository(connection).get_or_create(now).key_id
    envelope = Envelope(
        mutation_id=uuid.uuid4().hex,
        device_id=device_id,
        device_seq=take_sequence_numbers(connection, 1),
        schema_version=SCHEMA_VERSION,
        kind=str(kind),
        base_version=None,
        payload=payload,
        content_hash=content_hash(payload),
    )
    connection.execute(
        "INSERT INTO outbox (device_seq, mutation_id, schema_version, kind, base_version, "
        "payload, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            envelope.device_seq,
            envelope.mutation_id,
            envelope.schema_version,
            envelope.kind,
            envelope.base_version,
            canonical_json(payload).decode(),
            envelope.content_hash,
            now.isoformat(),
        ),
    )
    return envelope


class JournaledService:
    """Base of the store's use-case classes: an open store, a clock, and journaled writes."""

    def __init__(self, store: OpenStore, clock: Clock = utc_now) -> None:
        self._store = store
        self._clock = clock

    @contextmanager
    def _journal(self, connection: Connection, kind: EnvelopeKind) -> Iterator[Journal]:
        with journaled(connection, self._store.actor, self._clock(), kind) as journal:
            yield journal


@contextmanager
def journaled(
    connection: Connection, actor: str, now: datetime, kind: EnvelopeKind
) -> Iterator[Journal]:
    """A write transaction that ends by queueing its envelope (kind ``audit.events`` if it
    changed no record but only logged an event)."""
    with transaction(connection):
        journal = Journal(connection, actor, now)
        yield journal
        if journal.records or journal.audit_events:
            envelope_kind = kind if journal.records else EnvelopeKind.AUDIT_EVENTS
            for payload in split_payload(journal.records, journal.audit_events):
                envelope = append_envelope(connection, envelope_kind, payload, now)
                journal.sequences.append(envelope.device_seq)
