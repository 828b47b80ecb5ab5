"""Hub capacity under an open-loop load, and the 200-laptops-at-once burst, on SQLite and
PostgreSQL with 1 and 2 hub workers. Run: python -m benchmarks.sync_capacity

The hub runs as real uvicorn worker processes on 127.0.0.1; the laptops are asynchronous
clients in a separate process (benchmarks/load_generator.py). On this 2-core machine the
generator shares the cores with the hub, as it would not in the field, so the figures are
a floor. PostgreSQL comes from VC_TEST_POSTGRES_URL (scripts/start-postgres prints it;
scripts/benchmarks starts it); without it those rows say so.

- capacity: the highest arrival rate (rounds a second, open loop) whose p95 round time
  stays at or under 200 ms with no failed round.
- burst: 200 laptops start a round at the same moment: p50 and p95.
- per worker: capacity / workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, print_table
from tests.support.hub_process import HubProcess, free_port, sqlite_url
from victim_champion.hub.api.enrolment import new_enrolment_code
from victim_champion.hub.storage.engine import make_engine, upgrade

DEVICES = 200
RATES = (10, 20, 40, 75, 100, 125, 150, 175, 200, 250, 300, 400, 500)
SECONDS_PER_RATE = 6.0
P95_GOAL = 0.200
CAPACITY_GOAL = 150
BURST_GOAL = 1.0
POSTGRES_VARIABLE = "VC_TEST_POSTGRES_URL"


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str | None]:
    """A fresh hub database URL of ``kind``, or None when PostgreSQL is not available."""
    if kind == "sqlite":
        yield sqlite_url(folder)
        return
    base = os.environ.get(POSTGRES_VARIABLE)
    if not base:
        yield None
        return
    from sqlalchemy import create_engine, text

    name = f"vc_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(db_url: str, workers: int, folder: Path) -> dict[str, Any]:
    """One hub (``workers`` processes) and one generator run: burst, then the rate ladder."""
    engine = make_engine(db_url)
    upgrade(engine)
    codes = [new_enrolment_code(engine, f"Load laptop {i}") for i in range(DEVICES)]
    engine.dispose()
    os.environ["VC_HUB_KEY_FILE"] = str(folder / f"bench-{uuid.uuid4().hex[:6]}.key")
    hub = HubProcess(db_url, free_port(), args=("--workers", str(workers))).start()
    try:
        plan = {
            "host": "127.0.0.1",
            "port": hub.port,
            "codes": codes,
            "burst": True,
            "rates": list(RATES),
            "seconds": SECONDS_PER_RATE,
            "p95_goal": P95_GOAL,
        }
        generator = subprocess.run(
            [sys.executable, "-m", "benchmarks.load_generator"],
            input=json.dumps(plan),
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        if generator.returncode != 0:
            raise RuntimeError(generator.stderr[-2000:])
        results: dict[str, Any] = json.loads(generator.stdout)
        stats = hub.stats()
        results["lost"] = stats["missing"] + stats["duplicates"]
        return results
    finally:
        hub.stop()


def capacity(results: dict[str, Any]) -> float:
    """The highest rate met at p95 <= goal with every round done and kept up with."""
    best = 0.0
    for step in results["rates"]:
        kept_up = (step["achieved_rate"] or 0) >= 0.9 * step["rate"]
        if step["errors"] == 0 and kept_up and (step["p95"] or 1e9) <= P95_GOAL:
            best = max(best, float(step["rate"]))
    return best


def figures_for(label: str, workers: int, results: dict[str, Any]) -> list[Figure]:
    burst = results["burst"]
    found = capacity(results)
    ladder = ", ".join(
        f"{s['rate']}/s: p95 {1000 * (s['p95'] or 0):.0f} ms"
        + (f" ({s['errors']} failed)" if s["errors"] else "")
        for s in results["rates"]
    )
    print(f"  {label}, {workers} worker(s): {ladder}; lost or doubled: {results['lost']}")
    if found == max(RATES):
        print(f"  {label} x{workers}: the ladder's top rate was met; the capacity is at least that")
    failed = [s["first_errors"] for s in results["rates"] if s["errors"]]
    if burst["errors"] or results["warm_errors"] or failed:
        print(f"  errors: {burst['first_errors'] or results['warm_errors'] or failed[0]}")
    return [
        Figure(
            f"{label} x{workers}: capacity, p95 <= 200 ms",
            found,
            "/s",
            f">= {CAPACITY_GOAL} /s",
        ),
        Figure(f"{label} x{workers}: per worker", found / workers, "/s", "-"),
        Figure(
            f"{label} x{workers}: burst of {DEVICES}, p50",
            1000 * (burst["p50"] or 0),
            "ms",
            "-",
        ),
        Figure(
            f"{label} x{workers}: burst of {DEVICES}, p95",
            1000 * (burst["p95"] or 0),
            "ms",
            f"<= {int(BURST_GOAL * 1000)} ms",
        ),
    ]


def figures(only: set[str] | None = None) -> list[Figure]:
    """Every configuration, or ``only`` those named like "sqlite:2" (for trying a change)."""
    found: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
            for workers in (1, 2):
                if only and f"{kind}:{workers}" not in only:
                    continue
                with database(kind, Path(folder) / f"{kind}-{workers}") as db_url:
                    if db_url is None:
                        print(f"  {label}: skipped, {POSTGRES_VARIABLE} is not set")
                        break
                    (Path(folder) / f"{kind}-{workers}").mkdir(exist_ok=True)
                    results = measure(db_url, workers, Path(folder))
                    found += figures_for(label, workers, results)
    return found


def main() -> None:
    only = set(sys.argv[1:]) or None  # e.g. sqlite:1 postgresql:2
    print_table("Hub capacity (benchmarks/sync_capacity.py)", figures(only))


if __name__ == "__main__":
    main()
