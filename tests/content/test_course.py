"""The shipped course: complete, accurate to FACTS.md, plain English, and strictly checked."""

from __future__ import annotations

import pytest
import textstat

from victim_champion.content.course_loader import (
    course_from_files,
    load_course,
    shipped_course_files,
)
from victim_champion.content.directory_loader import load_directory
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.course_checks import module_words
from victim_champion.core.errors import CourseContentError

TOPICS = {
    "what-is-a-victim-champion": ["Victim Champion"],
    "the-twelve-rights": [
        "1 April 2021",
        "Victim Personal Statement",
        "Victim Contact Scheme",
        "12 months",  # the scheme's limit
        "enhanced rights",
        "under 18",
        "persistently targeted",
        "bereaved",
        "statutory",
        "special measures",
        "Victims' Commissioner",
    ],
    "who-does-what": [
        "Crown Prosecution Service",
        "Witness Care Unit",
        "Victim Support",
        "Compass House",
        "Compass Points",
    ],
    "supporting-someone": ["needs", "999"],
    "specialist-support": [
        "domestic abuse",
        "Independent Sexual Violence Advisers",
        "disability hate crime",
        "young people",
        "male victims",
        "LGBT+",
        "Talking Therapies",
    ],
    "restorative-justice": [
        "Restorative Solutions",
        "victim initiated",
        "reported or not",
        "voluntary",
        "responsibility",
    ],
    "how-to-challenge": [
        "complain",
        "Ombudsman",
        "reviewed",
        "Police and Crime Commissioner",
        "Victims' Commissioner",
    ],
    "reporting-and-staying-informed": ["StreetSafe", "Track my Crime"],
}


def plain_text(points: tuple[str, ...]) -> str:
    return " ".join(point.rstrip(".") + "." for point in points)


def test_the_course_has_eight_complete_modules_in_teaching_order() -> None:
    course = load_course()
    assert [m.id for m in course.modules] == list(TOPICS)
    for module in course.modules:
        assert module.slides and all(slide.notes for slide in module.slides), module.id
        assert len(module.activities) >= 1, module.id
        assert len(module.questions) >= 5, module.id
        for question in module.questions:
            assert 0 <= question.answer < len(question.options) and question.why


def test_each_module_covers_its_topics() -> None:
    for module in load_course().modules:
        text = module_words(module).replace("\u2019", "'")
        for topic in TOPICS[module.id]:
            assert topic.casefold() in text.casefold(), f"{module.id} never mentions {topic}"


def test_the_course_and_the_code_agree_on_the_version_and_the_rights() -> None:
    course, code = load_course(), load_victims_code()
    assert course.code_edition == code.edition
    rights_module = next(m for m in course.modules if m.id == "the-twelve-rights")
    slide_text = " ".join(" ".join(s.points) for s in rights_module.slides)
    for right in code.rights:
        assert f"{right.number}:" in slide_text, f"right {right.number} is not on a slide"


def test_slides_notes_quiz_and_materials_are_plain_english() -> None:
    for module in load_course().modules:
        slides = " ".join(plain_text(slide.points) for slide in module.slides)
        notes = " ".join(slide.notes for slide in module.slides)
        quiz = " ".join(f"{q.text} {plain_text(q.options)} {q.why}" for q in module.questions)
        materials = " ".join(plain_text(m.cards) for a in module.activities for m in a.materials)
        for part, text in (("slides", slides), ("notes", notes), ("quiz", quiz)):
            assert textstat.flesch_reading_ease(text) >= 60, f"{module.id} {part}"
        assert textstat.flesch_reading_ease(materials) >= 60, f"{module.id} materials"


