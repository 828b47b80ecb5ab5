"""Dashboard accounts and login sessions on a real (SQLite) hub database, and the CLI."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from tests.support.hub_process import sqlite_url
from victim_champion.hub import dashboard_accounts as accounts
from victim_champion.hub.database import make_engine, upgrade
from victim_champion.hub.tables import dashboard_sessions

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    made = make_engine(sqlite_url(tmp_path))
    upgrade(made)
    return made


def everything_stored(tmp_path: Path) -> str:
    database = sqlite3.connect(tmp_path / "hub.sqlite3")
    try:
        rows = database.execute("SELECT * FROM dashboard_accounts").fetchall()
        rows += database.execute("SELECT * FROM dashboard_sessions").fetchall()
        return "\n".join(str(value) for row in rows for value in row)
    finally:
        database.close()


def test_passwords_are_salted_scrypt_and_a_wrong_one_gives_no_hint(
    engine: Engine, tmp_path: Path
) -> None:
    assert accounts.create_account(engine, " Wendy.WCU ", "witness-care", PASSWORD) == "wendy.wcu"
    accounts.create_account(engine, "other", "witness-care", PASSWORD)
    stored = everything_stored(tmp_path)
    assert PASSWORD not in stored
    hashes = [line for line in stored.splitlines() if line.startswith("scrypt$")]
    assert len(hashes) == 2 and hashes[0] != hashes[1]  # a fresh salt for each account
    assert accounts.check_login(engine, "WENDY.wcu", PASSWORD) == accounts.DashboardUser(
        "wendy.wcu", "witness-care"
    )
    assert accounts.check_login(engine, "wendy.wcu", PASSWORD + "x") is None
    assert accounts.check_login(engine, "nobody", PASSWORD) is None


def test_accounts_refuse_unknown_agencies_repeats_and_short_passwords(engine: Engine) -> None:
    with pytest.raises(accounts.AccountError, match=r"^There is no agency with that id; use"):
        accounts.create_account(engine, "someone", "the-moon", PASSWORD)
    with pytest.raises(accounts.AccountError, match="at least 12 characters"):
        accounts.create_account(engine, "someone", "opcc", "short")
    with pytest.raises(accounts.AccountError, match="3 to 64"):
        accounts.create_account(engine, "a b", "opcc", PASSWORD)
    accounts.create_account(engine, "someone", "opcc", PASSWORD)
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_account(engine, "SOMEONE", "victim-support", PASSWORD)


def test_a_session_token_is_stored_only_as_its_hash_and_ends_at_logout(
    engine: Engine, tmp_path: Path
) -> None:
    accounts.create_account(engine, "olive", "opcc", PASSWORD)
    user = accounts.check_login(engine, "olive", PASSWORD)
    assert user is not None
    token = accounts.start_session(engine, user)
    assert len(token) >= 40 and token not in everything_stored(tmp_path)
    assert accounts.session_user(engine, token) == user
    assert accounts.session_user(engine, token + "x") is None
    assert accounts.session_user(engine, None) is None
    accounts.end_session(engine, token)
    assert accounts.session_user(engine, token) is None


@pytest.mark.parametrize(
    ("expires", "idle"),
    [(timedelta(seconds=-1), timedelta(0)), (timedelta(hours=1), accounts.IDLE_LIMIT)],
    ids=["past its 8 hours", "idle for an hour"],
)
def test_an_expired_or_idle_session_is_refused_and_removed(
    engine: Engine, tmp_path: Path, expires: timedelta, idle: timedelta
) -> None:
    accounts.create_account(engine, "olive", "opcc", PASSWORD)
    user = accounts.check_login(engine, "olive", PASSWORD)
    assert user is not None
    token = accounts.start_session(engine, user)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            update(dashboard_sessions).values(expires_at=now + expires, last_seen_at=now - idle)
        )
    assert accounts.session_user(engine, token) is None
    database = sqlite3.connect(tmp_path / "hub.sqlite3")
    try:
        assert database.execute("SELECT count(*) FROM dashboard_sessions").fetchone() == (0,)
    finally:
        database.close()


def hub_command(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "victim_champion.hub.cli", *args, "--db", sqlite_url(tmp_path)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_creates_an_account_from_stdin_and_refuses_an_unknown_agency(
    tmp_path: Path,
) -> None:
    refused = hub_command(
        tmp_path, "dashboard-account", "--agency", "police", "--username", "pat", stdin=PASSWORD
    )
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("There is no agency with that id; use one of: opcc")
    assert refused.stderr.count("\n") == 1
    made = hub_command(
        tmp_path,
        "dashboard-account",
        "--agency",
        "victim-support",
        "--username",
        "pat",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Created a dashboard account for Victim Support")
    engine = make_engine(sqlite_url(tmp_path))
    assert accounts.check_login(engine, "pat", PASSWORD) == accounts.DashboardUser(
        "pat", "victim-support"
    )
