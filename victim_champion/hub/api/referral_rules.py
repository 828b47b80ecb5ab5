"""Referrals at the hub: each belongs to the laptop that made it, "forget me" takes its
outcome with it, and a withdrawal of consent takes its contact details.

A referral is taken only from the laptop that kept the signposting record it refers
from, and never under an id another laptop already used, so no laptop can claim another's
referral (and receive its outcome). When the person is forgotten, the outcome the desk
recorded, and any outcome still waiting to be pulled, are erased as well. When the person
withdraws their consent (issue 32), only the laptop that made the referral can say so; the
referral is marked withdrawn and its sealed contact details are erased from the stored
envelope, so the desk sees the fact of the withdrawal and no way to reach the person.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, delete, select

from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.envelopes import canonical_json
from victim_champion.core.wire_kinds import DownItemKind, EnvelopeKind
from victim_champion.core.wire_records import (
    ConsentWithdrawalRecord,
    EnvelopePayload,
    ReferralRecord,
    SignpostingWireRecord,
    WireRecordError,
)
from victim_champion.hub.storage.tables import down_items, envelopes, referrals


def signposting_ids(payload: EnvelopePayload) -> set[str]:
    """The signposting records and referrals an envelope carries (random ids, so one set
    serves both: a referral may name a record, and a withdrawal a referral, sent earlier
    in the same push)."""
    return {r.id for r in payload.records if isinstance(r, SignpostingWireRecord | ReferralRecord)}


def check_referrals_owned(
    connection: Connection, device_id: str, payload: EnvelopePayload, earlier: set[str]
) -> None:
    """Refuse a referral from a record this laptop never sent (``earlier``: records sent in
    the same push, before it), or under an id another laptop holds; and a withdrawal of
    consent for a referral this laptop did not make."""
    for record in payload.records:
        if isinstance(record, ConsentWithdrawalRecord):
            _withdrawal_owned(connection, device_id, record, earlier)
            continue
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


def _withdrawal_owned(
    connection: Connection, device_id: str, record: ConsentWithdrawalRecord, earlier: set[str]
) -> None:
    if record.referral_id in earlier:
        return
    owner = connection.execute(
        select(referrals.c.device_id).where(referrals.c.referral_id == record.referral_id)
    ).scalar_one_or_none()
    if owner != device_id:
        raise WireRecordError(
            "the withdrawal names a referral this laptop did not make", "referral_id"
        )


def withdraw_referral(
    connection: Connection, device_id: str, record: ConsentWithdrawalRecord
) -> None:
    """Mark the referral withdrawn (the first time is kept) and erase its sealed contact
    details from the stored envelope: the desk can no longer open them."""
    column = (
        referrals.c.withdrawn_at
        if record.purpose == ConsentPurpose.REFERRAL.value
        else referrals.c.contact_withdrawn_at
    )
    connection.execute(
        referrals.update()
        .where(
            referrals.c.device_id == device_id,
            referrals.c.referral_id == record.referral_id,
            column.is_(None),
        )
        .values({column.name: record.withdrawn_at})
    )
    made = connection.execute(
        select(envelopes.c.server_seq, envelopes.c.payload).where(
            envelopes.c.device_id == device_id,
            envelopes.c.kind == EnvelopeKind.REFERRAL_MADE.value,
            envelopes.c.payload.contains(record.referral_id),
        )
    ).all()
    for seq, payload in made:
        document = json.loads(payload)
        records = document.get("records", [])
        for each in records:
            if each.get("type") == "referral" and each.get("id") == record.referral_id:
                each["sealed_contact"] = None
        connection.execute(
            envelopes.update()
            .where(envelopes.c.server_seq == seq)
            .values(payload=canonical_json(document).decode())
        )


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
