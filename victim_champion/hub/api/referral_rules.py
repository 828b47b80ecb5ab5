"""Referrals at the hub: each belongs to the laptop that made it, and "forget me" takes
its outcome with it.

A referral is taken only from the laptop that kept the signposting record it refers
from, and never under an id another laptop already used, so no laptop can claim another's
referral (and receive its outcome). When the person is forgotten, the outcome the desk
recorded, and any outcome still waiting to be pulled, are erased as well.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, select

from victim_champion.core.wire_kinds import DownItemKind, EnvelopeKind
from victim_champion.core.wire_records import (
    EnvelopePayload,
    ReferralRecord,
    SignpostingWireRecord,
    WireRecordError,
)
from victim_champion.hub.storage.tables import down_items, envelopes, referrals


def signposting_ids(payload: EnvelopePayload) -> set[str]:
    """The signposting records an envelope carries."""
    return {r.id for r in payload.records if isinstance(r, SignpostingWireRecord)}


def check_referrals_owned(
    connection: Connection, device_id: str, payload: EnvelopePayload, earlier: set[str]
) -> None:
    """Refuse a referral from a record this laptop never sent (``earlier``: records sent in
    the same push, before it), or under an id another laptop holds."""
    for record in payload.records:
        if not isinstance(record, ReferralRecord):
            continue
        if record.record_id not in earlier and not _kept_here(
            connection, device_id, record.record_id
        ):
            raise WireRecordError("the referral's record was not kept by this laptop", "record_id")
        owner = connection.execute(
            select(referrals.c.device_id).where(referrals.c.referral_id == record.id)
        ).scalar_one_or_none()
        if owner is not None and owner != device_id:
            raise WireRecordError("a referral with this id was made on another laptop", "id")


def _kept_here(connection: Connection, device_id: str, record_id: str) -> bool:
    return (
        connection.execute(
            select(envelopes.c.server_seq)
            .where(
                envelopes.c.device_id == device_id,
                envelopes.c.kind == EnvelopeKind.SIGNPOSTING_RECORDED.value,
                envelopes.c.payload.contains(record_id),
            )
            .limit(1)
        ).first()
        is not None
    )


def referral_ids_from(record_id: str, records: Iterable[object]) -> set[str]:
    """The referrals (as stored JSON records) made from a signposting record."""
    return {
        str(r["id"])
        for r in records
        if isinstance(r, dict) and r.get("type") == "referral" and r.get("record_id") == record_id
    }


def erase_referral_details(connection: Connection, device_id: str, ids: set[str]) -> None:
    """Forget-me: the recorded outcomes of these referrals, and any still waiting to be
    pulled, are erased; the row stays (without its outcome) so counts stay right."""
    if not ids:
        return
    connection.execute(
        referrals.update()
        .where(referrals.c.device_id == device_id, referrals.c.referral_id.in_(sorted(ids)))
        .values(outcome=None)
    )
    waiting = connection.execute(
        select(down_items.c.server_seq, down_items.c.payload).where(
            down_items.c.device_id == device_id,
            down_items.c.kind == DownItemKind.REFERRAL_OUTCOME.value,
        )
    ).all()
    gone = [seq for seq, payload in waiting if any(i in payload for i in ids)]
    if gone:
        connection.execute(delete(down_items).where(down_items.c.server_seq.in_(gone)))
