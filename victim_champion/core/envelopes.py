"""Sync envelopes as the domain sees them: frozen records of local writes, and results.

Pure standard library, so the store can write envelopes in the same SQLCipher
transaction as the change, and the sync client and the hub can read them alike.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from victim_champion.core.errors import VictimChampionError
from victim_champion.core.wire_kinds import EnvelopeKind

SCHEMA_VERSION = 1
# One envelope's payload is kept under this many bytes of JSON when it is written, so that
# a push of several always fits under the hub's body limit (SYNC.md: byte-bounded batches).
ENVELOPE_PAYLOAD_BUDGET = 256 * 1024
ENVELOPE_KINDS = frozenset(EnvelopeKind)


class ProtocolError(VictimChampionError):
    """A message that does not follow the protocol; the text is the reason to show."""


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value that is hashed and signed."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_hash(payload: Any) -> str:
    """SHA-256 of the canonical payload, hex."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


@dataclass(frozen=True)
class Envelope:
    """One local write transaction, frozen once queued."""

    mutation_id: str
    device_id: str
    device_seq: int
    schema_version: int
    kind: str
    base_version: int | None
    payload: dict[str, Any]
    content_hash: str

    def to_wire(self) -> dict[str, Any]:
        """As sent in a push."""
        return asdict(self)

    def stub_wire(self, reason: str) -> dict[str, Any]:
        """What the hub is told of an envelope quarantined on the laptop: its number, kind
        and hash and the reason, never its payload, so the hub's counts have no gap."""
        return {
            "mutation_id": self.mutation_id,
            "device_id": self.device_id,
            "device_seq": self.device_seq,
            "schema_version": self.schema_version,
            "kind": self.kind,
            "content_hash": self.content_hash,
            "quarantined": reason,
        }

    @classmethod
    def from_wire(cls, raw: object) -> Envelope:
        """Validate one envelope from the wire; ProtocolError says what is wrong."""
        if not isinstance(raw, dict):
            raise ProtocolError("an envelope must be an object")
        try:
            envelope = cls(
                mutation_id=_text(raw["mutation_id"], "mutation_id", 64),
                device_id=_text(raw["device_id"], "device_id", 64),
                device_seq=_count(raw["device_seq"], "device_seq"),
                schema_version=_count(raw["schema_version"], "schema_version"),
                kind=_text(raw["kind"], "kind", 64),
                base_version=None
                if raw.get("base_version") is None
                else _count(raw["base_version"], "base_version"),
                payload=raw["payload"],
                content_hash=_text(raw["content_hash"], "content_hash", 64),
            )
        except KeyError as missing:
            raise ProtocolError(f"the envelope has no {missing.args[0]}") from None
        if not isinstance(envelope.payload, dict):
            raise ProtocolError("payload must be an object")
        if envelope.device_seq < 1:
            raise ProtocolError("device_seq starts at 1")
        if envelope.kind not in ENVELOPE_KINDS:
            raise ProtocolError(f"unknown kind '{envelope.kind}'")
        if content_hash(envelope.payload) != envelope.content_hash:
            raise ProtocolError("content_hash does not match the payload")
        return envelope


def _text(value: object, name: str, limit: int) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ProtocolError(f"{name} must be text of 1 to {limit} characters")
    return value


def _count(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 2**62:
        raise ProtocolError(f"{name} must be a whole number")
    return value


@dataclass(frozen=True)
class PushResult:
    """The hub's answer for one envelope."""

    device_seq: int
    # "accepted", "duplicate", "rejected", or "conflict": the hub holds a different record
    # at this number (a restored or copied profile), so the laptop moves it to a fresh one.
    status: str
    reason: str = ""


@dataclass(frozen=True)
class SyncSummary:
    """What one sync round did, for the command line and the sync panel."""

    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    received: int = 0
    pending: int = 0
    verified: bool = False
    rejected_reasons: list[tuple[int, str]] = field(default_factory=list)
    renumbered: int = 0  # envelopes moved to fresh numbers this round
    # Sentences for the worker about content left aside this round (a signed course
    # bundle that fails the course checks): the sync itself still succeeded.
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OutboxBatch:
    """One push's worth of the outbox, and any envelope too large to ever send."""

    envelopes: list[Envelope]
    too_large: list[Envelope]


def sequence_digest(entries: list[tuple[int, str]]) -> str:
    """An order-independent digest of (device_seq, content_hash) pairs.

    The sum of the pairs' SHA-256 values modulo 2**256: the same set gives the same
    digest in any order, and a missing, extra or changed envelope changes it.
    """
    total = 0
    for seq, digest in entries:
        total += int.from_bytes(hashlib.sha256(f"{seq}:{digest}".encode()).digest(), "big")
    return f"{total % 2**256:064x}"


@dataclass(frozen=True)
class HubEnrolment:
    """Where the hub is and the key it signs with, pinned when the laptop enrolled."""

    hub_url: str
    hub_key_id: str
    hub_public_key: bytes
    device_name: str
    verify_url: str = ""  # the hub's public verify address, if it gave one at enrolment
    # Extra certificate authorities (PEM) this laptop trusts for the hub's TLS, given at
    # enrolment (an internal CA, as many public-sector networks run). The hub's signing
    # key stays pinned whatever TLS trusts.
    ca_pem: str = ""

    @property
    def certificate_address(self) -> str:
        """Where a certificate's QR code points: the address the hub gave, else the
        enrolled hub's own verify page."""
        return self.verify_url or f"{self.hub_url.rstrip('/')}/verify"


@dataclass(frozen=True)
class VerifyRange:
    """What the laptop still holds of the envelopes the hub confirmed, for comparison."""

    from_seq: int
    to_seq: int
    count: int
    digest: str
    ranges: tuple[tuple[int, int], ...] = ()  # the runs of numbers compared
