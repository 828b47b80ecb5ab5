"""Shift three times, GOV.UK style: within 5 s between presses, reset by any other key."""

from __future__ import annotations

from victim_champion.core.quick_exit_rules import TripleShiftDetector


def presses(detector: TripleShiftDetector, times: list[float]) -> list[bool]:
    return [detector.shift_pressed(t) for t in times]


def test_three_presses_each_within_five_seconds_trigger_on_the_third() -> None:
    assert presses(TripleShiftDetector(), [0.0, 4.9, 9.8]) == [False, False, True]


def test_a_gap_over_five_seconds_starts_the_count_again() -> None:
    assert presses(TripleShiftDetector(), [0.0, 1.0, 6.1, 7.0, 8.0]) == [
        False,
        False,
        False,
        False,
        True,
    ]


def test_a_fourth_press_does_not_trigger_again() -> None:
    assert presses(TripleShiftDetector(), [0.0, 0.5, 1.0, 1.5]) == [False, False, True, False]


def test_any_other_key_in_between_resets_the_count() -> None:
    detector = TripleShiftDetector()
    assert presses(detector, [0.0, 0.5]) == [False, False]
    detector.other_key_pressed()
    assert presses(detector, [1.0, 1.5, 2.0]) == [False, False, True]
