"""Report build over 100,000 records, at the hub and on a laptop. Run:
python -m benchmarks.reports

* **Hub:** 100k synthetic records in envelopes in a SQLite hub database (as laptops push
  them). Measured: facts read from the envelopes, every table built and suppressed, and
  both the CSV and the PDF written. Baseline, same run: just reading and parsing the same
  envelopes, the floor any report has to pay.
* **Laptop:** 100k rows in a real SQLCipher store; the report the dashboard builds (facts,
  tables, PDF). Baseline: selecting the same rows over the same connection.

Goal (issue 8): a report over 100k records builds in 2 s or less.
"""

from __future__ import annotations

import json
import random
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from benchmarks.figures import Figure, median_seconds, print_table
from tests.support.keyrings import MemoryKeyring
from victim_champion.content.report_labels import report_labels, report_words
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.core.reporting import Labels, build_report
from victim_champion.core.wire_records import (
    AttendeeRecord,
    CompletionRecord,
    FeedbackRecord,
    QuizRecord,
    ReferralRecord,
    SessionRecord,
    SignpostingWireRecord,
)
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.reports.fact_reader import read_report_facts as hub_facts
from victim_champion.hub.reports.publication import published
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import devices, envelopes, published_reports
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.report_fact_repository import (
    read_report_facts as store_facts,
)

RECORDS = 100_000
PER_ENVELOPE = 50
PERIOD = ReportPeriod(date(2026, 4, 1), date(2026, 9, 30))
GOAL = "<= 2 s"
PUBLISHED_ON = date(2026, 11, 30)


def synthetic_records(labels: Labels, seed: int = 8) -> list[dict[str, Any]]:
    """Sessions, attendees, completions, quizzes, feedback, signposting and referrals in
    roughly the proportions a year of outreach would give; synthetic ids only, each record
    in its full wire form (the hub reads them strictly)."""
    rng = random.Random(seed)
    districts, needs, services = list(labels.districts), list(labels.needs), list(labels.services)
    records: list[dict[str, Any]] = []
    sessions = []
    for i in range(2_000):
        day = PERIOD.start + timedelta(days=rng.randrange(183))
        sessions.append(f"s{i}")
        kind = rng.choice(["training", "drop-in"])
        records.append(
            SessionRecord(f"s{i}", kind, "Session", "", rng.choice(districts), day, ()).to_wire()
        )
    while len(records) < RECORDS:
        n, session = len(records), rng.choice(sessions)
        roll = rng.random()
        if roll < 0.30:
            records.append(AttendeeRecord(f"a{n}", session, "", "", "", "", "", None).to_wire())
            if rng.random() < 0.8:
                records.append(CompletionRecord(f"a{n}", session, "").to_wire())
        elif roll < 0.45:
            phase = rng.choice(["pre", "post"])
            records.append(QuizRecord(f"q{n}", session, phase, rng.randint(2, 8), 8).to_wire())
        elif roll < 0.55:
            a, b, c, d = (rng.randint(2, 5) for _ in range(4))
            records.append(FeedbackRecord(f"f{n}", session, a, b, c, d, "").to_wire())
        else:
            day = PERIOD.start + timedelta(days=rng.randrange(183))
            district = rng.choice(districts)
            given = (tuple(rng.sample(needs, 2)), tuple(rng.sample(services, 2)))
            records.append(SignpostingWireRecord(f"p{n}", district, *given, None, day).to_wire())
            if rng.random() < 0.3:
                service = rng.choice(services)
                records.append(
                    ReferralRecord(f"r{n}", f"p{n}", service, False, None, None).to_wire()
                )
    return records[:RECORDS]


def hub_figures(folder: Path, labels: Labels, records: list[dict[str, Any]]) -> list[Figure]:
    engine = make_engine(f"sqlite:///{folder / 'hub.sqlite3'}")
    upgrade(engine)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(devices).values(
                device_id="bench", name="Benchmark", public_key=b"k" * 32, enrolled_at=now
            )
        )
        connection.execute(
            insert(envelopes),
            [
                {
                    "device_id": "bench",
                    "device_seq": seq,
                    "mutation_id": f"m{seq}",
                    "schema_version": 1,
                    "kind": "signposting.recorded",
                    "payload": json.dumps({"records": records[i : i + PER_ENVELOPE], "audit": []}),
                    "content_hash": "0" * 64,
                    "received_at": now,
                }
                for seq, i in enumerate(range(0, len(records), PER_ENVELOPE), start=1)
            ],
        )

    def read_only() -> int:
        with engine.connect() as connection:
            return sum(
                len(json.loads(p)["records"])
                for (p,) in connection.execute(select(envelopes.c.payload))
            )

    def full_report() -> None:
        report = build_report(hub_facts(engine), PERIOD, labels)
        report_csv(report, report_words())
        build_report_pdf(report)

    def first_publication() -> None:
        """The half-year's first demand: six months counted, composed, stored, printed."""
        with engine.begin() as connection:
            connection.execute(delete(published_reports))
        report = published(engine, PERIOD, PUBLISHED_ON)
        report_csv(report, report_words())
        build_report_pdf(report)

    def frozen_view() -> None:
        """Every later view of it: the stored copy read back, as the dashboard does."""
        report = published(engine, PERIOD, PUBLISHED_ON)
        report_csv(report, report_words())

    assert read_only() == RECORDS
    baseline = median_seconds(read_only)
    value = median_seconds(full_report)
    publishing = median_seconds(first_publication)
    frozen = median_seconds(frozen_view)
    return [
        Figure("hub report, 100k records (CSV + PDF)", value, "s", GOAL, baseline, "read+parse"),
        Figure("hub: publish a half-year, 6 months", publishing, "s", GOAL, value, "one report"),
        Figure("hub: a published half-year again", frozen, "s", "<= 0.1 s", value, "one report"),
    ]


