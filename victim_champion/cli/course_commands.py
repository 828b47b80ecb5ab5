"""Handler for ``course list``: the installed course and what each module holds."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext
from victim_champion.content.course_loader import load_course


def course_list(context: CommandContext, options: argparse.Namespace) -> int:
    """The course's version, and each module's id, title and counts (no passphrase needed)."""
    course = load_course()
    modules = [
        {
            "id": m.id,
            "title": m.title,
            "minutes": m.minutes,
            "slides": len(m.slides),
            "activities": len(m.activities),
            "quiz_questions": len(m.questions),
        }
        for m in course.modules
    ]
    lines = [f"{course.title}, version {course.version} (Victims' Code {course.code_edition})"]
    lines += [
        f"  {m['id']:<34} {m['slides']} slides, {m['activities']} activities, "
        f"{m['quiz_questions']} questions  {m['title']}"
        for m in modules
    ]
    context.emit(
        {
            "title": course.title,
            "version": course.version,
            "code_edition": course.code_edition,
            "modules": modules,
        },
        "\n".join(lines),
    )
    return 0
