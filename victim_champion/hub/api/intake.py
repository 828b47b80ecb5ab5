"""Push: the hub's intake of envelopes.

Idempotency is enforced by the database (unique device and sequence, unique mutation id),
never by memory, so any number of hub processes can share one PostgreSQL. Every envelope
is checked against the same limits on SQLite and PostgreSQL before it is written
(intake_rules.check_payload); a record that fails them is left out alone, with its
reason in the envelope's answer, and the rest of its envelope is kept. A push is
written as one batch; if the database refuses the batch, it is written again one
envelope per savepoint: one that still fails is answered "rejected" with its reason,
and the others in the push go on.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from victim_champion.core.wire_records import (
    EnvelopePayload,
)
from victim_champion.hub.api.intake_rules import IntakeRules, check_payload, rules_for
from victim_champion.hub.api.referral_rules import (
    check_referrals_owned,
    signposting_ids,
)
from victim_champion.hub.api.side_tables import index_side_tables, insert_ignoring_conflicts
from victim_champion.hub.storage.driver_statements import fetch, statement_for
from victim_champion.hub.storage.engine import insert_for, write_turn
from victim_champion.hub.storage.tables import (
    envelopes,
    refused_envelopes,
)
from victim_champion.sync.shared.protocol import (
    ACCEPTED_SCHEMA_VERSIONS,
    Envelope,
    ProtocolError,
    PushResult,
    canonical_json,
)

log = logging.getLogger("victim_champion.hub")

INSERT_CHUNK = 100  # rows per INSERT: well under SQLite's limit on bound values
T = TypeVar("T")
REASON_LIMIT = 500  # as refused_envelopes.reason
CONFLICT_REASON = "a different record was already received with this sequence number"


class PushNeedsIsolationError(Exception):
    """The whole-batch write failed: roll the transaction back and push again with
    ``one_at_a_time`` (push_on)."""


def push(engine: Engine, device_id: str, raw_envelopes: list[Any]) -> list[PushResult]:
    """push_on, in a transaction of its own (and again one at a time if it must)."""
    with engine.connect() as connection:
        return written(
            engine, connection, lambda one: push_on(connection, device_id, raw_envelopes, None, one)
        )


def written(engine: Engine, connection: Connection, write: Callable[[bool], T]) -> T:
    """``write(False)`` in a write transaction on ``connection``; if it raises
    PushNeedsIsolationError, rolled back and ``write(True)`` (one at a time) in a new one."""
    try:
        with write_turn(engine), connection.begin():
            return write(False)
    except PushNeedsIsolationError:
        log.info("a push is written again one envelope per savepoint")
    with write_turn(engine), connection.begin():
        return write(True)


def push_on(
    connection: Connection,
    device_id: str,
    raw_envelopes: list[Any],
    device_key: bytes | None = None,
    one_at_a_time: bool = False,
) -> list[PushResult]:
    """Store each envelope once; answer accepted, duplicate, conflict or rejected.

    The whole push is written as one multi-row insert, which is fast. If the database
    fails it (something the checks could not foresee), PushNeedsIsolationError is raised:
    the caller rolls back and calls again ``one_at_a_time``, each envelope in its own
    savepoint, so only the failing one is refused and the others are stored. Either way
    the answers are the same. No savepoint on the fast path: on PostgreSQL that was two
    more round trips in every round. ``device_key``: the pushing device's, if already read.
    """
    now = datetime.now(UTC)
    rules = rules_for(connection, device_id, device_key)
    if one_at_a_time:
        return [_push_isolated(connection, device_id, raw, now, rules) for raw in raw_envelopes]
    try:
        return _push_batch(connection, device_id, raw_envelopes, now, rules)
    except (SQLAlchemyError, _NeedsIsolationError) as error:
        raise PushNeedsIsolationError() from error


class _NeedsIsolationError(Exception):
    """A push that repeats a number or a mutation id within itself: the slow path."""


def _push_batch(
    connection: Connection,
    device_id: str,
    raws: list[Any],
    now: datetime,
    rules: IntakeRules,
) -> list[PushResult]:
    checked: list[tuple[Any, Envelope | None, PushResult | None]] = []
    payloads: dict[str, EnvelopePayload] = {}
    notes: dict[str, str] = {}  # records left out of an envelope that is kept
    earlier: set[str] = set()  # signposting records sent before, in this push
    for raw in raws:
        if _is_quarantine_notice(raw):
            checked.append((raw, None, None))
            continue
        try:
            valid, payload, note = _checked(raw, device_id, rules)
            check_referrals_owned(connection, device_id, payload, earlier)
            earlier |= signposting_ids(payload)
            checked.append((raw, valid, None))
            payloads[valid.mutation_id], notes[valid.mutation_id] = payload, note
        except ProtocolError as error:
            checked.append((raw, None, PushResult(_seq_of(raw), "rejected", str(error))))
    fresh = [envelope for _, envelope, _ in checked if envelope is not None]
    numbers = [_seq_of(raw) for raw in raws]
    if len(set(numbers)) != len(numbers) or len({e.mutation_id for e in fresh}) != len(fresh):
        raise _NeedsIsolationError()
    inserted = _insert_many(connection, device_id, fresh, now)
    results: list[PushResult] = []
    for raw, envelope, refusal in checked:
        if envelope is None and refusal is None:
            results.append(_quarantined_on_laptop(connection, device_id, raw, now))
            continue
        if envelope is not None and envelope.mutation_id in inserted:
            index_side_tables(connection, device_id, payloads[envelope.mutation_id])
            results.append(PushResult(envelope.device_seq, "accepted", notes[envelope.mutation_id]))
            continue
        if envelope is not None:
            try:
                results.append(_already_held(connection, device_id, envelope))
                continue
            except ProtocolError as error:
                refusal = PushResult(envelope.device_seq, "rejected", str(error))
        if refusal is not None:
            if refusal.device_seq > 0:  # as the one-at-a-time path: no number, no record
                _note_refused(connection, device_id, raw, refusal.reason, "hub", now)
            results.append(refusal)
    return results


def _insert_many(
    connection: Connection, device_id: str, batch: list[Envelope], now: datetime
) -> set[str]:
    """INSERT ... ON CONFLICT DO NOTHING for many envelopes; the mutation ids inserted.
    Multi-row INSERTs of at most INSERT_CHUNK rows, each compiled once for its number of
    rows (driver_statements.py), not built for every push nor batched by SQLAlchemy."""
    inserted: set[str] = set()
    for start in range(0, len(batch), INSERT_CHUNK):
        chunk = batch[start : start + INSERT_CHUNK]
        rows = (value for envelope in chunk for value in _row(device_id, envelope, now))
        values = dict(zip(_parameter_names(len(chunk)), rows, strict=True))
        statement = statement_for(connection, _insert_statement, len(chunk))
        inserted |= {str(row["mutation_id"]) for row in fetch(connection, statement, values)}
    return inserted


def _insert_statement(dialect_name: str, rows: int) -> Any:
    """INSERT of ``rows`` envelopes, each value a parameter (_parameter_names)."""
    names = iter(_parameter_names(rows))
    insert = insert_for(dialect_name, envelopes).values(
        [
            {name: bindparam(next(names), type_=envelopes.c[name].type) for name in _COLUMNS}
            for _ in range(rows)
        ]
    )
    return insert.on_conflict_do_nothing().returning(envelopes.c.mutation_id)


@functools.cache
def _parameter_names(rows: int) -> tuple[str, ...]:
    """column_row for each value of ``rows`` envelopes, row by row (made once a size)."""
    return tuple(f"{name}_{index}" for index in range(rows) for name in _COLUMNS)


# Every column but server_seq, which the database numbers; _row gives them in this order.
_COLUMNS = tuple(column.name for column in envelopes.columns if not column.primary_key)


def _row(device_id: str, envelope: Envelope, now: datetime) -> tuple[Any, ...]:
    """An envelope's values, in the order of _COLUMNS."""
    return (
        device_id,
        envelope.device_seq,
        envelope.mutation_id,
        envelope.schema_version,
        envelope.kind,
        envelope.base_version,
        canonical_json(envelope.payload).decode(),
        envelope.content_hash,
        now,
    )


