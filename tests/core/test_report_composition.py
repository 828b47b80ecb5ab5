"""Nested periods and new versions cannot be subtracted: the attacker of
tests/support/differencing.py finds the person in a recounted quarter, and nothing in a
composed one; a new version never moves a shown figure by a few people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.support.differencing import Published, derivable_hidden, read_figures
from tests.support.differencing import version_differences as differences
from victim_champion.content.report_labels import report_words
from victim_champion.core.report_composition import compose, revise
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import (
    ReferralFact,
    ReportFacts,
    ReportPeriod,
    SignpostingFact,
)
from victim_champion.core.report_snapshot import report_from_json, report_to_json
from victim_champion.core.reporting import Labels, Report, build_report

LABELS = Labels(
    districts={"thanet": "Thanet", "swale": "Swale", "dover": "Dover"},
    needs={
        "practical-help": "Practical help",
        "domestic-abuse": "Domestic abuse",
        "sexual-violence": "Sexual violence",
    },
    services={"victim-support-kent": "Victim Support", "isva": "ISVA"},
)
QUARTER = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
HALF = ReportPeriod(date(2026, 4, 1), date(2026, 9, 30))
MONTHS = [
    ReportPeriod(date(2026, m, 1), date(2026, m, last))
    for m, last in ((4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30))
]
TARGET = "target"


def _people(
    prefix: str, count: int, district: str, day: date, needs: tuple[str, ...], service: str
) -> list[SignpostingFact]:
    return [SignpostingFact(f"{prefix}{i}", district, day, needs, (service,)) for i in range(count)]


def facts(*, with_target: bool = True, late: int = 0) -> ReportFacts:
    """The issue's Thanet: one person on 30 September named domestic abuse and sexual
    violence, was referred to the ISVA, and declined."""
    people = _people("j", 7, "thanet", date(2026, 7, 9), ("practical-help",), "victim-support-kent")
    people += _people("s", 6, "swale", date(2026, 7, 9), ("domestic-abuse",), "isva")
    people += _people("a", 8, "thanet", date(2026, 8, 9), ("domestic-abuse",), "isva")
    people += _people("b", 2, "swale", date(2026, 8, 9), ("practical-help",), "isva")
    people += _people("t", 10, "thanet", date(2026, 9, 9), ("domestic-abuse",), "isva")
    people += _people("w", 6, "swale", date(2026, 9, 9), ("sexual-violence",), "isva")
    people += _people("late", late, "swale", date(2026, 9, 20), ("domestic-abuse",), "isva")
    referrals = [ReferralFact(p.id, "isva", "supported") for p in people if p.id[0] in "tw"]
    if with_target:
        needs = ("domestic-abuse", "sexual-violence")
        people.append(SignpostingFact(TARGET, "thanet", date(2026, 9, 30), needs, ("isva",)))
        referrals.append(ReferralFact(TARGET, "isva", "declined"))
    return ReportFacts(signposting=people, referrals=referrals)


def months(source: ReportFacts) -> list[Report]:
    return [build_report(source, m, LABELS) for m in MONTHS]


def view(report: Report) -> Published:
    return Published(report.period.months, read_figures(report_csv(report, report_words())))


def test_a_recounted_quarter_gives_away_a_hidden_month_and_the_attacker_sees_it() -> None:
    """The check can fail: Swale's August "<5" is the quarter minus July and September."""
    monthly = months(facts())
    naive = build_report(facts(), QUARTER, LABELS)
    found = derivable_hidden([*map(view, monthly), view(naive)])
    assert (("2026-08",), ("signposting-by-district", "Swale", "2026-08")) in found


def test_quarters_and_half_years_made_of_their_months_give_nothing_away() -> None:
    monthly = months(facts())
    quarter, half = compose(monthly[3:], QUARTER), compose(monthly, HALF)
    assert derivable_hidden([*map(view, monthly), view(quarter), view(half)]) == []
    figures = read_figures(report_csv(quarter, report_words()))
    # August hid Thanet to protect Swale's "<5", so neither quarter total can be shown
    assert figures[("signposting-by-district", "Thanet", "2026-07")] == "7"
    assert figures[("signposting-by-district", "Thanet", "Total")] == "[c]"
    assert figures[("signposting-by-district", "Swale", "Total")] == "[c]"
    assert figures[("signposting-by-district", "Total", "Total")] == "40"
    assert figures[("needs", "Domestic abuse", "People who named it")] == "25"
    assert figures[("needs", "Practical help", "People who named it")] == "[c]"
    assert quarter.title == "Quarterly data set" and half.title == "Six-monthly audit"


def test_a_published_report_survives_its_stored_copy_exactly() -> None:
    monthly = months(facts())
    for report in [*monthly, compose(monthly, HALF)]:
        assert report_from_json(report_to_json(report)) == report


def test_forgetting_one_person_changes_no_figure_a_reader_can_compare() -> None:
    september = build_report(facts(), MONTHS[5], LABELS)
    forgotten = build_report(facts(with_target=False), MONTHS[5], LABELS)
    assert differences(
        read_figures(report_csv(september, report_words())),
        read_figures(report_csv(forgotten, report_words())),
    )
    revised, kept = revise(forgotten, [september])
    assert {"signposting-by-district", "needs", "services", "referrals"} <= set(kept)
    assert (
        differences(
            read_figures(report_csv(september, report_words())),
            read_figures(report_csv(revised, report_words())),
        )
        == []
    )


def test_enough_late_records_do_reach_a_new_version_and_it_still_subtracts_to_nothing() -> None:
    september = build_report(facts(), MONTHS[5], LABELS)
    later = build_report(facts(late=6), MONTHS[5], LABELS)
    revised, kept = revise(later, [september])
    assert "signposting-by-district" not in kept
    new = read_figures(report_csv(revised, report_words()))
    assert new[("signposting-by-district", "Swale", "Total")] == "12"
    assert differences(read_figures(report_csv(september, report_words())), new) == []
    # a third version one person on from the second is held back against both
    third, kept = revise(build_report(facts(late=7), MONTHS[5], LABELS), [september, revised])
    assert "signposting-by-district" in kept
    assert replace(third, edition="").table("signposting-by-district") == revised.table(
        "signposting-by-district"
    )
