"""Wrapping the data key: Argon2id floor, device secret binding, tamper evidence."""

from __future__ import annotations

import dataclasses
import secrets

import pytest

from victim_champion.core.errors import CorruptStoreError, WeakPassphraseError, WrongPassphraseError
from victim_champion.store.keys.key_slots import (
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    KdfParams,
    KeySlot,
    check_passphrase,
    fresh_salt,
    tune_kdf,
    unwrap,
    wrap,
)

DATA_KEY = secrets.token_bytes(32)
SECRET = secrets.token_bytes(32)


def make_slot(kdf: KdfParams, passphrase: str = "correct horse battery") -> KeySlot:
    return wrap(
        DATA_KEY,
        profile_id="p1",
        slot_id="staff-1",
        passphrase=passphrase,
        device_secret=SECRET,
        kdf=kdf,
    )


def test_the_right_passphrase_and_device_secret_recover_the_data_key(fast_kdf: KdfParams) -> None:
    slot = make_slot(fast_kdf)
    assert (
        unwrap(slot, profile_id="p1", passphrase="correct horse battery", device_secret=SECRET)
        == DATA_KEY
    )
    assert DATA_KEY not in slot.wrapped_key


def test_a_wrong_passphrase_is_a_typed_error(fast_kdf: KdfParams) -> None:
    with pytest.raises(WrongPassphraseError):
        unwrap(
            make_slot(fast_kdf),
            profile_id="p1",
            passphrase="wrong horse battery",
            device_secret=SECRET,
        )


def test_the_passphrase_alone_is_not_enough_on_another_device(fast_kdf: KdfParams) -> None:
    with pytest.raises(WrongPassphraseError):
        unwrap(
            make_slot(fast_kdf),
            profile_id="p1",
            passphrase="correct horse battery",
            device_secret=secrets.token_bytes(32),
        )


def test_editing_the_stored_parameters_makes_the_slot_fail(fast_kdf: KdfParams) -> None:
    slot = make_slot(fast_kdf)
    raised = dataclasses.replace(slot, kdf=dataclasses.replace(slot.kdf, iterations=4))
    with pytest.raises(WrongPassphraseError):
        unwrap(raised, profile_id="p1", passphrase="correct horse battery", device_secret=SECRET)
    with pytest.raises(WrongPassphraseError):
        unwrap(
            slot,
            profile_id="another profile",
            passphrase="correct horse battery",
            device_secret=SECRET,
        )


def test_parameters_below_the_security_floor_are_refused() -> None:
    with pytest.raises(CorruptStoreError):
        KdfParams(salt=fresh_salt(), memory_kib=MIN_MEMORY_KIB // 2)
    with pytest.raises(CorruptStoreError):
        KdfParams(salt=fresh_salt(), iterations=MIN_ITERATIONS - 1)


def test_slots_survive_a_json_round_trip(fast_kdf: KdfParams) -> None:
    slot = make_slot(fast_kdf)
    assert KeySlot.from_json(slot.to_json()) == slot
    broken = slot.to_json() | {"nonce": "not base64!"}
    with pytest.raises(CorruptStoreError):
        KeySlot.from_json(broken)


def test_tuning_never_goes_below_the_floor() -> None:
    tuned = tune_kdf(target_seconds=0.0001)
    assert tuned.memory_kib >= MIN_MEMORY_KIB
    assert tuned.iterations >= MIN_ITERATIONS


@pytest.mark.parametrize(
    ("weak", "why"),
    [
        ("password", "shorter than 12 characters"),
        ("12345678", "shorter than 12 characters"),
        ("password1234", "very common password"),
        ("victimchampion2026", "because"),  # the app's own words count as guessable
        ("qwertyuiopasdf", "commonly used password"),
    ],
)
def test_weak_and_common_passphrases_are_refused_saying_why_with_words_that_would_do(
    weak: str, why: str
) -> None:
    with pytest.raises(WeakPassphraseError, match=why) as refused:
        check_passphrase(weak)
    sentence = str(refused.value)
    assert sentence.count(".") == 1 and sentence.endswith(".")
    offered = sentence.rsplit("for example ", 1)[1].rstrip(".")
    assert len(offered.split("-")) == 4
    check_passphrase(offered)  # what it offers is accepted


def test_a_persons_own_name_counts_as_guessable() -> None:
    check_passphrase("Priya Ramaswamy")  # a stranger's name, to the estimator
    with pytest.raises(WeakPassphraseError):
        check_passphrase("Priya Ramaswamy", context=("priya", "ramaswamy"))
