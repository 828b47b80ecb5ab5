"""A sample hub report on synthetic data, rendered to PNG for docs/screenshots/.
Run: .venv/bin/python -m tools.report_sample (needs pdftoppm from poppler-utils)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchmarks.reports import PERIOD, synthetic_records
from victim_champion.content.report_labels import report_labels
from victim_champion.core.report_facts import ReportFacts, ReportPeriod
from victim_champion.core.reporting import build_report
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.report_facts import HANDLED, _Collector

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def sample_facts(records: int) -> ReportFacts:
    labels = report_labels()
    collector = _Collector()
    for record in synthetic_records(labels)[:records]:
        if record["type"] in HANDLED:
            collector.add("sample", record)
    return collector.finish({})


def main() -> None:
    quarter = ReportPeriod(PERIOD.start, PERIOD.start.replace(month=6, day=30))
    report = build_report(sample_facts(12_000), quarter, report_labels())
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(build_report_pdf(report))
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-f",
                "1",
                "-l",
                "3",
                str(pdf),
                str(OUT / "report-pdf"),
            ],
            check=True,
        )
    print("saved report-pdf-*.png")


if __name__ == "__main__":
    main()
