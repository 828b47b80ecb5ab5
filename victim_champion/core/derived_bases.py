"""A new version's derived columns are worked out only from totals it publishes.

A share is a count divided by a total. When the total lives in another table, the two
tables can part company on a new version: ``revise`` (core/report_composition.py) keeps a
table unchanged when its change is too small to publish safely, and checks each table
alone. So a month's second version could keep the district table (20 people) and still
recount the needs table, whose "18, 82%" was taken of the true 22: two late people, given
away by a share (issue 35).

The rule: a derived column is shown only when its counts and the total it divides by come
from the same count, both recounted for this version or both kept from the last one. Then
the column is arithmetic on figures this version prints beside it. When one was kept and
the other recounted, the derived column is **held back** ("[c]") and the counts stay.

Why hold back rather than keep the old total with the table: new counts over an old total
print a share nobody has (it can pass 100%), and the true total is the thing hidden. Why
not decide by whether the share would round the same: that choice itself would tell a
reader whether the hidden total moved. Which tables were kept is already printed in the
version's edition line, so holding back says nothing new.

Derived columns taken of their own table's counts (the average score, "Rated 4 or 5")
travel with that table, which ``revise`` keeps or recounts whole. One more rule for them:
a row whose printed counts are all as they were keeps its earlier derived value. Otherwise
a "forget me" and one late record could leave "12" as it was and move the average from
75% to 82%, which is one person's score. The row is kept without a word in the edition
line, since saying so would tell the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from victim_champion.core.report_composition import revise
from victim_champion.core.report_tables import other_table_bases
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import WITHHELD_LABEL


def _held_back(table: ReportTable) -> ReportTable:
    rows = len(table.table.rows)
    values = (None,) * rows if table.extra_values else ()
    return replace(table, extra=(WITHHELD_LABEL,) * rows, extra_values=values)


def _texts(table: ReportTable, row: int) -> list[str]:
    published = table.table
    texts = [cell.text for cell in published.cells[row]]
    return texts + ([published.row_totals[row].text] if published.row_totals else [])


def _steady(table: ReportTable, last: ReportTable) -> ReportTable:
    """Each row whose printed counts have not moved keeps its last derived value."""
    if (
        not table.extra
        or table.table.rows != last.table.rows
        or len(last.extra) != len(table.extra)
    ):
        return table
    extra, values = list(table.extra), list(table.extra_values)
    for row in range(len(extra)):
        if _texts(table, row) == _texts(last, row):
            extra[row] = last.extra[row]
            if row < len(values) and row < len(last.extra_values):
                values[row] = last.extra_values[row]
    return replace(table, extra=tuple(extra), extra_values=tuple(values))


def republished(
    fresh: Report, earlier: Sequence[Report]
) -> tuple[Report, tuple[str, ...], tuple[str, ...]]:
    """The new version of a month (``revise``): every derived column whose counts and base
    part company is held back, and every derived value whose row did not move is kept.
    Returns the report, the ids of the tables kept unchanged, and the ids of the tables
    whose derived column is held back."""
    revised, kept = revise(fresh, earlier)
    bases = other_table_bases()  # each table whose share divides by another's total
    held = tuple(
        table_id
        for table_id, base_id in bases.items()
        if revised.table(table_id).extra and (table_id in kept) != (base_id in kept)
    )
    latest = earlier[-1]
    tables = tuple(
        _held_back(t)
        if t.id in held
        else t
        if t.id in kept or t.id in bases
        else _steady(t, latest.table(t.id))
        for t in revised.tables
    )
    return replace(revised, tables=tables), kept, held
