"""Correcting a register from the command line: attendance, completion and its undoing,
a person's details, removing a person, and deleting a session (CLI.md, issue 17).

Every refusal is one sentence from the store; nothing here prints a person's details
(``attendees list`` is the command that shows them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from victim_champion.cli.context import CommandContext, progress
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.errors import InvalidInputError, NotFoundError
from victim_champion.core.training_day import Attendance
from victim_champion.operations.languages import messages

NOT_CONFIRMED = "The session was not deleted."


def _people(count: int) -> str:
    return messages().plural("count.people", count)


def attendees_mark(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees mark``: present, late, left early, or absent (which undoes a mark)."""
    status = Attendance(options.status)
    with context.training() as training:
        training.mark_attendance(options.session_id, options.attendee_ids, status)
    count = len(options.attendee_ids)
    context.emit(
        {"marked": count, "status": status.value}, f"Marked {_people(count)} {status.value}."
    )
    return 0


def attendees_complete(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees complete [--undo]``: completion makes a certificate due; --undo takes it
    back (refused once a certificate was printed). Completing someone never marked present
    is allowed, with a warning, as a trainer may have forgotten to mark them."""
    with context.training() as training:
        if options.undo:
            undone = training.undo_completion(options.session_id, options.attendee_ids)
            context.emit({"undone": undone}, f"Took back completion for {_people(len(undone))}.")
            return 0
        register = {a.id: a for a in training.register(options.session_id)}
        done = training.complete(options.session_id, options.attendee_ids)
    absent = [i for i in done if i in register and not _attended(register[i].attendance)]
    if absent:
        progress(
            f"Warning: {_people(len(absent))} completed without being marked present; "
            "check the register before printing certificates."
        )
    context.emit(
        {"completed": done, "not_marked_present": absent},
        f"Marked {_people(len(done))} as completed.",
    )
    return 0


def _attended(attendance: str | None) -> bool:
    return attendance is not None and Attendance(attendance).attended


def attendees_edit(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees edit``: correct a person; fields not given stay as they are."""
    with context.training() as training:
        person = next(
            (a for a in training.register(options.session_id) if a.id == options.attendee_id),
            None,
        )
        if person is None:
            raise NotFoundError("attendee in this session", options.attendee_id)
        d = person.details
        details = AttendeeDetails(
            name=" ".join(options.name.split()) if options.name is not None else d.name,
            email=options.email.strip() if options.email is not None else d.email,
            phone=options.phone.strip() if options.phone is not None else d.phone,
            organisation=options.organisation.strip()
            if options.organisation is not None
            else d.organisation,
            role=options.role.strip() if options.role is not None else d.role,
            consent_contact=d.consent_contact,
        )
        training.edit_person(options.session_id, options.attendee_id, details)
    context.emit({"edited": options.attendee_id}, "Corrected 1 person.")
    return 0


def attendees_remove(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees remove``: the person leaves the register, and the hub forgets them."""
    with context.training() as training:
        training.remove_person(options.session_id, options.attendee_id)
    context.emit({"removed": options.attendee_id}, "Removed 1 person from the register.")
    return 0


def session_delete(context: CommandContext, options: argparse.Namespace) -> int:
    """``session delete``: asks first on a terminal; a script (stdin not a terminal) is
    taken to mean it."""
    with context.training() as training:
        session = training.session(options.session_id)
        if sys.stdin.isatty():
            people = len(training.register(session.id))
            answer = input(
                f"Delete '{session.title}' on {session.date.isoformat()}, with its register "
                f"of {_people(people)}, scores and feedback? Type yes to delete: "
            )
            if answer.strip().casefold() != "yes":
                raise InvalidInputError(NOT_CONFIRMED)
        training.delete_session(session.id)
    context.emit({"deleted": session.id}, "Session deleted.")
    return 0


def add_register_commands(
    attendee_commands: argparse._SubParsersAction,
    session_commands: argparse._SubParsersAction,
    command: Callable[..., argparse.ArgumentParser],
) -> None:
    """Register the correcting commands; ``command`` is cli/main.py's way to add one."""
    mark = command(attendee_commands, "mark", attendees_mark, "attendance")
    mark.add_argument("session_id", metavar="SESSION_ID")
    mark.add_argument("attendee_ids", metavar="ATTENDEE_ID", nargs="+")
    mark.add_argument(
        "--status", required=True, choices=[a.value for a in Attendance], help="how they attended"
    )
    complete = command(
        attendee_commands, "complete", attendees_complete, "mark (or --undo) course completion"
    )
    complete.add_argument("session_id", metavar="SESSION_ID")
    complete.add_argument("attendee_ids", metavar="ATTENDEE_ID", nargs="+")
    complete.add_argument(
        "--undo", action="store_true", help="take completion back (before any certificate)"
    )
    edit = command(attendee_commands, "edit", attendees_edit, "correct a person's details")
    edit.add_argument("session_id", metavar="SESSION_ID")
    edit.add_argument("attendee_id", metavar="ATTENDEE_ID")
    for field in ("name", "email", "phone", "organisation", "role"):
        edit.add_argument(f"--{field}", metavar=field[0].upper())
    remove = command(attendee_commands, "remove", attendees_remove, "take a person off")
    remove.add_argument("session_id", metavar="SESSION_ID")
    remove.add_argument("attendee_id", metavar="ATTENDEE_ID")
    delete = command(session_commands, "delete", session_delete, "delete a session")
    delete.add_argument("session_id", metavar="SESSION_ID")