def _is_quarantine_notice(raw: Any) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get("quarantined"), str)


def _seq_of(raw: Any) -> int:
    seq = raw.get("device_seq") if isinstance(raw, dict) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else -1


def _push_isolated(
    connection: Connection, device_id: str, raw: Any, now: datetime, rules: IntakeRules
) -> PushResult:
    seq = _seq_of(raw)
    try:
        with connection.begin_nested():
            return _push_one(connection, device_id, raw, now, rules)
    except ProtocolError as error:
        result = PushResult(seq, "rejected", str(error))
    except SQLAlchemyError:
        reference = uuid.uuid4().hex[:8]
        log.exception("envelope %s could not be stored (ref %s)", seq, reference)
        result = PushResult(
            seq, "rejected", f"the hub could not store this record (reference {reference})"
        )
    if seq > 0:
        _note_refused(connection, device_id, raw, result.reason, "hub", now)
    return result


def _note_refused(
    connection: Connection, device_id: str, raw: Any, reason: str, source: str, now: datetime
) -> None:
    """Account for a number whose envelope was not stored (no payload is kept)."""
    kind = raw.get("kind") if isinstance(raw, dict) else None
    digest = raw.get("content_hash") if isinstance(raw, dict) else None
    with connection.begin_nested():
        insert_ignoring_conflicts(
            connection,
            refused_envelopes,
            {
                "device_id": device_id,
                "device_seq": _seq_of(raw),
                "kind": str(kind)[:64] if kind else "unknown",
                "content_hash": str(digest)[:64] if digest else "",
                "reason": reason[:500],
                "source": source,
                "received_at": now,
            },
        )


