"""The wire protocol shared by the laptop and the Compass House hub.

Everything here is plain data and pure functions (plus Ed25519 from cryptography):
canonical JSON, content hashes, envelope validation, request signing by the device and
response signing by the hub. The hub imports this module and nothing else of the
desktop side.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

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


def request_message(method: str, path: str, timestamp: int, body: bytes) -> bytes:
    """What a device signs for each request: method, path, time and the body's hash."""
    return "\n".join(
        [PROTOCOL, method.upper(), path, str(timestamp), hashlib.sha256(body).hexdigest()]
    ).encode()


def sign(private_key: bytes, message: bytes) -> bytes:
    """Ed25519 signature with a raw 32-byte private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_key).sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True if the signature is valid for this raw 32-byte public key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def signed_body(document: dict[str, Any], private_key: bytes) -> dict[str, Any]:
    """A hub response with its signature over the canonical document (sans signature)."""
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    return {
        **unsigned,
        "protocol": PROTOCOL,
        "signature": b64(sign(private_key, canonical_json({**unsigned, "protocol": PROTOCOL}))),
    }


def check_signed_body(document: object, public_key: bytes) -> dict[str, Any]:
    """Accept a hub response only if it is ours and signed by the pinned hub key.

    A captive portal's 200 page, a proxy's error page or a fake hub all fail here.
    """
    if not isinstance(document, dict) or document.get("protocol") != PROTOCOL:
        raise ProtocolError("the answer is not from a Victim Champion hub")
    signature = unb64(document.get("signature"), "signature")
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    if not verify(public_key, signature, canonical_json(unsigned)):
        raise ProtocolError("the answer is not signed by the enrolled hub")
    return unsigned
