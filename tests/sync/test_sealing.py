"""Sealed boxes open only with the desk's private key, and refuse any change."""

from __future__ import annotations

import base64

import pytest

from victim_champion.sync.shared.sealing import SealedBoxError, new_key_pair, open_sealed, seal


def test_a_box_opens_with_its_key_only_and_refuses_tampering() -> None:
    private, public = new_key_pair()
    box = seal(public, b'{"name": "Sam Example"}')
    assert b"Sam" not in base64.urlsafe_b64decode(box)
    assert seal(public, b"same") != seal(public, b"same")  # a fresh key for every box
    assert open_sealed(private, box) == b'{"name": "Sam Example"}'
    other, _ = new_key_pair()
    with pytest.raises(SealedBoxError):
        open_sealed(other, box)
    raw = bytearray(base64.urlsafe_b64decode(box))
    raw[-1] ^= 1
    with pytest.raises(SealedBoxError):
        open_sealed(private, base64.urlsafe_b64encode(bytes(raw)).decode())
    with pytest.raises(SealedBoxError):
        open_sealed(private, "not a box")
