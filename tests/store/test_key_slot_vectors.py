"""Key slots written by this version must open in every later one (store/keys/key_slots.py):
two slots saved once, byte for byte, with a fixed salt, passphrase and device secret.
Any change to how the wrapping key is derived or what is bound into a tag (the Argon2
output length, the HKDF info, the order of the bound fields) locks people out of their
own laptops, and fails here first."""

from __future__ import annotations

import base64
import dataclasses

import pytest

from victim_champion.core.errors import CorruptStoreError
from victim_champion.store.keys.key_slots import KeySlot, open_slot, unwrap

PASSPHRASE = "correct horse battery"
SECRET = bytes(range(32))
DATA_KEY = bytes(range(32, 64))
KDF: dict[str, object] = {
    "algorithm": "argon2id",
    "salt": "AAECAwQFBgcICQoLDA0ODw==",
    "memory_kib": 65536,
    "iterations": 3,
    "lanes": 4,
}
SEALED: dict[str, object] = {
    "slot_id": "staff-1",
    "kdf": KDF,
    "nonce": "U4CPCMfnTF2fINnA",
    "wrapped_key": "p+gBX2GfvWsTl9gvpMqObwFWrEdwkSPPelYLscFCz9nZudAcnILJS9GbrP0eDEJ/",
    "public_key": "gv/s9A1oCTxMufcKEzD3tPm3MVbY82GJxs2HPURZ2V8=",
    "sealed_key": "owI7rvZVv1tpydSGsINaLy8PgYg/pguVN7iM3O2R+yaY40EYROEYi2Jd0d3nDuwhT7zq0gcDKfrl"
    "G8r+jr+MFyEvchaWQKMQUbJ9ln7pxBm3EUSGWEUIzmNrAIw=",
}
# Before issue 35: the data key wrapped directly, bound without a public key.
OLDER: dict[str, object] = {
    "slot_id": "staff-1",
    "kdf": KDF,
    "nonce": "AAAAAAAAAAAAAAAA",
    "wrapped_key": "kOphcrn65OMECtEKcSNA37EgXJDgKbP9NBVCYx3OWYJ2D+TcrQKlKtYDhPEFvCzW",
}


def test_a_sealed_slot_saved_by_this_version_still_opens() -> None:
    slot = KeySlot.from_json(SEALED)
    assert unwrap(slot, profile_id="p1", passphrase=PASSPHRASE, device_secret=SECRET) == DATA_KEY


def test_an_older_slot_still_opens_and_comes_back_sealed() -> None:
    data_key, upgraded = open_slot(
        KeySlot.from_json(OLDER), profile_id="p1", passphrase=PASSPHRASE, device_secret=SECRET
    )
    assert data_key == DATA_KEY and upgraded.is_sealed
    again = unwrap(upgraded, profile_id="p1", passphrase=PASSPHRASE, device_secret=SECRET)
    assert again == DATA_KEY


def test_a_sealed_key_changed_on_disk_is_a_damaged_store_not_a_crash() -> None:
    slot = KeySlot.from_json(SEALED)
    box = bytearray(slot.sealed_key)
    box[-1] ^= 1  # the last byte of the AES-GCM tag
    tampered = dataclasses.replace(slot, sealed_key=bytes(box))
    with pytest.raises(CorruptStoreError):
        unwrap(tampered, profile_id="p1", passphrase=PASSPHRASE, device_secret=SECRET)


def test_a_slot_cannot_be_changed_once_read() -> None:
    slot = KeySlot.from_json(SEALED)
    with pytest.raises(AttributeError):  # frozen: dataclasses.FrozenInstanceError
        slot.public_key = b""  # type: ignore[misc]
    assert base64.b64encode(slot.public_key).decode() == SEALED["public_key"]
