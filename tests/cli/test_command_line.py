"""The command-line contract of shared/design/CLI.md, driven through main()."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli

SIGNUP = (
    "\ufeffname,email,phone,organisation,role,consent_contact\r\n"
    'Zoë O\'Brien,zoe@example.org,01632 960001,"Parish Council, Hawkhurst",councillor,yes\r\n'
    "\r\n"
    "Amir Example,,,,volunteer,no\r\n"
)


def make_session(cli: InProcessCli) -> str:
    result = cli(
        "session",
        "create",
        "--kind",
        "training",
        "--title",
        "Basics",
        "--district",
        "Tunbridge Wells",
        "--venue",
        "St John's Hall",
        "--date",
        "2026-12-03",
        "--json",
    )
    assert result.code == 0, result.err
    session_id: str = result.json()["id"]
    return session_id


def test_a_trainer_sets_up_a_session_and_register_from_the_command_line(
    cli: InProcessCli, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    session_id = make_session(cli)
    listed = cli("session", "list", "--json").json()
    assert listed == [
        {
            "id": session_id,
            "kind": "training",
            "title": "Basics",
            "venue": "St John's Hall",
            "district": "Tunbridge Wells",
            "district_id": "tunbridge-wells",
            "date": "2026-12-03",
            "facilitators": [],
        }
    ]
    signup = tmp_path / "signup.csv"
    signup.write_text(SIGNUP, encoding="utf-8")
    imported = cli("attendees", "import", session_id, str(signup), "--json")
    assert imported.code == 0, imported.err
    assert imported.json()["imported"] == 2

    register = cli("attendees", "list", session_id, "--json").json()
    assert isinstance(register, list)
    assert [a["name"] for a in register] == ["Zoë O'Brien", "Amir Example"]
    assert register[0]["organisation"] == "Parish Council, Hawkhurst"
    assert register[0]["consent_contact"] is True and register[1]["consent_contact"] is False

    done = cli("attendees", "complete", session_id, register[0]["id"])
    assert done.code == 0
    after = cli("attendees", "list", session_id, "--json").json()
    assert [a["completed"] for a in after] == [True, False]


def test_plain_session_create_prints_only_the_id(cli: InProcessCli) -> None:
    cli("init")
    result = cli(
        "session",
        "create",
        "--kind",
        "drop-in",
        "--title",
        "Desk",
        "--district",
        "medway",
        "--venue",
        "Library",
        "--date",
        "2026-12-04",
    )
    assert result.code == 0
    assert len(result.out.strip()) == 32 and "\n" not in result.out.strip()


def test_a_file_with_bad_rows_imports_nothing_and_names_the_lines(
    cli: InProcessCli, tmp_path: Path
) -> None:
    cli("init")
    session_id = make_session(cli)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nAda Example,\n,secret@example.org\nBo Example,nope\n")
    refused = cli("attendees", "import", session_id, str(bad))
    assert refused.code == 1
    assert "2 rows have problems, so nothing was imported" in refused.err
    assert "line 3: the name is missing." in refused.err
    assert "line 4: the email address is not valid." in refused.err
    assert "secret@example.org" not in refused.err and "Traceback" not in refused.err
    assert cli("attendees", "list", session_id, "--json").json() == []

    skipped = cli("attendees", "import", session_id, str(bad), "--skip-bad", "--json")
    assert skipped.code == 0
    assert skipped.json()["imported"] == 1
    assert [s["line"] for s in skipped.json()["skipped"]] == [3, 4]


def test_json_output_on_refusal_is_still_one_document(cli: InProcessCli, tmp_path: Path) -> None:
    cli("init")
    session_id = make_session(cli)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,role\n\n \n,volunteer\n")
    refused = cli("attendees", "import", session_id, str(bad), "--json")
    assert refused.code == 1
    assert refused.json() == {
        "imported": 0,
        "attendee_ids": [],
        "errors": [{"line": 4, "problem": "the name is missing"}],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("session", "list"), "no profile in this folder yet"),
        (("export-key",), "no profile in this folder yet"),
    ],
)
def test_commands_without_a_profile_say_how_to_make_one(
    cli: InProcessCli, args: tuple[str, ...], message: str
) -> None:
    result = cli(*args)
    assert result.code == 1
    assert message in result.err and "victim-champion init" in result.err


def test_errors_are_one_sentence_with_no_traceback(
    cli: InProcessCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("init")
    assert "already exists" in cli("init").err
    bad_district = cli(
        "session",
        "create",
        "--kind",
        "training",
        "--title",
        "T",
        "--district",
        "Narnia",
        "--venue",
        "V",
        "--date",
        "2026-12-03",
    )
    assert bad_district.code == 1 and "'Narnia' is not a district we know" in bad_district.err
    bad_date = cli(
        "session",
        "create",
        "--kind",
        "training",
        "--title",
        "T",
        "--district",
        "Dover",
        "--venue",
        "V",
        "--date",
        "03/12/2026",
    )
    assert "YYYY-MM-DD" in bad_date.err
    missing = cli("attendees", "import", "0" * 32, str(tmp_path / "nope.csv"))
    assert "could not be read" in missing.err
    monkeypatch.setenv("VC_PASSPHRASE", "the wrong passphrase")
    wrong = cli("session", "list")
    assert wrong.code == 1 and "does not open this profile" in wrong.err
    for result in (bad_district, bad_date, missing, wrong):
        assert "Traceback" not in result.err
        assert result.err.count("\n") == 1


def test_init_refuses_a_weak_passphrase_and_creates_nothing(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for weak, why in (("short", "shorter than 12 characters"), ("password1234", "common")):
        monkeypatch.setenv("VC_PASSPHRASE", weak)
        result = cli("init")
        assert result.code == 1 and why in result.err and "for example" in result.err
    assert not cli.data_dir.exists() or not any(cli.data_dir.iterdir())


def test_export_key_prints_64_hex_characters_and_is_audited(cli: InProcessCli) -> None:
    cli("init")
    result = cli("export-key")
    assert result.code == 0
    key = result.out.strip()
    assert len(key) == 64 and int(key, 16) >= 0
    assert "keep it offline" in result.err
