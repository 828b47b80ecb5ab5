"""The ``victim-champion`` parser, dispatch and error handling."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from victim_champion import __version__
from victim_champion.cli import (
    course_commands,
    directory_commands,
    leaflet_commands,
    print_commands,
    profile_commands,
    quiz_sheet_commands,
    record_commands,
    register_commands,
    self_test,
    sheet_commands,
    signpost_commands,
    staff_commands,
    sync_commands,
)
from victim_champion.cli.context import CommandContext
from victim_champion.core.errors import (
    InvalidInputError,
    VictimChampionError,
    is_disk_full,
    message_for,
)
from victim_champion.operations.languages import DEFAULT_LANGUAGE
from victim_champion.operations.printing import HandoutKind, MaterialsPack

Handler = Callable[[CommandContext, argparse.Namespace], int]
EXIT_FAILURE = 1
EXIT_UNEXPECTED = 70


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command; SUPPRESS stops a subcommand's default
    # from overwriting a value given at the top.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--data-dir", default=default, help="profile folder (or VC_DATA_DIR)")
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="show tracebacks",
    )


def _command(
    commands: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    help_text: str,
    *,
    json_option: bool = True,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    _common(parser, top=False)
    if json_option:
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.set_defaults(handler=handler)
    return parser


DesktopOpener = Callable[[Path, bool], int]


def _no_desktop(data_dir: Path, demo: bool) -> int:
    raise InvalidInputError("Give a command; run 'victim-champion --help' to list them.")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree of shared/design/CLI.md."""
    parser = argparse.ArgumentParser(
        prog="victim-champion",
        description="Victim Champion: offline outreach for trainers and Compass Point workers.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a throwaway profile of synthetic demo data",
    )
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _command(commands, "init", profile_commands.init, "create a new encrypted profile")
    _command(
        commands,
        "export-key",
        profile_commands.export_key,
        "print the raw SQLCipher key (disaster recovery)",
        json_option=False,
    )
    _command(commands, "self-test", self_test.self_test, "headless checks of this install")
    staff_commands.add_commands(commands, _command)

    session = commands.add_parser("session", help="training and drop-in sessions")
    session_commands = session.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    create = _command(
        session_commands,
        "create",
        record_commands.session_create,
        "create a session and print its id",
    )
    create.add_argument("--kind", required=True, help="training or drop-in")
    create.add_argument("--title", required=True)
    create.add_argument("--district", required=True, help="a Kent district, or Medway")
    create.add_argument("--venue", required=True)
    create.add_argument("--date", required=True, help="YYYY-MM-DD")
    create.add_argument("--facilitator", action="append", help="trainer's name (repeatable)")
    _command(session_commands, "list", record_commands.session_list, "sessions, newest first")

    attendees = commands.add_parser("attendees", help="a session's register")
    attendee_commands = attendees.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    imports = _command(
        attendee_commands, "import", record_commands.attendees_import, "import a sign-up list (CSV)"
    )
    imports.add_argument("session_id", metavar="SESSION_ID")
    imports.add_argument("file", metavar="FILE.csv")
    imports.add_argument(
        "--skip-bad", action="store_true", help="import the good rows even if some rows are bad"
    )
    imports.add_argument(
        "--column",
        action="append",
        metavar="FIELD=HEADING",
        help="match a column by hand (name, first_name, last_name, email, phone, "
        "organisation, role, consent_contact); wins over the automatic match",
    )
    imports.add_argument(
        "--include-duplicates",
        action="store_true",
        help="add people already on the register (same name and email) again",
    )
    listing = _command(attendee_commands, "list", record_commands.attendees_list, "the register")
    listing.add_argument("session_id", metavar="SESSION_ID")
    register_commands.add_register_commands(attendee_commands, session_commands, _command)
    _print_commands(commands)
    _signpost_commands(commands)
    enrolling = _command(commands, "enrol", sync_commands.enrol, "enrol with the hub")
    enrolling.add_argument("--hub", required=True, metavar="URL")
    enrolling.add_argument("--code", required=True)
    enrolling.add_argument(
        "--ca-file", metavar="FILE", help="an extra certificate authority (PEM) for the hub's TLS"
    )
    syncing = _command(commands, "sync", sync_commands.sync, "one sync round with the hub")
    syncing.add_argument("--hub", metavar="URL", help="reach the enrolled hub by another address")
    course = commands.add_parser("course", help="the installed course")
    course_commands_ = course.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    _command(course_commands_, "list", course_commands.course_list, "modules and their contents")
    _command(
        course_commands_,
        "check",
        course_commands.course_check,
        "check the course; list sources to check again",
    )
    directory = commands.add_parser("directory", help="the services directory")
    directory_commands_ = directory.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True
    )
    search = _command(
        directory_commands_,
        "search",
        directory_commands.directory_search,
        "ranked services for needs in a district",
    )
    search.add_argument("--need", action="append", help="a need (repeatable)")
    search.add_argument("--district", help="a Kent district, or Medway")
    search.add_argument(
        "--group", action="append", metavar="lgbt|men", help="what the person said they are"
    )
    sheet_commands.add_directory_needs(directory_commands_, _command)
    return parser


