"""Handlers for ``course list`` and ``course check``: the installed course, what each
module holds and how long it takes, and the sources Compass House should check again."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext
from victim_champion.cli.laptop_course import laptop_course
from victim_champion.content.course_loader import load_course
from victim_champion.core.course import SESSION_MINUTES
from victim_champion.core.course_checks import (
    STALE_AFTER_MONTHS,
    history_sources,
    stale_sources,
)
from victim_champion.operations.languages import messages


def course_list(context: CommandContext, options: argparse.Namespace) -> int:
    """The course's version, and each module's id, title and counts (no passphrase needed)."""
    course = laptop_course(context)  # a verified bundle from Compass House, or installed
    modules = [
        {
            "id": m.id,
            "title": m.title,
            "minutes": m.minutes,
            "optional_minutes": m.optional_minutes,
            "slides": len(m.slides),
            "activities": len(m.activities),
            "quiz_questions": len(m.questions),
        }
        for m in course.modules
    ]
    lines = [f"{course.title}, version {course.version} (Victims' Code {course.code_edition})"]
    lines += [
        f"  {m['id']:<34} {m['slides']} slides, {m['activities']} activities, "
        f"{m['quiz_questions']} questions, {m['minutes']} min "
        f"({m['optional_minutes']} optional)  {m['title']}"
        for m in modules
    ]
    timing = course.timing
    lines.append(
        f"Full course {course.full_minutes} minutes with transitions and "
        f"{timing.optional_cap} minutes of optional activities; {course.slack_minutes} "
        f"minutes of slack in a {SESSION_MINUTES // 60}-hour afternoon; "
        f"{course.short_minutes} without optional activities."
    )
    context.emit(
        {
            "title": course.title,
            "version": course.version,
            "code_edition": course.code_edition,
            "modules": modules,
            "minutes": {
                "modules": sum(m.minutes for m in course.modules),
                "welcome": timing.welcome,
                "quiz_before": timing.quiz_before,
                "break": timing.break_,
                "quiz_after": timing.quiz_after,
                "feedback": timing.feedback,
                "core": course.core_minutes,
                "transition": timing.transition,
                "transitions": course.core_transitions,
                "optional_cap": timing.optional_cap,
                "short": course.short_minutes,
                "full": course.full_minutes,
                "session": SESSION_MINUTES,
                "slack": course.slack_minutes,
                # Kept for scripts written before issue 33: now the same as full and short.
                "total": course.full_minutes,
                "without_optional": course.short_minutes,
            },
        },
        "\n".join(lines),
    )
    return 0


def course_check(context: CommandContext, options: argparse.Namespace) -> int:
    """The course passed every check on load (or this exits with the first problem); list
    the provider statements whose source is undated or over a year older than its check."""
    course = load_course()
    stale = [
        {
            "module": module.id,
            "statement": note.statement,
            "source": note.source,
            "dated": note.dated,
            "checked": note.checked,
        }
        for module, note in stale_sources(course)
    ]
    history = len(history_sources(course))
    kept = "1 statement is" if history == 1 else f"{history} statements are"
    lines = [
        f"{course.title} {course.version}: every check passed. "
        + messages().plural("course.stale_sources", len(stale), months=STALE_AFTER_MONTHS)
        + "; check them again before publishing:"
    ]
    lines += [f"  [{s['module']}] {s['statement']} ({s['source']}, {s['dated']})" for s in stale]
    lines.append(f"{kept} kept as history (History: yes), so their age is not listed.")
    context.emit(
        {"version": course.version, "stale_sources": stale, "history_statements": history},
        "\n".join(lines),
    )
    return 0
