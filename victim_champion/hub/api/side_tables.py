"""The side tables an accepted envelope updates, in the same savepoint as the envelope:
certificate look-up, referrals awaiting an outcome (or withdrawn), and the erasure of a
forgotten person's details (moved out of intake.py, which had grown past 400 lines)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import (
    CertificateRecord,
    ConsentWithdrawalRecord,
    EnvelopePayload,
    ErasedRecord,
    ErasureRecord,
    ReferralRecord,
)
from victim_champion.hub.api.referral_rules import (
    erase_referral_details,
    referral_ids_from,
    withdraw_referral,
)
from victim_champion.hub.storage import erasure_ledger
from victim_champion.hub.storage.engine import insert_for
from victim_champion.hub.storage.erasure_ledger import RECORD_ID_LENGTH
from victim_champion.hub.storage.tables import certificates, envelopes, referrals
from victim_champion.sync.shared.protocol import canonical_json


def insert_ignoring_conflicts(connection: Connection, table: Any, values: dict[str, Any]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; returns the rows inserted (0 or 1).

    Told by RETURNING, not rowcount: inside a savepoint on PostgreSQL, psycopg's rowcount
    for a skipped row came back as 1, and a clash was answered "accepted"."""
    first = next(iter(table.primary_key.columns))
    insert = insert_for(connection.dialect.name, table)
    statement = insert.values(**values).on_conflict_do_nothing().returning(first)
    return 0 if connection.execute(statement).first() is None else 1


def index_side_tables(connection: Connection, device_id: str, payload: EnvelopePayload) -> None:
    """Side tables kept in the same savepoint as the envelope: certificate look-up,
    referrals awaiting an outcome (or withdrawn), and erasure of a forgotten person's details."""
    for record in payload.records:
        if isinstance(record, ReferralRecord):
            insert_ignoring_conflicts(
                connection,
                referrals,
                {
                    "referral_id": record.id,
                    "device_id": device_id,
                    "service_id": record.service_id,
                },
            )
        elif isinstance(record, ErasureRecord):
            erase_record(connection, device_id, record.record_id)
        elif isinstance(record, ConsentWithdrawalRecord):
            withdraw_referral(connection, device_id, record)
        elif isinstance(record, CertificateRecord):
            insert_ignoring_conflicts(
                connection,
                certificates,
                {
                    "code": record.code,
                    "device_id": device_id,
                    "name": record.name,
                    "course": record.course,
                    "course_date": record.course_date.isoformat(),
                    "key_id": record.key_id,
                    "signature": record.signature,
                },
            )


def erase_record(connection: Connection, device_id: str, record_id: str) -> None:
    """Replace every record that names ``record_id`` with a tombstone holding no personal
    field (the envelope's hash still proves what was received, not what it said), and
    note it in the erasure ledger, which a restore carries out again."""
    if len(record_id) != RECORD_ID_LENGTH:
        return
    erasure_ledger.note(connection, device_id, record_id)
    rows = connection.execute(
        select(envelopes.c.server_seq, envelopes.c.payload).where(
            envelopes.c.device_id == device_id,
            envelopes.c.payload.contains(record_id),
            envelopes.c.kind != EnvelopeKind.ERASURE_REQUESTED.value,
        )
    ).all()
    for seq, payload in rows:
        document = json.loads(payload)
        erase_referral_details(
            connection, device_id, referral_ids_from(record_id, document.get("records", []))
        )
        document["records"] = [
            r if record_id not in json.dumps(r) else ErasedRecord(record_id).to_wire()
            for r in document.get("records", [])
        ]
        connection.execute(
            envelopes.update()
            .where(envelopes.c.server_seq == seq)
            .values(payload=canonical_json(document).decode())
        )
