"""Handlers for ``session`` and ``attendees``: sessions and their registers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from victim_champion.cli.context import CommandContext, progress
from victim_champion.content.district_loader import load_districts
from victim_champion.core.attendees import Attendee
from victim_champion.core.errors import ImportRowsError, InvalidInputError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import (
    Session,
    SessionKind,
    clean_text,
    parse_session_date,
)
from victim_champion.operations.register_import import read_register_file


def session_json(session: Session) -> dict[str, Any]:
    """A session as the --json contract shows it."""
    district = load_districts().by_id(session.district_id)
    return {
        "id": session.id,
        "kind": session.kind.value,
        "title": session.title,
        "venue": session.venue,
        "district": district.name if district else session.district_id,
        "district_id": session.district_id,
        "date": session.date.isoformat(),
        "facilitators": list(session.facilitators),
    }


def session_create(context: CommandContext, options: argparse.Namespace) -> int:
    """``session create``: validate everything before asking for the passphrase."""
    draft = Session(
        id=new_id(),
        kind=SessionKind.parse(options.kind),
        title=clean_text(options.title, "title"),
        venue=clean_text(options.venue, "venue"),
        district_id=load_districts().resolve(options.district).id,
        date=parse_session_date(options.date),
        facilitators=tuple(clean_text(f, "facilitator") for f in options.facilitator or ()),
    )
    with context.training() as training:
        session = training.create_session(draft)
    context.emit(session_json(session), session.id)
    return 0


def session_list(context: CommandContext, options: argparse.Namespace) -> int:
    """``session list``: newest first."""
    with context.training() as training:
        sessions = training.sessions()
    lines = [
        f"{s.id}  {s.date.isoformat()}  {s.kind.value:<8}  "
        f"{session_json(s)['district']:<22}  {s.title}"
        for s in sessions
    ]
    context.emit([session_json(s) for s in sessions], "\n".join(lines) or "No sessions yet.")
    return 0


def _columns(given: list[str] | None) -> dict[str, str] | None:
    """--column FIELD=HEADING (repeatable): the file's columns matched by hand."""
    if not given:
        return None
    columns: dict[str, str] = {}
    for pair in given:
        field, separator, heading = pair.partition("=")
        if not separator or not field.strip():
            raise InvalidInputError(
                f"--column takes FIELD=HEADING, for example name='Delegate name'; got '{pair}'."
            )
        columns[field.strip()] = heading.strip()
    return columns


def attendees_import(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees import``: all good rows or nothing, unless --skip-bad."""
    plan = read_register_file(Path(options.file), _columns(options.column))
    problems = [{"line": line, "problem": problem} for line, problem in plan.errors]
    with context.training() as training:
        try:
            result = training.import_plan(
                options.session_id,
                plan,
                skip_bad=options.skip_bad,
                include_duplicates=options.include_duplicates,
            )
        except ImportRowsError:
            if context.as_json:
                context.emit({"imported": 0, "attendee_ids": [], "errors": problems}, "")
            for line, problem in plan.errors:
                progress(f"line {line}: {problem}.")
            raise
    for line, problem in plan.errors:
        progress(f"skipped line {line}: {problem}.")
    if plan.ignored_columns:
        progress(f"Ignored columns not kept by the register: {', '.join(plan.ignored_columns)}.")
    for line in result.duplicates:
        progress(f"skipped line {line}: already on the register (same name and email).")
    summary = {
        "imported": len(result.attendee_ids),
        "attendee_ids": result.attendee_ids,
        "skipped": problems,
        "duplicates": result.duplicates,
        "ignored_columns": plan.ignored_columns,
    }
    context.emit(summary, f"Imported: {result.summary}")
    return 0


def attendee_json(attendee: Attendee) -> dict[str, Any]:
    """An attendee as the --json contract shows it."""
    d = attendee.details
    consent = attendee.contact_consent
    return {
        "id": attendee.id,
        "session_id": attendee.session_id,
        "name": d.name,
        "email": d.email,
        "phone": d.phone,
        "organisation": d.organisation,
        "role": d.role,
        "consent_contact": d.consent_contact,
        "consent_expires_at": consent.expires_at.isoformat() if consent else None,
        "attendance": attendee.attendance,
        "completed": attendee.completed_at is not None,
        "completed_at": attendee.completed_at.isoformat() if attendee.completed_at else None,
    }


def attendees_list(context: CommandContext, options: argparse.Namespace) -> int:
    """``attendees list``: the register (this command exists to show personal data)."""
    with context.training() as training:
        register = training.register(options.session_id)
    lines = [
        f"{a.id}  {'completed' if a.completed_at else '         '}  {a.name}"
        + (f" ({a.details.organisation})" if a.details.organisation else "")
        for a in register
    ]
    context.emit([attendee_json(a) for a in register], "\n".join(lines) or "Nobody yet.")
    return 0
