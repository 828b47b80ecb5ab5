"""Sync: push of 10k records and a no-op sync (time and bytes) against one hub process.
Run: python -m benchmarks.sync. The hub's capacity under many laptops, and the burst of
200 at once, are measured by benchmarks/sync_capacity.py with a separate load process.

The hub runs as a real uvicorn process on 127.0.0.1 with a SQLite file, as at a small
Compass House install. Simulated devices keep their outbox in memory (the SyncLocal port),
so the figures measure the protocol and the hub, not laptop set-up.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, print_table
from benchmarks.load_generator import synthetic_payload
from tests.support.hub_process import sqlite_url, start_hub
from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.envelopes import (
    SCHEMA_VERSION,
    Envelope,
    HubEnrolment,
    OutboxBatch,
    PushResult,
    VerifyRange,
    content_hash,
    sequence_digest,
)
from victim_champion.sync.client import SyncClient, enrol

RECORDS = 10_000


class MemorySyncLocal:
    """A device whose outbox lives in memory: implements core.ports.SyncLocal."""

    def __init__(self, records: int) -> None:
        self._policy: DevicePolicy | None = None
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        key = Ed25519PrivateKey.generate()
        raw = serialization.Encoding.Raw
        self._private = key.private_bytes(
            raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        self._public = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
        self.device_id = uuid.uuid4().hex[:16]
        self._enrolment: HubEnrolment | None = None
        self.state: dict[int, str] = {}
        self.outbox: list[Envelope] = []
        for seq in range(1, records + 1):
            payload = synthetic_payload(seq)
            self.outbox.append(
                Envelope(
                    uuid.uuid4().hex,
                    self.device_id,
                    seq,
                    SCHEMA_VERSION,
                    "attendees.added",
                    None,
                    payload,
                    content_hash(payload),
                )
            )
            self.state[seq] = "pending"
        self.cursor = 0
        self.verified_through = 0

    def identity(self) -> tuple[str, bytes, bytes]:
        return self.device_id, self._private, self._public

    def enrolment(self) -> HubEnrolment | None:
        return self._enrolment

    def save_enrolment(self, enrolment: HubEnrolment, policy: DevicePolicy) -> None:
        self._enrolment = enrolment
        self._policy = policy

    def pending(self, limit: int, byte_budget: int) -> OutboxBatch:
        # Each envelope here is a few hundred bytes: the count bounds the batch first.
        return OutboxBatch(
            [e for e in self.outbox if self.state[e.device_seq] == "pending"][:limit], []
        )

    def hub_holds_through(self, device_seq: int) -> int:
        return 0  # numbers are fixed at set-up and the hub starts empty, never restored

    def rebase(self, sequences: Sequence[int]) -> dict[int, int]:
        return {}

    def pending_count(self) -> int:
        return sum(1 for s in self.state.values() if s == "pending")

    def apply_results(self, results: Sequence[PushResult], at: datetime) -> None:
        for result in results:
            self.state[result.device_seq] = (
                "accepted" if result.status != "rejected" else "rejected"
            )

    def rejected(self) -> list[tuple[int, str]]:
        return []

    def pull_cursor(self) -> int:
        return self.cursor

    def apply_pull_page(
        self,
        items: Sequence[dict[str, Any]],
        next_cursor: int,
        policy: DevicePolicy,
        bundles: Sequence[dict[str, Any]],
    ) -> None:
        self._policy = policy
        self.cursor = next_cursor

    def verify_range(self) -> VerifyRange | None:
        pairs = [
            (e.device_seq, e.content_hash)
            for e in self.outbox
            if self.state[e.device_seq] == "accepted" and e.device_seq > self.verified_through
        ]
        if not pairs:
            return None
        return VerifyRange(
            pairs[0][0],
            pairs[-1][0],
            len(pairs),
            sequence_digest(pairs),
            ((pairs[0][0], pairs[-1][0]),),  # pushed in order, so one run
        )

    def mark_verified(self, through_seq: int) -> None:
        self.verified_through = through_seq

    def requeue(self, ranges: Sequence[tuple[int, int]]) -> int:
        return 0

    def record_success(self, at: datetime) -> None:
        pass

    def device_policy(self) -> DevicePolicy | None:
        return self._policy

    def bundle(self, kind: str) -> tuple[str, dict[str, Any]] | None:
        return None  # no content bundles in the benchmark


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        hub = start_hub(sqlite_url(Path(folder)))
        try:
            big = MemorySyncLocal(RECORDS)
            enrol(big, hub.url, hub.enrol_code("bench"))
            started = time.perf_counter()
            summary = SyncClient(big).run_once()
            push_seconds = time.perf_counter() - started
            assert summary.accepted == RECORDS, summary

            client = SyncClient(big)
            noop_times = []
            for _ in range(20):
                before = (client.transport.bytes_sent, client.transport.bytes_received)
                started = time.perf_counter()
                client.run_once()
                noop_times.append(time.perf_counter() - started)
                noop_bytes = (
                    client.transport.bytes_sent
                    - before[0]
                    + client.transport.bytes_received
                    - before[1]
                )

            stats = hub.stats()
            assert stats["missing"] == 0 and stats["duplicates"] == 0
        finally:
            hub.stop()
    return [
        Figure(f"push of {RECORDS // 1000}k records over loopback", push_seconds, "s", "<= 5 s"),
        Figure(
            "no-op sync: time (median of 20)",
            statistics.median(noop_times) * 1000,
            "ms",
            "<= 50 ms",
        ),
        Figure("no-op sync: bytes on the wire", noop_bytes / 1024, "KB", "<= 2 KB"),
    ]


def main() -> None:
    print_table("Sync (benchmarks/sync.py)", figures())


if __name__ == "__main__":
    main()
