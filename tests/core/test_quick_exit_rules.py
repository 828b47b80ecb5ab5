"""The quick exit's key rules: Shift x3 GOV.UK style (within 5 s between presses, reset by
any other key) and Escape (closes what is transient first; two within a second exit)."""

from __future__ import annotations

from victim_champion.core.quick_exit_rules import EscapeAction, EscapeRule, TripleShiftDetector


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


def test_a_press_exactly_five_seconds_after_the_last_still_counts() -> None:
    assert presses(TripleShiftDetector(), [0.0, 5.0, 10.0]) == [False, False, True]


def test_after_an_exit_three_more_presses_trigger_again_not_two_or_four() -> None:
    times = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    assert presses(TripleShiftDetector(), times) == [False, False, True, False, False, True, False]


def test_any_other_key_in_between_resets_the_count() -> None:
    detector = TripleShiftDetector()
    assert presses(detector, [0.0, 0.5]) == [False, False]
    detector.other_key_pressed()
    assert presses(detector, [1.0, 1.5, 2.0]) == [False, False, True]


# ---------------------------------------------------------------------------- Escape


def escape(
    rule: EscapeRule,
    at: float,
    *,
    in_kiosk: bool = False,
    ends_show: bool = False,
    transient_open: bool = False,
) -> EscapeAction:
    return rule.pressed(at, in_kiosk=in_kiosk, ends_show=ends_show, transient_open=transient_open)


def test_escape_with_nothing_open_is_the_quick_exit() -> None:
    assert escape(EscapeRule(), 0.0) is EscapeAction.QUICK_EXIT


def test_escape_in_a_drop_down_closes_it_and_a_second_within_a_second_is_the_quick_exit() -> None:
    rule = EscapeRule()
    assert escape(rule, 0.0, transient_open=True) is EscapeAction.LET_THROUGH
    # Even if the second lands on another drop-down or the print dialog.
    assert escape(rule, 1.0, transient_open=True) is EscapeAction.QUICK_EXIT


def test_two_escapes_more_than_a_second_apart_each_close_one_thing() -> None:
    rule = EscapeRule()
    assert escape(rule, 0.0, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 1.01, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 2.5, transient_open=True) is EscapeAction.LET_THROUGH


def test_a_third_escape_after_the_quick_exit_starts_a_new_pair() -> None:
    rule = EscapeRule()
    assert escape(rule, 0.0, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 0.3, transient_open=True) is EscapeAction.QUICK_EXIT
    assert escape(rule, 0.6, transient_open=True) is EscapeAction.LET_THROUGH


def test_an_attendee_escape_at_the_kiosk_does_nothing_even_twice() -> None:
    rule = EscapeRule()
    assert escape(rule, 0.0, in_kiosk=True) is EscapeAction.IGNORE
    assert escape(rule, 0.2, in_kiosk=True) is EscapeAction.IGNORE
    assert escape(rule, 0.4, in_kiosk=True, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 0.5, in_kiosk=True, transient_open=True) is EscapeAction.LET_THROUGH


def test_escape_in_the_presenter_view_ends_the_show_and_does_not_arm_the_pair() -> None:
    rule = EscapeRule()
    assert escape(rule, 0.0, ends_show=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 0.1, ends_show=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 0.2, transient_open=True) is EscapeAction.LET_THROUGH


def test_a_clock_that_went_backwards_does_not_count_as_a_pair() -> None:
    rule = EscapeRule()
    assert escape(rule, 10.0, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 9.5, transient_open=True) is EscapeAction.LET_THROUGH


def test_the_pair_window_is_measured_from_the_first_escape_not_from_zero() -> None:
    rule = EscapeRule()
    assert escape(rule, 100.0, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 100.5, transient_open=True) is EscapeAction.QUICK_EXIT


def test_two_escapes_on_the_same_clock_tick_are_the_quick_exit() -> None:
    rule = EscapeRule()
    assert escape(rule, 7.0, transient_open=True) is EscapeAction.LET_THROUGH
    assert escape(rule, 7.0, transient_open=True) is EscapeAction.QUICK_EXIT
