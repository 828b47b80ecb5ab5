"""A recovery key works once (issue 35, finding 3), and every way of setting a passphrase
judges it with the slot's name (finding 4), on a real profile through the command line."""

from __future__ import annotations

import pytest

from tests.cli.conftest import InProcessCli, Result
from tests.conftest import PASSPHRASE
from victim_champion.core.errors import RecoveryKeyUsedError
from victim_champion.core.staff_slots import FIRST_ADMIN, RECOVERY_SLOT
from victim_champion.operations.staff_access import make_recovery_key
from victim_champion.operations.workspace import ProfileGate
from victim_champion.store.keys.slot_set_lock import lock_path
from victim_champion.store.profile import Profile

FIRST_USE = "lantern teapot orchard velvet"
SECOND_USE = "harbour maple quill sixteen"
USED = (
    "That recovery key has already been used or replaced, so nothing was changed; "
    "an administrator can make a new one with 'recovery-key create'.\n"
)


@pytest.fixture
def made(cli: InProcessCli) -> InProcessCli:
    assert cli("init").code == 0
    return cli


def _opens(cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, passphrase: str) -> bool:
    monkeypatch.setenv("VC_PASSPHRASE", passphrase)
    return cli("session", "list").code == 0


def _use(cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, words: str, new: str) -> Result:
    monkeypatch.setenv("VC_RECOVERY_KEY", words)
    monkeypatch.setenv("VC_NEW_PASSPHRASE", new)
    return cli("recovery-key", "use", "--staff", "Administrator")


def test_a_recovery_key_works_once_and_a_second_use_changes_nothing(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = made("recovery-key", "create").out.strip()
    first = _use(made, monkeypatch, words, FIRST_USE)
    assert first.code == 0 and "used up and will not work again" in first.out
    monkeypatch.setenv("VC_PASSPHRASE", FIRST_USE)
    assert "recovery" not in made("staff", "list").out  # spent in the same write
    keys_before = (made.data_dir / "keys.json").read_bytes()

    second = _use(made, monkeypatch, words, SECOND_USE)
    assert second.code == 1
    assert second.err == USED and second.out == ""
    assert (made.data_dir / "keys.json").read_bytes() == keys_before
    assert _opens(made, monkeypatch, FIRST_USE)
    assert not _opens(made, monkeypatch, SECOND_USE)
    assert not _opens(made, monkeypatch, PASSPHRASE)


def test_a_refused_new_passphrase_does_not_spend_the_key(
    made: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = made("recovery-key", "create").out.strip()
    weak = _use(made, monkeypatch, words, "administrator-victim-champion")
    assert weak.code == 1 and "(administrator, victim and champion)" in weak.err
    assert _opens(made, monkeypatch, PASSPHRASE)  # nothing changed
    assert _use(made, monkeypatch, words, FIRST_USE).code == 0
    assert _opens(made, monkeypatch, FIRST_USE)


def test_two_uses_at_once_spend_the_key_once(profile: Profile, fast_kdf: object) -> None:
    """Both unlock with the words before either writes: the second write finds the key
    gone (read again under the key-file lock) and is refused."""
    words = make_recovery_key(ProfileGate(profile), PASSPHRASE)
    first = profile.unlock_key(words, RECOVERY_SLOT)
    second = profile.unlock_key(words, RECOVERY_SLOT)
    profile.set_slot(first, FIRST_ADMIN.slot_id, FIRST_USE, retire=RECOVERY_SLOT)
    with pytest.raises(RecoveryKeyUsedError):
        profile.set_slot(second, FIRST_ADMIN.slot_id, SECOND_USE, retire=RECOVERY_SLOT)
    assert profile.unlock_key(FIRST_USE).slot_id == FIRST_ADMIN.slot_id
    assert RECOVERY_SLOT not in profile.slot_ids()


@pytest.mark.parametrize(
    ("command", "passphrase", "named"),
    [
        (("staff", "add", "Asha"), "asha-victim-champion", "asha, victim and champion"),
        (("staff", "add", "Asha"), "Asha_2026_kent_compass", "asha, kent and compass"),
        (("passphrase", "change"), "Administrator.kent.2026", "administrator and kent"),
    ],
)
def test_every_new_passphrase_is_judged_with_the_slots_name(
    made: InProcessCli,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    passphrase: str,
    named: str,
) -> None:
    monkeypatch.setenv("VC_NEW_PASSPHRASE", passphrase)
    refused = made(*command)
    assert refused.code == 1
    said = refused.err.splitlines()[-1]  # after any progress line: one sentence
    assert said.startswith("Choose a stronger passphrase, because it is built on")
    assert f"({named})" in said and said.count(". ") == 0
    assert _opens(made, monkeypatch, PASSPHRASE)
    assert not _opens(made, monkeypatch, passphrase)


def test_the_first_run_refuses_the_apps_own_words(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for passphrase in ("victim champion 2026", "kent-compass-point", "administrator velvet 2026"):
        monkeypatch.setenv("VC_PASSPHRASE", passphrase)
        refused = cli("init")
        assert refused.code == 1 and "words anyone would try first" in refused.err
        assert not (cli.data_dir / "keys.json").exists()


def test_a_wipe_leaves_no_lock_file_behind(profile: Profile) -> None:
    make_recovery_key(ProfileGate(profile), PASSPHRASE)  # a change takes the key-file lock
    assert lock_path(profile.paths.keys).exists()
    profile.wipe()
    assert list(profile.paths.folder.iterdir()) == []
