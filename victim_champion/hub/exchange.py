"""Push, pull and verify: the hub's side of a sync round.

Idempotency is enforced by the database (a unique constraint on device and sequence,
and on mutation id), never by memory, so any number of hub processes can share one
PostgreSQL. Each envelope gets its own answer; a bad one never blocks the rest.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from victim_champion.hub.tables import certificates, down_items, envelopes, referrals, settings
from victim_champion.sync.protocol import (
    ACCEPTED_SCHEMA_VERSIONS,
    PULL_PAGE_LIMIT,
    Envelope,
    ProtocolError,
    PushResult,
    canonical_json,
    sequence_digest,
)

DEFAULT_POLICY = {"retention_days": 30, "idle_lock_seconds": 120}


def _insert_ignoring_conflicts(connection: Connection, table: Any, values: dict[str, Any]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; returns the rows inserted (0 or 1)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return int(connection.execute(statement).rowcount)


def _check_payload(envelope: Envelope) -> None:
    """Light shape checks per kind; the reason travels back to the laptop."""
    records = envelope.payload.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ProtocolError("payload.records must be a list of objects")
    if envelope.kind == "certificates.issued":
        for record in records:
            for key in ("code", "name", "course", "course_date", "key_id", "signature"):
                if not isinstance(record.get(key), str):
                    raise ProtocolError(f"a certificate record has no {key}")


def push(engine: Engine, device_id: str, raw_envelopes: list[Any]) -> list[PushResult]:
    """Store each envelope once; answer accepted, duplicate or rejected (with a reason).

    One transaction for the whole push: conflicts are settled row by row by the database
    (ON CONFLICT DO NOTHING), so a duplicate or a clash never aborts the others.
    """
    results: list[PushResult] = []
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for raw in raw_envelopes:
            results.append(_push_one(connection, device_id, raw, now))
    return results


def _push_one(connection: Connection, device_id: str, raw: Any, now: datetime) -> PushResult:
    seq = raw.get("device_seq") if isinstance(raw, dict) else None
    seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else -1
    try:
        envelope = Envelope.from_wire(raw)
        if envelope.device_id != device_id:
            raise ProtocolError("the envelope belongs to another device")
        if envelope.schema_version not in ACCEPTED_SCHEMA_VERSIONS:
            raise ProtocolError(f"schema version {envelope.schema_version} is not accepted")
        _check_payload(envelope)
    except ProtocolError as error:
        return PushResult(seq, "rejected", str(error))
    inserted = _insert_ignoring_conflicts(
        connection,
        envelopes,
        {
            "device_id": device_id,
            "device_seq": envelope.device_seq,
            "mutation_id": envelope.mutation_id,
            "schema_version": envelope.schema_version,
            "kind": envelope.kind,
            "base_version": envelope.base_version,
            "payload": canonical_json(envelope.payload).decode(),
            "content_hash": envelope.content_hash,
            "received_at": now,
        },
    )
    if inserted:
        _index(connection, device_id, envelope)
        return PushResult(envelope.device_seq, "accepted")
    existing = connection.execute(
        select(envelopes.c.content_hash).where(
            envelopes.c.device_id == device_id, envelopes.c.device_seq == envelope.device_seq
        )
    ).first()
    if existing is None:
        return PushResult(
            envelope.device_seq, "rejected", "this mutation id was already used for another record"
        )
    if existing.content_hash == envelope.content_hash:
        return PushResult(envelope.device_seq, "duplicate")
    return PushResult(
        envelope.device_seq,
        "rejected",
        "a different record was already received with this sequence number",
    )


def _index(connection: Connection, device_id: str, envelope: Envelope) -> None:
    """Side tables kept in the same transaction as the envelope: certificate look-up,
    referrals awaiting an outcome, and erasure of a forgotten person's details."""
    if envelope.kind == "referral.made":
        for record in envelope.payload["records"]:
            _insert_ignoring_conflicts(
                connection,
                referrals,
                {
                    "referral_id": str(record.get("id", ""))[:64],
                    "device_id": device_id,
                    "service_id": str(record.get("service_id", ""))[:64],
                },
            )
        return
    if envelope.kind == "erasure.requested":
        for record in envelope.payload["records"]:
            _erase(connection, device_id, str(record.get("record_id", "")))
        return
    if envelope.kind != "certificates.issued":
        return
    for record in envelope.payload["records"]:
        _insert_ignoring_conflicts(
            connection,
            certificates,
            {
                "code": record["code"],
                "device_id": device_id,
                "name": record["name"][:200],
                "course": record["course"][:200],
                "course_date": record["course_date"][:10],
                "key_id": record["key_id"][:32],
                "signature": record["signature"],
            },
        )


