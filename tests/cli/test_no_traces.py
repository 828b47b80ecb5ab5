"""Canaries: personal data never leaves the encrypted store for any file on disk."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_cli
from tests.conftest import canary


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_imported_names_and_contacts_appear_in_no_file_the_app_touched(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    people = [
        {
            "name": canary("Name"),
            "email": f"{canary('mail')}@example.org",
            "organisation": canary("Org"),
            "role": canary("Role"),
        }
        for _ in range(3)
    ]
    signup = tmp_path / "signup.csv"  # outside the scanned folders: it is the input
    signup.write_text(
        "name,email,organisation,role,consent_contact\n"
        + "".join(
            f"{p['name']},{p['email']},{p['organisation']},{p['role']},yes\n" for p in people
        ),
        encoding="utf-8",
    )
    assert run_cli(cli_env, "init").code == 0
    session_id = run_cli(
        cli_env,
        "session",
        "create",
        "--kind",
        "training",
        "--title",
        "Basics",
        "--district",
        "Thanet",
        "--venue",
        "Hall",
        "--date",
        "2026-12-03",
    ).out.strip()
    assert run_cli(cli_env, "attendees", "import", session_id, str(signup)).code == 0
    register = run_cli(cli_env, "attendees", "list", session_id, "--json")
    assert people[0]["name"] in register.out  # the data is really in the store
    first_id = register.json()[0]["id"]
    assert run_cli(cli_env, "attendees", "complete", session_id, first_id).code == 0
    assert run_cli(cli_env, "export-key").code == 0
    printed = tmp_path / "certificates.pdf"  # the one place the user chose to save
    assert run_cli(cli_env, "print", "certificates", session_id, "--out", str(printed)).code == 0
    assert printed.stat().st_size > 0

    scanned = every_file(Path(cli_env["VC_DATA_DIR"])) + every_file(Path(cli_env["TMPDIR"]))
    scanned.append(Path(cli_env["VC_TEST_KEYRING_FILE"]))
    assert any(p.name == "store.db" for p in scanned)
    secrets = [value.encode() for person in people for value in person.values()]
    for path in scanned:
        data = path.read_bytes()
        for secret in secrets:
            assert secret not in data, f"a canary leaked into {path.name}"
