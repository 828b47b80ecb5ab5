"""Ports: what the sync client needs from local storage, declared here so that sync never
imports the store (ARCHITECTURE.md). store.sync_local implements it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.envelopes import HubEnrolment, OutboxBatch, PushResult, VerifyRange


class SyncLocal(Protocol):
    """The laptop's side of sync: identity, outbox, cursor and received content."""

    def identity(self) -> tuple[str, bytes, bytes]:
        """(device id, raw private key, raw public key) of the device's signing key."""
        ...

    def enrolment(self) -> HubEnrolment | None:
        """The pinned hub, or None before enrolment."""
        ...

    def save_enrolment(self, enrolment: HubEnrolment, policy: DevicePolicy) -> None:
        """Pin the hub at enrolment, and keep the device policy it sent."""
        ...

    def pending(self, limit: int, byte_budget: int) -> OutboxBatch:
        """The oldest envelopes still waiting, in sequence order, that fit together under
        the byte budget; one too large even alone is quarantined and listed apart."""
        ...

    def hub_holds_through(self, device_seq: int) -> int:
        """The hub holds numbers up to this one for us: never hand out one at or below;
        if that is less than was verified here (a restored hub), queue again what is still
        here above it. Returns how many were queued again."""
        ...

    def rebase(self, sequences: Sequence[int]) -> dict[int, int]:
        """Move these pending envelopes to fresh numbers (the hub holds a different record
        at each); returns old -> new."""
        ...

    def pending_count(self) -> int:
        """How many envelopes wait to go."""
        ...

    def apply_results(self, results: Sequence[PushResult], at: datetime) -> None:
        """Mark envelopes accepted (or duplicate: also confirmed) or rejected with reason."""
        ...

    def rejected(self) -> list[tuple[int, str]]:
        """Quarantined envelopes: (sequence, reason)."""
        ...

    def pull_cursor(self) -> int:
        """The last hub sequence applied."""
        ...

    def apply_pull_page(
        self,
        items: Sequence[dict[str, Any]],
        next_cursor: int,
        policy: DevicePolicy,
        bundles: Sequence[dict[str, Any]],
    ) -> None:
        """Apply one page (and any verified bundles), keep the device policy that came with
        it, and advance the cursor, atomically."""
        ...

    def verify_range(self) -> VerifyRange | None:
        """Count and digest of confirmed envelopes not yet verified, or None if none."""
        ...

    def mark_verified(self, through_seq: int) -> None:
        """The hub agreed on everything up to this sequence; later verifies start after it."""
        ...

    def requeue(self, ranges: Sequence[tuple[int, int]]) -> int:
        """Send confirmed envelopes in these runs of numbers again (after a mismatch)."""
        ...

    def record_success(self, at: datetime) -> None:
        """Remember the time of the last complete sync."""
        ...

    def device_policy(self) -> DevicePolicy | None:
        """The device policy the hub last sent (None before enrolment)."""
        ...

    def bundle(self, kind: str) -> tuple[str, dict[str, Any]] | None:
        """The content bundle of a kind in use, as (version, document), or None."""
        ...
