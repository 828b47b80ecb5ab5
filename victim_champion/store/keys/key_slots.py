"""Key slots: the data key wrapped (AES-256-GCM) under Argon2id(passphrase) + device secret.

Each staff member (and an optional recovery phrase) gets a slot. The Argon2id parameters
are stored in the slot and bound into the AES-GCM associated data, so lowering them in the
file makes the slot fail to open.

**Sealed slots** (issue 35). A slot holds its own X25519 key pair: the private key is
what the passphrase wraps, and the data key is sealed to the public key. An administrator
can then seal a *new* data key to every remaining slot without knowing anyone's passphrase,
which is what removing a staff member needs (store/keys/rekey.py). A slot made before
this wraps the data key itself; it is moved to the sealed form the next time it opens.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, replace

from victim_champion.content.passphrase_policy import judge, refusal
from victim_champion.core.errors import (
    CorruptStoreError,
    DamagedKeyFileError,
    KeyFileOutOfBoundsError,
    WeakPassphraseError,
    WrongPassphraseError,
)

DATA_KEY_BYTES = 32
# SECURITY.md floor: at least 64 MiB and 3 passes. Tuning raises passes, never memory,
# so a modest laptop in a village hall is not pushed into swap.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MAX_ITERATIONS = 40  # the most tuning chooses
LANES = 4
# What a slot read from keys.json may ask for. The parameters are bound into the AES-GCM
# tag, but that is checked only after Argon2 has run, so a tampered file could otherwise
# make unlock allocate unbounded memory or run for hours before saying anything.
READ_MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
READ_MAX_ITERATIONS = 100
READ_LANES = range(1, 17)  # 1-16
MIN_SALT_BYTES = 16
MAX_SALT_BYTES = 64
NONCE_BYTES = 12
WRAPPED_KEY_BYTES = DATA_KEY_BYTES + 16  # the data key and the GCM tag
TARGET_SECONDS = 0.5  # inside the 0.3-1.0 s window on the laptop that creates the slot
_HKDF_INFO = b"victim-champion key slot v1"
_SEAL_INFO = b"victim-champion sealed data key v1"
PUBLIC_KEY_BYTES = 32  # X25519
SEALED_KEY_BYTES = PUBLIC_KEY_BYTES + NONCE_BYTES + WRAPPED_KEY_BYTES  # ephemeral, nonce, box


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id parameters, stored beside the wrapped key they protect."""

    salt: bytes
    memory_kib: int = MIN_MEMORY_KIB
    iterations: int = MIN_ITERATIONS
    lanes: int = LANES

    def __post_init__(self) -> None:
        # Checked before Argon2 ever runs: below the SECURITY.md floor is too weak, above
        # the ceiling is a file made to hang the laptop. Either way, nothing is derived.
        if not (
            MIN_MEMORY_KIB <= self.memory_kib <= READ_MAX_MEMORY_KIB
            and MIN_ITERATIONS <= self.iterations <= READ_MAX_ITERATIONS
            and self.lanes in READ_LANES
            and MIN_SALT_BYTES <= len(self.salt) <= MAX_SALT_BYTES
        ):
            raise KeyFileOutOfBoundsError()

    def derive(self, passphrase: str) -> bytes:
        """Run Argon2id; this is the deliberately slow step (0.3-1 s)."""
        # cryptography is imported on first use so that the unlock screen appears sooner.
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        return Argon2id(
            salt=self.salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(passphrase.encode("utf-8"))


def fresh_salt() -> bytes:
    """16 random bytes, new for every slot and every passphrase change."""
    return secrets.token_bytes(16)


def _seconds_for(params: KdfParams) -> float:
    started = time.perf_counter()
    params.derive("calibration only")
    return time.perf_counter() - started


def tune_kdf(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Measure this machine and choose enough passes for roughly ``target_seconds``.

    The first run pays for allocating 64 MiB, so the probe takes the faster of two runs,
    then checks the chosen setting once and scales again if it came out short.
    """
    probe = KdfParams(salt=fresh_salt())
    per_pass = min(_seconds_for(probe), _seconds_for(probe)) / probe.iterations
    passes = _clamp(round(target_seconds / per_pass) if per_pass > 0 else MAX_ITERATIONS)
    if target_seconds > 0 and passes < MAX_ITERATIONS:
        measured = _seconds_for(KdfParams(salt=fresh_salt(), iterations=passes))
        if measured < 0.8 * target_seconds:
            passes = _clamp(round(passes * target_seconds / measured))
    return KdfParams(salt=fresh_salt(), iterations=passes)


def _clamp(passes: int) -> int:
    return max(MIN_ITERATIONS, min(MAX_ITERATIONS, passes))


@dataclass(frozen=True, slots=True)
class KeySlot:
    """One wrapped copy of the data key."""

    slot_id: str  # e.g. "staff-1", "recovery"; also the audit actor
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes  # the slot's private key (sealed slots) or the data key (older ones)
    public_key: bytes = b""  # empty: an older slot that wraps the data key itself
    sealed_key: bytes = b""  # the data key sealed to public_key

    def __post_init__(self) -> None:
        if len(self.nonce) != NONCE_BYTES or len(self.wrapped_key) != WRAPPED_KEY_BYTES:
            raise DamagedKeyFileError()
        if self.public_key and (
            len(self.public_key) != PUBLIC_KEY_BYTES or len(self.sealed_key) != SEALED_KEY_BYTES
        ):
            raise DamagedKeyFileError()
        if self.sealed_key and not self.public_key:
            raise DamagedKeyFileError()

    @property
    def is_sealed(self) -> bool:
        """Whether a new data key can be sealed to this slot without its passphrase."""
        return bool(self.public_key)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict; bytes become base64."""
        kdf = asdict(self.kdf)
        kdf["salt"] = _b64(self.kdf.salt)
        document: dict[str, object] = {
            "slot_id": self.slot_id,
            "kdf": {"algorithm": "argon2id", **kdf},
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        if self.public_key:
            document["public_key"] = _b64(self.public_key)
            document["sealed_key"] = _b64(self.sealed_key)
        return document

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> KeySlot:
        """Read a slot back; any missing or mistyped field means a damaged key file."""
        try:
            kdf = raw["kdf"]
            assert isinstance(kdf, dict) and kdf["algorithm"] == "argon2id"
            return cls(
                slot_id=str(raw["slot_id"]),
                kdf=KdfParams(
                    salt=_unb64(kdf["salt"]),
                    memory_kib=int(kdf["memory_kib"]),
                    iterations=int(kdf["iterations"]),
                    lanes=int(kdf["lanes"]),
                ),
                nonce=_unb64(raw["nonce"]),
                wrapped_key=_unb64(raw["wrapped_key"]),
                public_key=_unb64(raw.get("public_key", "")),
                sealed_key=_unb64(raw.get("sealed_key", "")),
            )
        except (KeyError, TypeError, ValueError, AssertionError):
            raise DamagedKeyFileError() from None


def check_passphrase(passphrase: str, context: tuple[str, ...] = ()) -> None:
    """Refuse passphrases too weak to protect victims' data (content/passphrase_policy.py);
    ``context`` adds words particular to the person, such as their name."""
    verdict = judge(passphrase, context)
    if not verdict.acceptable:
        raise WeakPassphraseError(refusal(verdict))


def _wrapping_key(kdf: KdfParams, passphrase: str, device_secret: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    stretched = kdf.derive(passphrase)
    # The device secret from the OS keyring is the HKDF salt: a copied DB and key file
    # plus the passphrase are not enough on another machine.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=device_secret, info=_HKDF_INFO).derive(
        stretched
    )


def _associated_data(
    profile_id: str, slot_id: str, kdf: KdfParams, public_key: bytes = b""
) -> bytes:
    bound: dict[str, object] = {
        "profile_id": profile_id,
        "slot_id": slot_id,
        "memory_kib": kdf.memory_kib,
        "iterations": kdf.iterations,
        "lanes": kdf.lanes,
        "salt": _b64(kdf.salt),
    }
    if public_key:  # older slots were bound without it, and must still open
        bound["public_key"] = _b64(public_key)
    return json.dumps(bound, sort_keys=True).encode()


def wrap(
    data_key: bytes,
    *,
    profile_id: str,
    slot_id: str,
    passphrase: str,
    device_secret: bytes,
    kdf: KdfParams,
) -> KeySlot:
    """A sealed slot: a new key pair, its private key wrapped under the passphrase."""
    key = _wrapping_key(kdf, passphrase, device_secret)
    return _sealed_slot(key, data_key, profile_id=profile_id, slot_id=slot_id, kdf=kdf)


def _sealed_slot(
    wrapping_key: bytes, data_key: bytes, *, profile_id: str, slot_id: str, kdf: KdfParams
) -> KeySlot:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    private = X25519PrivateKey.generate()
    public_key = private.public_key().public_bytes_raw()
    nonce = os.urandom(NONCE_BYTES)
    bound = _associated_data(profile_id, slot_id, kdf, public_key)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, private.private_bytes_raw(), bound)
    slot = KeySlot(slot_id, kdf, nonce, wrapped, public_key, b"\0" * SEALED_KEY_BYTES)
    return reseal(slot, data_key, profile_id=profile_id)


def reseal(slot: KeySlot, data_key: bytes, *, profile_id: str) -> KeySlot:
    """The same slot with ``data_key`` sealed to its public key (no passphrase needed)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not slot.is_sealed:
        raise ValueError("an older slot cannot be resealed without its passphrase")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(slot.public_key))
    key = _seal_key(shared, ephemeral_public, slot.public_key)
    nonce = os.urandom(NONCE_BYTES)
    box = AESGCM(key).encrypt(nonce, data_key, _seal_data(profile_id, slot))
    return replace(slot, sealed_key=ephemeral_public + nonce + box)


def _seal_key(shared: bytes, ephemeral_public: bytes, public_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    salt = ephemeral_public + public_key
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_SEAL_INFO).derive(shared)


def _seal_data(profile_id: str, slot: KeySlot) -> bytes:
    bound = {"profile_id": profile_id, "slot_id": slot.slot_id, "public_key": _b64(slot.public_key)}
    return json.dumps(bound, sort_keys=True).encode()


def unwrap(slot: KeySlot, *, profile_id: str, passphrase: str, device_secret: bytes) -> bytes:
    """Recover the data key, or raise WrongPassphraseError (GCM tag mismatch)."""
    return open_slot(
        slot, profile_id=profile_id, passphrase=passphrase, device_secret=device_secret
    )[0]


def open_slot(
    slot: KeySlot, *, profile_id: str, passphrase: str, device_secret: bytes
) -> tuple[bytes, KeySlot]:
    """The data key, and the slot in sealed form: itself, or an older slot re-made as a
    sealed one under the same passphrase (with no second Argon2 run)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _wrapping_key(slot.kdf, passphrase, device_secret)
    bound = _associated_data(profile_id, slot.slot_id, slot.kdf, slot.public_key)
    try:
        opened = AESGCM(key).decrypt(slot.nonce, slot.wrapped_key, bound)
    except InvalidTag:
        raise WrongPassphraseError() from None
    if len(opened) != DATA_KEY_BYTES:
        raise CorruptStoreError()
    if not slot.is_sealed:
        upgraded = _sealed_slot(
            key, opened, profile_id=profile_id, slot_id=slot.slot_id, kdf=slot.kdf
        )
        return opened, upgraded
    private = X25519PrivateKey.from_private_bytes(opened)
    if private.public_key().public_bytes_raw() != slot.public_key:
        raise CorruptStoreError()
    ephemeral_public = slot.sealed_key[:PUBLIC_KEY_BYTES]
    nonce = slot.sealed_key[PUBLIC_KEY_BYTES : PUBLIC_KEY_BYTES + NONCE_BYTES]
    box = slot.sealed_key[PUBLIC_KEY_BYTES + NONCE_BYTES :]
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        data_key = AESGCM(_seal_key(shared, ephemeral_public, slot.public_key)).decrypt(
            nonce, box, _seal_data(profile_id, slot)
        )
    except InvalidTag:
        raise CorruptStoreError() from None
    if len(data_key) != DATA_KEY_BYTES:
        raise CorruptStoreError()
    return data_key, slot


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(value, validate=True)