def laptop_figures(folder: Path, labels: Labels, records: list[dict[str, Any]]) -> list[Figure]:
    profile = Profile(folder / "profile", DeviceSecretStore(MemoryKeyring()))
    profile.create("lantern-orbit-marsh-cobalt", kdf=KdfParams(salt=fresh_salt()))
    store = profile.open("lantern-orbit-marsh-cobalt")
    now = datetime.now(UTC).isoformat()

    def fill(connection: Any) -> None:
        rows: dict[str, list[tuple[Any, ...]]] = {
            k: [] for k in ("session", "attendee", "quiz", "feedback", "signposting", "referral")
        }
        done = {r["attendee_id"] for r in records if r["type"] == "completion"}
        for r in records:
            kind = r["type"]
            if kind == "session":
                rows["session"].append(
                    (r["id"], r["kind"], "Session", "Hall", r["district_id"], r["date"], now)
                )
            elif kind == "attendee":
                rows["attendee"].append(
                    (
                        r["id"],
                        r["session_id"],
                        "Synthetic Person",
                        now if r["id"] in done else None,
                        now,
                    )
                )
            elif kind == "quiz":
                rows["quiz"].append(
                    (
                        f"q{len(rows['quiz'])}",
                        r["session_id"],
                        r["phase"],
                        r["score"],
                        r["total"],
                        now,
                    )
                )
            elif kind == "feedback":
                rows["feedback"].append(
                    (
                        f"f{len(rows['feedback'])}",
                        r["session_id"],
                        r["usefulness"],
                        r["clarity"],
                        r["confidence"],
                        r["overall"],
                        now,
                    )
                )
            elif kind == "signposting":
                rows["signposting"].append(
                    (
                        r["id"],
                        r["district_id"],
                        json.dumps(r["needs"]),
                        json.dumps(r["services"]),
                        r["date"] + "T10:00:00+00:00",
                    )
                )
            elif kind == "referral":
                rows["referral"].append((r["id"], r["record_id"], r["service_id"], "consent", now))
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO session (id, kind, title, venue, district_id, session_date, created_at) "
            "VALUES (?,?,?,?,?,?,?)",
            rows["session"],
        )
        connection.executemany(
            "INSERT INTO attendee (id, session_id, name, completed_at, created_at) "
            "VALUES (?,?,?,?,?)",
            rows["attendee"],
        )
        connection.executemany(  # columns named: later migrations add columns
            "INSERT INTO quiz_result (id, session_id, phase, score, total, at) "
            "VALUES (?,?,?,?,?,?)",
            rows["quiz"],
        )
        connection.executemany(
            "INSERT INTO feedback (id, session_id, usefulness, clarity, confidence, overall, at) "
            "VALUES (?,?,?,?,?,?,?)",
            rows["feedback"],
        )
        connection.executemany(
            "INSERT INTO signposting (id, district_id, needs, services, created_at) "
            "VALUES (?,?,?,?,?)",
            rows["signposting"],
        )
        connection.executemany(
            "INSERT INTO referral (id, record_id, service_id, consent_id, created_at) "
            "VALUES (?,?,?,?,?)",
            rows["referral"],
        )
        connection.execute("COMMIT")

    store.owner.run(fill)

    def select_only() -> int:
        def work(connection: Any) -> int:
            return sum(
                len(connection.execute(f"SELECT * FROM {table}").fetchall())
                for table in (
                    "session",
                    "attendee",
                    "quiz_result",
                    "feedback",
                    "signposting",
                    "referral",
                )
            )

        return int(store.owner.run(work))

    def dashboard_report() -> None:
        build_report_pdf(build_report(store_facts(store), PERIOD, labels))

    try:
        baseline = median_seconds(select_only)
        value = median_seconds(dashboard_report)
    finally:
        store.close()
    return [
        Figure(
            "laptop report, 100k rows in SQLCipher (PDF)", value, "s", GOAL, baseline, "SELECT *"
        )
    ]


def figures() -> list[Figure]:
    labels = report_labels()
    records = synthetic_records(labels)
    with tempfile.TemporaryDirectory() as folder:
        return hub_figures(Path(folder), labels, records) + laptop_figures(
            Path(folder), labels, records
        )


if __name__ == "__main__":
    print_table("Reports (100k records)", figures())
