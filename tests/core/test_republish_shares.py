"""Issue 35, item 1: a republished share is taken only of a total the version publishes.

July: Dartford 14 and Swale 4 people named "Someone to talk to", Thanet 2 named domestic
abuse; two late Thanet records (domestic abuse only) follow. The attacker of
tests/support/differencing.py reads each share for the base it was taken of.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.core import test_report_composition as existing
from tests.support.differencing import (
    Figures,
    Published,
    Shares,
    bases_of,
    derivable_hidden,
    read_figures,
    read_shares,
    share_leaks,
    version_differences,
)
from victim_champion.content.report_labels import report_labels, report_words
from victim_champion.core.derived_bases import _held_back, _steady, republished
from victim_champion.core.report_composition import compose, revise
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import (
    QuizFact,
    ReportFacts,
    ReportPeriod,
    SessionFact,
    SignpostingFact,
)
from victim_champion.core.reporting import Report, ReportTable, build_report

JULY = ReportPeriod(date(2026, 7, 1), date(2026, 7, 31))
TALK = ("needs", "Someone to talk to", "People who named it")
TALK_SHARE = ("needs", "Someone to talk to", "Share of people signposted")
EVERYONE = ("signposting-by-district", "Total", "Total")


def july(*, late: int = 0, extra_talk: int = 0) -> ReportFacts:
    plan = [
        ("dartford", "emotional-support", 14),
        ("swale", "emotional-support", 4),
        ("thanet", "domestic-abuse", 2 + late),
        ("thanet", "emotional-support", extra_talk),
    ]
    people = [
        SignpostingFact(f"{district}-{need}-{i}", district, date(2026, 7, 9), (need,), ())
        for district, need, count in plan
        for i in range(count)
    ]
    return ReportFacts(signposting=people)


def count(facts: ReportFacts) -> Report:
    return build_report(facts, JULY, report_labels())


def seen(report: Report) -> tuple[Figures, Shares]:
    text = report_csv(report, report_words())
    return read_figures(text), read_shares(text)


def test_the_attacker_reads_the_base_a_share_was_taken_of() -> None:
    assert bases_of(18, "90%") == (20, 20)
    assert bases_of(18, "82%") == (22, 22)
    assert bases_of(0, "0%") is None
    assert bases_of(1, "0%") == (200, None)
    assert bases_of(18, "[c]") is None


def test_the_attacker_finds_the_late_people_in_a_share_recounted_over_a_kept_total() -> None:
    """The check can fail: ``revise`` alone keeps the district table and recounts the
    needs table, shares and all (the published hub before issue 35)."""
    first = count(july())
    naive, kept = revise(count(july(late=2)), [first])
    assert kept == ("signposting-by-district",)
    assert seen(naive)[1][TALK_SHARE] == "82%"
    assert share_leaks([seen(first), seen(naive)]) == [
        "version 2: the shares divide by 22, not by the published signposting-by-district total 20",
        "versions 1 and 2: the signposting-by-district base moved by 2 people",
    ]


def test_a_republished_share_held_back_gives_nothing_away() -> None:
    first = count(july())
    assert (seen(first)[0][TALK], seen(first)[1][TALK_SHARE]) == ("18", "90%")
    second, kept, held = republished(count(july(late=2)), [first])
    assert (kept, held) == (("signposting-by-district",), ("needs",))
    figures, shares = seen(second)
    assert (figures[TALK], figures[EVERYONE], TALK_SHARE in shares) == ("18", "20", False)
    assert second.table("needs").extra[0] == "[c]"
    assert share_leaks([seen(first), seen(second)]) == []
    assert version_differences(seen(first)[0], figures) == []
    months = ("2026-07",)
    assert derivable_hidden([Published(months, seen(first)[0]), Published(months, figures)]) == []


def test_shares_stay_when_counts_and_total_are_recounted_together() -> None:
    """Six more people in Thanet move the total safely (20 to 26): both tables are new,
    and the shares are taken of the new published total."""
    first = count(july())
    second, kept, held = republished(count(july(late=1, extra_talk=5)), [first])
    assert (kept, held) == ((), ())
    figures, shares = seen(second)
    assert (figures[EVERYONE], figures[TALK], shares[TALK_SHARE]) == ("26", "23", "88%")
    assert share_leaks([seen(first), seen(second)]) == []


def test_a_kept_needs_table_over_a_recounted_total_holds_its_shares_back() -> None:
    """The other way round: the district table moves safely, the needs table cannot
    (its domestic abuse count would move by one), so its old shares lose their base."""
    first = count(july())
    second, kept, held = republished(count(july(late=1, extra_talk=4)), [first])
    assert (kept, held) == (("needs",), ("needs",))
    assert share_leaks([seen(first), seen(second)]) == []
    assert "Share of people signposted" not in {key[2] for key in seen(second)[1]}


def test_the_existing_periods_and_versions_show_no_share_taken_of_a_hidden_total() -> None:
    """The attacker's share reasoning on tests/core/test_report_composition.py's Thanet:
    months, a composed quarter and half-year, a "forget me" and six late records."""
    monthly = existing.months(existing.facts())
    composed = [compose(monthly[3:], existing.QUARTER), compose(monthly, existing.HALF)]
    assert all(seen(report)[1] for report in [*monthly[3:], *composed])  # shares to read
    for report in [*monthly, *composed]:
        assert share_leaks([seen(report)]) == []
    september = monthly[5]
    for later in (existing.facts(with_target=False), existing.facts(late=6)):
        fresh = build_report(later, existing.MONTHS[5], existing.LABELS)
        second, _, _ = republished(fresh, [september])
        assert share_leaks([seen(september), seen(second)]) == []


def test_a_third_version_that_moves_both_tables_safely_shows_its_shares_again() -> None:
    first = count(july())
    second, _, _ = republished(count(july(late=2)), [first])
    third, kept, held = republished(count(july(late=2, extra_talk=5)), [first, second])
    assert (kept, held) == ((), ())
    figures, shares = seen(third)
    assert (figures[EVERYONE], figures[TALK], shares[TALK_SHARE]) == ("27", "23", "85%")
    assert share_leaks([seen(first), seen(second), seen(third)]) == []


def test_an_average_whose_count_did_not_move_keeps_its_value() -> None:
    """A "forget me" (a 2 out of 10) and one late record (10 out of 10) leave 12 checks:
    a recounted average (75% to 82%) would be one person's score."""
    session = [SessionFact("s1", "training", "thanet", date(2026, 7, 9))]
    eleven = [QuizFact("s1", "post", 8, 10) for _ in range(11)]

    def with_last(score: int) -> Report:
        facts = ReportFacts(sessions=session, quizzes=[*eleven, QuizFact("s1", "post", score, 10)])
        return count(facts)

    first = with_last(2)
    assert first.table("knowledge").extra == ("[c]", "75%")
    assert with_last(10).table("knowledge").extra == ("[c]", "82%")
    second, kept, held = republished(with_last(10), [first])
    assert second.table("knowledge") == first.table("knowledge")
    assert (kept, held) == ((), ())


