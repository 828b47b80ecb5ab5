"""``serve --public-url`` refuses an address with a user name or password in it, in one
sentence that never repeats the password (issue 35, finding 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hub_process import sqlite_url
from victim_champion.hub.command_line import main
from victim_champion.hub.serving import PUBLIC_URL_VARIABLE


@pytest.fixture(autouse=True)
def never_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the check be missing, the command stops where it would make the database,
    rather than serve for ever."""
    from victim_champion.hub import serving

    monkeypatch.setattr(serving, "upgrade", _stop_here)


@pytest.mark.parametrize(
    "address",
    [
        "https://user:Sesame-Pw-77@hub.example/",
        "https://user@hub.example",
        "https://:Sesame-Pw-77@hub.example",
        "http://user:Sesame-Pw-77@127.0.0.1:8443",
    ],
)
def test_an_address_with_user_info_is_refused_before_anything_is_made(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", sqlite_url(tmp_path), "--public-url", address]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "without a user name or password" in err
    assert "Sesame" not in err and "user:" not in err.replace("user:password@", "")
    assert "_ReachedUpgradeError" not in err  # refused before the database is made


def test_the_environment_variable_is_checked_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLIC_URL_VARIABLE, "https://admin:Sesame-Pw-77@hub.example")
    assert main(["serve", "--db", sqlite_url(tmp_path)]) == 2
    assert "without a user name or password" in capsys.readouterr().err


def test_an_at_sign_in_the_path_is_not_user_info(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the host part counts: the check refuses user info, not every '@'."""
    main(["serve", "--db", sqlite_url(tmp_path), "--public-url", "https://hub.example/@x"])
    err = capsys.readouterr().err
    assert "_ReachedUpgradeError" in err and "user name" not in err


class _ReachedUpgradeError(Exception):
    pass


def _stop_here(*_args: object) -> None:
    raise _ReachedUpgradeError
