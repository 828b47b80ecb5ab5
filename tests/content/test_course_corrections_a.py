"""Issue 33 corrections in modules 4, 7 and 8 stay corrected: the complaints route of
December 2026, the PCC duty that is not in force yet, Report Fraud and the confirmed
reporting routes, answers only in the trainer's pack, and no stale source left."""

from __future__ import annotations

import re

from victim_champion.content.course_loader import shipped_course_files
from victim_champion.core.course import Module, parse_module
from victim_champion.core.course_checks import module_words


def module(name: str) -> Module:
    return parse_module(shipped_course_files()[f"modules/{name}"], name)


SUPPORTING = "04-supporting-someone.md"
CHALLENGE = "07-how-to-challenge.md"
REPORTING = "08-reporting-and-staying-informed.md"


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def words(name: str) -> str:
    return flat(module_words(module(name)))


def slide(name: str, title: str) -> str:
    found = next(s for s in module(name).slides if s.title == title)
    return flat(" ".join([*found.points, found.notes]))


def right_answer(name: str, start: str) -> str:
    question = next(q for q in module(name).questions if q.text.startswith(start))
    return question.options[question.answer]


def test_no_complaints_route_needs_an_mp() -> None:
    """Since 29 January 2025 a victim takes a Code complaint to the Ombudsman directly."""
    assert re.search(r"\bMPs?\b", words(CHALLENGE)) is None
    how = slide(CHALLENGE, "How to complain")
    assert "Ombudsman yourself" in how and "29 January 2025" in how
    assert "Ombudsman herself" in right_answer(CHALLENGE, "Ellie")


def test_the_ellie_item_has_one_right_answer() -> None:
    ellie = next(q for q in module(CHALLENGE).questions if q.text.startswith("Ellie"))
    ombudsman = [option for option in ellie.options if "Ombudsman" in option]
    assert ombudsman == [ellie.options[ellie.answer]]


def test_the_police_route_is_named() -> None:
    how = slide(CHALLENGE, "How to complain")
    for part in ("Kent Police", "28 days", "Independent Office for Police Conduct (IOPC)"):
        assert part in how
    assert "28 days" in right_answer(CHALLENGE, "Mo complained")


def test_the_pcc_compliance_duty_is_taught_as_what_the_act_will_do() -> None:
    whole_system = slide(CHALLENGE, "Who checks the whole system")
    assert "will" in whole_system and "has not started yet" in whole_system
    assert '"once implemented"' in whole_system
    taught = flat(" ".join(slide(CHALLENGE, s.title) for s in module(CHALLENGE).slides))
    assert "already checks" not in taught
    assert "Police and Crime Commissioner" not in right_answer(CHALLENGE, "A councillor")
    councillor = next(q for q in module(CHALLENGE).questions if q.text.startswith("A councillor"))
    assert "has not started yet" in councillor.why
    answers = next(
        m.cards[0]
        for a in module(CHALLENGE).activities
        if a.title == "Which route?"
        for m in a.materials
        if m.name == "Answer card for the trainer"
    )
    residents = answers[answers.index("Residents' group") :]
    assert "has not started yet" in residents and "checks how well" not in residents


def test_the_victims_commissioner_and_the_court_service() -> None:
    whole_system = slide(CHALLENGE, "Who checks the whole system")
    assert "56 days" in whole_system and "cannot take up one person's complaint" in whole_system
    assert "HM Courts & Tribunals Service" in right_answer(CHALLENGE, "Ruth")
    assert "Complain to the court" not in words(CHALLENGE)


def test_report_fraud_and_the_confirmed_routes_are_on_the_reporting_slide() -> None:
    reporting = slide(REPORTING, "Ways to report")
    for route in (
        "Report Fraud",
        "reportfraud.police.uk",
        "0300 123 2040",
        "Monday to Friday, 8am to 8pm",
        "press 55",
        "999 BSL",
        "18001 101",
        "0800 555 111",
        "www.report-it.org.uk",
        "4 December",
    ):
        assert route in reporting, route
    points = next(s.points for s in module(REPORTING).slides if s.title == "Ways to report")
    assert any("Report Fraud" in point and "0300 123 2040" in point for point in points)
    assert "Report Fraud" in right_answer(REPORTING, "Hannah")
    assert "Action Fraud" not in right_answer(REPORTING, "Hannah")


def test_the_streetsafe_opinion_is_gone_from_module_8() -> None:
    text = words(REPORTING)
    assert "Commissioner" not in text
    assert all("Commissioner" not in note.statement for note in module(REPORTING).sources)


def test_module_4_has_a_fraud_story_and_keeps_its_answers_for_the_trainer() -> None:
    what = next(a for a in module(SUPPORTING).activities if a.title == "What might they need?")
    names = [m.name for m in what.materials]
    assert "Trainer card" not in names and "Answer card for the trainer" in names
    stories = next(m.cards for m in what.materials if m.name == "Story cards")
    assert "fraud" in stories[0] and "fraud" in stories[1]
    answers = next(m.cards[0] for m in what.materials if m.name == "Answer card for the trainer")
    assert "Report Fraud" in answers and "0300 123 2040" in answers


def test_activities_say_how_to_use_their_minutes() -> None:
    threes = next(a for a in module(SUPPORTING).activities if a.title == "Listening in threes")
    assert "three rounds" in flat(threes.text) and "about three minutes" in flat(threes.text)
    activities = module(CHALLENGE).activities
    complaint = next(a for a in activities if a.title == "Write a short complaint")
    for step in ("four minutes", "two pairs", "answer card"):
        assert step in flat(complaint.text)


def test_each_module_is_complete_and_its_sources_are_current() -> None:
    for name in (SUPPORTING, CHALLENGE, REPORTING):
        parsed = module(name)
        assert all(s.points and s.notes for s in parsed.slides), name
        assert len(parsed.questions) >= 5, name
        stale = [n for n in parsed.sources if not n.history and n.is_stale()]
        if name == CHALLENGE:
            # The police complaints pages (kent-pcc.gov.uk, policeconduct.gov.uk) show no
            # date; no dated page within a year was found. Compass House confirms it.
            assert [n.statement.split(".")[0] for n in stale] == [
                "A complaint about Kent Police goes to Kent Police (its Professional "
                "Standards Department) first"
            ]
        else:
            assert stale == [], name
        for note in parsed.sources:
            assert note.checked == "2026-12", note.statement
