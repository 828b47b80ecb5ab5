"""Training and drop-in sessions: what they are and the rules for a valid one."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from victim_champion.core.errors import InvalidInputError

MAX_TEXT = 200


class SessionKind(enum.StrEnum):
    """A Victim Champion training session, or a Compass Point drop-in desk."""

    TRAINING = "training"
    DROP_IN = "drop-in"

    @classmethod
    def parse(cls, given: str) -> SessionKind:
        """Accept 'training', 'drop-in' (or 'drop_in', 'dropin'), any case."""
        folded = given.strip().casefold().replace("_", "-")
        if folded == "dropin":
            folded = "drop-in"
        try:
            return cls(folded)
        except ValueError:
            raise InvalidInputError("The session kind must be 'training' or 'drop-in'.") from None


@dataclass(frozen=True, slots=True)
class Session:
    """One training or drop-in session at a venue on a date."""

    id: str
    kind: SessionKind
    title: str
    venue: str
    district_id: str
    date: date
    facilitators: tuple[str, ...] = ()
    created_at: datetime | None = field(default=None, compare=False)


def clean_text(value: str, what: str, *, required: bool = True) -> str:
    """Trim a free-text field and check it is present (if required) and not overlong."""
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise InvalidInputError(f"The {what} is missing; give a short {what}.")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInputError(f"The {what} is too long; keep it under {MAX_TEXT} characters.")
    return cleaned


def parse_session_date(given: str) -> date:
    """Parse YYYY-MM-DD, with a sentence a trainer can act on when it is wrong."""
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise InvalidInputError(
            "The date must be written as YYYY-MM-DD, for example 2026-03-14."
        ) from None


def in_working_order(sessions: list[Session], today: date) -> list[Session]:
    """Today's sessions first, then the coming ones (soonest first), then past ones
    (newest first): what a trainer in the hall, or planning the next, looks for."""
    todays = [s for s in sessions if s.date == today]
    coming = sorted((s for s in sessions if s.date > today), key=lambda s: s.date)
    past = sorted((s for s in sessions if s.date < today), key=lambda s: s.date, reverse=True)
    return todays + coming + past
