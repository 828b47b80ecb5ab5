"""Checks across a whole course: it fits an afternoon, and what it says about providers
carries a source. Pure; the loader runs them on every course it accepts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from victim_champion.core.course import Course, Module
from victim_champion.core.course_parts import SourceNote
from victim_champion.core.errors import CourseContentError

# A session is two to three hours. The full course fills 150-180 minutes with the welcome,
# break, quizzes and feedback; leaving out the optional activities fits it in two hours.
FULL_MINUTES = (150, 180)
SHORT_LIMIT = 120
STALE_AFTER_MONTHS = 12


def module_words(module: Module) -> str:
    """Everything a module says: slides, notes, activities, materials and quiz."""
    parts = [module.title]
    for slide in module.slides:
        parts += [slide.title, *slide.points, slide.notes]
    for activity in module.activities:
        parts += [activity.title, activity.text]
        parts += [card for materials in activity.materials for card in materials.cards]
    for question in module.questions:
        parts += [question.text, *question.options, question.why]
    return " ".join(parts)


def check_course(course: Course, providers: Sequence[str], manifest: str) -> None:
    """Raise the first problem: timings out of range, or a provider named with no source."""
    low, high = FULL_MINUTES
    if not low <= course.total_minutes <= high:
        raise CourseContentError(
            manifest,
            1,
            f"the course takes {course.total_minutes} minutes with its breaks; "
            f"it must take {low} to {high}",
        )
    if course.short_minutes > SHORT_LIMIT:
        raise CourseContentError(
            manifest,
            1,
            f"without its optional activities the course takes {course.short_minutes} "
            f"minutes; mark more as optional so it fits in {SHORT_LIMIT}",
        )
    for module in course.modules:
        words = module_words(module)
        for provider in providers:
            name = re.compile(rf"\b{re.escape(provider)}")  # as written: "Choices" not "choices"
            named = name.search(words) is not None
            sourced = any(name.search(note.statement) for note in module.sources)
            if named and not sourced:
                raise CourseContentError(
                    module.file_name,
                    1,
                    f"it names {provider} but no '# Sources' statement says where that comes from",
                )


def stale_sources(course: Course) -> list[tuple[Module, SourceNote]]:
    """Statements whose source is undated or more than 12 months older than its check:
    for Compass House to check again before it publishes a version. A history statement
    ('History: yes') says what was so at its source's date, so its age is no fault."""
    return [
        (m, note)
        for m, note in course.sources()
        if not note.history and note.is_stale(STALE_AFTER_MONTHS)
    ]


def history_sources(course: Course) -> list[tuple[Module, SourceNote]]:
    """Statements kept as history ('History: yes'), which the stale list leaves out."""
    return [(m, note) for m, note in course.sources() if note.history]
