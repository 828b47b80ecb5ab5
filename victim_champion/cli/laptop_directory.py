"""The directory in use on this laptop, for commands that print or search it.

`print sheet` and `directory search` give what the desk gives: the directory Compass House
last published and this laptop verified at a sync, or the one installed with the app. The
synced edition is kept in the encrypted profile, so it is read only when VC_PASSPHRASE is
given for a profile that exists; otherwise the commands use the installed directory, and
say so on stderr when a profile is there (as the course commands do, cli/laptop_course.py).
"""

from __future__ import annotations

import os

from victim_champion.cli.context import PASSPHRASE_VARIABLE, CommandContext, progress


def use_laptop_directory(context: CommandContext) -> None:
    """Adopt the directory this laptop has from Compass House, if it can be read."""
    if not context.profile().exists() or os.environ.get(PASSPHRASE_VARIABLE) is None:
        if context.profile().exists():
            progress(
                "Using the directory installed with the app; set "
                f"{PASSPHRASE_VARIABLE} to use the one this laptop has from Compass House."
            )
        return  # a new process has adopted nothing: the installed directory is in use
    from victim_champion.operations.signposting_desk import directory_for

    with context.workspace() as workspace:
        problem = directory_for(workspace)
    if problem:
        progress(problem)
