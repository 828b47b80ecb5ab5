"""The outbox as the sync client sees it: batches bounded in bytes, quarantine, re-basing
onto fresh sequence numbers, and the ranges that verify compares.

Every function takes a connection on its owner thread; the caller holds the transaction.
Envelope payloads are never changed here, only their state and (when the hub already
holds a different record at that number) their sequence number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from victim_champion.core.envelopes import Envelope, OutboxBatch, VerifyRange, sequence_digest
from victim_champion.store.journaling.journal import (
    next_sequence,
    set_next_sequence,
    take_sequence_numbers,
)
from victim_champion.store.schema.connection import Connection

_COLUMNS = "mutation_id, device_seq, schema_version, kind, base_version, payload, content_hash"
# What an envelope's other fields add to its payload on the wire, generously.
WIRE_OVERHEAD_BYTES = 512
MAX_VERIFY_RANGES = 500


def _envelope(device_id: str, row: Sequence[object]) -> Envelope:
    mutation_id, seq, version, kind, base, payload, digest = row
    return Envelope(
        mutation_id=str(mutation_id),
        device_id=device_id,
        device_seq=int(seq),  # type: ignore[call-overload]
        schema_version=int(version),  # type: ignore[call-overload]
        kind=str(kind),
        base_version=None if base is None else int(base),  # type: ignore[call-overload]
        payload=json.loads(str(payload)),
        content_hash=str(digest),
    )


def take_batch(connection: Connection, device_id: str, limit: int, byte_budget: int) -> OutboxBatch:
    """The oldest pending envelopes that fit together under ``byte_budget`` (at most
    ``limit``). One that cannot fit even alone is quarantined here with its reason and
    returned in ``too_large``, so it never holds up the queue."""
    rows = connection.execute(
        f"SELECT {_COLUMNS}, length(CAST(payload AS BLOB)) FROM outbox "  # noqa: S608
        "WHERE state = 'pending' ORDER BY device_seq LIMIT ?",
        (limit,),
    ).fetchall()
    taken: list[Envelope] = []
    too_large: list[Envelope] = []
    used = 0
    for row in rows:
        size = int(row[-1]) + WIRE_OVERHEAD_BYTES
        if size > byte_budget:
            envelope = _envelope(device_id, row[:-1])
            reason = (
                f"too large to send ({size // 1024} KB; the hub takes at most "
                f"{byte_budget // 1024} KB at once)"
            )
            connection.execute(
                "UPDATE outbox SET state = 'rejected', reason = ?, attempted = 1 "
                "WHERE device_seq = ?",
                (reason, envelope.device_seq),
            )
            too_large.append(envelope)
            continue
        if used + size > byte_budget:
            break
        used += size
        taken.append(_envelope(device_id, row[:-1]))
    # Handed to the network from now on: such an envelope can no longer be redacted.
    connection.executemany(
        "UPDATE outbox SET attempted = 1 WHERE device_seq = ? AND attempted = 0",
        [(e.device_seq,) for e in taken],
    )
    return OutboxBatch(taken, too_large)


def raise_next_sequence(connection: Connection, held_by_hub: int) -> None:
    """Never hand out a number the hub already holds for this device (a restored or
    copied profile would otherwise number its new records below what the hub has)."""
    if next_sequence(connection) <= held_by_hub:
        set_next_sequence(connection, held_by_hub + 1)


def rebase(connection: Connection, sequences: Sequence[int]) -> dict[int, int]:
    """Move pending envelopes whose number the hub holds for a different record onto fresh
    numbers (payload, hash and mutation id unchanged); returns old -> new."""
    moved: dict[int, int] = {}
    for old in sorted(set(sequences)):
        state = connection.execute(
            "SELECT state FROM outbox WHERE device_seq = ?", (old,)
        ).fetchone()
        if state is None or state[0] != "pending":
            continue
        new = take_sequence_numbers(connection, 1)
        connection.execute("UPDATE outbox SET device_seq = ? WHERE device_seq = ?", (new, old))
        connection.execute(
            "UPDATE signposting SET envelope_seq = ? WHERE envelope_seq = ?", (new, old)
        )
        moved[old] = new
    return moved


def _ranges(sequences: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for seq in sequences:
        if runs and seq == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seq)
        else:
            runs.append((seq, seq))
    return runs


def verify_range(connection: Connection, verified_through: int) -> VerifyRange | None:
    """Count and digest of the confirmed envelopes after ``verified_through``, as runs of
    numbers (at most MAX_VERIFY_RANGES runs at a time)."""
    rows = connection.execute(
        "SELECT device_seq, content_hash FROM outbox WHERE state = 'accepted' "
        "AND device_seq > ? ORDER BY device_seq",
        (verified_through,),
    ).fetchall()
    if not rows:
        return None
    pairs = [(int(seq), str(digest)) for seq, digest in rows]
    ranges = _ranges([seq for seq, _ in pairs])[:MAX_VERIFY_RANGES]
    last = ranges[-1][1]
    pairs = [(seq, digest) for seq, digest in pairs if seq <= last]
    return VerifyRange(pairs[0][0], last, len(pairs), sequence_digest(pairs), tuple(ranges))


def requeue(connection: Connection, ranges: Sequence[tuple[int, int]]) -> int:
    """Send the envelopes in these runs again, confirmed and refused alike (after verify
    found a difference or a gap): the hub dedupes, and records a refusal it lacks."""
    count = 0
    for low, high in ranges:
        cursor = connection.execute(
            "UPDATE outbox SET state = 'pending', reason = NULL "
            "WHERE state IN ('accepted', 'rejected') AND device_seq BETWEEN ? AND ?",
            (low, high),
        )
        count += int(cursor.rowcount)
    return count
