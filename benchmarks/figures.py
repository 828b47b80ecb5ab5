"""One way to print benchmark figures: value, same-run baseline, ratio and goal."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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


def median_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The median wall time of ``repeats`` runs of ``work``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def print_table(title: str, figures: list[Figure]) -> None:
    """A plain-text table a person can read in a terminal or a closing note."""
    print(f"\n{title}")
    header = f"{'figure':<44} {'value':>12} {'baseline':>24} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for f in figures:
        baseline = f"{f.baseline:.4g} {f.unit} ({f.baseline_name})" if f.baseline else "-"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        print(f"{f.name:<44} {f.value:>9.4g} {f.unit:<2} {baseline:>24} {ratio:>7}  {f.goal}")
