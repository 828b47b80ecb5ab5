"""The erasure ledger: each "forget me" the hub carried out, so that a restore carries it
out again (issue 35). A backup taken before an erasure still holds the person; the laptop
that asked may have let go of its tombstone by then, so it will not ask again.

Each entry is the laptop's id, the record's random id and when: nothing about the person.
``restore`` reads the ledger of the database it replaces (its table, and the erasure
envelopes themselves, for a hub not yet at migration 0011), puts the backup in, adds
those entries to the restored ledger, and carries out every entry again before the hub
serves. Erasing twice changes nothing, so entries the backup already held are harmless.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select

from victim_champion.core.wire_kinds import EnvelopeKind, RecordType
from victim_champion.hub.storage.engine import insert_for
from victim_champion.hub.storage.tables import envelopes, erasures

# How the hub erases one record: (connection, device id, record id).
Eraser = Callable[[Connection, str, str], None]
RECORD_ID_LENGTH = 32  # new_id(): 128 random bits in hex


@dataclass(frozen=True)
class Erasure:
    """One ledger entry."""

    device_id: str
    record_id: str
    erased_at: datetime


def note(connection: Connection, device_id: str, record_id: str) -> None:
    """Add an erasure to the ledger (the first time it was carried out is kept)."""
    statement = insert_for(connection.dialect.name, erasures).values(
        device_id=device_id, record_id=record_id, erased_at=datetime.now(UTC)
    )
    connection.execute(statement.on_conflict_do_nothing())


def read(engine: Engine) -> list[Erasure]:
    """Every erasure the database at ``engine`` knows of: its ledger, if it has one, and
    the erasure envelopes it holds. Empty for a database with no hub tables."""
    tables = set(inspect(engine).get_table_names())
    found: dict[tuple[str, str], Erasure] = {}
    with engine.connect() as connection:
        if "envelopes" in tables:
            for each in _from_envelopes(connection):
                found.setdefault((each.device_id, each.record_id), each)
        if "erasures" in tables:
            for row in connection.execute(select(erasures)):
                entry = Erasure(row.device_id, row.record_id, row.erased_at)
                found[(entry.device_id, entry.record_id)] = entry
    return sorted(found.values(), key=lambda e: (e.device_id, e.record_id))


def reapply(connection: Connection, carried: Iterable[Erasure], erase: Eraser) -> int:
    """Add ``carried`` (the ledger of the database a restore replaced) to this database's
    ledger, then carry out every entry again. Returns how many entries there are."""
    for entry in carried:
        statement = insert_for(connection.dialect.name, erasures).values(
            device_id=entry.device_id, record_id=entry.record_id, erased_at=entry.erased_at
        )
        connection.execute(statement.on_conflict_do_nothing())
    entries = connection.execute(select(erasures.c.device_id, erasures.c.record_id)).all()
    for device_id, record_id in entries:
        erase(connection, device_id, record_id)
    return len(entries)


def _from_envelopes(connection: Connection) -> Iterable[Erasure]:
    rows = connection.execute(
        select(envelopes.c.device_id, envelopes.c.payload, envelopes.c.received_at).where(
            envelopes.c.kind == EnvelopeKind.ERASURE_REQUESTED.value
        )
    )
    for device_id, payload, received_at in rows:
        for record in json.loads(payload).get("records", []):
            if not isinstance(record, dict) or record.get("type") != RecordType.ERASURE.value:
                continue
            record_id = record.get("record_id")
            if isinstance(record_id, str) and len(record_id) == RECORD_ID_LENGTH:
                yield Erasure(device_id, record_id, received_at)
