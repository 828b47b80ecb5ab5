"""The wire protocol shared by the laptop and the Compass House hub.

Everything here is plain data and pure functions: canonical JSON, content hashes,
envelope validation (the signing of requests and answers is in sync/shared/signatures.py). The
hub imports these two modules and nothing else of the desktop side. The endpoint paths and
the shapes of requests and answers live here too, so the client and the hub's routes
cannot drift apart.
"""

from __future__ import annotations

import base64
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from victim_champion.core.certificates import public_address_ok
from victim_champion.core.device_policy import DevicePolicy
from victim_champion.core.envelopes import (
    ENVELOPE_KINDS,
    SCHEMA_VERSION,
    Envelope,
    ProtocolError,
    PushResult,
    SyncSummary,
    canonical_json,
    content_hash,
    sequence_digest,
)

__all__ = [
    "ENVELOPE_KINDS",
    "SCHEMA_VERSION",
    "Envelope",
    "ProtocolError",
    "PushResult",
    "SyncSummary",
    "canonical_json",
    "content_hash",
    "sequence_digest",
]

PROTOCOL = "victim-champion-sync/1"
# The hub accepts the current envelope schema and the one before it; older clients are
# told "upgrade required" and keep their queue.
ACCEPTED_SCHEMA_VERSIONS = frozenset({SCHEMA_VERSION, SCHEMA_VERSION - 1} - {0})
MAX_ENVELOPES_PER_PUSH = 500
MAX_BODY_BYTES = 8 * 1024 * 1024
PULL_PAGE_LIMIT = 200
CLOCK_SKEW_SECONDS = 600
HEADER_DEVICE = "X-VC-Device"
HEADER_TIMESTAMP = "X-VC-Timestamp"
HEADER_SIGNATURE = "X-VC-Signature"
HEADER_NONCE = "X-VC-Nonce"  # fresh and random per request; the hub refuses it twice


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, what: str) -> bytes:
    """Decode base64, or raise ProtocolError naming the field."""
    if not isinstance(text, str):
        raise ProtocolError(f"{what} must be base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise ProtocolError(f"{what} is not valid base64") from None


# ------------------------------------------------------------------ endpoints


class Endpoint(enum.StrEnum):
    """Every path the hub serves; templates in braces are filled with ``str.format``."""

    ENROL = "/v1/enrol"
    PUSH = "/v1/push"
    PULL = "/v1/pull"
    VERIFY = "/v1/verify"
    ROUND = "/v1/round"  # push, verify and one pull page in one request (sync/shared/rounds.py)
    BUNDLE_LATEST = "/v1/bundles/{kind}/latest"
    HEALTH = "/v1/health"
    CERTIFICATE = "/v1/certificates/{code}"
    CERTIFICATE_PAGE = "/verify/{code}"  # the page a certificate's QR code opens
    KEYS = "/v1/keys"  # every device's public key, to check certificates offline
    ADMIN_DEVICES = "/v1/admin/devices"
    ADMIN_REVOKE = "/v1/admin/devices/{device_id}/revoke"
    ADMIN_STATS = "/v1/admin/stats"


def pull_path(cursor: int, limit: int) -> str:
    """The pull endpoint for one page after ``cursor``."""
    return f"{Endpoint.PULL.value}?cursor={cursor}&limit={limit}"


def bundle_path(kind: str) -> str:
    """The endpoint of the newest signed bundle of one kind of content."""
    return Endpoint.BUNDLE_LATEST.value.format(kind=kind)


# ------------------------------------------------------------------ request and answer shapes
# Requests are read strictly by the hub (ProtocolError says what is wrong, and the hub
# answers 400 with it). Answers are signed documents that also carry the protocol, the
# signature and the hub's time, so an answer's reader takes its own fields and no others.


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**62


def _dict(raw: object, what: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ProtocolError(f"{what} must be an object")
    return raw


@dataclass(frozen=True)
class EnrolRequest:
    """A laptop asks to enrol with a one-time code and its own public key."""

    code: str
    device_id: str
    public_key: bytes

    def to_wire(self) -> dict[str, Any]:
        return {"code": self.code, "device_id": self.device_id, "public_key": b64(self.public_key)}

    @classmethod
    def from_wire(cls, raw: object) -> EnrolRequest:
        body = _dict(raw, "the enrolment request")
        code, device_id = body.get("code"), body.get("device_id")
        if not isinstance(code, str) or not isinstance(device_id, str) or len(device_id) > 64:
            raise ProtocolError("enrolment needs a code, a device id and a public key")
        public_key = unb64(body.get("public_key"), "public_key")
        if len(public_key) != 32 or not device_id:
            raise ProtocolError("the public key must be a raw 32-byte Ed25519 key")
        return cls(code, device_id, public_key)


@dataclass(frozen=True)
class EnrolAnswer:
    """The hub's welcome: the device's name, the key to pin, and the device policy."""

    device_id: str
    name: str
    hub_key_id: str
    hub_public_key: bytes
    policy: DevicePolicy
    # Where a certificate's QR code should send people: the hub's public verify address,
    # set by Compass House (``serve --public-url``). "" when it set none: the laptop then
    # uses the address it enrolled with.
    verify_url: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "name": self.name,
            "hub_key_id": self.hub_key_id,
            "hub_public_key": b64(self.hub_public_key),
            "policy": self.policy.to_wire(),
            "verify_url": self.verify_url,
        }

    @classmethod
    def from_wire(cls, raw: object) -> EnrolAnswer:
        body = _dict(raw, "the enrolment answer")
        device_id, name, key_id = (
            body.get("device_id"),
            body.get("name", ""),
            body.get("hub_key_id"),
        )
        if (
            not isinstance(device_id, str)
            or not isinstance(key_id, str)
            or not isinstance(name, str)
        ):
            raise ProtocolError("the enrolment answer needs a device id, a name and a key id")
        key = unb64(body.get("hub_public_key"), "hub_public_key")
        verify_url = body.get("verify_url", "")
        if not isinstance(verify_url, str) or not public_address_ok(verify_url):
            raise ProtocolError("the verify address must be an https:// address")
        policy = DevicePolicy.from_wire(body.get("policy"))
        return cls(device_id, name, key_id, key, policy, verify_url)


@dataclass(frozen=True)
class PushRequest:
    """Envelopes to store, as sent; the hub checks each one on its own."""

    envelopes: tuple[Any, ...]

    def to_wire(self) -> dict[str, Any]:
        return {"envelopes": list(self.envelopes)}

    @classmethod
    def from_wire(cls, raw: object) -> PushRequest:
        envelopes = _dict(raw, "the push").get("envelopes")
        if not isinstance(envelopes, list) or len(envelopes) > MAX_ENVELOPES_PER_PUSH:
            raise ProtocolError(f"envelopes must be a list of at most {MAX_ENVELOPES_PER_PUSH}")
        return cls(tuple(envelopes))


@dataclass(frozen=True)
class DeviceState:
    """What every answer to a device carries: the highest number the hub holds for it
    (stored or refused), and the hub's limits for a push. Read leniently: a value that is
    missing or not a count is None, and the laptop keeps what it assumed."""

    device_max_seq: int | None
    max_body_bytes: int | None
    max_envelopes: int | None

    def to_wire(self) -> dict[str, Any]:
        return {
            "device_max_seq": self.device_max_seq,
            "max_body_bytes": self.max_body_bytes,
            "max_envelopes": self.max_envelopes,
        }

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> DeviceState:
        def count(key: str) -> int | None:
            value = raw.get(key)
            return value if _count(value) else None

        return cls(count("device_max_seq"), count("max_body_bytes"), count("max_envelopes"))


PUSH_STATUSES = ("accepted", "duplicate", "rejected", "conflict")


def push_answer(results: Sequence[PushResult]) -> dict[str, Any]:
    """The hub's per-envelope answers to a push."""
    return {
        "results": [
            {"device_seq": r.device_seq, "status": r.status, "reason": r.reason} for r in results
        ]
    }


def push_results_from_wire(raw: dict[str, Any]) -> list[PushResult]:
    """Every well-formed per-envelope answer (any other item is ignored); ProtocolError if
    the answer has no list of results at all."""
    items = raw.get("results")
    if not isinstance(items, list):
        raise ProtocolError("the hub's answer had no results")
    results = []
    for item in items:
        if not isinstance(item, dict):
            continue
        seq, status = item.get("device_seq"), item.get("status")
        if _count(seq) and status in PUSH_STATUSES:
            results.append(PushResult(int(seq), str(status), str(item.get("reason", ""))))
    return results


@dataclass(frozen=True)
class PullAnswer:
    """One page of items for the device, the cursor after it, and the device policy."""

    items: tuple[dict[str, Any], ...]
    next_cursor: int
    more: bool
    policy: DevicePolicy

    def to_wire(self) -> dict[str, Any]:
        return {
            "items": list(self.items),
            "next_cursor": self.next_cursor,
            "more": self.more,
            "policy": self.policy.to_wire(),
        }

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> PullAnswer:
        items, cursor, more = raw.get("items"), raw.get("next_cursor"), raw.get("more")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ProtocolError("the pull answer's items must be a list of objects")
        if not _count(cursor) or not isinstance(more, bool):
            raise ProtocolError("the pull answer needs a next_cursor and more")
        return cls(tuple(items), int(cursor), more, DevicePolicy.from_wire(raw.get("policy")))


MAX_VERIFY_RANGES = 1000


@dataclass(frozen=True)
class VerifyRequest:
    """Runs of a device's numbers to compare with what the hub holds."""

    ranges: tuple[tuple[int, int], ...]

    def to_wire(self) -> dict[str, Any]:
        return {"ranges": [list(r) for r in self.ranges]}

    @classmethod
    def from_wire(cls, raw: object) -> VerifyRequest:
        """ "ranges": [[low, high], ...], or (as older laptops send) from_seq and to_seq."""
        body = _dict(raw, "the verify request")
        pairs = body.get("ranges")
        if pairs is None:
            pairs = [[body.get("from_seq"), body.get("to_seq")]]
        if not isinstance(pairs, list) or not 0 < len(pairs) <= MAX_VERIFY_RANGES:
            raise ProtocolError(
                f"ranges must be a list of 1 to {MAX_VERIFY_RANGES} [low, high] pairs"
            )
        ranges: list[tuple[int, int]] = []
        for pair in pairs:
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(_count(v) for v in pair)
                or pair[1] < pair[0]
            ):
                raise ProtocolError("each range must be two whole numbers, low <= high")
            ranges.append((pair[0], pair[1]))
        return cls(tuple(ranges))


@dataclass(frozen=True)
class VerifyAnswer:
    """What the hub holds in those runs: count, counts by kind, digest, and gaps (numbers
    up to the highest asked about that it neither holds nor refused)."""

    count: int
    counts: dict[str, int]
    digest: str
    gaps: int

    def to_wire(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "counts": self.counts,
            "digest": self.digest,
            "gaps": self.gaps,
        }

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> VerifyAnswer:
        count, counts, digest = raw.get("count"), raw.get("counts", {}), raw.get("digest")
        gaps = raw.get("gaps", 0)
        if not _count(count) or not _count(gaps) or not isinstance(digest, str):
            raise ProtocolError("the verify answer needs a count, a digest and gaps")
        if not isinstance(counts, dict):
            raise ProtocolError("the verify answer's counts must be an object")
        return cls(int(count), dict(counts), digest, int(gaps))
