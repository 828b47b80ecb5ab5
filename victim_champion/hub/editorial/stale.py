"""Stale facts have an owner (issue 34, item 2): the course statements and the contact
routes nobody has checked in 12 months, oldest first, each with its source, for Compass
House to re-check at the hub; and the course re-published once its statements are
re-checked.

The course is the newest published "course" bundle (else the one that ships with the app).
A statement is known by its module and its text (``statement_key``); a re-check at the hub
is kept in course_rechecks and counts from its month until the course is re-published with
that month on the statement's "Checked:" line. History statements ("History: yes") say what
was so at their source's date, so they are left out, as ``course check`` leaves them out.

Publishing signs through hub/api/bundles.publish, which the caller hands in (as for the
directory, edition.Publisher): imports between hub/editorial and hub/api go one way only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert, select, update

from victim_champion.content.course_loader import course_from_files, shipped_course_files
from victim_champion.core.course import Course, Module
from victim_champion.core.course_checks import STALE_AFTER_MONTHS
from victim_champion.core.course_parts import SourceNote
from victim_champion.core.errors import CourseContentError
from victim_champion.core.versions import is_newer
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk
from victim_champion.hub.editorial.edition import Publisher
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.newest_bundle import newest_files
from victim_champion.hub.storage.signing_keys import HubKey
from victim_champion.hub.storage.tables import course_rechecks

STATEMENT, ROUTE = "statement", "route"
KIND = "course"


@dataclass(frozen=True)
class StaleFact:
    """One fact not checked in 12 months: a course statement or a contact route."""

    kind: str  # STATEMENT or ROUTE
    key: str  # a statement's key (statement_key) or a route's id
    text: str  # the statement, or the route's name and contact as published
    source: str
    checked: str  # YYYY-MM: the last check (a statement's re-check at the hub counts)
    where: str = ""  # a statement's module file; "" for a route


def statement_key(module: Module, note: SourceNote) -> str:
    """A statement's key: its module's id and a hash of its text."""
    digest = hashlib.sha256(note.statement.encode("utf-8")).hexdigest()[:16]
    return f"{module.id}:{digest}"


def course_files(engine: Engine) -> dict[str, str]:
    """The course laptops have now: the newest published bundle, else the shipped one."""
    files = newest_files(engine, KIND)
    return shipped_course_files() if files is None else files


def _months(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number)


def _rechecks(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(select(course_rechecks)).all()
    return {row.statement_key: row.checked for row in rows}


def _statements(course: Course) -> list[tuple[Module, SourceNote]]:
    return [(module, note) for module, note in course.sources() if not note.history]


def stale_facts(engine: Engine, today: date) -> list[StaleFact]:
    """Statements and routes (not withdrawn) last checked 12 or more months before today,
    oldest first."""
    now = today.year * 12 + today.month
    rechecked = _rechecks(engine)
    facts: list[StaleFact] = []
    for module, note in _statements(course_from_files(course_files(engine))):
        key = statement_key(module, note)
        checked = max(note.checked, rechecked.get(key, note.checked))
        if now - _months(checked) >= STALE_AFTER_MONTHS:
            facts.append(
                StaleFact(STATEMENT, key, note.statement, note.source, checked, module.file_name)
            )
    for route in desk.list_routes(engine):
        if route.state != "withdrawn" and now - _months(route.checked) >= STALE_AFTER_MONTHS:
            text = f"{route.name}: {route.contact}"
            facts.append(StaleFact(ROUTE, route.id, text, route.source, route.checked))
    return sorted(facts, key=lambda f: (f.checked, f.kind, f.key))


def recheck_statement(engine: Engine, key: str, actor: str, today: date) -> None:
    """Record that ``actor`` checked a course statement again this month; audited."""
    course = course_from_files(course_files(engine))
    found = [n for m, n in _statements(course) if statement_key(m, n) == key]
    if not found:
        raise ContentError(f"The course has no statement with the key '{key}'.")
    month = today.strftime("%Y-%m")
    values = {"checked": month, "checked_by": actor[:64], "checked_at": datetime.now(UTC)}
    with engine.begin() as connection:
        done = connection.execute(
            update(course_rechecks).where(course_rechecks.c.statement_key == key).values(values)
        )
        if not done.rowcount:
            connection.execute(insert(course_rechecks).values(statement_key=key, **values))
        audit.record(
            connection, actor, "recheck-statement", key, f"checked {month}: {found[0].statement}"
        )


def next_version(version: str) -> str:
    """The next re-publication: "2026.4" -> "2026.4.1" -> "2026.4.2"."""
    parts = version.split(".")
    if len(parts) >= 3 and parts[-1].isdigit():
        made = ".".join([*parts[:-1], str(int(parts[-1]) + 1)])
    else:
        made = f"{version}.1"
    if not is_newer(made, version):
        raise ContentError(f"The course version '{version}' cannot be numbered on from.")
    return made


def _with_checked(text: str, statement: str, month: str) -> str:
    """A module file with the "Checked:" line of ``statement`` set to ``month``."""
    lines = text.splitlines(keepends=True)
    inside = False
    for index, line in enumerate(lines):
        key, _, value = line.strip().partition(":")
        if key == "Statement" or line.startswith("#"):
            inside = key == "Statement" and value.strip() == statement
        elif inside and key == "Checked":
            ending = "\n" if line.endswith("\n") else ""
            lines[index] = f"{line[: len(line) - len(line.lstrip())]}Checked: {month}{ending}"
            inside = False
    return "".join(lines)


def republish_course(engine: Engine, key: HubKey, actor: str, *, publish: Publisher) -> str:
    """Publish the current course again, each re-checked statement's "Checked:" line set to
    its re-check month, as the next version: checked as laptops check a course they are
    sent (course_from_files, as hub/api/bundles checks one), signed by ``publish``
    (hub/api/bundles.publish), its audit line in the publishing transaction. Returns the
    version."""
    files = course_files(engine)
    course = course_from_files(files)
    rechecked = _rechecks(engine)
    changed: list[str] = []
    for module, note in _statements(course):
        month = rechecked.get(statement_key(module, note))
        if month and month > note.checked:
            path = f"modules/{module.file_name}"
            files[path] = _with_checked(files[path], note.statement, month)
            changed.append(f"{module.file_name}: checked {note.checked} -> {month}")
    if not changed:
        raise ContentError("No re-checked statement changes the course, so nothing was published.")
    version = next_version(course.version)
    files["course.toml"] = re.sub(
        r'(?m)^version = "[^"]*"', f'version = "{version}"', files["course.toml"], count=1
    )
    try:
        checked = course_from_files(files)
    except CourseContentError as error:
        raise ContentError(f"The course was not published: {error.message}") from None
    if checked.version != version:
        raise ContentError("The course was not published: course.toml has no version line.")
    detail = f"{len(changed)} statements re-checked: " + "; ".join(changed)
    return publish(
        engine,
        key,
        {"kind": KIND, "version": version, "files": files},
        audit=lambda connection: audit.record(connection, actor, "publish-course", version, detail),
    )
