"""Pull, verify, outcomes and counts: the hub's side of a sync round after the push
(hub/intake.py). Gaps in a device's numbers are made visible here and in ``stats``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.wire_kinds import DownItemKind
from victim_champion.hub.api.read_back import policy_from, read_back
from victim_champion.hub.storage.tables import (
    certificates,
    down_items,
    envelopes,
    referrals,
    refused_envelopes,
    settings,
)
from victim_champion.sync.shared.protocol import (
    DeviceState,
    PullAnswer,
    VerifyAnswer,
    canonical_json,
)


def device_state(connection: Connection, device_id: str) -> DeviceState:
    """What every answer to a device carries: the highest number the hub holds for it
    (stored or refused), and the hub's limits for a push."""
    return read_back(connection, device_id).state


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
            DownItemKind.REFERRAL_OUTCOME,
            {"referral_id": referral_id, "outcome": outcome[:200]},
            row.device_id,
        )
    return True


def policy(engine: Engine) -> DevicePolicy:
    """The device policy: retention window and idle lock (admin-set, else defaults). An
    admin-set value out of its allowed range raises WireRecordError: never sent."""
    with engine.connect() as connection:
        return policy_from(dict(connection.execute(select(settings.c.key, settings.c.value)).all()))


def pull(connection: Connection, device_id: str, cursor: int, limit: int) -> PullAnswer:
    """Items for this device (or for every device) after the cursor, one bounded page."""
    page = read_back(connection, device_id, page=(cursor, limit)).page
    assert page is not None  # asked for
    return page


def verify_and_state(
    connection: Connection, device_id: str, ranges: Sequence[tuple[int, int]]
) -> tuple[VerifyAnswer, DeviceState]:
    """What the hub holds in runs of numbers (read_back), with the device state."""
    found = read_back(connection, device_id, ranges)
    assert found.checked is not None  # asked for
    return found.checked, found.state


def add_down_item(
    connection: Connection,
    kind: DownItemKind,
    payload: dict[str, Any],
    device_id: str | None = None,
) -> None:
    """Queue something for devices to pull (device_id None: for every device)."""
    connection.execute(
        insert(down_items).values(
            device_id=device_id,
            kind=str(kind),
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
        refused_rows = connection.execute(
            select(
                refused_envelopes.c.device_id,
                refused_envelopes.c.source,
                refused_envelopes.c.device_seq,
            )
        ).all()
        stored_numbers = {
            (device, seq)
            for device, seq in connection.execute(
                select(envelopes.c.device_id, envelopes.c.device_seq)
            )
        }
        records: Counter[str] = Counter()
        for kind, payload in connection.execute(select(envelopes.c.kind, envelopes.c.payload)):
            records[kind] += len(json.loads(payload).get("records", []))
        certificate_count = connection.execute(select(func.count()).select_from(certificates))
    # A refused number that was later stored (sent again, accepted) counts once.
    refused_only = [r for r in refused_rows if (r.device_id, r.device_seq) not in stored_numbers]
    refused_by_device = Counter(r.device_id for r in refused_only)
    quarantined_by_device = Counter(r.device_id for r in refused_only if r.source == "laptop")
    tops = {device: top for device, _, top, _ in per_device}
    for row in refused_only:
        tops[row.device_id] = max(tops.get(row.device_id, 0), row.device_seq)
    counts = {device: (count, distinct) for device, count, _, distinct in per_device}
    devices_report = [
        {
            "device_id": device,
            "envelopes": counts.get(device, (0, 0))[0],
            "refused": refused_by_device[device],
            "quarantined_on_laptop": quarantined_by_device[device],
            "max_seq": top,
            "missing": top - counts.get(device, (0, 0))[0] - refused_by_device[device],
            "duplicates": counts.get(device, (0, 0))[0] - counts.get(device, (0, 0))[1],
        }
        for device, top in sorted(tops.items())
    ]
    return {
        "envelopes": sum(by_kind.values()),
        "by_kind": by_kind,
        "records_by_kind": dict(records),
        "certificates": certificate_count.scalar_one(),
        "devices": devices_report,
        "refused": sum(d["refused"] for d in devices_report),
        "missing": sum(d["missing"] for d in devices_report),
        "duplicates": sum(d["duplicates"] for d in devices_report),
    }
