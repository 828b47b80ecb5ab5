"""The performance report under qps-ploc: the builder's own words (key, audience line,
"Total", "Withheld", footer) and each table's spec words (title, caption, chart caption,
derived heading, fixed rows and columns such as "Awaiting outcome"; core/report_tables.py)
come from the catalogue.

The other row and column names (districts, months, needs, services) come with the report
from the hub's labels; they are data to this builder and not translated yet (see
docs/developers-guide.md, Languages).
"""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.reports import PERIOD, synthetic_records
from tests.support.pdf_tools import flowing_text
from victim_champion.content.message_catalogue import messages
from victim_champion.content.report_labels import report_labels
from victim_champion.core.reporting import Report, build_report
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.reports.fact_reader import facts_from_records

ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
FIELD = re.compile(r"\{[^{}]*\}")


def small_report() -> Report:
    labels = report_labels()
    records = [("sample", record) for record in synthetic_records(labels)[:400]]
    return build_report(facts_from_records(records, {}), PERIOD, labels)


def report_data(report: Report) -> list[str]:
    data = [report.title, report.period.label, report.audience]
    for table in report.tables:
        published = table.table
        data += [*table.extra]
        spec = table.spec  # its fixed rows and columns are words from the catalogue
        data += [r for r in published.rows if r not in spec.rows]
        data += [c for c in published.columns if c not in spec.columns]
    return [" ".join(d.split()) for d in data if d.strip()]


def test_the_report_builders_own_words_are_not_left_in_english(tmp_path: Path) -> None:
    report = small_report()
    pdf = build_report_pdf(report, language="qps-ploc")
    text = flowing_text(pdf, tmp_path)
    pseudo = messages("qps-ploc")
    for key in ("report.key", "report.audience", "report.total", "report.unreadable"):
        for part in FIELD.split(pseudo.template(key)):
            assert " ".join(part.split()) in text, key
    for spec in (table.spec for table in report.tables):
        for key in (spec.title_key, spec.caption_key):
            assert " ".join(pseudo.text(key).split()) in text, key
    captions = [pseudo.text(key) for key in pseudo if key.startswith("report.chart.")]
    assert any(caption in text for caption in captions)
    for data in sorted(report_data(report), key=len, reverse=True):
        text = text.replace(data, " ")
    # Narrow column headings break inside a word ("Awaitin g") and chart axes cut row
    # names at 34 characters: a piece of a data word is data too.
    data_words = {w.casefold() for d in report_data(report) for w in ENGLISH_WORD.findall(d)}
    left = [
        word
        for word in ENGLISH_WORD.findall(text)
        if not any(word.casefold() in known for known in data_words)
    ]
    assert left == []
    assert b"/Lang (qps-ploc)" in pdf
