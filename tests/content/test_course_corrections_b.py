"""Issue 33, modules 1, 2 and 5: what the outside reviewer found wrong stays corrected.

Each test reads the shipped course as the app loads it, and the contact routes that
Compass House confirmed (reference/CONTACTS.md), so a later edit that brings an old
claim back, or prints a number nobody confirmed, fails here.
"""

from __future__ import annotations

import re

from tests.conftest import REPO
from victim_champion.content.course_loader import load_course
from victim_champion.core.course import Module
from victim_champion.core.course_checks import module_words, stale_sources
from victim_champion.core.course_parts import Activity

CONTACTS = REPO / "docs" / "reference" / "CONTACTS.md"  # the project's copy of shared/reference
MINE = ("what-is-a-victim-champion", "the-twelve-rights", "specialist-support")
STORY_PEOPLE = (
    "Tomasz",
    "Priya",
    "Sam",
    "Grace",
    "Kwame",
    "Ellie",
    "Mo",
    "Ruth",
    "Dan",
    "Aisha",
    "Joe",
    "Lena",
)
PHONE = re.compile(r"\b0\d[\d ]{8,12}\d\b|\b1\d{2} ?\d{3}\b|\b999\b|\b101\b")


def module(module_id: str) -> Module:
    return next(m for m in load_course().modules if m.id == module_id)


def activity_of(module_id: str, title: str) -> Activity:
    return next(a for a in module(module_id).activities if a.title == title)


def taught(m: Module) -> str:
    """What a room sees or hears: everything but the '# Sources' statements."""
    return module_words(m).replace("\u2019", "'")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def confirmed_numbers() -> set[str]:
    """Every number in the 'Confirmed on a public page' table of CONTACTS.md."""
    table = CONTACTS.read_text().split("## Confirmed on a public page")[1].split("\n## ")[0]
    return {digits(n) for n in PHONE.findall(table)}


def test_none_of_these_modules_has_a_stale_source() -> None:
    stale = [(m.id, note.statement) for m, note in stale_sources(load_course()) if m.id in MINE]
    assert stale == []


def test_no_open_check_notes_and_history_is_in_the_past_tense() -> None:
    for module_id in MINE:
        for note in module(module_id).sources:
            assert "check the date" not in note.source.casefold(), (module_id, note.source)
            if note.history:
                assert re.search(r"\b(was|were|had|said|set|found)\b", note.statement), note


def test_section_1_is_taught_in_force_with_its_whole_definition() -> None:
    rights = module("the-twelve-rights")
    slide = next(s for s in rights.slides if s.title == "Who counts as a victim")
    assert any("born" in point for point in slide.points)
    assert "29 January 2025" in slide.notes
    assert "does not hand everyone all 12 rights" in slide.notes
    s1 = next(n for n in rights.sources if "Section 1" in n.statement)
    assert "in force since 29 January 2025" in s1.statement and "birth" in s1.statement


def test_the_victim_contact_scheme_is_usually_not_always() -> None:
    words = taught(module("the-twelve-rights"))
    scheme = [
        sentence
        for sentence in re.split(r"(?<=[.:])\s+", words)
        if "12 months" in sentence and "hospital order" in sentence
    ]
    assert scheme, "the module no longer teaches the scheme's usual limit"
    for sentence in scheme:
        assert "usually" in sentence, sentence


def test_sam_got_his_written_note_so_only_right_6_fits() -> None:
    question = next(q for q in module("the-twelve-rights").questions if q.text.startswith("Sam"))
    assert "written note" in question.text and "heard nothing since" not in question.text
    assert question.options[question.answer].startswith("Right 6")


def test_match_the_right_has_12_stories_12_cards_and_12_answers_for_12_minutes() -> None:
    activity = activity_of("the-twelve-rights", "Match the right")
    sets = {m.name: m.cards for m in activity.materials}
    stories, rights = sets["Story cards"], sets["Right cards"]
    assert len(stories) == 12 and len(rights) == 12
    answers = " ".join(sets["Answer card for the trainer"])
    for number, name in enumerate(STORY_PEOPLE, 1):
        assert any(name in story for story in stories), name
        assert f"{name}: right {number}" in answers, name
    assert "12 minutes" in activity.text and "six stories only" not in activity.text


def test_the_new_code_and_the_commissioner_are_taught_as_the_sources_say() -> None:
    words = taught(module("the-twelve-rights"))
    assert "5 February to 30 April 2026" in words and "2020 Code and its 12 rights stand" in words
    assert "A new Code is on its way" not in words
    assert "56 days" in words and "cannot act in one person's case" in words
    assert "checks how well the Code is kept in Kent" not in words  # ss.6-12 not in force
    assert "not in force yet" in words
    assert "Citizens Advice" not in words and "Witness Service" in words
    assert not re.search(r"\bMP\b", words)  # the Ombudsman takes complaints directly


def test_sexual_violence_always_comes_with_the_24_7_line_and_beech_house() -> None:
    specialist = module("specialist-support")
    slide = next(s for s in specialist.slides if s.title == "Sexual violence")
    places = [" ".join(slide.points) + slide.notes]
    cards = [c for a in specialist.activities for m in a.materials for c in m.cards]
    places += [c for c in cards if "raped" in c or "Priya:" in c]
    places += [f"{q.options[q.answer]} {q.why}" for q in specialist.questions if "raped" in q.text]
    assert len(places) >= 3
    for place in places:
        if "Priya was raped" in place:  # the participants' story card itself
            continue
        assert "0808 500 2222" in place and "Beech House" in place, place


def test_east_kent_rapeline_is_only_an_old_name() -> None:
    specialist = module("specialist-support")
    words = taught(specialist)
    assert "East Kent Rape Crisis Centre" in words
    for sentence in re.split(r"(?<=\.)\s+", words):
        if "Rapeline" in sentence:
            assert re.search(r"\b(called|old|was|were)\b", sentence), sentence
    centre = next(n for n in specialist.sources if "East Kent Rape Crisis Centre" in n.statement)
    assert centre.dated == "2025-12" and not centre.history


def test_every_number_the_course_teaches_is_a_confirmed_route() -> None:
    """In every module, not only these three: a number in the course is one CONTACTS.md
    confirmed on a public page."""
    allowed = confirmed_numbers()
    assert {"08081689111", "08085002222", "999", "101"} <= allowed
    for each in load_course().modules:
        for number in PHONE.findall(taught(each)):
            assert digits(number) in allowed, (each.id, number)


def test_answers_are_in_the_trainers_pack_only() -> None:
    helps = activity_of("what-is-a-victim-champion", "Helps or not?")
    names = [m.name for m in helps.materials]
    assert "Answer card for the trainer" in names
    for materials in helps.materials:
        if materials.name != "Answer card for the trainer":
            assert not any(card.startswith(("Answers", "Helps:")) for card in materials.cards)
