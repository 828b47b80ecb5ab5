"""The store's implementation of core.ports.SyncLocal: outbox, sync state and bundles.

Envelope payloads are never updated here; only their state (pending, accepted,
rejected) changes. Every method runs on the connection's owner thread.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.envelopes import (
    HubEnrolment,
    OutboxBatch,
    PushResult,
    VerifyRange,
    canonical_json,
)
from victim_champion.core.wire_kinds import DownItemKind
from victim_champion.store.keys.device_keys import DeviceKeyRepository
from victim_champion.store.schema.connection import Connection, transaction
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.store.syncing import outbox_queue
from victim_champion.store.syncing.policy_state import read_device_policy, write_device_policy


def _get(connection: Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _put(connection: Connection, key: str, value: str) -> None:
    connection.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


class StoreSyncLocal:
    """SyncLocal over an open store."""

    def __init__(self, store: OpenStore) -> None:
        self._owner = store.owner

    def identity(self) -> tuple[str, bytes, bytes]:
        def work(connection: Connection) -> tuple[str, bytes, bytes]:
            with transaction(connection):
                key = DeviceKeyRepository(connection).get_or_create(datetime.now(UTC))
            return key.key_id, key.private_key, key.public_key

        return self._owner.run(work)

    def enrolment(self) -> HubEnrolment | None:
        def work(connection: Connection) -> HubEnrolment | None:
            raw = _get(connection, "enrolment")
            if raw is None:
                return None
            data = json.loads(raw)
            return HubEnrolment(
                data["hub_url"],
                data["hub_key_id"],
                base64.b64decode(data["hub_public_key"]),
                data["device_name"],
                data.get("verify_url", ""),  # enrolled before hubs gave one: ""
                data.get("ca_pem", ""),
            )

        return self._owner.run(work)

    def save_enrolment(self, enrolment: HubEnrolment, policy: DevicePolicy) -> None:
        def work(connection: Connection) -> None:
            with transaction(connection):
                _put(
                    connection,
                    "enrolment",
                    json.dumps(
                        {
                            "hub_url": enrolment.hub_url,
                            "hub_key_id": enrolment.hub_key_id,
                            "hub_public_key": base64.b64encode(enrolment.hub_public_key).decode(),
                            "device_name": enrolment.device_name,
                            "verify_url": enrolment.verify_url,
                            "ca_pem": enrolment.ca_pem,
                        }
                    ),
                )
                write_device_policy(connection, policy)

        self._owner.run(work)

    def pending(self, limit: int, byte_budget: int) -> OutboxBatch:
        def work(connection: Connection) -> OutboxBatch:
            device_id = DeviceKeyRepository(connection).get_or_create(datetime.now(UTC)).key_id
            with transaction(connection):
                return outbox_queue.take_batch(connection, device_id, limit, byte_budget)

        return self._owner.run(work)

    def hub_holds_through(self, device_seq: int) -> int:
        """The hub holds this device's envelopes up to ``device_seq``. Numbers go on from
        above it; and if it holds less than this laptop saw verified (the hub was restored
        from a backup), what is still here above it is sent again and checked again.
        Returns how many envelopes were queued again."""

        def work(connection: Connection) -> int:
            with transaction(connection):
                outbox_queue.raise_next_sequence(connection, device_seq)
                through = int(_get(connection, "verified_through") or 0)
                if device_seq >= through:
                    return 0
                _put(connection, "verified_through", str(device_seq))
                return outbox_queue.requeue(connection, ((device_seq + 1, through),))

        return int(self._owner.run(work))

    def rebase(self, sequences: Sequence[int]) -> dict[int, int]:
        def work(connection: Connection) -> dict[int, int]:
            with transaction(connection):
                return outbox_queue.rebase(connection, sequences)

        return self._owner.run(work)

    def pending_count(self) -> int:
        return int(
            self._owner.run(
                lambda c: c.execute(
                    "SELECT count(*) FROM outbox WHERE state = 'pending'"
                ).fetchone()[0]
            )
        )

    def apply_results(self, results: Sequence[PushResult], at: datetime) -> None:
        def work(connection: Connection) -> None:
            with transaction(connection):
                for result in results:
                    if result.status in ("accepted", "duplicate"):
                        # A reason here names records the hub left out of the envelope.
                        connection.execute(
                            "UPDATE outbox SET state = 'accepted', reason = ?, "
                            "confirmed_at = ? WHERE device_seq = ? AND state = 'pending'",
                            (result.reason[:500] or None, at.isoformat(), result.device_seq),
                        )
                    elif result.status == "rejected":
                        # Quarantined with its reason; it no longer holds up the queue.
                        connection.execute(
                            "UPDATE outbox SET state = 'rejected', reason = ? "
                            "WHERE device_seq = ? AND state = 'pending'",
                            (result.reason[:500], result.device_seq),
                        )

        self._owner.run(work)

    def rejected(self) -> list[tuple[int, str]]:
        """(number, reason) of each envelope the hub refused, or kept without a record."""
        rows = self._owner.run(
            lambda c: c.execute(
                "SELECT device_seq, reason FROM outbox WHERE state = 'rejected' "
                "OR (state = 'accepted' AND reason IS NOT NULL) ORDER BY device_seq"
            ).fetchall()
        )
        return [(int(seq), str(reason)) for seq, reason in rows]

    def pull_cursor(self) -> int:
        return int(self._owner.run(lambda c: _get(c, "pull_cursor")) or 0)

    def apply_pull_page(
        self,
        items: Sequence[dict[str, Any]],
        next_cursor: int,
        policy: DevicePolicy,
        bundles: Sequence[dict[str, Any]],
    ) -> None:
        now = datetime.now(UTC).isoformat()

        def work(connection: Connection) -> None:
            with transaction(connection):  # the page, its bundles and the cursor together
                for bundle in bundles:
                    document = bundle["document"]
                    connection.execute(
                        "INSERT INTO content_bundle (kind, version, document, signature, "
                        "received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET "
                        "version = excluded.version, document = excluded.document, "
                        "signature = excluded.signature, received_at = excluded.received_at",
                        (
                            document["kind"],
                            document["version"],
                            canonical_json(document).decode(),
                            bundle["signature"],
                            now,
                        ),
                    )
                for item in items:
                    if item.get("kind") == DownItemKind.REFERRAL_OUTCOME:
                        # Outcomes belong to the hub: the laptop never edits them locally,
                        # so a pulled outcome cannot overwrite a pending local change.
                        payload = item.get("payload", {})
                        connection.execute(
                            "UPDATE referral SET outcome = ?, outcome_at = ? WHERE id = ?",
                            (
                                str(payload.get("outcome", ""))[:200],
                                now,
                                str(payload.get("referral_id", "")),
                            ),
                        )
                write_device_policy(connection, policy)
                _put(connection, "pull_cursor", str(next_cursor))

        self._owner.run(work)

    def verify_range(self) -> VerifyRange | None:
        def work(connection: Connection) -> VerifyRange | None:
            through = int(_get(connection, "verified_through") or 0)
            return outbox_queue.verify_range(connection, through)

        return self._owner.run(work)

    def mark_verified(self, through_seq: int) -> None:
        def work(connection: Connection) -> None:
            with transaction(connection):
                _put(connection, "verified_through", str(through_seq))

        self._owner.run(work)

    def requeue(self, ranges: Sequence[tuple[int, int]]) -> int:
        def work(connection: Connection) -> int:
            with transaction(connection):
                return outbox_queue.requeue(connection, ranges)

        return self._owner.run(work)

    def record_success(self, at: datetime) -> None:
        def work(connection: Connection) -> None:
            with transaction(connection):
                _put(connection, "last_success_at", at.isoformat())

        self._owner.run(work)

    def last_success(self) -> datetime | None:
        """When the last complete sync finished (for the sync panel)."""
        value = self._owner.run(lambda c: _get(c, "last_success_at"))
        return datetime.fromisoformat(value) if value else None

    def device_policy(self) -> DevicePolicy | None:
        """The device policy last received from the hub (None before enrolment)."""
        return self._owner.run(read_device_policy)

    def bundle(self, kind: str) -> tuple[str, dict[str, Any]] | None:
        """The newest verified bundle of a kind, as (version, document)."""
        row = self._owner.run(
            lambda c: c.execute(
                "SELECT version, document FROM content_bundle WHERE kind = ?", (kind,)
            ).fetchone()
        )
        return None if row is None else (str(row[0]), json.loads(row[1]))
