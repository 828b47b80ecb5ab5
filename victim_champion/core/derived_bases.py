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
travel with that table, which ``revise`` keeps or recounts whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from victim_champion.core.report_composition import revise
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import WITHHELD_LABEL

# A table whose derived column divides by another table's grand total: (table, its base).
OTHER_TABLE_BASES = {"needs": "signposting-by-district"}


def _held_back(table: ReportTable) -> ReportTable:
    rows = len(table.table.rows)
    values = (None,) * rows if table.extra_values else ()
    return replace(table, extra=(WITHHELD_LABEL,) * rows, extra_values=values)


def republished(
    fresh: Report, earlier: Sequence[Report]
) -> tuple[Report, tuple[str, ...], tuple[str, ...]]:
    """The new version of a month (``revise``), with every derived column whose counts and
    base part company held back. Returns the report, the ids of the tables kept unchanged,
    and the ids of the tables whose derived column is held back."""
    revised, kept = revise(fresh, earlier)
    held = tuple(
        table_id
        for table_id, base_id in OTHER_TABLE_BASES.items()
        if revised.table(table_id).extra and (table_id in kept) != (base_id in kept)
    )
    tables = tuple(_held_back(t) if t.id in held else t for t in revised.tables)
    return replace(revised, tables=tables), kept, held
