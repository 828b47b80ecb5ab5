"""Importing a sign-up list: reading the file, spotting people already on the register,
and what an import would do before it does it. Shared by the command line and the
import dialog, so both follow the same matching and duplicate rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from victim_champion.content.message_catalogue import messages
from victim_champion.core.attendee_csv import ImportPlan, plan_import
from victim_champion.core.attendees import Attendee, AttendeeDetails
from victim_champion.core.errors import ImportFileError

UNREADABLE_FILE = "The CSV file could not be read; check the path and that the file exists."


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the new attendees, and the plan's skipped lines and columns."""

    attendee_ids: list[str]
    plan: ImportPlan
    duplicates: list[int] = field(default_factory=list)  # lines already on the register

    @property
    def summary(self) -> str:
        """One sentence: how many were added and what was left out."""
        words = messages()
        added = words.plural("import.added", len(self.attendee_ids))
        left: list[str] = []
        if self.duplicates:
            left.append(words.plural("import.already_there", len(self.duplicates)))
        if self.plan.errors:
            left.append(words.plural("import.bad_rows", len(self.plan.errors)))
        return f"{added}; skipped {' and '.join(left)}." if left else f"{added}."


def _person_key(details: AttendeeDetails) -> tuple[str, str]:
    """Who a row is, for spotting the same person twice: name and email, case-blind."""
    return " ".join(details.name.casefold().split()), details.email.strip().casefold()


def read_register_file(path: Path, columns: Mapping[str, str] | None = None) -> ImportPlan:
    """Read and check a register CSV without writing anything (so errors come first)."""
    try:
        data = path.expanduser().read_bytes()
    except OSError:
        raise ImportFileError(UNREADABLE_FILE) from None
    return plan_import(data, columns)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, shown before anything is written."""

    plan: ImportPlan
    new: list[tuple[int, AttendeeDetails]]
    duplicates: list[int]  # lines of people already on the register (or twice in the file)

    @property
    def summary(self) -> str:
        """ "3 new, 1 already on the register, 2 bad rows." """
        words = messages()
        parts = [words.plural("import.new", len(self.new))]
        if self.duplicates:
            parts.append(words.plural("import.already_there", len(self.duplicates)))
        if self.plan.errors:
            parts.append(words.plural("import.bad_rows", len(self.plan.errors)))
        return ", ".join(parts) + "."


def split_duplicates(
    register: Sequence[Attendee], plan: ImportPlan, include_duplicates: bool
) -> tuple[list[tuple[int, AttendeeDetails]], list[int]]:
    """The plan's good rows to add, and the lines left out as people already on the
    register or earlier in the file (unless ``include_duplicates``)."""
    seen = {_person_key(a.details) for a in register}
    kept: list[tuple[int, AttendeeDetails]] = []
    duplicates: list[int] = []
    for line, details in plan.rows:
        key = _person_key(details)
        if key in seen and not include_duplicates:
            duplicates.append(line)
            continue
        seen.add(key)
        kept.append((line, details))
    return kept, duplicates
