"""The register corrected from the command line, exactly as CLI.md names the commands:
edit, remove, complete and its undoing, and deleting a session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, new_training_session


@pytest.fixture
def register(cli: InProcessCli, tmp_path: Path) -> tuple[str, dict[str, str]]:
    session = new_training_session(cli)
    signup = tmp_path / "signup.csv"
    signup.write_text(
        "name,email\nPriya Exmaple,priya@example.org\nTom Sample,\nAna Demo,\n", encoding="utf-8"
    )
    assert cli("attendees", "import", session, str(signup)).code == 0
    people = {p["name"]: p["id"] for p in cli("attendees", "list", session, "--json").json()}
    return session, people


def _listed(cli: InProcessCli, session: str) -> dict[str, dict[str, object]]:
    return {p["id"]: p for p in cli("attendees", "list", session, "--json").json()}


def test_a_misspelt_person_is_corrected_and_only_the_fields_given_change(
    cli: InProcessCli, register: tuple[str, dict[str, str]]
) -> None:
    session, people = register
    priya = people["Priya Exmaple"]
    edited = cli("attendees", "edit", session, priya, "--name", "  Priya   Example ")
    assert edited.code == 0 and edited.out.strip() == "Corrected 1 person."
    after = _listed(cli, session)[priya]
    assert (after["name"], after["email"]) == ("Priya Example", "priya@example.org")
    refused = cli("attendees", "edit", session, priya, "--email", "not an address")
    assert refused.code == 1 and refused.err.strip() == "The email address is not valid."
    assert _listed(cli, session)[priya]["email"] == "priya@example.org"


def test_a_person_is_removed_and_an_unknown_id_is_named_not_guessed(
    cli: InProcessCli, register: tuple[str, dict[str, str]]
) -> None:
    session, people = register
    removed = cli("attendees", "remove", session, people["Tom Sample"])
    assert removed.code == 0 and removed.out.strip() == "Removed 1 person from the register."
    assert people["Tom Sample"] not in _listed(cli, session)
    again = cli("attendees", "remove", session, people["Tom Sample"])
    assert again.code == 1 and "Tom" not in again.err and again.err.count("\n") == 1


def test_completion_warns_when_nobody_marked_them_present_and_can_be_undone(
    cli: InProcessCli, register: tuple[str, dict[str, str]]
) -> None:
    session, people = register
    ana, tom = people["Ana Demo"], people["Tom Sample"]
    cli("attendees", "mark", session, ana, "--status", "present")
    done = cli("attendees", "complete", session, ana, tom, "--json")
    assert done.code == 0 and done.json()["not_marked_present"] == [tom]
    assert "1 person completed without being marked present" in done.err
    undone = cli("attendees", "complete", session, tom, "--undo")
    assert undone.code == 0 and undone.out.strip() == "Took back completion for 1 person."
    listed = _listed(cli, session)
    assert listed[ana]["completed"] is True and listed[tom]["completed"] is False


def test_undoing_is_refused_once_a_certificate_is_printed(
    cli: InProcessCli, register: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    session, people = register
    ana = people["Ana Demo"]
    cli("attendees", "complete", session, ana)
    printed = cli("print", "certificates", session, "--out", str(tmp_path / "c.pdf"))
    assert printed.code == 0, printed.err
    for refused in (
        cli("attendees", "complete", session, ana, "--undo"),
        cli("attendees", "remove", session, ana),
    ):
        assert refused.code == 1 and "certificate was already printed" in refused.err
    deleting = cli("session", "delete", session)
    assert deleting.code == 1 and "cannot be deleted" in deleting.err
    assert _listed(cli, session)[ana]["completed"] is True


def test_a_session_is_deleted_without_asking_when_run_from_a_script(
    cli: InProcessCli, register: tuple[str, dict[str, str]]
) -> None:
    session, _ = register
    other = new_training_session(cli, "Dover")
    deleted = cli("session", "delete", session)  # pytest's stdin is not a terminal
    assert deleted.code == 0 and deleted.out.strip() == "Session deleted."
    assert [s["id"] for s in cli("session", "list", "--json").json()] == [other]
    gone = cli("attendees", "list", session)
    assert gone.code == 1 and gone.err.strip() != ""


def test_on_a_terminal_a_session_is_deleted_only_after_yes(
    cli: InProcessCli, register: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _ = register
    answers = iter(["no", "yes"])
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    kept = cli("session", "delete", session)
    assert kept.code == 1 and kept.err.strip() == "The session was not deleted."
    assert "with its register of 3 people" in asked[0]
    assert cli("session", "delete", session).code == 0
    assert cli("session", "list", "--json").json() == []
