"""How tune_kdf chooses Argon2id passes (store/keys/key_slots.py), with a scripted
stopwatch: Argon2 really runs, but each run "takes" the time the test says, so the
arithmetic is checked exactly on a shared, busy machine. Slower than the shape tests
(real Argon2 passes), so mutation/key_slots.toml runs this file last."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from victim_champion.store.keys import key_slots
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt, tune_kdf


def stopwatch(monkeypatch: pytest.MonkeyPatch, *durations: float, origin: float = 128.0) -> None:
    """Each Argon2 run tune_kdf times takes the next of ``durations`` seconds; the first
    starts at ``origin`` on the stopwatch. No reading is left for a run nobody asked for."""
    readings: list[float] = []
    for index, seconds in enumerate(durations):
        start = origin + 128.0 * index  # exact in binary, and never 0
        readings += [start, start + seconds]
    clock = iter(readings)
    monkeypatch.setattr(key_slots, "time", SimpleNamespace(perf_counter=lambda: next(clock)))


@pytest.mark.parametrize(
    ("target", "durations", "passes"),
    [
        # 0.1 s a pass: 6 passes; they took 0.2 s, short of 80 %: scaled to 18.
        (0.6, (0.3, 0.3, 0.2), 18),
        # The faster probe counts; 6 passes took 0.55 s, near enough: kept.
        (0.6, (0.3, 0.6, 0.55), 6),
        # 5 passes took 0.29 s: 5 x 0.5 / 0.29 = 8.6, rounded to 9.
        (0.5, (0.3, 0.45, 0.29), 9),
        # 0.5 s a pass: 4 passes; they took 1 s, half the 2 s asked: scaled to 8.
        (2.0, (1.5, 1.5, 1.0), 8),
        # Exactly 80 % of the target is near enough: 4 passes kept.
        (1.875, (1.5, 1.5, 1.5), 4),
        # A probe too fast to measure: the most passes, and no second look.
        (0.5, (0.0, 0.0), 40),
    ],
)
def test_tuning_scales_passes_to_the_target_from_what_it_measured(
    monkeypatch: pytest.MonkeyPatch, target: float, durations: tuple[float, ...], passes: int
) -> None:
    stopwatch(monkeypatch, *durations)
    tuned = tune_kdf(target_seconds=target)
    assert tuned.iterations == passes
    assert tuned.memory_kib == 64 * 1024  # tuning raises passes, never memory


def test_parameters_cannot_be_changed_after_their_bounds_were_checked() -> None:
    params = KdfParams(salt=fresh_salt())
    with pytest.raises(AttributeError):  # frozen: dataclasses.FrozenInstanceError
        params.memory_kib = 1  # type: ignore[misc]
    assert params.memory_kib == 64 * 1024


def test_where_the_stopwatch_starts_does_not_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    """perf_counter's zero is undefined, so a run is the later reading less the earlier
    one, whatever they are: here the first run starts 0.125 s in (as the first case)."""
    stopwatch(monkeypatch, 0.3, 0.3, 0.2, origin=0.125)
    assert tune_kdf(target_seconds=0.6).iterations == 18


def test_a_target_of_no_time_takes_the_floor_without_a_second_look(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The two probe runs and nothing more: a third run would find no reading left."""
    stopwatch(monkeypatch, 0.3, 0.3)
    assert tune_kdf(target_seconds=0).iterations == 3