def _print_commands(commands: argparse._SubParsersAction) -> None:
    printing = commands.add_parser("print", help="certificates and handouts (PDF)")
    kinds = printing.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    certificates = _command(
        kinds,
        "certificates",
        print_commands.print_certificates,
        "one page per attendee who completed",
    )
    certificates.add_argument("session_id", metavar="SESSION_ID")
    certificates.add_argument("--out", required=True, metavar="FILE.pdf")
    certificates.add_argument(
        "--attendee", metavar="ATTENDEE_ID", help="only this person's certificate (a reprint)"
    )
    _language_option(certificates)
    handout = _command(
        kinds, "handout", print_commands.print_handout, "public handouts, with no personal data"
    )
    handout.add_argument("kind", choices=[kind.value for kind in HandoutKind])
    handout.add_argument("--district", help="for the directory: a Kent district, or Medway")
    handout.add_argument("--large-print", action="store_true", help="body text 16 pt or more")
    handout.add_argument(
        "--discreet", action="store_true", help="a plain cover that does not say 'victim'"
    )
    handout.add_argument(
        "--web-page",
        action="store_true",
        help="write the accessible twin (HTML, the same words) instead of the PDF",
    )
    handout.add_argument("--out", required=True, metavar="FILE.pdf")
    _language_option(handout)
    materials = _command(
        kinds, "materials", print_commands.print_materials, "activity cards, ready to cut out"
    )
    materials.add_argument("--module", metavar="ID", help="only this module (course list)")
    materials.add_argument(
        "--pack",
        choices=[pack.value for pack in MaterialsPack],
        default=MaterialsPack.BOTH.value,
        help="the cards for the room, the trainer's pack (answers), or both (default; "
        "the trainer's pack last, on pages of its own)",
    )
    materials.add_argument("--out", required=True, metavar="FILE.pdf")
    _language_option(materials)
    sheet_commands.add_print_sheet(kinds, _command)
    print_commands.add_print_next_steps(kinds, _command)
    quiz_sheet_commands.add_print_quiz_sheets(kinds, _command)
    leaflet_commands.add_leaflet_commands(commands, kinds, _command)


def _language_option(parser: argparse.ArgumentParser) -> None:
    # Checked by the handler, not by choices=, so an unknown one is our one sentence.
    parser.add_argument(
        "--language",
        default=DEFAULT_LANGUAGE,
        metavar="L",
        help="the language of the printed words: en-GB (default); qps-ploc, qps-deva to test",
    )


def _signpost_commands(commands: argparse._SubParsersAction) -> None:
    signpost = commands.add_parser("signpost", help="Compass Point records")
    sub = signpost.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    record = _command(
        sub, "record", signpost_commands.signpost_record, "keep the smallest record; refer"
    )
    record.add_argument("--district", required=True, help="a Kent district, or Medway")
    record.add_argument("--need", action="append", default=[], metavar="NEED", help="repeatable")
    record.add_argument(
        "--service", action="append", default=[], metavar="ID", help="given to them (repeatable)"
    )
    record.add_argument("--refer", metavar="SERVICE", help="refer to this service, with consent")
    record.add_argument("--consent", choices=("yes", "no"), default="no")
    record.add_argument("--contact-name", default="")
    record.add_argument("--contact-phone", default="")
    record.add_argument("--contact-email", default="")
    # Safe contact (issue 18): sealed with the contact details, as in the app's dialog.
    yes_no = ("yes", "no")
    record.add_argument("--safe-to-call", choices=yes_no, default="")
    record.add_argument("--best-times", default="", metavar="TEXT")
    record.add_argument("--voicemail-ok", choices=yes_no, default="")
    record.add_argument("--safe-to-write", choices=yes_no, default="", help="letters and email")
    record.add_argument("--safe-word", default="", metavar="TEXT", help="a word or name to use")
    record.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the conversation")
    forget = _command(
        sub, "forget", signpost_commands.signpost_forget, "forget me: erase a record everywhere"
    )
    forget.add_argument("record_id", metavar="RECORD_ID")
    withdraw = _command(
        sub,
        "withdraw-consent",
        signpost_commands.signpost_withdraw_consent,
        "withdraw consent: cancel a referral not yet sent, or tell the hub",
    )
    withdraw.add_argument("record_id", metavar="RECORD_ID")
    # Checked by the handler, not by choices=, so a slip is answered in one sentence.
    withdraw.add_argument("--purpose", required=True, metavar="referral|contact")


def _write_utf8() -> None:
    """UTF-8 out on every platform, to a console, a pipe or a file. Windows Python would
    otherwise write pipes and files in the ANSI code page (cp1252) and stop with
    UnicodeEncodeError at a name such as "Wąsik"."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8")


UNEXPECTED = "An unexpected error stopped the command; run it again with --debug for details."


def main(argv: Sequence[str] | None = None, open_desktop: DesktopOpener = _no_desktop) -> int:
    """Run one command; errors become one sentence on stderr and a non-zero exit.

    With no command, ``open_desktop`` (given by the composition root, app.py) opens the
    desktop app on the profile, or on the demo profile with --demo.
    """
    _write_utf8()
    parser = build_parser()
    options = parser.parse_args(argv)
    handler: Handler = getattr(
        options, "handler", lambda context, _: open_desktop(context.data_dir, options.demo)
    )
    context = CommandContext.from_options(options.data_dir, getattr(options, "json", False))
    try:
        return handler(context, options)
    except VictimChampionError as error:
        if options.debug:
            traceback.print_exc()
        print(error.message, file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("Stopped; nothing more was changed.", file=sys.stderr)
        return 130
    except Exception as error:
        if options.debug:
            traceback.print_exc()
        # The exception text could quote data, so it is shown only with --debug.
        print(message_for(error, UNEXPECTED), file=sys.stderr)
        return EXIT_FAILURE if is_disk_full(error) else EXIT_UNEXPECTED
