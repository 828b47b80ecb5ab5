"""An attacker's arithmetic on published figures: everything a reader could add up.

Given every figure a reader has seen (each published month, quarter and half-year, as
CSV), the attacker writes each figure as a sum of the true monthly counts behind it, and
asks whether any hidden figure ("<5" or "[c]") is a fixed combination of shown ones. That
is row-space membership, done here by exact elimination modulo a large prime, separately
from the hub's own check (which works in fractions).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

PRIME = 2**61 - 1
TOTAL = "Total"
# Derived columns: percentages and averages, not counts; they are not sums of people.
DERIVED = frozenset({"Share of people signposted", "Average score", "Rated 4 or 5"})

Key = tuple[str, str, str]  # (table, row, column)
Atom = tuple[str, str, str]  # (month, row, column): one true monthly count
Figures = dict[Key, str]


def read_figures(text: str) -> Figures:
    """Every count in a report CSV, keyed by table, row and column."""
    found: Figures = {}
    for line in csv.DictReader(io.StringIO(text)):
        if line["table"] in ("records-not-read", "edition") or line["column"] in DERIVED:
            continue
        if line["value"] != "withheld":
            found[(line["table"], line["row"], line["column"])] = line["value"]
    return found


def number(text: str) -> int | None:
    plain = text.replace(",", "")
    return int(plain) if plain.isdigit() else None


@dataclass
class Published:
    """The figures of one period: its months (YYYY-MM) and what was printed."""

    months: tuple[str, ...]
    figures: Figures


def _lines(month_figures: Figures, table: str) -> tuple[set[str], set[str]]:
    rows = {r for (t, r, c) in month_figures if t == table and r != TOTAL and c != TOTAL}
    columns = {c for (t, r, c) in month_figures if t == table and r != TOTAL and c != TOTAL}
    return rows, columns


def _form(month: str, rows: set[str], columns: set[str], row: str, column: str) -> dict[Atom, int]:
    """The true monthly counts a month's figure adds up (a total adds up its line)."""
    pick_rows = rows if row == TOTAL else ({row} & rows)
    pick_columns = columns if column == TOTAL else ({column} & columns)
    return {(month, r, c): 1 for r in pick_rows for c in pick_columns}


def _eliminate(target: dict[Atom, int], pivot: Atom, row: dict[Atom, int]) -> None:
    """Subtract the multiple of ``row`` (1 at ``pivot``) that clears ``pivot`` from target."""
    factor = target.get(pivot)
    if not factor:
        return
    for atom, value in row.items():
        new = (target.get(atom, 0) - factor * value) % PRIME
        if new:
            target[atom] = new
        else:
            target.pop(atom, None)


class _Basis:
    """Row-reduced equations modulo PRIME, keyed by pivot atom."""

    def __init__(self) -> None:
        self.rows: dict[Atom, dict[Atom, int]] = {}

    def reduce(self, vector: dict[Atom, int]) -> dict[Atom, int]:
        left = {a: v % PRIME for a, v in vector.items() if v % PRIME}
        for pivot, row in self.rows.items():
            _eliminate(left, pivot, row)
        return left

    def add(self, vector: dict[Atom, int]) -> None:
        left = self.reduce(vector)
        if not left:
            return
        pivot = min(left)
        inverse = pow(left[pivot], PRIME - 2, PRIME)
        row = {a: v * inverse % PRIME for a, v in left.items()}
        for other in self.rows.values():
            _eliminate(other, pivot, row)
        self.rows[pivot] = row


def derivable_hidden(views: list[Published]) -> list[tuple[tuple[str, ...], Key]]:
    """Every hidden figure a reader could work out exactly from all the shown ones."""
    month_views = {v.months[0]: v.figures for v in views if len(v.months) == 1}
    tables = {t for v in views for (t, _, _) in v.figures if not t.startswith("sessions")}
    found = []
    for table in sorted(tables):
        lines = {m: _lines(f, table) for m, f in month_views.items()}
        basis = _Basis()
        hidden: list[tuple[tuple[str, ...], Key, dict[Atom, int]]] = []
        for view in views:
            for key, text in view.figures.items():
                if key[0] != table:
                    continue
                form: dict[Atom, int] = defaultdict(int)
                for month in view.months:
                    assert month in lines, f"the attacker needs month {month} too"
                    for atom, weight in _form(month, *lines[month], key[1], key[2]).items():
                        form[atom] += weight
                value = number(text)
                if value is None:
                    hidden.append((view.months, key, dict(form)))
                else:
                    basis.add(dict(form))
        for months, key, form in hidden:
            if form and not basis.reduce(form):
                found.append((months, key))
    return found


def version_differences(
    older: Figures, newer: Figures, threshold: int = 5
) -> list[tuple[Key, int]]:
    """Figures shown in both versions that differ by a few people (1 to threshold-1)."""
    small = []
    for key, text in newer.items():
        was, now = number(older.get(key, "")), number(text)
        if key[0].startswith("sessions") or was is None or now is None:
            continue
        if 0 < abs(now - was) < threshold:
            small.append((key, now - was))
    return small
