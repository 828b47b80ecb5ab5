"""An attacker's arithmetic on published figures: everything a reader could add up.

Given every figure a reader has seen (each published month, quarter and half-year, as
CSV), the attacker writes each figure as a sum of the true monthly counts behind it, and
asks whether any hidden figure ("<5" or "[c]") is a fixed combination of shown ones. That
is row-space membership, done here by exact elimination modulo a large prime, separately
from the hub's own check (which works in fractions).

Shares are read too (``share_leaks``): a printed share and its count pin the base it was
taken of to a range ("18" at "82%" can only be out of 22). The attacker compares that base
with the total published beside it, and with the base of every other version.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

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


# -- shares: a printed percentage and its count pin down the base it was taken of -----------

Shares = dict[Key, str]
# Where a share column says its base is published: one total for the whole column, or each
# row's own total in the same table. The numerator is the row's count (or the sum of some
# of its columns, for "Rated 4 or 5").
SHARE_BASES: dict[tuple[str, str], tuple[str, str] | None] = {
    ("needs", "Share of people signposted"): ("signposting-by-district", TOTAL),
    ("satisfaction", "Rated 4 or 5"): None,  # each row's own Total
}
NUMERATORS = {"Rated 4 or 5": ("Rated 4", "Rated 5")}
Bases = tuple[int, int | None]  # every whole number from low to high (None: no upper end)


def read_shares(text: str, *, held_back: bool = False) -> Shares:
    """Every printed share ("90%") in a report CSV, keyed like the counts; with
    ``held_back``, the held-back ones ("[c]") too, as a page prints them."""
    found: Shares = {}
    for line in csv.DictReader(io.StringIO(text)):
        printed = line["value"].endswith("%") or held_back
        if (line["table"], line["column"]) in SHARE_BASES and printed:
            found[(line["table"], line["row"], line["column"])] = line["value"]
    return found


def bases_of(count: int, share: str) -> Bases | None:
    """The bases x for which ``count`` out of x prints as ``share`` (rounded to a whole
    percent either way at .5), or None when the pair says nothing (0 out of anything)."""
    percent = number(share.rstrip("%"))
    if count <= 0 or percent is None:
        return None
    low = math.ceil(Fraction(100 * count) / (Fraction(percent) + Fraction(1, 2)))
    if percent == 0:
        return low, None
    return low, math.floor(Fraction(100 * count) / (Fraction(percent) - Fraction(1, 2)))


def _meet(a: Bases | None, b: Bases | None) -> Bases | None:
    if a is None or b is None:
        return a or b
    highs = [h for h in (a[1], b[1]) if h is not None]
    return max(a[0], b[0]), min(highs) if highs else None


def _numerator(figures: Figures, table: str, row: str, column: str) -> int | None:
    parts = [number(figures.get((table, row, c), "")) for c in NUMERATORS.get(column, ())]
    if not parts:
        counts = [v for (t, r, c), v in figures.items() if t == table and r == row and c != TOTAL]
        parts = [number(v) for v in counts[:1]]
    return None if None in parts or not parts else sum(p for p in parts if p is not None)


def implied_bases(figures: Figures, shares: Shares) -> dict[Key, Bases]:
    """For each base a share column divides by, the range its printed shares allow. The
    key is the published total the column claims as its base."""
    found: dict[Key, Bases] = {}
    for (table, row, column), share in shares.items():
        claimed = SHARE_BASES[(table, column)]
        base: Key = (claimed[0], claimed[1], TOTAL) if claimed else (table, row, TOTAL)
        count = _numerator(figures, table, row, column)
        bases = None if count is None else bases_of(count, share)
        if bases is not None:
            met = _meet(found.get(base), bases)
            assert met is not None
            found[base] = met
    return found


def _text(bases: Bases) -> str:
    low, high = bases
    return f"{low}" if low == high else f"{low} to {high if high is not None else 'any'}"


def share_leaks(versions: list[tuple[Figures, Shares]], threshold: int = 5) -> list[str]:
    """What a reader learns from the shares of one period's versions, oldest first: a base
    that is not the total published beside it (or that pins down a hidden total), and a
    base that moved between versions by a few people (1 to threshold-1)."""
    found = []
    implied = [implied_bases(figures, shares) for figures, shares in versions]
    for index, ((figures, _), bases) in enumerate(zip(versions, implied, strict=True)):
        for key, (low, high) in sorted(bases.items()):
            total = number(figures.get(key, ""))
            if total is not None and not (low <= total and (high is None or total <= high)):
                found.append(
                    f"version {index + 1}: the shares divide by {_text((low, high))}, "
                    f"not by the published {key[0]} total {total}"
                )
            elif total is None and high is not None and high - low < threshold:
                found.append(
                    f"version {index + 1}: the shares pin a hidden {key[0]} total "
                    f"to {_text((low, high))}"
                )
    for first in range(len(versions)):
        for second in range(first + 1, len(versions)):
            for key in sorted(set(implied[first]) & set(implied[second])):
                (low1, high1), (low2, high2) = implied[first][key], implied[second][key]
                if high1 is None or high2 is None:
                    continue
                moves = range(low2 - high1, high2 - low1 + 1)
                if all(0 < abs(move) < threshold for move in moves):
                    found.append(
                        f"versions {first + 1} and {second + 1}: the {key[0]} base moved by "
                        f"{_text((moves[0], moves[-1]))} people"
                    )
    return found
