"""Ports: what the sync client needs from local storage, declared here so that sync never
imports the store (ARCHITECTURE.md). store.sync_local implements it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from victim_champion.core.envelopes import Envelope, HubEnrolment, PushResult, VerifyRange


class SyncLocal(Protocol):
    """The laptop's side of sync: identity, outbox, cursor and received content."""

    def identity(self) -> tuple[str, bytes, bytes]:
        """(device id, raw private key, raw public key) of the device's signing key."""
        ...

    def enrolment(self) -> HubEnrolment | None:
        """The pinned hub, or None before enrolment."""
        ...

    def save_enrolment(self, enrolment: HubEnrolment, policy: dict[str, Any]) -> None:
        """Pin the hub at enrolment."""
        ...

    def pending(self, limit: int) -> list[Envelope]:
        """The oldest envelopes still waiting to be confirmed, in sequence order."""
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
        policy: dict[str, Any],
        bundles: Sequence[dict[str, Any]],
    ) -> None:
        """Apply one page (and any verified bundles) and advance the cursor, atomically."""
        ...

    def verify_range(self) -> VerifyRange | None:
        """Count and digest of confirmed envelopes not yet verified, or None if none."""
        ...

    def mark_verified(self, through_seq: int) -> None:
        """The hub agreed on everything up to this sequence; later verifies start after it."""
        ...

    def requeue(self, from_seq: int, to_seq: int) -> int:
        """Send confirmed envelopes in a range again (after a verify mismatch)."""
        ...

    def record_success(self, at: datetime) -> None:
        """Remember the time of the last complete sync."""
        ...
