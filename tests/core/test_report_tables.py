"""A report table is declared once, in core/report_tables.py.

These tests catch a fifth declaration: a title, caption or chart caption written out in a
view, a table id spelt out in a module that renders or combines tables, a table whose
words are missing from the catalogue, and a word in the catalogue that no spec owns.
(tests/ui/test_report_tables_rendered.py checks that every spec reaches every view.)
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from benchmarks.reports import PERIOD, synthetic_records
from victim_champion.content.message_catalogue import messages
from victim_champion.content.report_labels import report_labels, report_words
from victim_champion.core.report_snapshot import (
    FORMAT_1_LABELS,
    report_from_json,
    report_to_json,
)
from victim_champion.core.report_tables import TABLES, TableId, label_key, table_spec
from victim_champion.core.reporting import AWAITING, OTHER, OUTCOMES, build_report
from victim_champion.hub.reports.fact_reader import facts_from_records

PACKAGE = Path(__file__).resolve().parents[2] / "victim_champion"
SPEC_MODULE = PACKAGE / "core" / "report_tables.py"
# The modules that render, slice or combine the tables: none may spell out a table id.
VIEWS = (
    "core/report_audiences.py",
    "core/report_composition.py",
    "core/derived_bases.py",
    "core/report_csv.py",
    "core/report_snapshot.py",
    "documents/report_document.py",
    "hub/dashboard/html_pages.py",
    "hub/dashboard/routes.py",
    "hub/reports/publication.py",
    "ui/pages/reports_page.py",
    "ui/widgets/report_panel.py",
)
SPEC_KEY = re.compile(r"^report\.(?:chart\.)?([a-z0-9_-]+)\.?")
SHARED_PREFIXES = {"key", "audience", "unreadable", "document_title", "footer", "withheld"}
SHARED_PREFIXES |= {"total", "section", "reach", "label", "tile"}


def strings_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def spec_words() -> dict[str, str]:
    english = messages("en-GB")
    found: dict[str, str] = {}
    for spec in TABLES:
        keys = [spec.title_key, spec.caption_key, spec.panel_key]
        if spec.printed_chart is not None:
            keys += [spec.chart_key, spec.chart_title_key]
        if spec.derived is not None:
            keys.append(spec.derived_key)
        found |= {english.text(key): key for key in keys}
    return found


def test_every_spec_has_its_words_and_every_table_word_has_a_spec() -> None:
    english = messages("en-GB")
    owned = {key for spec in TABLES for key in spec.message_keys()}
    for key in owned:
        assert key in english, key
    for key in english:
        match = SPEC_KEY.match(key)
        if match and match.group(1) not in SHARED_PREFIXES:
            assert key in owned, f"{key} belongs to no table spec"


def test_the_report_has_every_spec_table_in_spec_order() -> None:
    labels = report_labels()
    records = [("sample", record) for record in synthetic_records(labels)[:200]]
    report = build_report(facts_from_records(records, {}), PERIOD, labels)
    assert [t.id for t in report.tables] == [spec.id for spec in TABLES]
    assert all(table_spec(t.id) is t.spec for t in report.tables)
    assert {str(t) for t in TableId} == {str(spec.id) for spec in TABLES}


def test_no_module_but_the_spec_names_a_tables_title_or_chart() -> None:
    """A title, caption, panel heading, chart caption or derived heading in English, or a
    hyphenated table id, anywhere in the package but the spec is a second declaration."""
    words = spec_words()
    hyphenated = {str(t) for t in TableId if "-" in t}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == SPEC_MODULE:
            continue
        for text in strings_in(path):
            if text in words or text in hyphenated:
                found.append(f"{path.relative_to(PACKAGE)}: {text!r}")
    assert found == []


def test_no_view_spells_out_a_table_id() -> None:
    ids = {str(t) for t in TableId}
    found = [
        f"{view}: {text!r}"
        for view in VIEWS
        for text in strings_in(PACKAGE / view)
        if text in ids or any(text.startswith(f"report.{i}.") for i in ids)
    ]
    assert found == []


def test_every_outcome_and_rating_the_builders_count_is_a_column_of_the_spec() -> None:
    referrals = table_spec(TableId.REFERRALS).columns
    assert {AWAITING, OTHER, *OUTCOMES.values()} == set(referrals)
    assert table_spec(TableId.SATISFACTION).columns == tuple(f"rated-{n}" for n in range(1, 6))


def test_a_copy_stored_in_format_1_reads_as_the_same_report() -> None:
    """Before the specs, a stored copy printed fixed rows and columns in English, with each
    table's title and note: it must read back as the report it was, ids and all, so that
    an old month still adds up with a new one."""
    labels = report_labels()
    records = [("sample", record) for record in synthetic_records(labels)[:2000]]
    report = build_report(facts_from_records(records, {}), PERIOD, labels)
    english = report_words()
    printed = {label_id: text for text, label_id in FORMAT_1_LABELS.items()}
    assert all(english(label_key(i)) == text for i, text in printed.items())
    old = report_to_json(report)
    old["format"] = 1
    for table in old["tables"]:
        spec = table_spec(table["id"])
        table["rows"] = [printed.get(r, r) if spec.rows else r for r in table["rows"]]
        table["columns"] = [printed.get(c, c) if spec.columns else c for c in table["columns"]]
        table |= {"data_set": spec.data_set, "title": english(spec.title_key), "note": ""}
    assert "Awaiting outcome" in json.dumps(old) and "awaiting-outcome" not in json.dumps(old)
    assert report_from_json(old) == report
    assert report_from_json(report_to_json(report)) == report