def test_a_held_back_column_hides_every_row_and_draws_none_of_them() -> None:
    """Held back whole: each row's text is "[c]" and a chart gets no height, for a table
    whose derived column is charted (the knowledge table's averages) as for one without."""
    session = [SessionFact("s1", "training", "thanet", date(2026, 7, 9))]
    quizzes = [QuizFact("s1", "post", 8, 10) for _ in range(12)]
    knowledge = count(ReportFacts(sessions=session, quizzes=quizzes)).table("knowledge")
    assert knowledge.extra_values and any(v is not None for v in knowledge.extra_values)
    held = _held_back(knowledge)
    rows = len(knowledge.table.rows)
    assert (held.extra, held.extra_values) == (("[c]",) * rows, (None,) * rows)
    needs = _held_back(count(july()).table("needs"))
    assert needs.extra == ("[c]",) * len(needs.table.rows) and needs.extra_values == ()


def knowledge_of(scores: list[int]) -> Report:
    session = [SessionFact("s1", "training", "thanet", date(2026, 7, 9))]
    quizzes = [QuizFact("s1", "post", score, 10) for score in scores]
    return count(ReportFacts(sessions=session, quizzes=quizzes))


def test_a_row_that_did_not_move_keeps_the_latest_versions_value_not_the_first() -> None:
    """Version 2 recounts 12 checks to 20 (75% to 80%); version 3 has the same 20 checks
    and one better score (81%). Its row did not move since version 2, so it keeps 80%."""
    first = knowledge_of([8] * 11 + [2])
    second, _, _ = republished(knowledge_of([8] * 20), [first])
    assert second.table("knowledge").extra == ("[c]", "80%")
    fresh = knowledge_of([8] * 19 + [10])
    assert fresh.table("knowledge").extra == ("[c]", "81%")
    third, _, _ = republished(fresh, [first, second])
    assert third.table("knowledge").extra == ("[c]", "80%")


def post_count(table: ReportTable, checks: int) -> ReportTable:
    """The table with its "post" row recounted to ``checks`` (the "pre" row as it was)."""
    published = table.table
    cells = (published.cells[0], (replace(published.cells[1][0], value=checks),))
    return replace(table, table=replace(published, cells=cells))


def test_a_row_whose_count_moved_up_or_down_shows_its_new_value() -> None:
    last = knowledge_of([8] * 12).table("knowledge")  # 12 checks, 80%
    for checks in (11, 13):
        fresh = replace(post_count(last, checks), extra=("[c]", "70%"), extra_values=(None, 70.0))
        steady = _steady(fresh, last)
        assert (steady.extra, steady.extra_values) == (("[c]", "70%"), (None, 70.0))


def test_rows_that_are_not_the_same_rows_keep_nothing_from_the_last_version() -> None:
    """Row by row is only fair when the rows are the same: counts that match in a row with
    another label are another thing's counts."""
    last = knowledge_of([8] * 12).table("knowledge")
    fresh = replace(last, extra=("[c]", "70%"), extra_values=(None, 70.0))
    for rows in (("pre", "after"), ("pre", "unknown")):  # sorts before and after the last
        renamed = replace(fresh, table=replace(fresh.table, rows=rows))
        assert _steady(renamed, last) == renamed
        assert _steady(last, renamed) == last


def test_a_derived_column_with_another_length_than_the_last_keeps_nothing() -> None:
    last = knowledge_of([8] * 12).table("knowledge")
    fresh = replace(last, extra=("[c]", "70%"), extra_values=(None, 70.0))
    assert _steady(fresh, replace(last, extra=(), extra_values=())) == fresh
    shorter = replace(fresh, extra=("70%",), extra_values=(70.0,))
    assert _steady(shorter, last) == shorter


def test_a_row_kept_as_it_was_takes_only_the_values_both_versions_have() -> None:
    """A table printed without unrounded values (or whose last version had none) keeps the
    last text and its own values: no value is made up or dropped."""
    last = knowledge_of([8] * 12).table("knowledge")
    texts_only = replace(last, extra=("[c]", "70%"), extra_values=())
    assert _steady(texts_only, last) == replace(texts_only, extra=last.extra)
    fresh = replace(last, extra=("[c]", "70%"), extra_values=(None, 70.0))
    steady = _steady(fresh, replace(last, extra_values=()))
    assert (steady.extra, steady.extra_values) == (last.extra, (None, 70.0))
