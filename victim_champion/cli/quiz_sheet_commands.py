"""Handler for ``print quiz-sheets``: numbered answer sheets for a whole room, written only
to --out. They carry the questions the kiosk would ask that session before or after the
course (from the course in use), and ask for no name; the app's Enter quiz sheets grid
types them in afterwards. --language prints them in another language, as ``print handout``
does."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from victim_champion.cli.context import CommandContext, progress
from victim_champion.core.training_day import QuizPhase
from victim_champion.operations.languages import DEFAULT_LANGUAGE, choose_language
from victim_champion.operations.printing import save_pdf
from victim_champion.operations.training import Training

PHASES = {"before": QuizPhase.PRE, "after": QuizPhase.POST}
Command = Callable[..., argparse.ArgumentParser]


def print_quiz_sheets(context: CommandContext, options: argparse.Namespace) -> int:
    """``print quiz-sheets SESSION_ID --phase before|after --count N [--first N]
    [--language L] --out F``."""
    phase = PHASES[options.phase]
    language = choose_language(options.language)
    with context.workspace() as workspace:
        pdf = Training(workspace).print_quiz_sheets(
            options.session_id, phase, options.count, options.first, language
        )
    target = save_pdf(options.out, pdf)
    last = options.first + options.count - 1
    progress(
        f"Wrote quiz sheets {options.first} to {last} ({options.phase} the course) to {target}; "
        "print them on both sides."
    )
    context.emit({"out": str(target), "sheets": options.count, "first": options.first}, "")
    return 0


def add_print_quiz_sheets(kinds: argparse._SubParsersAction, command: Command) -> None:
    """Register ``print quiz-sheets``; ``command`` is cli/main.py's way to add one."""
    parser = command(
        kinds,
        "quiz-sheets",
        print_quiz_sheets,
        "numbered quiz sheets for the whole room (two sides each, no names)",
    )
    parser.add_argument("session_id", metavar="SESSION_ID")
    parser.add_argument("--phase", required=True, choices=sorted(PHASES))
    parser.add_argument("--count", required=True, type=int, metavar="N", help="how many sheets")
    parser.add_argument(
        "--first", type=int, default=1, metavar="N", help="the first sheet's number (default 1)"
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf")
    parser.add_argument(
        "--language",
        default=DEFAULT_LANGUAGE,
        metavar="L",
        help="the language of the printed words: en-GB (default); qps-ploc, qps-deva to test",
    )
