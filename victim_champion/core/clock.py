"""Time as the domain sees it: always timezone-aware UTC, and injectable for tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC, with its timezone attached."""
    return datetime.now(UTC)
