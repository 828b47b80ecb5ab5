"""Sealed boxes: contact details a laptop encrypts to the referral desk's public key.

Anonymous public-key encryption in the shape of libsodium's sealed box, built from what
`cryptography` offers: a fresh X25519 key for every box, HKDF-SHA256 over the shared
secret (salted with both public keys), and ChaCha20-Poly1305 with the sender's public key
as associated data. Only the holder of the desk's private key can open a box; the hub,
which stores and forwards boxes, cannot. The nonce is zero because every box has its own
key.
"""

from __future__ import annotations

import base64

from victim_champion.core.envelopes import ProtocolError

INFO = b"victim-champion sealed contact v1"
KEY_BYTES = 32


class SealedBoxError(ProtocolError):
    """A box that this key cannot open: another desk's key, or damaged on the way."""


def new_key_pair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair for the referral desk: (private, public), 32 bytes each."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    raw = serialization.Encoding.Raw
    return (
        private.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
        private.public_key().public_bytes(raw, serialization.PublicFormat.Raw),
    )


def _key(shared: bytes, sender: bytes, recipient: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_BYTES, salt=sender + recipient, info=INFO).derive(shared)


def seal(public_key: bytes, plaintext: bytes) -> str:
    """The plaintext sealed to ``public_key``, as URL-safe base64 text."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    ephemeral = X25519PrivateKey.generate()
    sender = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    box = ChaCha20Poly1305(_key(shared, sender, public_key)).encrypt(bytes(12), plaintext, sender)
    return base64.urlsafe_b64encode(sender + box).decode("ascii")


def open_sealed(private_key: bytes, sealed: str) -> bytes:
    """The plaintext of a box sealed to this private key's public key."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    try:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        sender, box = raw[:KEY_BYTES], raw[KEY_BYTES:]
        private = X25519PrivateKey.from_private_bytes(private_key)
        recipient = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        shared = private.exchange(X25519PublicKey.from_public_bytes(sender))
        return ChaCha20Poly1305(_key(shared, sender, recipient)).decrypt(bytes(12), box, sender)
    except (InvalidTag, ValueError, UnicodeError) as error:
        raise SealedBoxError("this sealed box cannot be opened with this key") from error