def _checked(raw: Any, device_id: str, rules: IntakeRules) -> tuple[Envelope, EnvelopePayload, str]:
    """The envelope as the hub keeps it, its typed payload, and what was left out of it
    ("" if nothing): a record the checks refuse is left out alone, with its reason
    (intake_rules.check_payload), and the envelope keeps the laptop's hash, as after an
    erasure. ProtocolError (or its WireRecordError) says why the envelope is refused."""
    try:
        envelope = Envelope.from_wire(raw)
    except UnicodeEncodeError:  # its hash cannot even be taken, so it cannot be kept
        raise ProtocolError(
            "the envelope holds half of a character pair (a surrogate), which is not text"
        ) from None
    if envelope.device_id != device_id:
        raise ProtocolError("the envelope belongs to another device")
    if envelope.schema_version not in ACCEPTED_SCHEMA_VERSIONS:
        raise ProtocolError(f"schema version {envelope.schema_version} is not accepted")
    checked = check_payload(envelope, rules)
    if not checked.refused:
        return envelope, checked.payload, ""
    note = f"kept without {len(checked.refused)} refused: " + "; ".join(checked.refused)
    log.warning("envelope %s %s", envelope.device_seq, note)  # fields and U+XXXX, no values
    kept = dataclasses.replace(envelope, payload=checked.payload.to_wire())
    return kept, checked.payload, note[:REASON_LIMIT]


def _push_one(
    connection: Connection, device_id: str, raw: Any, now: datetime, rules: IntakeRules
) -> PushResult:
    if _is_quarantine_notice(raw):
        return _quarantined_on_laptop(connection, device_id, raw, now)
    envelope, payload, note = _checked(raw, device_id, rules)
    check_referrals_owned(connection, device_id, payload, set())
    # Insert first, settling races between hub processes in the database.
    if not _insert_many(connection, device_id, [envelope], now):
        return _already_held(connection, device_id, envelope)
    index_side_tables(connection, device_id, payload)
    return PushResult(envelope.device_seq, "accepted", note)


def _already_held(connection: Connection, device_id: str, envelope: Envelope) -> PushResult:
    """The number or the mutation id is taken: the same record, or a clash."""
    at_number = connection.execute(
        select(envelopes.c.content_hash).where(
            envelopes.c.device_id == device_id, envelopes.c.device_seq == envelope.device_seq
        )
    ).first()
    if at_number is not None:
        if at_number.content_hash == envelope.content_hash:
            return PushResult(envelope.device_seq, "duplicate")
        # A restored or copied profile reused this number: the laptop moves its record.
        return PushResult(envelope.device_seq, "conflict", CONFLICT_REASON)
    same = connection.execute(
        select(envelopes.c.device_id, envelopes.c.content_hash).where(
            envelopes.c.mutation_id == envelope.mutation_id
        )
    ).first()
    if same is not None and (same.device_id, same.content_hash) == (
        device_id,
        envelope.content_hash,
    ):
        return PushResult(envelope.device_seq, "duplicate")  # held under an earlier number
    raise ProtocolError("this mutation id was already used for another record")


def _quarantined_on_laptop(
    connection: Connection, device_id: str, raw: dict[str, Any], now: datetime
) -> PushResult:
    """A number the laptop could not send (too large): recorded, so it is no gap."""
    seq = _seq_of(raw)
    if seq < 1 or raw.get("device_id") != device_id:
        raise ProtocolError("a quarantine notice needs this device's id and its number")
    reason = f"quarantined on the laptop: {str(raw['quarantined'])[:400]}"
    _note_refused(connection, device_id, raw, reason, "laptop", now)
    return PushResult(seq, "rejected", reason)
