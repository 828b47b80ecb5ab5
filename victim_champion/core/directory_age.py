"""How old a directory edition is, and when the routes it prints were last checked.

Two dates, on purpose:

* **When the routes were last confirmed** is the newest ``checked`` month (YYYY-MM) among
  the confirmed routes a page prints (an unconfirmed route is never printed, so its
  month never dates a page). The data carries it on every route (with ``confirmed_by``),
  so a page says the date of its own numbers, not of the file around them. It is a month,
  because that is all the data records.
* **How old the laptop's directory is** is measured from the edition's ``published``
  day: that is the day Compass House issued the whole list, and the one a worker can
  compare with the hub's. More than STALE_AFTER_DAYS days, and the worker is told to sync.
  An edition with no published day cannot be shown to be fresh, so it counts as stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from victim_champion.core.directory import Directory, Route

STALE_AFTER_DAYS = 90


def last_checked(routes: Iterable[Route]) -> tuple[int, int] | None:
    """(year, month) of the newest check among the confirmed ``routes``, or None if there
    are none."""
    months = [route.checked for route in routes if route.checked and route.confirmed]
    if not months:
        return None
    year, month = max(months).split("-")  # YYYY-MM sorts as text
    return int(year), int(month)


def age_in_days(directory: Directory, today: date) -> int | None:
    """Days since the edition was published, or None when it carries no published day."""
    if directory.published is None:
        return None
    return (today - directory.published).days


def is_stale(directory: Directory, today: date) -> bool:
    """True when the edition is more than STALE_AFTER_DAYS days old (or undated)."""
    age = age_in_days(directory, today)
    return age is None or age > STALE_AFTER_DAYS
