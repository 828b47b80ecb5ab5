"""A sample hub report on synthetic data, rendered to PNG for docs/screenshots/.
Run: .venv/bin/python -m tools.report_sample (needs pdftoppm from poppler-utils)."""

from __future__ import annotations

from benchmarks.reports import PERIOD, synthetic_records
from tools.screenshots import render_pages
from victim_champion.content.report_labels import report_labels
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.core.reporting import build_report
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.reports.fact_reader import facts_from_records


def main() -> None:
    labels = report_labels()
    records = [("sample", record) for record in synthetic_records(labels)[:12_000]]
    quarter = ReportPeriod(PERIOD.start, PERIOD.start.replace(month=6, day=30))
    report = build_report(facts_from_records(records, {}), quarter, labels)
    render_pages(build_report_pdf(report), "report-pdf", last=3)


if __name__ == "__main__":
    main()
