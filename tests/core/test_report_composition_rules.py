"""What composing months does, figure by figure: averages are weighted by the months'
shown counts and withheld when any month hides its count, and a new version is refused
when the line sums pin down a hidden change (and allowed when suppression is off)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from tests.core.test_report_composition import LABELS, MONTHS, QUARTER, facts
from victim_champion.core.report_composition import _rank, _sum, compose, safe_change
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


def _hidden(value: int, rule: SuppressionRule = RULE) -> Cell:
    return Cell(value, CellState.PRIMARY, rule)


def test_a_cell_summed_over_months_follows_what_the_months_show() -> None:
    shown, zero = _cell(4), _cell(0)
    assert _sum([shown, _cell(3)], RULE) == Cell(7, CellState.SHOWN, RULE)
    # a month with no such cell is unknown: the sum is hidden even if the rest is shown
    assert _sum([shown, None], RULE) == Cell(4, CellState.SECONDARY, RULE)
    # every other month shows 0: the quarter is the one hidden month itself, "<5"
    assert _sum([_hidden(3), zero], RULE) == _hidden(3)
    assert _sum([zero, _hidden(3), zero], RULE) == _hidden(3)
    assert _sum([_hidden(3), _cell(1)], RULE) == Cell(4, CellState.SECONDARY, RULE)
    assert _sum([_hidden(3), shown], RULE) == Cell(7, CellState.SECONDARY, RULE)
    assert _sum([_hidden(3), _hidden(2)], RULE) == Cell(5, CellState.SECONDARY, RULE)
    assert _sum([_hidden(3), _hidden(2), zero], RULE) == Cell(5, CellState.SECONDARY, RULE)


def test_one_month_composes_to_itself_and_an_empty_last_month_keeps_the_row_keys() -> None:
    source = facts()
    july = build_report(source, MONTHS[3], LABELS)
    alone = compose([july], QUARTER)
    assert alone.audience == july.audience
    for table in july.tables:
        assert alone.table(table.id).table == table.table
    empty = build_report(ReportFacts(), MONTHS[5], LABELS)
    both = compose([july, empty], QUARTER)
    assert (
        both.table("signposting-by-district").row_keys
        == july.table("signposting-by-district").row_keys
    )
    assert both.table("signposting-by-district").row_keys


def test_a_figure_shown_then_hidden_is_unknown_and_the_total_gives_it_away() -> None:
    old = _row([_cell(10), _cell(10)], _cell(20))
    assert not safe_change(old, _row([_hidden(3), _cell(10)], _cell(13)))
    # a shown move of 1 is refused even where the bits differ by more (7 to 8)
    assert not safe_change(
        _row([_cell(7), _cell(10)], _cell(17)), _row([_cell(8), _cell(10)], _cell(18))
    )


def _column(cells: list[Cell], total: Cell, grand: Cell | None = None) -> PublishedTable:
    """Rows a, b in one column x with its published total (and a grand total)."""
    return PublishedTable(
        rows=("a", "b")[: len(cells)],
        columns=("x",),
        cells=tuple((c,) for c in cells),
        row_totals=None,
        column_totals=(total,),
        grand_total=grand,
        rule=RULE,
    )


def test_a_column_total_gives_away_a_hidden_change() -> None:
    assert not safe_change(
        _column([_hidden(2), _cell(10)], _cell(12)), _column([_hidden(3), _cell(4)], _cell(7))
    )
    assert safe_change(
        _column([_hidden(2), _hidden(3)], _cell(5)), _column([_hidden(4), _hidden(1)], _cell(5))
    )


def test_a_new_row_is_unknown_and_its_column_total_can_give_it_away() -> None:
    old = _column([_cell(10)], _cell(10))
    assert not safe_change(old, _column([_cell(10), _hidden(5)], _cell(15)))


def test_the_grand_total_gives_away_a_hidden_column_total() -> None:
    def table(x: int, y: int, grand: int, shown: bool = True) -> PublishedTable:
        """Rows a, b; columns x, y; every cell hidden, x's total hidden, y's shown."""
        return PublishedTable(
            rows=("a", "b"),
            columns=("x", "y"),
            cells=((_hidden(1), _hidden(2)), (_hidden(x - 1), _hidden(y - 2))),
            row_totals=None,
            column_totals=(_hidden(x), _cell(y)),
            grand_total=_cell(grand) if shown else _hidden(grand),
            rule=RULE,
        )

    # y's total rose by 6 and the grand total by 7: x's hidden total rose by exactly 1
    assert not safe_change(table(2, 10, 12), table(3, 16, 19))
    assert safe_change(table(2, 10, 12, shown=False), table(3, 16, 19, shown=False))


def test_a_share_whose_base_table_is_not_published_is_withheld_not_guessed() -> None:
    """A report without the district table has no grand total to take the needs' shares of."""

    def without_districts(report: Report) -> Report:
        kept = tuple(t for t in report.tables if t.id != "signposting-by-district")
        return replace(report, tables=kept)

    july = without_districts(build_report(facts(), MONTHS[3], LABELS))
    empty = without_districts(build_report(ReportFacts(), MONTHS[5], LABELS))
    assert july.table("needs").extra
    needs = compose([july, empty], QUARTER).table("needs")
    assert needs.table.rows
    assert needs.extra == ("[c]",) * len(needs.table.rows)


def _single(cell: Cell, total: Cell | None, grand: Cell | None) -> PublishedTable:
    """One cell, with its column's total and a grand total where given."""
    return PublishedTable(
        rows=("a",),
        columns=("x",),
        cells=((cell,),),
        row_totals=None,
        column_totals=None if total is None else (total,),
        grand_total=grand,
        rule=RULE,
    )


def test_a_line_of_one_cell_and_its_total_pins_the_cell() -> None:
    old, new = _single(_hidden(3), _cell(10), None), _single(_hidden(4), _cell(10), None)
    assert not safe_change(old, new)


def test_a_grand_total_alone_on_its_line_constrains_nothing() -> None:
    old, new = _single(_hidden(3), None, _hidden(3)), _single(_hidden(4), None, _hidden(4))
    assert safe_change(old, new)


def test_the_rank_of_the_line_equations_is_counted_exactly() -> None:
    one, two = Fraction(1), Fraction(2)
    assert _rank([[one, Fraction(0)], [Fraction(0), one]]) == 2
    assert _rank([[one, two], [two, 2 * two]]) == 1
    assert _rank([[two, two], [one, one]]) == 1  # a factor of 1/2, not rounded down
    assert _rank([[Fraction(0), one], [one, one], [one, two]]) == 2


def test_a_lone_shown_cell_moved_by_one_is_refused() -> None:
    def lone(value: int) -> PublishedTable:
        return PublishedTable(("a",), ("x",), ((_cell(value),),), None, None, None, RULE)

    assert not safe_change(lone(7), lone(8))  # 1 apart, though 7 ^ 8 is 15
    assert safe_change(lone(7), lone(12))


def test_one_hidden_cell_pinned_among_others_is_enough_to_refuse() -> None:
    def table(x: int) -> PublishedTable:
        """x's cell and total hidden; y's cell hidden but its column total shown."""
        cells = ((_hidden(x), _hidden(10)),)
        return PublishedTable(("a",), ("x", "y"), cells, None, (_hidden(x), _cell(10)), None, RULE)

    assert not safe_change(table(2), table(3))
