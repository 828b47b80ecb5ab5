"""The Victims' Code as versioned content: its rights in plain English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Right:
    """One right of the Code."""

    number: int
    title: str
    summary: str
    discreet_title: str = ""  # for discreet copies, where the plain one names "victim"
    discreet_summary: str = ""

    def shown(self, discreet: bool) -> tuple[str, str]:
        """The title and summary for a plain or a discreet page."""
        if not discreet:
            return self.title, self.summary
        return self.discreet_title or self.title, self.discreet_summary or self.summary


@dataclass(frozen=True)
class VictimsCode:
    """One edition of the Code (a new edition is expected after the 2026 consultation)."""

    edition: str
    title: str
    in_force: date
    rights: tuple[Right, ...]
    not_reported_note: str
    complaints: str
    source: str
    verified_on: date
