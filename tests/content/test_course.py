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
from victim_champion.core.errors import CourseContentError

TOPICS = {
    "what-is-a-victim-champion": ["Victim Champion"],
    "the-twelve-rights": ["1 April 2021", "Victim Personal Statement", "Victim Contact Scheme"],
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
    "restorative-justice": ["Restorative Solutions", "victim initiated", "reported or not"],
    "how-to-challenge": ["complain", "Ombudsman", "reviewed", "Police and Crime Commissioner"],
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
        assert len(module.questions) >= 3, module.id
        for question in module.questions:
            assert 0 <= question.answer < len(question.options) and question.why


def test_each_module_covers_its_topics() -> None:
    for module in load_course().modules:
        text = " ".join(
            [module.title]
            + [" ".join([s.title, *s.points, s.notes]) for s in module.slides]
            + [q.text + " " + q.why for q in module.questions]
        )
        for topic in TOPICS[module.id]:
            assert topic.casefold() in text.casefold(), f"{module.id} never mentions {topic}"


def test_the_course_and_the_code_agree_on_the_version_and_the_rights() -> None:
    course, code = load_course(), load_victims_code()
    assert course.code_edition == code.edition
    rights_module = next(m for m in course.modules if m.id == "the-twelve-rights")
    slide_text = " ".join(" ".join(s.points) for s in rights_module.slides)
    for right in code.rights:
        assert f"{right.number}:" in slide_text, f"right {right.number} is not on a slide"


def test_slides_and_handouts_are_plain_english() -> None:
    for module in load_course().modules:
        text = " ".join(plain_text(slide.points) for slide in module.slides)
        assert textstat.flesch_reading_ease(text) >= 60, module.id
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


CASES = [
    ("- [x] To listen", "- [ ] To listen", "Q: What is the main job", "exactly one answer"),
    ("Why: A Victim Champion listens", "Because it", "Because it", "lines start with"),
    ("minutes: 20", "minutes: twenty", "---", "whole number"),
    ("# Activity: What would you want?", "# Activity:", "# Activity:", "activity has no title"),
    (
        "Notes:\nWelcome everyone",
        "Welcome everyone",
        "Welcome everyone",
        "slide points start with '- '",
    ),
    ("# Quiz", "# Questions", "# Questions", "unknown heading"),
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

    files = broken(GOOD.replace("- [x] To listen", "- [ ] To listen", 1))
    course, problem = course_in_use(files)
    assert course == load_course()
    assert problem is not None and "01-what-is-a-victim-champion.md, line" in problem
    newer = dict(shipped_course_files())
    newer["course.toml"] = newer["course.toml"].replace('version = "2026.2"', 'version = "2026.3"')
    course, problem = course_in_use(newer)
    assert course.version == "2026.3" and problem is None
