"""Every benchmark, one table. Run: scripts/benchmarks (or python -m benchmarks).

Each script in benchmarks/ runs in a fresh child process, one after another, so no Qt
application, thread pool or warm cache of one colours the next; the child hands its
figures back as JSON. The table shows value, the baseline measured in the same run, the
ratio, the goal and whether a simple numeric goal is met. ``--only store,sync`` runs a
subset; ``--list`` names the scripts.

Anki's no-op sync (benchmarks/anki_peer.py) becomes the baseline of our no-op sync row
when both run, so the ratio there reads "ours against Anki's".
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure, print_sections

# (module in benchmarks/, section title), in the order they run and print.
SCRIPTS = (
    ("startup", "start-up (startup.py)"),
    ("quick_exit", "quick exit (quick_exit.py)"),
    ("store", "store: SQLCipher against SQLite, unlock (store.py)"),
    ("integrity", "page check at unlock, 100k records (integrity.py)"),
    ("memory", "idle memory (memory.py)"),
    ("documents", "documents (documents.py)"),
    ("sync", "sync against a hub process on 127.0.0.1 (sync.py)"),
    ("sync_capacity", "hub capacity: open-loop load from another process (sync_capacity.py)"),
    ("hub_memory", "hub memory under a 300 MB chunked body (hub_memory.py)"),
    ("anki_peer", "Anki peer (anki_peer.py)"),
    ("reports", "reports, 100k records (reports.py)"),
    ("paper_quiz", "the quiz for a room of 20: paper and grid against the kiosk (paper_quiz.py)"),
)
NOOP_PREFIX = "no-op sync: time"

CHILD = """
import dataclasses, importlib, json, sys
name, out = sys.argv[1], sys.argv[2]
try:
    figures = importlib.import_module("benchmarks." + name).figures()
    result = {"figures": [dataclasses.asdict(f) for f in figures]}
except Exception as error:
    result = {"error": f"{type(error).__name__}: {error}"}
with open(out, "w") as file:
    json.dump(result, file)
# The interpreter then exits normally: a crash at teardown is a bug the app would have
# too (PySide6 6.12.0 aborted here; see pyproject.toml), so it fails the script.
"""


def run_script(name: str) -> tuple[list[Figure], str | None]:
    """The figures of benchmarks/NAME.py from a fresh process, or the reason there are none."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "figures.json"
        child = subprocess.run(
            [sys.executable, "-c", CHILD, name, str(out)],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if child.returncode != 0 or not out.exists():
            tail = (child.stderr or child.stdout).strip().splitlines()[-5:]
            return [], f"exit {child.returncode}: " + " | ".join(tail)
        result = json.loads(out.read_text())
    if "error" in result:
        return [], str(result["error"])
    return [Figure(**fields) for fields in result["figures"]], None


def with_anki_baseline(sync: list[Figure], anki: list[Figure]) -> list[Figure]:
    """Our no-op sync row with Anki's no-op sync, from the same run, as its baseline."""
    peer = anki[0]
    version = peer.name.split(" no-op")[0]  # "Anki 26.09.3"
    return [
        dataclasses.replace(figure, baseline=peer.value, baseline_name=f"{version} sync server")
        if figure.name.startswith(NOOP_PREFIX) and figure.unit == peer.unit
        else figure
        for figure in sync
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", help="comma-separated script names, e.g. store,sync")
    parser.add_argument("--list", action="store_true", help="name the scripts and stop")
    args = parser.parse_args(argv)
    names = [name for name, _ in SCRIPTS]
    if args.list:
        print("\n".join(names))
        return 0
    chosen = names if not args.only else [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(chosen) - set(names))
    if unknown:
        parser.error(f"unknown script(s): {', '.join(unknown)}; known: {', '.join(names)}")

    measured: dict[str, list[Figure]] = {}
    failures: dict[str, str] = {}
    started_all = time.perf_counter()
    for name in (n for n in names if n in chosen):
        started = time.perf_counter()
        print(f"running benchmarks/{name}.py ...", end=" ", file=sys.stderr, flush=True)
        figures, error = run_script(name)
        print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        if error is None:
            measured[name] = figures
        else:
            failures[name] = error

    if "sync" in measured and "anki_peer" in measured:
        measured["sync"] = with_anki_baseline(measured["sync"], measured.pop("anki_peer"))
    sections = [(title, measured[name]) for name, title in SCRIPTS if name in measured]
    print(f"\nVictim Champion benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, one run")
    print_sections(sections)
    for name, error in failures.items():
        print(f"NOT MEASURED benchmarks/{name}.py: {error}")
    print(f"(all scripts: {time.perf_counter() - started_all:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
