"""Mark as skipped the mutants of one cosmic-ray session that are not mutants of code.

    python mutation/skip_non_code.py SESSION.sqlite

Two kinds, both equivalent by construction, so running their tests would only cost time:

- anything inside a type annotation: every module here starts with
  ``from __future__ import annotations``, so annotations are strings that are never run
  (``str | None`` made ``str - None`` changes nothing);
- the bare ``*`` that makes the parameters after it keyword-only: cosmic-ray's parser takes
  it for a multiplication and turns it into ``/`` or ``-``, which is not an operator at all.

scripts/mutation runs this between ``cosmic-ray init`` and ``cosmic-ray exec``; the report
counts skipped mutants apart from the rest.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult

Span = tuple[tuple[int, int], tuple[int, int]]


def annotation_spans(source: str) -> list[Span]:
    """(start, end) of every annotation, as (line, column) pairs."""
    spans: list[Span] = []
    for node in ast.walk(ast.parse(source)):
        found: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            found.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
        for expr in found:
            if expr is not None and expr.end_lineno is not None and expr.end_col_offset is not None:
                spans.append(
                    ((expr.lineno, expr.col_offset), (expr.end_lineno, expr.end_col_offset))
                )
    return spans


def is_bare_star(lines: list[str], line: int, column: int) -> bool:
    """True at the ``*`` of ``def f(a, *, b)``: a comma or bracket each side, no operand."""
    text = lines[line - 1]
    if text[column : column + 1] != "*":
        return False
    before = text[:column].rstrip()
    after = text[column + 1 :].lstrip()
    return (not before or before[-1] in ",(") and (not after or after[0] in ",)")


def skipped(session: Path) -> int:
    count = 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        sources: dict[Path, tuple[list[Span], list[str]]] = {}
        for item in db.work_items:
            mutation = item.mutations[0]
            path = mutation.module_path
            if path not in sources:
                text = path.read_text(encoding="utf-8")
                sources[path] = (annotation_spans(text), text.splitlines())
            spans, lines = sources[path]
            start = tuple(mutation.start_pos)
            inside = any(low <= start < high for low, high in spans)
            if inside or is_bare_star(lines, *mutation.start_pos):
                db.set_result(
                    item.job_id,
                    WorkResult(output="not code", worker_outcome=WorkerOutcome.SKIPPED),
                )
                count += 1
    return count


if __name__ == "__main__":
    sys.stdout.write(f"skipped {skipped(Path(sys.argv[1]))} mutants that are not code\n")
