"""What a device is told after its request, read in one statement: the state every answer
carries, the comparison of the runs of numbers it asked about, one pull page, and the
device policy.

The profile of a sync round on PostgreSQL (closing note of issue 20) was mostly waiting on
round trips, and after its push a round read back in four statements: the rows compared,
the tally, the pull page and the settings. Here it is one: a one-row tally (the highest
numbers held, how many numbers are held up to the top one asked about, the three policy
settings) left-joined to the compared rows and the page's rows, which come as one UNION
ALL told apart by a tag. The tally's row comes back even when there are no rows to join.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from victim_champion.core.device_policy import DEFAULT_DEVICE_POLICY, DevicePolicy
from victim_champion.hub.storage.driver_statements import fetch, statement_for
from victim_champion.hub.storage.tables import down_items, envelopes, refused_envelopes, settings
from victim_champion.sync.shared.protocol import (
    MAX_BODY_BYTES,
    MAX_ENVELOPES_PER_PUSH,
    PULL_PAGE_LIMIT,
    DeviceState,
    PullAnswer,
    VerifyAnswer,
    sequence_digest,
)

RETENTION_SETTING = "policy.retention_days"
IDLE_LOCK_SETTING = "policy.idle_lock_seconds"
# The referral desk's public key (base64), set by `victim-champion-hub referral-key create`.
REFERRAL_KEY_SETTING = "referral.public_key"
_COMPARED, _PAGE = "v", "p"  # the tags of the two kinds of joined row
_POLICY_COLUMNS = {  # column label: setting
    "retention": RETENTION_SETTING,
    "idle_lock": IDLE_LOCK_SETTING,
    "referral_key": REFERRAL_KEY_SETTING,
}


@dataclass(frozen=True)
class ReadBack:
    """What was asked for: the state always; a comparison and a page if asked."""

    state: DeviceState
    checked: VerifyAnswer | None
    page: PullAnswer | None


def policy_from(values: Mapping[str, str | None]) -> DevicePolicy:
    """The device policy from the settings (admin-set, else defaults). An admin-set value
    out of its allowed range raises WireRecordError: never sent."""
    retention = values.get(RETENTION_SETTING)
    idle_lock = values.get(IDLE_LOCK_SETTING)
    return DevicePolicy(
        retention_days=int(retention or DEFAULT_DEVICE_POLICY.retention_days),
        idle_lock_seconds=int(idle_lock or DEFAULT_DEVICE_POLICY.idle_lock_seconds),
        referral_key=values.get(REFERRAL_KEY_SETTING) or "",
    )


def read_back(
    connection: Connection,
    device_id: str,
    ranges: Sequence[tuple[int, int]] = (),
    page: tuple[int, int] | None = None,
) -> ReadBack:
    """The device state; with ``ranges``, what the hub holds in them (count, counts by kind,
    digest, and the gaps: numbers up to the highest asked about that it neither holds nor
    refused); with ``page`` (cursor, limit), the items for this device or every device
    after the cursor, one bounded page, and the policy. One statement, one round trip."""
    top = max((high for _, high in ranges), default=None)
    limit = max(1, min(page[1], PULL_PAGE_LIMIT)) if page is not None else 0
    values: dict[str, Any] = {"device_id": device_id}
    if top is not None:
        values["top"] = top
    for index, (low, high) in enumerate(ranges):
        values[f"low_{index}"], values[f"high_{index}"] = low, high
    if page is not None:
        values["cursor"], values["more_than_limit"] = page[0], limit + 1
    shape = (len(ranges), page is not None)
    rows = fetch(connection, statement_for(connection, _statement, *shape), values)
    first = rows[0]
    state = DeviceState(
        device_max_seq=max(int(first["stored_top"] or 0), int(first["refused_top"] or 0)),
        max_body_bytes=MAX_BODY_BYTES,
        max_envelopes=MAX_ENVELOPES_PER_PUSH,
    )
    joined_rows = [r for r in rows if r.get("tag") is not None]
    compared = [r for r in joined_rows if r["tag"] == _COMPARED]
    checked = None
    if top is not None:
        checked = VerifyAnswer(
            count=len(compared),
            counts=dict(Counter(str(r["kind"]) for r in compared)),
            digest=sequence_digest([(int(r["number"]), str(r["text"])) for r in compared]),
            gaps=top - int(first["held"]),
        )
    pulled = None
    if page is not None:
        items = sorted((r for r in joined_rows if r["tag"] == _PAGE), key=lambda r: r["number"])
        shown = items[:limit]
        pulled = PullAnswer(
            items=tuple(
                {"server_seq": r["number"], "kind": r["kind"], "payload": json.loads(r["text"])}
                for r in shown
            ),
            next_cursor=int(shown[-1]["number"]) if shown else page[0],
            more=len(items) > limit,
            policy=policy_from({key: first[label] for label, key in _POLICY_COLUMNS.items()}),
        )
    return ReadBack(state, checked, pulled)


def _statement(_dialect_name: str, range_count: int, with_page: bool) -> Select[Any]:
    """The statement for a shape of request, with bound parameters, compiled once for each
    database (storage/driver_statements.py): building it for every request, its cache key
    and its columns' proxies were a third of the hub's time in a round (profile in the
    closing note of issue 20)."""
    tally = _tally(range_count > 0, with_policy=with_page).subquery()
    parts = []
    if range_count:
        parts.append(_compared(range_count))
    if with_page:
        parts.append(_page())
    if not parts:
        return select(tally)
    joined = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    return select(tally, joined).select_from(tally.outerjoin(joined, true()))


def _tally(with_held: bool, with_policy: bool) -> Select[Any]:
    """One row: the highest number stored and refused, and if asked, how many distinct
    numbers from 1 to ``top`` the hub holds or refused, and the policy settings."""
    device_id = bindparam("device_id", type_=String)
    columns: list[Any] = [
        select(func.max(envelopes.c.device_seq))
        .where(envelopes.c.device_id == device_id)
        .scalar_subquery()
        .label("stored_top"),
        select(func.max(refused_envelopes.c.device_seq))
        .where(refused_envelopes.c.device_id == device_id)
        .scalar_subquery()
        .label("refused_top"),
    ]
    if with_held:
        # Stored numbers, plus refused numbers not also stored: two counts along the
        # (device, number) keys. The UNION of both that it replaced sorted every number the
        # device ever sent, each round: 4.2 against 1.4 ms for a device with 10,000.
        top = bindparam("top", type_=BigInteger)
        stored = (
            select(func.count())
            .where(envelopes.c.device_id == device_id, envelopes.c.device_seq <= top)
            .scalar_subquery()
        )
        also_stored = exists().where(
            envelopes.c.device_id == refused_envelopes.c.device_id,
            envelopes.c.device_seq == refused_envelopes.c.device_seq,
        )
        refused = (
            select(func.count())
            .where(
                refused_envelopes.c.device_id == device_id,
                refused_envelopes.c.device_seq <= top,
                ~also_stored,
            )
            .scalar_subquery()
        )
        columns.append((stored + refused).label("held"))
    if with_policy:
        columns += [
            select(settings.c.value).where(settings.c.key == key).scalar_subquery().label(label)
            for label, key in _POLICY_COLUMNS.items()
        ]
    return select(*columns)


def _compared(range_count: int) -> Select[Any]:
    seq = envelopes.c.device_seq
    condition = or_(
        *(
            and_(seq >= bindparam(f"low_{i}", type_=BigInteger), seq <= bindparam(f"high_{i}"))
            for i in range(range_count)
        )
    )
    return select(
        literal(_COMPARED, String).label("tag"),
        seq.label("number"),
        envelopes.c.kind.label("kind"),
        envelopes.c.content_hash.label("text"),
    ).where(envelopes.c.device_id == bindparam("device_id"), condition)


def _page() -> Select[Any]:
    """One more than the page, to tell whether there are more."""
    rows = (
        select(down_items.c.server_seq, down_items.c.kind, down_items.c.payload)
        .where(
            down_items.c.server_seq > bindparam("cursor", type_=BigInteger),
            or_(
                down_items.c.device_id.is_(None),
                down_items.c.device_id == bindparam("device_id"),
            ),
        )
        .order_by(down_items.c.server_seq)
        .limit(bindparam("more_than_limit", type_=Integer))
        .subquery()
    )
    return select(
        literal(_PAGE, String).label("tag"),
        rows.c.server_seq.label("number"),
        rows.c.kind.label("kind"),
        rows.c.payload.label("text"),
    )
