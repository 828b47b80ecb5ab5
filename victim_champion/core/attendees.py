"""Attendees of a session: a name, optional contact details, organisation and role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.consent import Consent
from victim_champion.core.plain_text import text_problem

MAX_NAME = 120
MAX_FIELD = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_ALLOWED = re.compile(r"^[0-9+()\-. ]+$")
MIN_PHONE_DIGITS = 7


@dataclass(frozen=True, slots=True)
class AttendeeDetails:
    """What a sign-up list or quick add gives us about one person; only the name is required."""

    name: str
    email: str = ""
    phone: str = ""
    organisation: str = ""
    role: str = ""
    consent_contact: bool = False


@dataclass(frozen=True, slots=True)
class Attendee:
    """A person on a session's register."""

    id: str
    session_id: str
    details: AttendeeDetails
    completed_at: datetime | None = None
    contact_consent: Consent | None = None
    attendance: str | None = None  # a core.training_day.Attendance value, once marked

    @property
    def name(self) -> str:
        """The attendee's name as they gave it."""
        return self.details.name


def problems_with(details: AttendeeDetails) -> list[str]:
    """Every reason these details cannot be stored, as sentences naming fields, not values."""
    problems: list[str] = []
    fields = {
        "name": details.name,
        "email address": details.email,
        "phone number": details.phone,
        "organisation": details.organisation,
        "role": details.role,
    }
    unsafe = [text_problem(value, f"the {label}") for label, value in fields.items()]
    problems.extend(problem for problem in unsafe if problem is not None)
    if problems:
        return problems  # the other checks would only repeat the same fault
    if not details.name.strip():
        problems.append("the name is missing")
    elif len(details.name) > MAX_NAME:
        problems.append(f"the name is longer than {MAX_NAME} characters")
    if details.email and not _EMAIL.match(details.email):
        problems.append("the email address is not valid")
    if details.phone and (
        not _PHONE_ALLOWED.match(details.phone)
        or sum(ch.isdigit() for ch in details.phone) < MIN_PHONE_DIGITS
    ):
        problems.append("the phone number is not valid")
    for label, value in (("organisation", details.organisation), ("role", details.role)):
        if len(value) > MAX_FIELD:
            problems.append(f"the {label} is longer than {MAX_FIELD} characters")
    return problems


def as_sentence(problem: str) -> str:
    """A problem from problems_with as a sentence: first letter capital, the rest as it is
    (``str.capitalize`` would turn "U+0000" into "u+0000")."""
    return f"{problem[:1].upper()}{problem[1:]}."
