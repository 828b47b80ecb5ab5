"""Handlers for ``print certificates``, ``print handout``, ``print materials`` and ``print
next-steps``: PDFs written only to --out."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext, progress
from victim_champion.cli.laptop_course import laptop_course
from victim_champion.cli.sheet_commands import Command
from victim_champion.core.errors import InvalidInputError
from victim_champion.operations import printing
from victim_champion.operations.languages import DEFAULT_LANGUAGE, choose_language
from victim_champion.operations.printing import HandoutKind, HandoutOptions, save_pdf


def print_certificates(context: CommandContext, options: argparse.Namespace) -> int:
    """One page per attendee who completed; each certificate is recorded and audited."""
    language = choose_language(options.language)
    with context.workspace() as workspace:
        printed = printing.print_certificates(
            workspace, options.session_id, language=language, attendee_id=options.attendee
        )
    target = save_pdf(options.out, printed.pdf)
    progress(f"Wrote {printed.pages} certificates to {target}.")
    context.emit({"pages": printed.pages, "out": str(target), "codes": list(printed.codes)}, "")
    return 0


def print_handout(context: CommandContext, options: argparse.Namespace) -> int:
    """Public handouts (no personal data, so no passphrase is needed)."""
    kind = HandoutKind(options.kind)
    language = choose_language(options.language)
    if kind is HandoutKind.DIRECTORY and not options.district:
        raise InvalidInputError("Say which district with --district, for example Thanet.")
    chosen = HandoutOptions(
        district=options.district or "",
        large_print=options.large_print,
        discreet=options.discreet,
        language=language,
    )
    if kind is HandoutKind.RIGHTS:
        laptop_course(context)  # the rights are those of the Code of the course in use
    if options.web_page:  # the accessible twin: the same words as a web page
        from victim_champion.operations.web_pages import handout_web_page

        data = handout_web_page(kind, chosen).encode("utf-8")
    else:
        data = printing.print_handout(kind, chosen)
    target = save_pdf(options.out, data)
    progress(f"Wrote the {kind} handout to {target}.")
    context.emit({"out": str(target)}, "")
    return 0


def print_materials(context: CommandContext, options: argparse.Namespace) -> int:
    """The activity materials of the course in use, ready to cut out (no passphrase
    needed: without one, the installed course's)."""
    pack = printing.MaterialsPack(options.pack)
    language = choose_language(options.language)
    data = printing.print_materials(options.module, laptop_course(context), pack, language)
    target = save_pdf(options.out, data)
    progress(f"Wrote the activity materials to {target}.")
    context.emit({"out": str(target)}, "")
    return 0


def print_next_steps(context: CommandContext, options: argparse.Namespace) -> int:
    """'Where to go next', the one-page handout for Victim Champions (no passphrase)."""
    data = printing.print_next_steps(choose_language(options.language))
    target = save_pdf(options.out, data)
    progress(f"Wrote the 'Where to go next' handout to {target}.")
    context.emit({"out": str(target)}, "")
    return 0


def add_print_next_steps(kinds: argparse._SubParsersAction, command: Command) -> None:
    """Register ``print next-steps``; ``command`` is cli/main.py's way to add one."""
    parser = command(
        kinds, "next-steps", print_next_steps, "'Where to go next', for Victim Champions (one page)"
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf")
    parser.add_argument(
        "--language",
        default=DEFAULT_LANGUAGE,
        metavar="L",
        help="en-GB (default), qps-ploc or qps-deva",
    )
