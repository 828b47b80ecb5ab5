"""Reading a sign-up list (CSV) into attendee details, row by row, with line numbers.

Pure: bytes in, a plan out. Whether to import a plan with bad rows is the caller's
decision (the command line refuses unless --skip-bad is given).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from victim_champion.core.attendees import AttendeeDetails, problems_with
from victim_champion.core.errors import ImportFileError
from victim_champion.core.plain_text import text_problem

COLUMNS = ("name", "email", "phone", "organisation", "role", "consent_contact")
# A register of a few hundred is normal; this stops a wrong file (a whole CRM export)
# from being read into memory by mistake.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
# Column names from the exports trainers actually have: Eventbrite ("First Name", "Last
# Name", "Email"), Microsoft Forms ("Name", "Email"), Google Forms ("Email address",
# "Full name", "Phone number") and hand-made sheets.
_ALIASES = {
    "organization": "organisation",
    "organisation_name": "organisation",
    "company": "organisation",
    "your_organisation": "organisation",
    "your_organization": "organisation",
    "consent": "consent_contact",
    "full_name": "name",
    "your_name": "name",
    "attendee_name": "name",
    "email_address": "email",
    "e_mail": "email",
    "your_email": "email",
    "phone_number": "phone",
    "mobile": "phone",
    "mobile_number": "phone",
    "telephone": "phone",
    "first_name": "first_name",
    "first": "first_name",
    "given_name": "first_name",
    "forename": "first_name",
    "last_name": "last_name",
    "surname": "last_name",
    "family_name": "last_name",
    "last": "last_name",
    "job_title": "role",
}
_NAME_PARTS = ("first_name", "last_name")
# What a column can be matched to by hand, as the import dialog and --column name them.
FIELDS = (
    ("name", "Full name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("organisation", "Organisation"),
    ("role", "Role"),
    ("consent_contact", "Consent to contact (yes/no)"),
)
NO_NAME_COLUMN = (
    "No column is headed 'name' (or 'First Name' and 'Last Name'); rename one, or choose "
    "which column holds the names."
)


class ColumnsNotMatchedError(ImportFileError):
    """The header has no name column that could be found; ``headers`` are the file's own
    column headings, for matching them by hand."""

    def __init__(self, message: str, headers: list[str]) -> None:
        super().__init__(message)
        self.headers = headers


@dataclass(frozen=True)
class ImportPlan:
    """What a file holds: good rows with their line numbers, and bad rows with reasons."""

    rows: list[tuple[int, AttendeeDetails]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the file's own headings
    matched: dict[str, str] = field(default_factory=dict)  # field -> the heading used


def _header_key(raw: str) -> str:
    key = "_".join(raw.strip().casefold().replace("-", " ").replace("/", " ").split())
    key = key.rstrip(":?")
    return _ALIASES.get(key, key)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without Excel's byte-order mark), or say how to fix it."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
            "check it is the sign-up list and not a whole export."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is not UTF-8 text; in Excel use Save As > 'CSV UTF-8', then try again."
        ) from None


def _parse_consent(value: str) -> bool | None:
    folded = value.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def plan_import(data: bytes, columns: Mapping[str, str] | None = None) -> ImportPlan:
    """Read a whole CSV file; raise ImportFileError only for file-level faults.

    ``columns`` (field -> the file's heading, or "" for none) are matches made by hand;
    they win over the automatic matching for those fields."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    plan = ImportPlan()
    header: list[str] | None = None
    previous_line = 0
    try:
        for record in reader:
            first_line = previous_line + 1
            previous_line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines, and rows of only commas, are skipped
            if header is None:
                header = _read_header(record, plan, columns)
                continue
            if len(plan.rows) + len(plan.errors) >= MAX_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_ROWS} rows; split it and import each part."
                )
            _read_row(first_line, record, header, plan)
    except csv.Error as error:
        raise ImportFileError(_csv_problem(error, reader.line_num)) from None
    if header is None:
        raise ImportFileError("The file is empty; it needs a header row with a 'name' column.")
    return plan


def _csv_problem(error: csv.Error, line: int) -> str:
    """What is wrong with the file, in one sentence. The csv module's own words never hold
    the file's text, so reading them here shows nothing of anyone's data."""
    if str(error).startswith("field larger than field limit"):
        return (
            f"Line {line} has a field longer than {csv.field_size_limit():,} characters, "
            "far more than any name or detail; shorten it (or close a quote left open) "
            "and try again."
        )
    return f"Line {line} is not valid CSV (often an unclosed quote); fix it and try again."


def _read_header(
    record: list[str], plan: ImportPlan, columns: Mapping[str, str] | None
) -> list[str]:
    plan.headers.extend(cell.strip() for cell in record)
    header = [_header_key(cell) for cell in record]
    for chosen, heading in (columns or {}).items():
        if chosen not in dict(FIELDS):
            raise ImportFileError(
                f"'{chosen}' is not a register column; use one of: "
                + ", ".join(f for f, _ in FIELDS)
                + "."
            )
        if heading and heading not in plan.headers:
            raise ColumnsNotMatchedError(
                f"The file has no column headed '{heading}'.", list(plan.headers)
            )
        # A choice by hand wins over the automatic match: the field is read from the
        # heading chosen (or from none), and no other column is taken for it.
        header = ["" if key == chosen else key for key in header]
        if heading:
            header[plan.headers.index(heading)] = chosen
    if "name" not in header and "first_name" not in header:
        raise ColumnsNotMatchedError(NO_NAME_COLUMN, list(plan.headers))
    seen: set[str] = set()
    for key in header:
        if key in seen and key in COLUMNS:
            raise ImportFileError(f"The header names the column '{key}' twice; keep one.")
        seen.add(key)
    # Unknown columns are dropped, never stored: we keep only what the register needs.
    kept = (*COLUMNS, *_NAME_PARTS)
    plan.ignored_columns.extend(k for k in header if k not in kept and k)
    plan.matched.update(
        {key: raw.strip() for raw, key in zip(record, header, strict=True) if key in kept}
    )
    return header


def _read_row(line: int, record: list[str], header: list[str], plan: ImportPlan) -> None:
    if len(record) > len(header):
        plan.errors.append(
            (line, f"it has {len(record)} values but the header has {len(header)} columns")
        )
        return
    values = {key: "" for key in (*COLUMNS, *_NAME_PARTS)}
    for key, cell in zip(header, record, strict=False):
        if key in values:
            # Checked as given, as tidying spaces would turn some controls into spaces; a
            # tab or a line break in a cell (Alt+Enter in Excel) is folded into one space.
            unsafe = text_problem(cell, f"the {key.replace('_', ' ')}", lines=True)
            if unsafe is not None:
                plan.errors.append((line, unsafe))
                return
            values[key] = " ".join(cell.split())
    if values["email"].casefold() == "anonymous":  # Microsoft Forms' anonymous replies
        values["email"] = ""
    if not values["name"]:  # an export with the name in two columns
        values["name"] = " ".join(v for v in (values["first_name"], values["last_name"]) if v)
    consent = _parse_consent(values["consent_contact"])
    details = AttendeeDetails(
        name=values["name"],
        email=values["email"],
        phone=values["phone"],
        organisation=values["organisation"],
        role=values["role"],
        consent_contact=bool(consent),
    )
    problems = problems_with(details)
    if consent is None:
        problems.append("consent_contact must be yes or no")
    if problems:
        plan.errors.append((line, "; ".join(problems)))
    else:
        plan.rows.append((line, details))
