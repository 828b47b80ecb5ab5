"""Reading the Victims' Code: a file of the course (resources/course/victims_code.toml).

The Code travels with the course, so Compass House can bring in a new edition by
publishing a signed course bundle, with no new app. A course is accepted only if it
carries the Code and the Code's edition is the one its course.toml names; every mistake
is a CourseContentError with the file and line. What is printed comes from the course in
use on the laptop (content/course_on_laptop.py); `load_victims_code` is the shipped copy.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from victim_champion.content.resource_paths import resources_root
from victim_champion.core.errors import CourseContentError, ResourceError
from victim_champion.core.victims_code import Right, VictimsCode

CODE_FILE = "victims_code.toml"  # beside course.toml, in the course folder and its bundles
_TOML_LINE = re.compile(r"at line (\d+)")


class _Where:
    """The Code's text, to point a mistake at the line of the key it is about."""

    def __init__(self, text: str, file_name: str) -> None:
        self.lines = text.splitlines()
        self.file_name = file_name

    def line_of(self, key: str, after: int = 0) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number, line in enumerate(self.lines[after:], after + 1):
            if pattern.match(line):
                return number
        return max(after, 1)

    def fail(self, key: str, problem: str, after: int = 0) -> CourseContentError:
        return CourseContentError(self.file_name, self.line_of(key, after), problem)

    def value(self, table: dict[str, Any], key: str, kind: type, after: int = 0) -> Any:
        found = table.get(key)
        if not isinstance(found, kind) or (isinstance(found, str) and not found.strip()):
            raise self.fail(key, f"'{key}' is missing or is not {kind.__name__}", after)
        return found

    def day(self, table: dict[str, Any], key: str) -> date:
        try:
            return date.fromisoformat(self.value(table, key, str))
        except ValueError:
            raise self.fail(key, f"'{key}' must be a date written YYYY-MM-DD") from None

    def right_starts(self) -> list[int]:
        """The line of each [[rights]] heading, in order."""
        return [n for n, line in enumerate(self.lines, 1) if line.strip() == "[[rights]]"]


def victims_code_from_text(text: str, file_name: str = CODE_FILE) -> VictimsCode:
    """One edition of the Code with its 12 rights, numbered 1 to 12 in order."""
    import tomllib

    where = _Where(text, file_name)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else 1
        raise CourseContentError(file_name, line, "it is not valid TOML") from None
    raw_rights = document.get("rights")
    starts = where.right_starts()
    if not isinstance(raw_rights, list) or len(raw_rights) != 12 or len(starts) != 12:
        raise CourseContentError(file_name, 1, "it needs the 12 rights, each under [[rights]]")
    rights = []
    for expected, (raw, start) in enumerate(zip(raw_rights, starts, strict=True), 1):
        number = where.value(raw, "number", int, start)
        if number != expected:
            raise where.fail("number", f"right {expected} is numbered {number}", start)
        rights.append(
            Right(
                number=number,
                title=where.value(raw, "title", str, start),
                summary=where.value(raw, "summary", str, start),
                discreet_title=str(raw.get("discreet_title", "")),
                discreet_summary=str(raw.get("discreet_summary", "")),
            )
        )
    return VictimsCode(
        edition=where.value(document, "edition", str),
        title=where.value(document, "title", str),
        in_force=where.day(document, "in_force"),
        rights=tuple(rights),
        not_reported_note=where.value(document, "not_reported_note", str),
        complaints=where.value(document, "complaints", str),
        source=where.value(document, "source", str),
        verified_on=where.day(document, "verified_on"),
    )


def code_of_course(files: dict[str, str], code_edition: str) -> VictimsCode:
    """The Code a course's files carry; refused if it is missing, or if its edition is not
    the course.toml's code_edition (a half-changed edition must never reach a handout)."""
    if CODE_FILE not in files:
        raise CourseContentError(
            CODE_FILE,
            1,
            f"the course has no {CODE_FILE}; it must carry the Victims' Code it teaches "
            f"(course.toml names edition '{code_edition}')",
        )
    text = files[CODE_FILE]
    code = victims_code_from_text(text)
    if code.edition != code_edition:
        raise CourseContentError(
            CODE_FILE,
            _Where(text, CODE_FILE).line_of("edition"),
            f"its edition is '{code.edition}' but course.toml's code_edition is "
            f"'{code_edition}'; change both together",
        )
    return code


@cache
def load_victims_code() -> VictimsCode:
    """The Code shipped with the app, in its course folder (for tests and benchmarks; what
    is printed is the Code of the course in use, course_on_laptop.code_in_use)."""
    path = resources_root() / "course" / CODE_FILE
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise ResourceError(f"{CODE_FILE} could not be read ({error}); reinstall it.") from None
    return victims_code_from_text(text)
