"""Ed25519 signatures on the wire: what a device signs for each request, and the hub's
signature on every answer, which the laptop checks against the key it pinned at enrolment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from victim_champion.sync.shared.protocol import PROTOCOL, ProtocolError, b64, canonical_json, unb64


def request_message(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    """What a device signs for each request: method, path, time, nonce and the body's hash."""
    return "\n".join(
        [PROTOCOL, method.upper(), path, str(timestamp), nonce, hashlib.sha256(body).hexdigest()]
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


def signed_json(document: dict[str, Any], sign_with: Callable[[bytes], bytes]) -> bytes:
    """A hub response, as the JSON sent: the canonical document (sans signature) that was
    signed, with the signature added as one more member. Its place among the members does
    not matter: check_signed_body checks the signature over the canonical form of what it
    parsed. So an answer is encoded once, not once to sign and again to send.
    ``sign_with``: a loaded key's ``sign`` (the hub keeps one: loading the key from its
    raw bytes for every answer was 4% of its time in a burst of sync rounds)."""
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    body = canonical_json({**unsigned, "protocol": PROTOCOL})  # an object: ends with }
    return body[:-1] + b',"signature":"' + b64(sign_with(body)).encode("ascii") + b'"}'


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
