"""What composing months does, figure by figure: averages are weighted by the months'
shown counts and withheld when any month hides its count, and a new version is refused
when the line sums pin down a hidden change (and allowed when suppression is off)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.test_report_composition import LABELS, MONTHS, QUARTER
from victim_champion.core.report_composition import compose, safe_change
from victim_champion.core.report_facts import QuizFact, ReportFacts, SessionFact
from victim_champion.core.reporting import Report, build_report
from victim_champion.core.suppression import Cell, CellState, PublishedTable, SuppressionRule

RULE = SuppressionRule("test", threshold=5)
OFF = SuppressionRule("events", threshold=0)


def _quizzes(pre: dict[int, list[int]], post: dict[int, list[int]]) -> ReportFacts:
    """Quiz scores out of 10, per month of the quarter (7, 8, 9), one session a month."""
    sessions = [SessionFact(f"s{m}", "training", "thanet", date(2026, m, 9)) for m in (7, 8, 9)]
    quizzes = [
        QuizFact(f"s{m}", phase, score, 10)
        for phase, scores in (("pre", pre), ("post", post))
        for m, month_scores in scores.items()
        for score in month_scores
    ]
    return ReportFacts(sessions=sessions, quizzes=quizzes)


def _quarter(source: ReportFacts) -> tuple[list[Report], Report]:
    monthly = [build_report(source, m, LABELS) for m in MONTHS[3:]]
    return monthly, compose(monthly, QUARTER)


def test_a_quarters_average_is_the_months_averages_weighted_by_their_counts() -> None:
    # July 10 people at 50%, August 12 at 80%, September nobody: (10*50 + 12*80) / 22
    source = _quizzes({7: [5] * 10, 8: [8] * 12}, {7: [9] * 11, 8: [6] * 10, 9: [10] * 14})
    monthly, quarter = _quarter(source)
    knowledge = quarter.table("knowledge")
    assert [m.table("knowledge").extra_values[0] for m in monthly] == [50.0, 80.0, None]
    assert knowledge.table.rows == ("pre", "post")
    assert [c.value for (c,) in knowledge.table.cells] == [22, 35]
    pre, post = knowledge.extra_values
    assert pre == pytest.approx((10 * 50 + 12 * 80) / 22)
    assert post == pytest.approx((11 * 90 + 10 * 60 + 14 * 100) / 35)
    assert knowledge.extra == ("66%", "85%")


def test_one_month_hiding_its_count_withholds_the_quarters_average() -> None:
    # August's 3 people are "<5", so the quarter's average could reveal their scores
    source = _quizzes({7: [5] * 10, 8: [9] * 3, 9: [7] * 10}, {7: [9] * 10, 9: [8] * 10})
    monthly, quarter = _quarter(source)
    assert not monthly[1].table("knowledge").table.cells[0][0].shown
    knowledge = quarter.table("knowledge")
    assert knowledge.extra_values[0] is None and knowledge.extra[0] == "[c]"
    # "post" had nobody in August: that month is skipped, not a reason to withhold
    assert monthly[1].table("knowledge").table.cells[1][0].value == 0
    assert knowledge.extra_values[1] == pytest.approx((10 * 90 + 10 * 80) / 20)


def test_a_month_showing_its_count_but_not_its_average_withholds_the_quarters() -> None:
    # August's 7 people are shown, but 7 is under the base of 10 an average needs
    source = _quizzes({7: [5] * 10, 8: [9] * 7}, {7: [9] * 10})
    monthly, quarter = _quarter(source)
    august = monthly[1].table("knowledge")
    assert august.table.cells[0][0].shown and august.extra_values[0] is None
    pre, post = quarter.table("knowledge").extra_values
    assert pre is None and post == pytest.approx(90.0)


def test_a_quarter_with_nobody_in_a_row_has_no_average() -> None:
    source = _quizzes({7: [5] * 10}, {})
    _, quarter = _quarter(source)
    knowledge = quarter.table("knowledge")
    assert knowledge.extra_values[0] == pytest.approx(50.0)
    assert knowledge.extra_values[1] is None


def _cell(value: int, shown: bool = True, rule: SuppressionRule = RULE) -> Cell:
    return Cell(value, CellState.SHOWN if shown else CellState.PRIMARY, rule)


def _row(cells: list[Cell], total: Cell, rule: SuppressionRule = RULE) -> PublishedTable:
    """One row "a" with columns x, y and its published total."""
    return PublishedTable(
        rows=("a",),
        columns=("x", "y"),
        cells=(tuple(cells),),
        row_totals=(total,),
        column_totals=None,
        grand_total=None,
        rule=rule,
    )


def test_a_hidden_change_the_row_total_gives_away_is_refused() -> None:
    # x hidden in both; y fell by 6 and the total by 5, so x rose by exactly 1
    old = _row([_cell(2, False), _cell(10)], _cell(12))
    new = _row([_cell(3, False), _cell(4)], _cell(7))
    assert not safe_change(old, new)


def test_two_hidden_changes_in_a_row_cannot_be_told_apart() -> None:
    old = _row([_cell(2, False), _cell(3, False)], _cell(5))
    new = _row([_cell(4, False), _cell(1, False)], _cell(5))
    assert safe_change(old, new)
    # the same with the total hidden too: nothing is pinned
    assert safe_change(
        _row([_cell(2, False), _cell(10)], _cell(12, False)),
        _row([_cell(3, False), _cell(10)], _cell(13, False)),
    )


def test_a_shown_figure_moved_by_fewer_than_the_threshold_is_refused() -> None:
    old = _row([_cell(20), _cell(10)], _cell(30))
    assert not safe_change(old, _row([_cell(21), _cell(10)], _cell(31)))
    assert safe_change(old, _row([_cell(25), _cell(10)], _cell(35)))
    assert safe_change(old, old)


def test_with_suppression_off_any_change_is_allowed() -> None:
    old = _row([_cell(2, False, OFF), _cell(10, rule=OFF)], _cell(12, rule=OFF), OFF)
    new = _row([_cell(3, False, OFF), _cell(4, rule=OFF)], _cell(7, rule=OFF), OFF)
    assert safe_change(old, new)
    assert safe_change(_row([_cell(1, rule=OFF)] * 2, _cell(2, rule=OFF), OFF), new)
