"""``passphrase change``, ``staff add|remove|list`` and ``recovery-key``, exactly as
CLI.md writes them, on a real profile; and the shared wrong-passphrase count reaching the
command line, in separate processes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, run_cli
from tests.conftest import PASSPHRASE
from tests.support.pdf_tools import pdf_fonts, pdf_text

NEW = "lantern teapot orchard velvet"
WRONG = "That passphrase does not open this profile; check Caps Lock and try again."
ASHA = "harbour maple quill sixteen"


@pytest.fixture
def made(cli: InProcessCli) -> InProcessCli:
    assert cli("init").code == 0
    return cli


def test_a_changed_passphrase_opens_and_the_old_one_does_not(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VC_NEW_PASSPHRASE", NEW)
    changed = made("passphrase", "change")
    assert changed.code == 0 and "the old one no longer opens" in changed.out
    assert made("session", "list").code == 1  # VC_PASSPHRASE is still the old one
    monkeypatch.setenv("VC_PASSPHRASE", NEW)
    assert made("session", "list").code == 0


def test_a_weak_new_passphrase_is_refused_with_words_that_would_do(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VC_NEW_PASSPHRASE", "password")
    refused = made("passphrase", "change")
    assert refused.code == 1
    assert "shorter than 12 characters" in refused.err and "for example" in refused.err
    assert made("session", "list").code == 0  # nothing changed


def test_named_staff_slots_are_added_listed_and_removed_by_an_administrator(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VC_NEW_PASSPHRASE", ASHA)
    assert made("staff", "add", "Asha").out.startswith("Added a staff slot for Asha")
    listed = made("staff", "list", "--json").json()
    assert {(s["role"], s["name"]) for s in listed} == {
        ("admin", "Administrator"),
        ("staff", "Asha"),
    }
    # Asha opens the data, but cannot manage staff.
    monkeypatch.setenv("VC_PASSPHRASE", ASHA)
    assert made("session", "list").code == 0
    refused = made("staff", "list")
    assert refused.code == 1 and "Only an administrator" in refused.err
    monkeypatch.setenv("VC_PASSPHRASE", PASSPHRASE)
    assert "already a staff slot named Asha" in made("staff", "add", "asha").err
    assert "only administrator" in made("staff", "remove", "Administrator").err
    assert made("staff", "remove", "Asha").code == 0
    monkeypatch.setenv("VC_PASSPHRASE", ASHA)
    assert made("session", "list").code == 1


def test_a_recovery_key_sets_a_new_passphrase_once_shown(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sheet = tmp_path / "recovery.pdf"
    created = made("recovery-key", "create", "--pdf", str(sheet))
    words = created.out.strip()
    assert len(words.split()) == 12 and "shown once" in created.err
    printed = " ".join(pdf_text(sheet.read_bytes(), tmp_path).split())
    assert all(word in printed for word in words.split())
    assert "victim" not in printed.casefold().replace("victim-champion recovery-key", "")
    assert sheet.stat().st_mode & 0o777 == 0o600
    assert all(embedded for _, embedded in pdf_fonts(sheet.read_bytes(), tmp_path))
    assert "recovery  recovery key" in made("staff", "list").out
    monkeypatch.setenv("VC_RECOVERY_KEY", words.upper().replace(" ", "-"))  # as typed
    monkeypatch.setenv("VC_NEW_PASSPHRASE", NEW)
    used = made("recovery-key", "use", "--staff", "Administrator")
    assert used.code == 0 and "Make a new recovery key" in used.out
    monkeypatch.setenv("VC_PASSPHRASE", NEW)
    assert made("session", "list").code == 0
    # The recovery key opens no data by itself.
    monkeypatch.setenv("VC_PASSPHRASE", words)
    assert made("session", "list").code == 1


def test_wrong_passphrases_slow_every_later_command_even_in_new_processes(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    assert run_cli(cli_env, "init").code == 0
    wrong = {**cli_env, "VC_PASSPHRASE": "not the passphrase at all"}
    said = [run_cli(wrong, "session", "list").err.strip() for _ in range(4)]
    assert said[:3] == [WRONG] * 3  # three free tries, each its own process
    assert said[3] == "Too many wrong passphrases: wait 1 second, then try again."
    time.sleep(1.1)  # a wrong try after the wait doubles the next one (to 2 s)
    assert run_cli(wrong, "session", "list").err.strip() == WRONG
    right = run_cli(cli_env, "session", "list")  # even the right one waits its turn
    assert right.code == 1 and right.err.startswith("Too many wrong passphrases: wait")
