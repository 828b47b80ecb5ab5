"""A record the hub holds but cannot read (here one whose field was renamed, as an older or
newer version might have sent it) is never dropped in silence: the report counts it, and
the PDF, the CSV and the dashboard say how many."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from tests.hub.conftest import make_laptop
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.pdf_tools import pdf_text
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.hub.dashboard.html_pages import dashboard_page
from victim_champion.hub.reports.publication import published
from victim_champion.hub.storage.tables import envelopes
from victim_champion.store.repositories.signposting_records import SignpostingRecords

PERIOD = ReportPeriod.parse("2026-07-01", "2026-09-30")


@pytest.fixture(scope="module")
def renamed_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    """Twelve conversations in Thanet synced by a real laptop; then one stored record's
    ``needs`` is renamed ``need`` in the hub's database."""
    folder = tmp_path_factory.mktemp("unreadable")
    hub = start_hub(sqlite_url(folder))
    laptop = make_laptop(folder / "worker", hub, "Worker")
    try:
        records = SignpostingRecords(laptop.store, clock=lambda: datetime(2026, 8, 20, tzinfo=UTC))
        for _ in range(12):
            records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=True)
        assert laptop.client().run_once().accepted >= 12
        rename_one_field(hub.db_url)
        yield hub
    finally:
        laptop.store.close()
        hub.stop()


def rename_one_field(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.begin() as connection:
            seq, payload = connection.execute(
                select(envelopes.c.server_seq, envelopes.c.payload)
                .where(envelopes.c.kind == "signposting.recorded")
                .limit(1)
            ).one()
            document = json.loads(payload)
            [record] = document["records"]
            record["need"] = record.pop("needs")
            connection.execute(
                envelopes.update()
                .where(envelopes.c.server_seq == seq)
                .values(payload=json.dumps(document))
            )
    finally:
        engine.dispose()


def test_the_report_counts_a_record_with_a_renamed_field_as_unreadable(
    renamed_hub: HubProcess,
) -> None:
    engine = create_engine(renamed_hub.db_url)
    try:
        report = published(engine, PERIOD, date.today())
    finally:
        engine.dispose()
    assert report.unreadable_records == 1
    grand_total = report.table("signposting-by-district").table.grand_total
    assert grand_total is not None and grand_total.text == "11"  # the twelfth is not guessed
    page = dashboard_page(report, "opcc", "2026-07-01", "2026-09-30")
    assert "Records that could not be read: 1" in page


def test_the_csv_and_the_pdf_say_how_many_records_could_not_be_read(
    renamed_hub: HubProcess, tmp_path: Path
) -> None:
    out = tmp_path / "q3.csv"
    renamed_hub.admin("report", "--from", "2026-07-01", "--to", "2026-09-30", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    [line] = [r for r in rows if r["table"] == "records-not-read"]
    assert (line["row"], line["value"]) == ("Records that could not be read", "1")
    pdf = tmp_path / "q3.pdf"
    renamed_hub.admin("report", "--from", "2026-07-01", "--to", "2026-09-30", "--out", str(pdf))
    assert "Records that could not be read: 1" in pdf_text(pdf.read_bytes(), tmp_path)
