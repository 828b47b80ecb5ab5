"""The course in use on this laptop, for commands that need no passphrase.

`course list`, `print materials` and `print handout rights` show the course this laptop
teaches from: the course Compass House last published and this laptop verified at a sync,
or the one installed with the app. That course is kept in the encrypted profile, so it is
read only when VC_PASSPHRASE is given for a profile that exists; otherwise the commands
use the installed course, as before, and say so on stderr when a profile is there.
"""

from __future__ import annotations

import os

from victim_champion.cli.context import PASSPHRASE_VARIABLE, CommandContext, progress
from victim_champion.content.course_on_laptop import current_course, forget_adopted_course
from victim_champion.core.course import Course


def laptop_course(context: CommandContext) -> Course:
    """The course in use (adopted, so the Code printed is its Code too)."""
    if not context.profile().exists() or os.environ.get(PASSPHRASE_VARIABLE) is None:
        if context.profile().exists():
            progress(
                "Using the course installed with the app; set "
                f"{PASSPHRASE_VARIABLE} to use the course this laptop has from Compass House."
            )
        forget_adopted_course()
        return current_course()
    from victim_champion.operations.training import course_for

    with context.workspace() as workspace:
        course, problem = course_for(workspace)
    if problem:
        progress(problem)
    return course
