"""Checks across a whole course: it fits an afternoon with time to spare, and what it says
about providers carries a source. Pure; the loader runs them on every course it accepts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from victim_champion.core.course import SESSION_MINUTES, Course, Module
from victim_champion.core.course_parts import SourceNote
from victim_champion.core.errors import CourseContentError

# A course is one afternoon of three hours (SESSION_MINUTES). The full course, with every
# transition and the optional activities a session has room for, leaves at least MIN_SLACK
# minutes for overrun; an activity shorter than MIN_ACTIVITY cannot be run in a real room.
MIN_SLACK = 10
MIN_ACTIVITY = 3
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
    """Raise the first problem: timings a room cannot keep, or a provider named with no
    source."""
    check_timing(course, manifest)
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


def check_timing(course: Course, manifest: str) -> None:
    """Every activity long enough to run, every module with a minute a slide, every optional
    activity within the session's room for them, and the full course within an afternoon
    with at least MIN_SLACK minutes to spare."""
    timing = course.timing
    for module in course.modules:
        for activity in module.activities:
            if activity.minutes < MIN_ACTIVITY:
                raise CourseContentError(
                    module.file_name,
                    activity.line or 1,
                    f"'{activity.title}' takes {activity.minutes} minutes; "
                    f"an activity needs at least {MIN_ACTIVITY}",
                )
            if activity.optional and activity.minutes + timing.transition > timing.optional_cap:
                raise CourseContentError(
                    module.file_name,
                    activity.line or 1,
                    f"the optional '{activity.title}' takes {activity.minutes} minutes and "
                    f"{timing.transition} to start and finish, more than the "
                    f"{timing.optional_cap} a session has room for ({manifest} optional_cap)",
                )
        if module.slide_minutes < len(module.slides):
            raise CourseContentError(
                module.file_name,
                1,
                f"with every activity, {module.slide_minutes} of its {module.minutes} minutes "
                f"are left for {len(module.slides)} slides; leave at least a minute a slide",
            )
    if course.slack_minutes < MIN_SLACK:
        raise CourseContentError(
            manifest,
            1,
            f"the full course takes {course.full_minutes} minutes (the short course "
            f"{course.short_minutes} and {timing.optional_cap} of optional activities), "
            f"leaving {course.slack_minutes} of a {SESSION_MINUTES}-minute afternoon; "
            f"leave at least {MIN_SLACK} minutes of slack",
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
