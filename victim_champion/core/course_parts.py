"""The parts of a module beyond its slides and quiz: activities with their minutes and
cut-out materials, and the sources behind what the course says about providers.

Pure: lines in, parts out, or a CourseContentError naming the file and line (the format
is described in resources/course/modules/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from victim_champion.core.errors import CourseContentError

Lines = list[tuple[int, str]]
Fail = Callable[[str, int], CourseContentError]
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
UNDATED = "undated"
TRAINERS_PACK = "for the trainer"  # a materials set named so is the trainer's, not the room's
_SOURCE_KEYS = ("Statement", "Source", "Dated", "Checked", "History")


@dataclass(frozen=True)
class Materials:
    """One set of cut-out cards for an activity."""

    name: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    """Something the group does: how long, after which slide, and what it needs."""

    title: str
    text: str
    minutes: int = 0
    optional: bool = False
    after_slide: str = ""
    materials: tuple[Materials, ...] = ()
    line: int = field(default=0, compare=False)  # its heading's line, for errors


@dataclass(frozen=True)
class SourceNote:
    """Where a statement about a provider comes from, how old the source is, and when
    Compass House last checked it."""

    statement: str
    source: str
    dated: str  # YYYY-MM, or "undated"
    checked: str  # YYYY-MM
    history: bool = False  # says, in the past tense, what was so at the source's date

    def months_old(self) -> int | None:
        """How many months older the source is than its check (None when undated)."""
        if self.dated == UNDATED:
            return None
        return _months(self.checked) - _months(self.dated)

    def is_stale(self, limit_months: int = 12) -> bool:
        """Undated, or more than ``limit_months`` older than its check (history or not:
        the course check leaves history statements out, see course_checks)."""
        age = self.months_old()
        return age is None or age > limit_months


def _months(value: str) -> int:
    year, month = (int(part) for part in value.split("-"))
    return year * 12 + month


def parse_activity(title: str, start: int, body: Lines, fail: Fail) -> Activity:
    """An activity block: 'Minutes:', 'Optional:', 'After slide:', instructions, and
    one or more 'Materials: name' sets of '- card' lines."""
    if not title:
        raise fail("the activity has no title", start)
    fields: dict[str, str] = {}
    words: list[str] = []
    materials: list[tuple[str, list[str], int]] = []
    for number, line in body:
        stripped = line.strip()
        key, colon, value = stripped.partition(":")
        if colon and key in ("Minutes", "Optional", "After slide") and not materials:
            fields[key] = value.strip()
        elif colon and key == "Materials":
            if not value.strip():
                raise fail("a 'Materials:' line needs a name for the set", number)
            materials.append((value.strip(), [], number))
        elif materials and stripped.startswith("- "):
            card = stripped[2:].strip()
            name = materials[-1][0]
            if card.lower().startswith("answer") and TRAINERS_PACK not in name.lower():
                raise fail(
                    f"a card in '{name}' gives answers; answers go in a set named "
                    f"'... {TRAINERS_PACK}' (the trainer's pack), never in a participants' set",
                    number,
                )
            materials[-1][1].append(card)
        elif materials and stripped:
            raise fail("after 'Materials:', each card is a line starting with '- '", number)
        elif stripped:
            words.append(stripped)
    if not words:
        raise fail("the activity has no instructions", start)
    minutes = fields.get("Minutes", "")
    if not minutes.isdigit() or int(minutes) == 0:
        raise fail("the activity needs 'Minutes:' and a whole number", start)
    if fields.get("Optional", "no") not in ("yes", "no"):
        raise fail("'Optional:' is yes or no", start)
    if not fields.get("After slide"):
        raise fail("the activity needs 'After slide:' and the title of a slide", start)
    if not materials:
        raise fail("the activity needs its materials ('Materials: name', then cards)", start)
    for name, cards, number in materials:
        if not cards:
            raise fail(f"the materials '{name}' have no cards ('- ' lines)", number)
    return Activity(
        title,
        " ".join(words),
        int(minutes),
        fields.get("Optional") == "yes",
        fields["After slide"],
        tuple(Materials(name, tuple(cards)) for name, cards, _ in materials),
        start,
    )


def parse_sources(body: Lines, fail: Fail) -> list[SourceNote]:
    """Blocks of 'Statement:', 'Source:', 'Dated:' and 'Checked:' lines, and 'History: yes'
    for a statement that says what was so at the source's date (with its year)."""
    notes: list[SourceNote] = []
    current: dict[str, str] = {}
    lines: dict[str, int] = {}
    start = 0

    def finish() -> None:
        if not current:
            return
        for key in ("Source", "Dated", "Checked"):
            if not current.get(key):
                raise fail(f"the statement has no '{key}:' line", start)
        if current["Dated"] != UNDATED and not _MONTH.match(current["Dated"]):
            raise fail("'Dated:' is a month (YYYY-MM) or 'undated'", lines["Dated"])
        if not _MONTH.match(current["Checked"]):
            raise fail("'Checked:' is a month (YYYY-MM)", lines["Checked"])
        history = "History" in current
        if history and current["History"] != "yes":
            raise fail("'History:' is yes (leave the line out otherwise)", lines["History"])
        if history and not _YEAR.search(current.get("Statement", "")):
            raise fail(
                "a history statement says when, with its year (for example 'In 2019, ...')",
                start,
            )
        statement, source = current.get("Statement", ""), current["Source"]
        notes.append(SourceNote(statement, source, current["Dated"], current["Checked"], history))
        current.clear()
        lines.clear()

    for number, line in body:
        stripped = line.strip()
        if not stripped:
            continue
        key, colon, value = stripped.partition(":")
        if not colon or key not in _SOURCE_KEYS:
            raise fail(
                "in Sources, lines start with 'Statement:', 'Source:', 'Dated:', "
                "'Checked:' or 'History:'",
                number,
            )
        if key == "Statement":
            finish()
            start = number
        elif not current:
            raise fail("each source starts with 'Statement:'", number)
        current[key] = value.strip()
        lines[key] = number
    finish()
    return notes


def activity_note(activity: Activity) -> str:
    """What the presenter view shows when an activity's slide is on screen."""
    optional = "; optional, run it if the session has room" if activity.optional else ""
    sets = ", ".join(m.name for m in activity.materials)
    return (
        f"ACTIVITY NOW: {activity.title} ({activity.minutes} minutes{optional}). "
        f"{activity.text} Materials: {sets} (print them with Print materials)."
    )
