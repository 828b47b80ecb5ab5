"""What a key slot and its Argon2id parameters may look like, checked without running
Argon2 (store/keys/key_slots.py): the SECURITY.md floor, the ceiling a tampered keys.json
may not pass, and the exact byte lengths of a slot. Fast, so mutation testing runs it
first (mutation/key_slots.toml)."""

from __future__ import annotations

import base64

import pytest

from victim_champion.core.errors import DamagedKeyFileError, KeyFileOutOfBoundsError
from victim_champion.store.keys.key_slots import (
    TARGET_SECONDS,
    KdfParams,
    KeySlot,
    fresh_salt,
    tune_kdf,
)

MIB = 1024


def older_slot() -> KeySlot:
    """A slot as made before issue 35: the data key wrapped directly, no key pair."""
    return KeySlot("staff-1", KdfParams(salt=fresh_salt()), bytes(12), bytes(48))


def sealed_slot() -> KeySlot:
    return KeySlot(
        "staff-1",
        KdfParams(salt=fresh_salt()),
        bytes(12),
        bytes(48),
        bytes(32),
        bytes(32 + 12 + 48),
    )


def test_the_defaults_are_the_floor_64_mib_3_passes_4_lanes() -> None:
    params = KdfParams(salt=fresh_salt())
    assert (params.memory_kib, params.iterations, params.lanes) == (64 * MIB, 3, 4)
    assert len(fresh_salt()) == 16 and fresh_salt() != fresh_salt()


@pytest.mark.parametrize(
    ("allowed", "refused"),
    [
        ({"memory_kib": 64 * MIB}, {"memory_kib": 64 * MIB - 1}),
        ({"memory_kib": 1024 * MIB}, {"memory_kib": 1024 * MIB + 1}),
        ({"iterations": 3}, {"iterations": 2}),
        ({"iterations": 100}, {"iterations": 101}),
        ({"lanes": 1}, {"lanes": 0}),
        ({"lanes": 16}, {"lanes": 17}),
        ({"salt": bytes(16)}, {"salt": bytes(15)}),
        ({"salt": bytes(64)}, {"salt": bytes(65)}),
    ],
)
def test_each_bound_is_allowed_and_one_past_it_is_refused(
    allowed: dict[str, object], refused: dict[str, object]
) -> None:
    KdfParams(**{"salt": fresh_salt(), **allowed})  # type: ignore[arg-type]
    with pytest.raises(KeyFileOutOfBoundsError):
        KdfParams(**{"salt": fresh_salt(), **refused})  # type: ignore[arg-type]


def test_a_slot_with_any_part_of_the_wrong_length_is_damaged() -> None:
    salt = fresh_salt()
    kdf = KdfParams(salt=salt)
    good = (bytes(12), bytes(48), bytes(32), bytes(92))
    KeySlot("s", kdf, *good)
    for index in range(4):
        for delta in (-1, 1):
            parts = list(good)
            parts[index] = bytes(len(parts[index]) + delta)
            with pytest.raises(DamagedKeyFileError):
                KeySlot("s", kdf, *parts)
    with pytest.raises(DamagedKeyFileError):  # a sealed key with no public key to open it
        KeySlot("s", kdf, bytes(12), bytes(48), b"", bytes(92))


def test_only_a_slot_with_a_key_pair_counts_as_sealed() -> None:
    assert sealed_slot().is_sealed is True
    assert older_slot().is_sealed is False


def test_both_kinds_of_slot_read_back_as_written() -> None:
    for slot in (older_slot(), sealed_slot()):
        document = slot.to_json()
        assert document["kdf"]["algorithm"] == "argon2id"  # type: ignore[index]
        assert KeySlot.from_json(document) == slot
    assert "public_key" not in older_slot().to_json()


def test_a_slot_naming_another_algorithm_or_with_stray_characters_is_damaged() -> None:
    document = sealed_slot().to_json()
    for algorithm in ("scrypt", "argon2", "argon2i", "pbkdf2"):
        kdf = {**document["kdf"], "algorithm": algorithm}  # type: ignore[dict-item]
        with pytest.raises(DamagedKeyFileError):
            KeySlot.from_json({**document, "kdf": kdf})
    nonce = base64.b64encode(bytes(12)).decode()
    with pytest.raises(DamagedKeyFileError):  # strict base64: no character is skipped
        KeySlot.from_json({**document, "nonce": nonce[:8] + "!" + nonce[8:]})


def test_tuning_stops_at_forty_passes_and_aims_inside_the_unlock_window() -> None:
    assert 0.3 <= TARGET_SECONDS <= 1.0  # the unlock goal in docs/benchmarks.md
    assert tune_kdf(target_seconds=10_000.0).iterations == 40  # never a minute-long unlock


def test_a_machine_asked_for_almost_no_time_gets_the_floor_not_the_ceiling() -> None:
    assert tune_kdf(target_seconds=0.0001).iterations == 3
