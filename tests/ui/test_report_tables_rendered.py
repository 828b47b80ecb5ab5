"""Every report table spec (core/report_tables.py) reaches every view: the laptop's Reports
page, the PDF, the CSV and the hub's dashboard, each with the spec's own words. A view
that kept its own list of tables would miss one here."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import QApplication

from benchmarks.reports import PERIOD, synthetic_records
from tests.support.pdf_tools import flowing_text
from victim_champion.content.report_labels import report_labels, report_words
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_tables import TABLES
from victim_champion.core.reporting import Report, build_report
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.dashboard.html_pages import dashboard_page
from victim_champion.hub.reports.fact_reader import facts_from_records
from victim_champion.ui.pages.reports_page import ReportsPage

WORDS = report_words()


def small_report() -> Report:
    labels = report_labels()
    records = [("sample", record) for record in synthetic_records(labels)[:3000]]
    return build_report(facts_from_records(records, {}), PERIOD, labels)


def test_every_table_spec_is_a_panel_on_the_laptops_page(qapp: QApplication) -> None:
    page = ReportsPage()
    page.show_report(small_report())
    for spec in TABLES:
        panel = page.panels[spec.id]
        assert panel.title.text() == WORDS(spec.panel_key)
        assert panel.note.text() == WORDS(spec.caption_key)
        assert panel.table.rowCount() > 0, spec.id
        assert [chart.title for chart in panel.charts] == [
            WORDS(chart.key) for chart in spec.screen_charts
        ]
        assert all(chart.bars for chart in panel.charts), spec.id
        if spec.derived is not None:
            heading = panel.table.horizontalHeaderItem(panel.table.columnCount() - 1)
            assert heading is not None
            assert " ".join(heading.text().split()) == WORDS(spec.derived_key)
    page.deleteLater()


def test_every_table_spec_is_in_the_pdf_the_csv_and_the_dashboard(tmp_path: Path) -> None:
    report = small_report()
    text = flowing_text(build_report_pdf(report), tmp_path)
    lines = list(csv.DictReader(io.StringIO(report_csv(report, WORDS))))
    html = dashboard_page(report, "someone", "2026-04-01", "2026-06-30")
    for spec in TABLES:
        assert " ".join(WORDS(spec.title_key).split()) in text, spec.id
        assert " ".join(WORDS(spec.caption_key).split()) in text, spec.id
        assert any(line["table"] == spec.id for line in lines), spec.id
        assert f"id='{spec.id}'" in html and WORDS(spec.title_key) in html
        if spec.printed_chart is not None:
            assert WORDS(spec.chart_key) in text, spec.id
            assert f"Chart: {WORDS(spec.chart_title_key)}" in html
        if spec.derived is not None:
            assert any(line["column"] == WORDS(spec.derived_key) for line in lines)
            assert f"<th scope='col'>{WORDS(spec.derived_key)}</th>" in html
    assert {line["table"] for line in lines} - {"edition", "records-not-read"} == {
        str(spec.id) for spec in TABLES
    }
