"""Time as the domain sees it: always timezone-aware UTC, and injectable for tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC, with its timezone attached."""
    return datetime.now(UTC)


def long_date(day: date) -> str:
    """ "3 December 2026": the day without a leading zero, on every platform (glibc's
    "%-d" raises ValueError on Windows)."""
    return f"{day.day} {day:%B %Y}"
