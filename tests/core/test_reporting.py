"""The framework's tables: the period, the partition tables, and each agency's slice."""

from __future__ import annotations

from datetime import date

import pytest

from victim_champion.content.report_labels import report_words
from victim_champion.core.report_audiences import AGENCIES, agency, for_agency
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import (
    AttendeeFact,
    ReferralFact,
    ReportFacts,
    ReportPeriod,
    SessionFact,
    SignpostingFact,
)
from victim_champion.core.reporting import Labels, build_report

LABELS = Labels(
    districts={"ashford": "Ashford", "dover": "Dover"},
    needs={"feeling-safe": "Feeling safe now", "help-at-court": "Help at court"},
    services={"victim-support-kent": "Victim Support", "witness-service": "Witness Service"},
)
QUARTER = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))


def facts() -> ReportFacts:
    sessions = [
        SessionFact("in", "training", "ashford", date(2026, 8, 1)),
        SessionFact("out", "training", "dover", date(2026, 10, 1)),
    ]
    attendees = [AttendeeFact("in", True, i < 10) for i in range(15)]
    attendees += [AttendeeFact("out", True, True) for _ in range(30)]
    signposting = [
        SignpostingFact(
            f"p{i}", "dover", date(2026, 9, 1), ("help-at-court",), ("witness-service",)
        )
        for i in range(20)
    ]
    referrals = [ReferralFact(f"p{i}", "witness-service", "Contacted") for i in range(8)]
    referrals += [ReferralFact(f"p{i}", "victim-support-kent", None) for i in range(8, 20)]
    return ReportFacts(sessions, attendees, [], [], signposting, referrals)


def test_only_the_period_counts_and_partitions_add_up() -> None:
    report = build_report(facts(), QUARTER, LABELS)
    trained = report.table("attendees-by-district").table
    assert [c.text for c in trained.cells[0]] == ["10", "5", "0"]
    assert trained.grand_total is not None and trained.grand_total.text == "15"
    referrals = report.table("referrals").table
    assert referrals.columns[0] == "awaiting-outcome"  # printed from the catalogue:
    words = report_words()
    assert report.table("referrals").spec.label("awaiting-outcome", words) == "Awaiting outcome"
    assert ",referrals,Victim Support,Awaiting outcome,12" in report_csv(report, words)
    assert referrals.row_totals is not None
    assert [c.text for c in referrals.row_totals] == ["12", "8"]
    assert report.title == "Quarterly data set"
    assert ReportPeriod(date(2026, 4, 1), date(2026, 9, 30)).title == "Six-monthly audit"


def test_an_agency_sees_only_its_rows_of_the_same_published_table() -> None:
    report = build_report(facts(), QUARTER, LABELS)
    witness = for_agency(report, agency("witness-care"))
    assert {t.id for t in witness.tables} == {"services", "referrals"}
    referrals = witness.table("referrals").table
    assert referrals.rows == ("Witness Service",)
    assert referrals.column_totals is None and referrals.grand_total is None
    full = report.table("referrals").table
    assert referrals.cells[0] == full.cells[1]
    everything = for_agency(report, AGENCIES[0])
    assert len(everything.tables) == len(report.tables)


def test_free_text_outcomes_never_become_columns() -> None:
    data = facts()
    data.referrals = [ReferralFact("p1", "witness-service", "Rang Ms Example back")] * 6
    report = build_report(data, QUARTER, LABELS)
    table = report.table("referrals").table
    assert "other-outcome" in table.columns
    assert not any("Example" in column for column in table.columns)


def test_records_that_could_not_be_read_reach_the_report_and_every_agency_slice() -> None:
    unreadable = facts()
    unreadable.unreadable = 2
    report = build_report(unreadable, QUARTER, LABELS)
    assert report.unreadable_records == 2
    assert for_agency(report, agency("witness-care")).unreadable_records == 2
    assert report_csv(report, report_words()).splitlines()[-1] == (
        "2026-07-01,2026-09-30,all,records-not-read,Records that could not be read,Total,2"
    )


def test_a_report_with_every_record_read_says_none_were_unreadable() -> None:
    report = build_report(facts(), QUARTER, LABELS)
    assert report.unreadable_records == 0
    assert (
        report_csv(report, report_words())
        .splitlines()[-1]
        .endswith("Records that could not be read,Total,0")
    )


def test_only_whole_months_quarters_and_financial_half_years_are_published_periods() -> None:
    from victim_champion.core.errors import InvalidInputError
    from victim_champion.core.report_facts import last_published

    published = {
        (date(2026, 9, 1), date(2026, 9, 30)): "month",
        (date(2026, 2, 1), date(2026, 2, 28)): "month",
        (date(2026, 7, 1), date(2026, 9, 30)): "quarter",
        (date(2026, 4, 1), date(2026, 9, 30)): "half-year",
        (date(2026, 10, 1), date(2027, 3, 31)): "half-year",
    }
    for (start, end), kind in published.items():
        assert ReportPeriod(start, end).require_published().published_kind == kind
    for start, end in (
        (date(2026, 9, 1), date(2026, 9, 29)),  # the attack: one day short of September
        (date(2026, 9, 2), date(2026, 9, 30)),
        (date(2026, 8, 1), date(2026, 10, 31)),  # three months, not a quarter
        (date(2026, 1, 1), date(2026, 6, 30)),  # six months, not a financial half
        (date(2026, 1, 1), date(2026, 12, 31)),
    ):
        with pytest.raises(InvalidInputError, match="whole published periods only"):
            ReportPeriod(start, end).require_published()
    assert last_published("month", date(2026, 1, 5)) == ReportPeriod(
        date(2025, 12, 1), date(2025, 12, 31)
    )
    assert last_published("half-year", date(2026, 3, 31)) == ReportPeriod(
        date(2025, 4, 1), date(2025, 9, 30)
    )
