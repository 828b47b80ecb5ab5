"""Dashboard accounts and login sessions on a real (SQLite) hub database, and the CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from tests.support.hub_process import sqlite_url
from victim_champion.hub.dashboard import accounts as accounts
from victim_champion.hub.dashboard import login_throttle as throttle
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import dashboard_sessions

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


@pytest.mark.parametrize(
    "weak", ["passwordpassword", "PasswordPassword1", "olive.opcc 2026", "qwertyuiopasdf"]
)
def test_a_weak_password_is_refused_in_one_sentence_for_new_accounts_and_resets(
    engine: Engine, weak: str
) -> None:
    with pytest.raises(accounts.AccountError) as refused:
        accounts.create_account(engine, "olive.opcc", "opcc", weak)
    sentence = str(refused.value)
    assert sentence.startswith("Choose a stronger passphrase, because ")
    assert sentence.endswith(".") and sentence.count(". ") == 0  # one sentence
    assert accounts.list_accounts(engine) == []
    accounts.create_account(engine, "olive.opcc", "opcc", PASSWORD)
    with pytest.raises(accounts.AccountError, match=r"^Choose a stronger passphrase"):
        accounts.set_password(engine, "olive.opcc", weak)
    assert accounts.check_login(engine, "olive.opcc", PASSWORD) is not None


def test_the_cli_refuses_passwordpassword_with_one_sentence(tmp_path: Path) -> None:
    refused = hub_command(
        tmp_path,
        "dashboard-account",
        "--agency",
        "opcc",
        "--username",
        "olive",
        stdin="passwordpassword\n",
    )
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("Choose a stronger passphrase, because ")
    assert refused.stderr.count("\n") == 1


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
        [
            sys.executable,
            "-m",
            "victim_champion.hub.command_line",
            *args,
            "--db",
            sqlite_url(tmp_path),
        ],
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


A, B = "198.51.100.7", "203.0.113.9"


def test_five_wrong_passwords_block_the_address_for_fifteen_minutes_not_the_account(
    engine: Engine,
) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for minute in range(4):
        assert throttle.note_failure(engine, "wendy", A, start + timedelta(minutes=minute)) is None
        assert throttle.address_blocked(engine, A, start + timedelta(minutes=minute)) is None
    fifth = start + timedelta(minutes=4)
    assert throttle.note_failure(engine, "other.name", A, fifth) == fifth + throttle.LOCKOUT
    assert throttle.note_failure(engine, "wendy", A, fifth + timedelta(minutes=1)) is None
    assert throttle.address_blocked(engine, A, fifth + timedelta(minutes=14)) is not None
    assert throttle.address_blocked(engine, B, fifth) is None  # another address may try
    assert throttle.under_attack(engine, "wendy", fifth) is None  # and the account is open
    assert throttle.address_blocked(engine, A, fifth + throttle.LOCKOUT) is None
    # After the block, it takes five more wrong passwords to block again.
    assert throttle.note_failure(engine, "wendy", A, fifth + throttle.LOCKOUT) is None


def test_an_ipv6_client_counts_as_its_64_network() -> None:
    assert throttle.address_key("2001:db8:1:2::5") == throttle.address_key("2001:db8:1:2:ff::9")
    assert throttle.address_key("2001:db8:1:3::5") != throttle.address_key("2001:db8:1:2::5")
    assert throttle.address_key("::ffff:192.0.2.1") == "192.0.2.1"


def test_many_addresses_on_one_account_get_one_guess_each_once_it_is_under_attack(
    engine: Engine,
) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for n in range(throttle.ACCOUNT_BUDGET - 1):  # a botnet: one guess from each address
        assert throttle.note_failure(engine, "olive", f"192.0.2.{n}", start) is None
    last = throttle.note_failure(engine, "olive", "192.0.2.99", start)
    assert last == start + throttle.LOCKOUT  # the guess that spends the budget: blocked
    attacked = throttle.under_attack(engine, "olive", start)
    assert attacked == start + throttle.ACCOUNT_WINDOW
    # From now on one wrong password for olive blocks the address that sent it ...
    assert throttle.note_failure(engine, "olive", "192.0.2.1", start) == start + throttle.LOCKOUT
    assert throttle.note_failure(engine, "olive", B, start) == start + throttle.LOCKOUT
    # ... while other accounts keep the usual five, and the account itself is never blocked:
    # the login page only asks whether the sender's address is (tests/hub/test_dashboard.py).
    assert throttle.note_failure(engine, "wendy", "192.0.2.200", start) is None
    assert throttle.address_blocked(engine, "192.0.2.200", start) is None
    assert throttle.under_attack(engine, "olive", start + throttle.ACCOUNT_WINDOW) is None


def test_mistakes_spread_beyond_the_window_do_not_add_up(engine: Engine) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for n in range(12):  # one wrong password every 4 minutes for 48 minutes
        assert throttle.note_failure(engine, "wendy", A, start + timedelta(minutes=4 * n)) is None


def test_a_password_reset_clears_the_accounts_count(engine: Engine) -> None:
    accounts.create_account(engine, "wendy", "witness-care", PASSWORD)
    start = datetime.now(UTC)
    for n in range(throttle.ACCOUNT_BUDGET):
        throttle.note_failure(engine, "wendy", f"192.0.2.{n}", start)
    assert throttle.under_attack(engine, "wendy") is not None
    accounts.set_password(engine, "Wendy", PASSWORD + " new")
    assert throttle.under_attack(engine, "wendy") is None
    assert accounts.check_login(engine, "wendy", PASSWORD) is None
    assert accounts.check_login(engine, "wendy", PASSWORD + " new") is not None


def test_a_reset_or_a_removal_ends_every_open_session(engine: Engine) -> None:
    accounts.create_account(engine, "olive", "opcc", PASSWORD)
    accounts.create_account(engine, "pat", "victim-support", PASSWORD)
    olive = accounts.DashboardUser("olive", "opcc")
    pat = accounts.DashboardUser("pat", "victim-support")
    first, second = accounts.start_session(engine, olive), accounts.start_session(engine, olive)
    kept = accounts.start_session(engine, pat)
    accounts.set_password(engine, "olive", PASSWORD + " new")
    assert accounts.session_user(engine, first) is None
    assert accounts.session_user(engine, second) is None
    assert accounts.session_user(engine, kept) == pat
    accounts.remove_account(engine, "pat")
    assert accounts.session_user(engine, kept) is None
    assert accounts.check_login(engine, "pat", PASSWORD) is None
    assert [a["username"] for a in accounts.list_accounts(engine)] == ["olive"]
    with pytest.raises(accounts.AccountError, match=r"^There is no dashboard account with that"):
        accounts.remove_account(engine, "pat")
    with pytest.raises(accounts.AccountError, match="at least 12"):
        accounts.set_password(engine, "olive", "short")


def test_the_cli_lists_resets_and_removes_accounts(tmp_path: Path) -> None:
    made = hub_command(
        tmp_path, "dashboard-account", "--agency", "opcc", "--username", "olive", stdin=PASSWORD
    )
    assert made.returncode == 0, made.stderr
    listed = hub_command(tmp_path, "dashboard-accounts", "--json")
    assert [(a["username"], a["agency"]) for a in json.loads(listed.stdout)] == [("olive", "opcc")]
    assert "scrypt" not in listed.stdout
    reset = hub_command(
        tmp_path, "dashboard-password", "--username", "olive", stdin=PASSWORD + " new\n"
    )
    assert reset.returncode == 0 and reset.stdout.startswith("Password changed")
    engine = make_engine(sqlite_url(tmp_path))
    assert accounts.check_login(engine, "olive", PASSWORD + " new") is not None
    missing = hub_command(tmp_path, "dashboard-remove", "--username", "nobody")
    assert missing.returncode == 1
    assert missing.stderr == "There is no dashboard account with that username.\n"
    removed = hub_command(tmp_path, "dashboard-remove", "--username", "olive")
    assert removed.returncode == 0, removed.stderr
    assert "No dashboard accounts yet" in hub_command(tmp_path, "dashboard-accounts").stdout


def test_guessing_many_names_does_not_grow_the_table(engine: Engine, tmp_path: Path) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for _ in range(5):
        throttle.note_failure(engine, "locked.name", A, start)  # A blocked until 09:15
    for n in range(20):
        throttle.note_failure(engine, f"guess{n}", B, start)
    throttle.note_failure(engine, "later", "192.0.2.9", start + timedelta(hours=1, minutes=1))
    database = sqlite3.connect(tmp_path / "hub.sqlite3")
    try:
        keys = database.execute("SELECT scope, key FROM dashboard_login_limits").fetchall()
    finally:
        database.close()
    assert sorted(keys) == [("account", "later"), ("address", "192.0.2.9")]
    assert throttle.address_blocked(engine, A, start + timedelta(minutes=16)) is None