def test_the_code_is_not_overclaimed() -> None:
    """What a reviewer found taught wrongly (issue 19) stays corrected."""
    words = " ".join(module_words(m) for m in load_course().modules).replace("\u2019", "'")
    assert "official guidance" not in words
    assert "every organisation" not in words.casefold()
    code = load_victims_code()
    assert "restorative" not in code.not_reported_note  # a Kent aim, not a Code right
    code = load_victims_code()
    rights = " ".join(f"{r.title}. {r.summary}" for r in code.rights)
    assert (
        textstat.flesch_reading_ease(f"{rights} {code.not_reported_note} {code.complaints}") >= 60
    )
    descriptions = " ".join(s.description for s in load_directory())
    assert textstat.flesch_reading_ease(descriptions) >= 60


def broken(module_text: str) -> dict[str, str]:
    files = dict(shipped_course_files())
    files["modules/01-what-is-a-victim-champion.md"] = module_text
    return files


GOOD = shipped_course_files()["modules/01-what-is-a-victim-champion.md"]


def first_line(prefix: str, after: str = "") -> str:
    """The first line of the shipped module 01 that starts with ``prefix`` (after the line
    ``after``), so these cases follow the content as Compass House edits it."""
    lines = GOOD.splitlines()
    begin = lines.index(after) + 1 if after else 0
    return next(line for line in lines[begin:] if line.startswith(prefix))


RIGHT = first_line("- [x]")
QUESTION = [line for line in GOOD.split(RIGHT)[0].splitlines() if line.startswith("Q:")][-1]
NOTE = first_line("", "Notes:")
CHECKED = first_line("Checked:")
TRAINERS = first_line("Materials: Answer card for the trainer")
ANSWERS = first_line("- ", TRAINERS)
CASES = [
    (RIGHT, RIGHT.replace("[x]", "[ ]"), QUESTION, "exactly one answer"),
    (first_line("Why:"), "Because it", "Because it", "lines start with"),
    (first_line("minutes:"), "minutes: twenty", "---", "whole number"),
    (first_line("# Activity:"), "# Activity:", "# Activity:", "activity has no title"),
    (f"Notes:\n{NOTE}", NOTE, NOTE, "slide points start with '- '"),
    ("# Quiz", "# Questions", "# Questions", "unknown heading"),
    # Issue 33: History: takes only yes; activities run 3 minutes or more; answers stay
    # in the trainer's pack.
    (CHECKED, f"{CHECKED}\nHistory: maybe", "History: maybe", "'History:' is yes"),
    (first_line("Minutes:"), "Minutes: 2", first_line("# Activity:"), "at least 3"),
    (
        f"{TRAINERS}\n{ANSWERS}",
        f"Materials: Helper answers\n- Answers. {ANSWERS[2:]}",
        "- Answers. ",
        "answers go in a set named '... for the trainer'",
    ),
]


@pytest.mark.parametrize(("old", "new", "marker", "problem"), CASES)
def test_a_broken_module_names_the_file_and_line(
    old: str, new: str, marker: str, problem: str
) -> None:
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    expected_line = next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)
    with pytest.raises(CourseContentError, match=problem) as raised:
        course_from_files(broken(text))
    assert raised.value.file_name == "01-what-is-a-victim-champion.md"
    assert raised.value.line == expected_line, str(raised.value)
    assert str(raised.value).startswith(f"01-what-is-a-victim-champion.md, line {expected_line}:")


def test_a_manifest_naming_a_missing_module_is_refused() -> None:
    files = dict(shipped_course_files())
    del files["modules/03-who-does-what.md"]
    with pytest.raises(CourseContentError, match=r"03-who-does-what\.md, which is missing"):
        course_from_files(files)


def test_a_broken_course_update_is_refused_and_the_installed_course_stays_in_use() -> None:
    from victim_champion.content.course_loader import course_in_use

    files = broken(GOOD.replace(RIGHT, RIGHT.replace("[x]", "[ ]"), 1))
    course, problem = course_in_use(files)
    assert course == load_course()
    assert problem is not None and "01-what-is-a-victim-champion.md, line" in problem
    newer = dict(shipped_course_files())
    newer["course.toml"] = newer["course.toml"].replace('version = "2026.4"', 'version = "2026.5"')
    course, problem = course_in_use(newer)
    assert course.version == "2026.5" and problem is None
