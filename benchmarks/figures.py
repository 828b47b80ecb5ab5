"""One way to print benchmark figures: value, same-run baseline, ratio and goal."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_AT_MOST = re.compile(r"^\s*<=\s*([0-9.]+)\s*(\S*)\s*$")
_AT_LEAST = re.compile(r"^\s*>=\s*([0-9.]+)\s*(\S*)\s*$")
_BETWEEN = re.compile(r"^\s*([0-9.]+)\s*-\s*([0-9.]+)\s*(\S*)\s*$")


@dataclass(frozen=True)
class Figure:
    """One measured figure."""

    name: str
    value: float
    unit: str
    goal: str
    baseline: float | None = None
    baseline_name: str = ""

    @property
    def ratio(self) -> float | None:
        """value / baseline, when there is a baseline."""
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        """Whether a simple numeric goal is met, read from the goal text.

        "<= 1.15x" bounds the ratio; "<= 16 ms", ">= 150 /s" and "0.3-1.0 s" bound the value
        when the goal's unit is the figure's. Anything else (or a unit mismatch) is None: unknown.
        """
        at_most = _AT_MOST.match(self.goal)
        if at_most:
            limit, unit = float(at_most.group(1)), at_most.group(2)
            if unit == "x":
                return None if self.ratio is None else self.ratio <= limit
            return self.value <= limit if unit == self.unit else None
        at_least = _AT_LEAST.match(self.goal)
        if at_least:
            return (
                self.value >= float(at_least.group(1)) if at_least.group(2) == self.unit else None
            )
        between = _BETWEEN.match(self.goal)
        if between and between.group(3) == self.unit:
            return float(between.group(1)) <= self.value <= float(between.group(2))
        return None


def median_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The median wall time of ``repeats`` runs of ``work``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _met_text(met: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[met]


def print_sections(sections: Sequence[tuple[str, Sequence[Figure]]]) -> None:
    """One plain-text table of groups of figures (titled unless the title is empty), with a
    "met?" column: yes, NO, or - when the goal is not a simple number."""
    header = (
        f"{'figure':<46} {'value':>12} {'baseline (same run)':>36} {'ratio':>8}  {'goal':<12} met?"
    )
    print(header)
    print("-" * len(header))
    for title, figures in sections:
        if title:
            print(f"[{title}]")
        for f in figures:
            baseline = (
                f"{f.baseline:.4g} {f.unit} ({f.baseline_name})" if f.baseline is not None else "-"
            )
            ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
            print(
                f"{f.name:<46} {f.value:>9.4g} {f.unit:<2} {baseline:>36} {ratio:>8}  "
                f"{f.goal:<12} {_met_text(f.met)}"
            )


def print_table(title: str, figures: list[Figure]) -> None:
    """A plain-text table a person can read in a terminal or a closing note."""
    print(f"\n{title}")
    print_sections([("", figures)])
