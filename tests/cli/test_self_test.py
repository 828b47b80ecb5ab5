"""`self-test`: one line per check, and a failed line (not a crash) when something is wrong."""

from __future__ import annotations

from tests.cli.conftest import run_cli


def test_every_check_passes_on_a_working_install(cli_env: dict[str, str]) -> None:
    result = run_cli({**cli_env, "QT_QPA_PLATFORM": "offscreen"}, "self-test", "--json")
    report = result.json()
    assert result.code == 0, report
    assert [c["name"] for c in report["checks"]] == ["sqlcipher", "keyring", "qt", "pdf", "code"]
    assert all(c["ok"] for c in report["checks"])
    details = {c["name"]: c["detail"] for c in report["checks"]}
    assert details["sqlcipher"].startswith("SQLCipher 4.")
    assert "FileKeyring" in details["keyring"]
    assert "offscreen" in details["qt"]
    assert "rendered page 1" in details["pdf"]
    assert "modules behind the passphrase load" in details["code"]


def test_no_display_and_no_keyring_are_reported_as_failed_lines(cli_env: dict[str, str]) -> None:
    env = {k: v for k, v in cli_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        {"QT_QPA_PLATFORM": "xcb", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    result = run_cli(env, "self-test")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("ok    sqlcipher")
    assert lines[1].startswith("FAIL  keyring") and "no working keyring" in lines[1]
    assert lines[2].startswith("FAIL  qt") and lines[3].startswith("FAIL  pdf")
    assert lines[4].startswith("FAIL  code")
    assert "Traceback" not in result.err