def _erase(connection: Connection, device_id: str, record_id: str) -> None:
    """Replace every record that names ``record_id`` with a tombstone holding no personal
    field (the envelope's hash still proves what was received, not what it said)."""
    if len(record_id) != 32:
        return
    rows = connection.execute(
        select(envelopes.c.server_seq, envelopes.c.payload).where(
            envelopes.c.device_id == device_id,
            envelopes.c.payload.contains(record_id),
            envelopes.c.kind != "erasure.requested",
        )
    ).all()
    for seq, payload in rows:
        document = json.loads(payload)
        document["records"] = [
            r if record_id not in json.dumps(r) else {"type": "erased", "record_id": record_id}
            for r in document.get("records", [])
        ]
        connection.execute(
            envelopes.update()
            .where(envelopes.c.server_seq == seq)
            .values(payload=canonical_json(document).decode())
        )


def record_outcome(engine: Engine, referral_id: str, outcome: str) -> bool:
    """An admin records what happened to a referral; the device pulls it. False if unknown."""
    with engine.begin() as connection:
        row = connection.execute(
            select(referrals.c.device_id).where(referrals.c.referral_id == referral_id)
        ).first()
        if row is None:
            return False
        connection.execute(
            referrals.update()
            .where(referrals.c.referral_id == referral_id)
            .values(outcome=outcome[:200])
        )
        add_down_item(
            connection,
            "referral.outcome",
            {"referral_id": referral_id, "outcome": outcome[:200]},
            row.device_id,
        )
    return True


def policy(engine: Engine) -> dict[str, int]:
    """The device policy: retention window and idle lock (admin-set, else defaults)."""
    with engine.begin() as connection:
        rows = dict(connection.execute(select(settings.c.key, settings.c.value)).all())
    return {key: int(rows.get(f"policy.{key}", value)) for key, value in DEFAULT_POLICY.items()}


def pull(engine: Engine, device_id: str, cursor: int, limit: int) -> dict[str, Any]:
    """Items for this device (or for every device) after the cursor, one bounded page."""
    limit = max(1, min(limit, PULL_PAGE_LIMIT))
    with engine.begin() as connection:
        rows = connection.execute(
            select(down_items)
            .where(
                down_items.c.server_seq > cursor,
                or_(down_items.c.device_id.is_(None), down_items.c.device_id == device_id),
            )
            .order_by(down_items.c.server_seq)
            .limit(limit + 1)
        ).all()
    page = rows[:limit]
    return {
        "items": [
            {"server_seq": r.server_seq, "kind": r.kind, "payload": json.loads(r.payload)}
            for r in page
        ],
        "next_cursor": page[-1].server_seq if page else cursor,
        "more": len(rows) > limit,
        "policy": policy(engine),
    }


def verify(engine: Engine, device_id: str, from_seq: int, to_seq: int) -> dict[str, Any]:
    """Count, per-kind counts and digest of what the hub holds for a range of sequences."""
    with engine.begin() as connection:
        rows = connection.execute(
            select(envelopes.c.device_seq, envelopes.c.content_hash, envelopes.c.kind).where(
                and_(
                    envelopes.c.device_id == device_id,
                    envelopes.c.device_seq >= from_seq,
                    envelopes.c.device_seq <= to_seq,
                )
            )
        ).all()
    return {
        "count": len(rows),
        "counts": dict(Counter(r.kind for r in rows)),
        "digest": sequence_digest([(r.device_seq, r.content_hash) for r in rows]),
    }


def add_down_item(
    connection: Connection, kind: str, payload: dict[str, Any], device_id: str | None = None
) -> None:
    """Queue something for devices to pull (device_id None: for every device)."""
    connection.execute(
        insert(down_items).values(
            device_id=device_id,
            kind=kind,
            payload=canonical_json(payload).decode(),
            created_at=datetime.now(UTC),
        )
    )


def stats(engine: Engine) -> dict[str, Any]:
    """Counts by kind and per device, with any gaps (losses) or duplicates made visible."""
    with engine.begin() as connection:
        by_kind: dict[str, int] = {
            kind: count
            for kind, count in connection.execute(
                select(envelopes.c.kind, func.count()).group_by(envelopes.c.kind)
            )
        }
        per_device = connection.execute(
            select(
                envelopes.c.device_id,
                func.count(),
                func.max(envelopes.c.device_seq),
                func.count(func.distinct(envelopes.c.mutation_id)),
            ).group_by(envelopes.c.device_id)
        ).all()
        records: Counter[str] = Counter()
        for kind, payload in connection.execute(select(envelopes.c.kind, envelopes.c.payload)):
            records[kind] += len(json.loads(payload).get("records", []))
        certificate_count = connection.execute(select(func.count()).select_from(certificates))
    devices_report = [
        {
            "device_id": device,
            "envelopes": count,
            "max_seq": top,
            "missing": top - count,
            "duplicates": count - distinct,
        }
        for device, count, top, distinct in per_device
    ]
    return {
        "envelopes": sum(by_kind.values()),
        "by_kind": by_kind,
        "records_by_kind": dict(records),
        "certificates": certificate_count.scalar_one(),
        "devices": devices_report,
        "missing": sum(d["missing"] for d in devices_report),
        "duplicates": sum(d["duplicates"] for d in devices_report),
    }
