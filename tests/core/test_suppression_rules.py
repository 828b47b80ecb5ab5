"""The small rules of suppression, one at a time: an average needs ten people, a share of
nothing is withheld, the thresholds a rule may have, a table's shape, and published parts
that cannot change. (Split from tests/core/test_suppression.py, which keeps the reader's
attacks; mutation/suppression.toml runs both.)"""

from __future__ import annotations

import pytest

from victim_champion.core.suppression import (
    EVENTS,
    PEOPLE,
    Cell,
    CellState,
    CountTable,
    SuppressionRule,
    mean_or_withheld,
    percentage,
    suppress,
)


def test_an_average_needs_ten_people_and_is_their_mean() -> None:
    assert mean_or_withheld([3.0] * 10, PEOPLE) == 3.0
    assert mean_or_withheld([1.0, 2.0, 3.0, 4.0, 5.0] * 2, PEOPLE) == 3.0
    assert mean_or_withheld([4.0] * 9, PEOPLE) is None
    assert mean_or_withheld([], EVENTS) is None


def test_a_share_of_nothing_is_withheld_even_where_events_have_no_minimum_base() -> None:
    def event(value: int) -> Cell:
        return Cell(value, CellState.SHOWN, EVENTS)

    assert percentage(event(0), event(0)) == "[c]"  # not a division by zero
    assert percentage(event(1), event(4)) == "25%"  # events need no base of ten


def test_a_threshold_of_three_is_allowed_and_a_table_must_be_whole_and_not_negative() -> None:
    assert SuppressionRule("three", threshold=3).small_label == "<3"
    with pytest.raises(ValueError, match="one line per row"):
        CountTable(rows=("A", "B"), columns=("x", "y"), counts=((1, 2), (3,)))
    with pytest.raises(ValueError, match="negative"):
        CountTable(rows=("A",), columns=("x",), counts=((-1,),))
    assert mean_or_withheld([2.0] * 11, PEOPLE) == 2.0  # ten is a floor, not an exact count


def test_a_base_of_exactly_ten_is_enough_and_published_parts_cannot_change() -> None:
    def shown(value: int) -> Cell:
        return Cell(value, CellState.SHOWN, PEOPLE)

    assert percentage(shown(5), shown(10)) == "50%"
    table = CountTable(rows=("A",), columns=("x",), counts=((7,),))
    published = suppress(table, PEOPLE)
    for made in (shown(7), table, published):
        with pytest.raises(AttributeError):  # frozen: dataclasses.FrozenInstanceError
            made.rule = EVENTS  # type: ignore[misc,union-attr]
