"""Time as the domain sees it: always timezone-aware UTC, and injectable for tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC, with its timezone attached."""
    return datetime.now(UTC)


def long_date(day: date) -> str:
    """The day as people write it, "3 December 2026": no leading zero, on every platform
    (glibc's dash flag for that raises ValueError on Windows)."""
    return f"{day.day} {day:%B %Y}"
