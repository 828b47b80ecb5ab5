"""Taking a forgotten or removed record out of the laptop's own copies of envelopes.

Used by "forget me" on the Compass Point desk, and by removing a person from a register
or deleting a session: the hub is told by an erasure record, and the laptop's outbox must
not still hold (or later send) what was removed.
"""

from __future__ import annotations

import json

from victim_champion.core.envelopes import canonical_json, content_hash
from victim_champion.core.wire_records import ErasedRecord
from victim_champion.store.schema.connection import Connection


def _redacted(payload: str, record_id: str) -> dict[str, object]:
    document = json.loads(payload)
    document["records"] = [
        r if record_id not in json.dumps(r) else ErasedRecord(record_id).to_wire()
        for r in document.get("records", [])
    ]
    return dict(document)


def redact_unsent(connection: Connection, record_id: str) -> None:
    """Remove the person from the laptop's copies of envelopes.

    Never sent: rewritten whole (new hash), so nothing personal ever leaves. Confirmed by
    the hub: only the local payload is cleared; the hash stays as proof of what was sent
    (the tombstone erases the hub's copy). In flight (sent, not yet confirmed): left as it
    is, because it must not change once sending started; retention removes it later.
    """
    rows = connection.execute(
        "SELECT device_seq, payload, state FROM outbox WHERE payload LIKE ? "
        "AND (state = 'accepted' OR (state = 'pending' AND attempted = 0))",
        (f"%{record_id}%",),
    ).fetchall()
    for seq, payload, state in rows:
        document = _redacted(payload, record_id)
        if state == "accepted":
            connection.execute(
                "UPDATE outbox SET payload = ? WHERE device_seq = ?",
                (canonical_json(document).decode(), seq),
            )
        else:
            connection.execute(
                "UPDATE outbox SET payload = ?, content_hash = ? WHERE device_seq = ?",
                (canonical_json(document).decode(), content_hash(document), seq),
            )
