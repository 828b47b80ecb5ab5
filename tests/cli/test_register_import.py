"""Sign-up lists as trainers really get them (Eventbrite, Microsoft Forms, Google Forms),
matched without editing, and imported once however many times the file is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, new_training_session

EVENTBRITE = (
    "Order #,Order Date,First Name,Last Name,Email,Ticket Type,Attendee Status\n"
    "1001,2026-11-01,Priya,Example,priya@example.org,General,Attending\n"
    "1002,2026-11-02,Tom,Sample,tom@example.org,General,Attending\n"
    "1003,2026-11-03,Ana,Démo,,General,Attending\n"
)
MICROSOFT_FORMS = (
    "ID,Start time,Completion time,Email,Name,Your organisation\n"
    "1,11/1/26 9:00,11/1/26 9:01,anonymous,Bo Example,Parish council\n"
)
GOOGLE_FORMS = (
    "Timestamp,Email address,Full name,Phone number\n"
    "2026/11/01 9:00:00,cy@example.org,Cy Example,01234 567890\n"
)


@pytest.fixture
def session(cli: InProcessCli) -> str:
    return new_training_session(cli)


def imported(cli: InProcessCli, session: str, path: Path, *extra: str) -> dict[str, object]:
    result = cli("attendees", "import", session, str(path), "--json", *extra)
    assert result.code == 0, result.err
    document: dict[str, object] = result.json()
    return document


def test_an_eventbrite_export_is_matched_and_a_second_import_adds_nobody(
    cli: InProcessCli, session: str, tmp_path: Path
) -> None:
    export = tmp_path / "eventbrite.csv"
    export.write_text(EVENTBRITE, encoding="utf-8")
    first = imported(cli, session, export)
    assert first["imported"] == 3 and first["duplicates"] == []
    names = {p["name"] for p in cli("attendees", "list", session, "--json").json()}
    assert names == {"Priya Example", "Tom Sample", "Ana Démo"}
    again = cli("attendees", "import", session, str(export))
    assert again.out.strip() == "Imported: 0 added; skipped 3 already on the register."
    assert len(cli("attendees", "list", session, "--json").json()) == 3
    chosen = imported(cli, session, export, "--include-duplicates")
    assert chosen["imported"] == 3


@pytest.mark.parametrize(
    ("text", "name"), [(MICROSOFT_FORMS, "Bo Example"), (GOOGLE_FORMS, "Cy Example")]
)
def test_forms_exports_are_matched_without_editing(
    cli: InProcessCli, session: str, tmp_path: Path, text: str, name: str
) -> None:
    export = tmp_path / "forms.csv"
    export.write_text(text, encoding="utf-8")
    result = cli("attendees", "import", session, str(export), "--skip-bad", "--json")
    people = cli("attendees", "list", session, "--json").json()
    assert [p["name"] for p in people] == [name], result.err


def test_attendance_is_marked_and_undone_from_the_command_line(
    cli: InProcessCli, session: str, tmp_path: Path
) -> None:
    export = tmp_path / "eventbrite.csv"
    export.write_text(EVENTBRITE, encoding="utf-8")
    imported(cli, session, export)
    people = {p["name"]: p["id"] for p in cli("attendees", "list", session, "--json").json()}
    both = (people["Priya Example"], people["Tom Sample"])
    marked = cli("attendees", "mark", session, *both, "--status", "present")
    assert marked.code == 0 and marked.out.strip() == "Marked 2 people present."
    undone = cli("attendees", "mark", session, people["Tom Sample"], "--status", "absent")
    assert undone.out.strip() == "Marked 1 person absent."
    listed = {p["name"]: p for p in cli("attendees", "list", session, "--json").json()}
    assert [listed[n].get("attendance") for n in ("Priya Example", "Tom Sample")] == [
        "present",
        None,  # unmarked again
    ]
    with pytest.raises(SystemExit) as refused:  # argparse: one line naming the choices
        cli("attendees", "mark", session, people["Ana Démo"], "--status", "asleep")
    assert refused.value.code == 2


def test_an_export_nobody_foresaw_is_matched_with_column(
    cli: InProcessCli, session: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "bookings.csv"
    sheet.write_text(
        "Booking ref,Delegate,Contact email\nB1,Nia Example,nia@example.org\n", encoding="utf-8"
    )
    refused = cli("attendees", "import", session, str(sheet))
    assert refused.code == 1
    assert refused.err.strip() == (
        "No column is headed 'name' (or 'First Name' and 'Last Name'); rename one, or "
        "choose which column holds the names."
    )
    matched = cli(
        *("attendees", "import", session, str(sheet)),
        *("--column", "name=Delegate", "--column", "email=Contact email", "--json"),
    )
    assert matched.code == 0, matched.err
    assert matched.json()["imported"] == 1
    [person] = cli("attendees", "list", session, "--json").json()
    assert (person["name"], person["email"]) == ("Nia Example", "nia@example.org")
    wrong = cli("attendees", "import", session, str(sheet), "--column", "name=Delegat")
    assert wrong.code == 1 and wrong.err.strip() == "The file has no column headed 'Delegat'."
    unknown = cli("attendees", "import", session, str(sheet), "--column", "nickname=Delegate")
    assert unknown.code == 1 and "'nickname' is not a register column" in unknown.err
