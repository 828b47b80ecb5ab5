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
