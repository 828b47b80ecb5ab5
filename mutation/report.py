"""Summarise one cosmic-ray session for scripts/mutation.

    python mutation/report.py NAME SESSION.sqlite SURVIVORS.md [--survivors]

Prints one line: NAME, mutants, killed, survived, of the survivors how many
mutation/SURVIVORS.md explains as equivalent, and the score (killed / mutants).
With --survivors it then prints each survivor that SURVIVORS.md does not explain, with
its line, operator and diff, so it can be killed with a test or explained.

A survivor is explained when SURVIVORS.md has a table row whose first three cells are
its module path, its line and its operator: ``| path | line | operator | ... |``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def explained(survivors_md: Path) -> set[tuple[str, int, str]]:
    """(module path, line, operator) of every survivor the notes explain."""
    rows: set[tuple[str, int, str]] = set()
    if not survivors_md.exists():
        return rows
    for line in survivors_md.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1].isdigit():
            rows.add((cells[0], int(cells[1]), cells[2]))
    return rows


def main(argv: list[str]) -> int:
    name, session, notes = argv[0], Path(argv[1]), Path(argv[2])
    show = "--survivors" in argv
    known = explained(notes)
    killed = 0
    skipped = 0
    equivalent = 0
    unexplained = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        total = db.num_work_items
        done = db.completed_work_items
        for item, result in done:
            mutation = item.mutations[0]
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                skipped += 1  # not code (mutation/skip_non_code.py)
            elif result.test_outcome == TestOutcome.SURVIVED:
                line = mutation.start_pos[0]
                key = (mutation.module_path.as_posix(), line, mutation.operator_name)
                if key in known:
                    equivalent += 1
                else:
                    unexplained.append((key, result.diff or ""))
            else:
                killed += 1
    survived = equivalent + len(unexplained)
    pending = total - len(done)
    mutants = total - skipped
    score = 100.0 * killed / mutants if mutants else 100.0
    say(
        f"{name:<20} mutants {mutants:>4}  killed {killed:>4}  survived {survived:>3} "
        f"(equivalent {equivalent}, unexplained {len(unexplained)})"
        f"{f'  pending {pending}' if pending else ''}  score {score:5.1f}%"
        f"  (not code, skipped: {skipped})"
    )
    if show:
        for (path, line, operator), diff in sorted(unexplained):
            say(f"  SURVIVED {path}:{line} {operator}")
            for diff_line in diff.splitlines():
                if diff_line.startswith(("+", "-")) and not diff_line.startswith(("+++", "---")):
                    say(f"      {diff_line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
