"""keys.json is bounded when read: a tampered file cannot make unlock allocate or run
without limit, and is refused with one sentence before Argon2 runs, untouched."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.errors import (
    CorruptStoreError,
    DamagedKeyFileError,
    KeyFileOutOfBoundsError,
)
from victim_champion.store.keys.key_file import MAX_KEY_FILE_BYTES, MAX_SLOTS
from victim_champion.store.keys.key_slots import (
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    READ_MAX_ITERATIONS,
    READ_MAX_MEMORY_KIB,
    KdfParams,
    fresh_salt,
)
from victim_champion.store.profile import Profile

GIB_KIB = 1024 * 1024
Edit = Callable[[dict[str, Any]], None]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def tamper(profile: Profile, edit: Edit) -> None:
    document = json.loads(profile.paths.keys.read_text())
    edit(document)
    profile.paths.keys.write_text(json.dumps(document))


def kdf_field(name: str, value: object) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document["slots"][0]["kdf"][name] = value

    return edit


OUT_OF_BOUNDS = {
    "memory just over 1 GiB": kdf_field("memory_kib", GIB_KIB + 1),
    "memory of a terabyte": kdf_field("memory_kib", 2**30),
    "memory below 64 MiB": kdf_field("memory_kib", MIN_MEMORY_KIB - 1),
    "101 passes": kdf_field("iterations", 101),
    "a billion passes": kdf_field("iterations", 10**9),
    "2 passes": kdf_field("iterations", MIN_ITERATIONS - 1),
    "0 lanes": kdf_field("lanes", 0),
    "17 lanes": kdf_field("lanes", 17),
    "-1 lanes": kdf_field("lanes", -1),
}


@pytest.mark.parametrize("edit", OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
def test_parameters_outside_the_bounds_are_refused_before_argon2_runs(
    profile: Profile, edit: Edit
) -> None:
    tamper(profile, edit)
    before = fingerprint(profile.paths.folder)
    started = time.perf_counter()
    with pytest.raises(KeyFileOutOfBoundsError) as raised:
        profile.open(PASSPHRASE)
    # The floor parameters take about 0.1 s; refusing must not even run them once.
    assert time.perf_counter() - started < 0.5
    assert str(raised.value) == KeyFileOutOfBoundsError.default_message
    assert fingerprint(profile.paths.folder) == before


def test_the_bounds_themselves_are_allowed() -> None:
    heaviest = KdfParams(
        salt=fresh_salt(), memory_kib=READ_MAX_MEMORY_KIB, iterations=READ_MAX_ITERATIONS, lanes=16
    )
    lightest = KdfParams(salt=fresh_salt(), memory_kib=MIN_MEMORY_KIB, lanes=1)
    assert heaviest.memory_kib == GIB_KIB and heaviest.iterations == 100
    assert lightest.iterations == MIN_ITERATIONS


def add_slots(count: int) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        first = document["slots"][0]
        document["slots"] = [dict(first, slot_id=f"s{i}") for i in range(count)]

    return edit


def short_nonce(document: dict[str, Any]) -> None:
    document["slots"][0]["nonce"] = "AAAA"


DAMAGED = {
    "too many slots": add_slots(MAX_SLOTS + 1),
    "no slots": add_slots(0),
    "a 3-byte nonce": short_nonce,
    "memory as text": kdf_field("memory_kib", "lots"),
    "lanes missing": lambda document: document["slots"][0]["kdf"].pop("lanes"),
}


@pytest.mark.parametrize("edit", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_key_file_of_the_wrong_shape_is_refused_as_damaged(profile: Profile, edit: Edit) -> None:
    tamper(profile, edit)
    before = fingerprint(profile.paths.folder)
    with pytest.raises(DamagedKeyFileError, match="key file is damaged"):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_an_oversized_key_file_is_refused_without_reading_it_all(profile: Profile) -> None:
    document = profile.paths.keys.read_text()
    profile.paths.keys.write_text(document + " " * MAX_KEY_FILE_BYTES)
    before = fingerprint(profile.paths.folder)
    with pytest.raises(DamagedKeyFileError):
        profile.open(PASSPHRASE)
    assert fingerprint(profile.paths.folder) == before


def test_both_are_still_damaged_store_errors_for_callers_that_catch_those() -> None:
    assert issubclass(KeyFileOutOfBoundsError, CorruptStoreError)
    assert issubclass(DamagedKeyFileError, CorruptStoreError)
