"""The dashboard's TOTP second step and its client addresses, against a real hub process.

Codes are real time-based codes from pyotp for the secret ``dashboard-totp`` printed;
recovery codes are the ones it printed. Nothing here reaches into the hub's tables to log
in: only the command line and plain HTTP form posts, as a person with a phone would.
"""

from __future__ import annotations

import http.client
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyotp
import pytest
from sqlalchemy import select

from tests.support.dashboard_client import (
    PASSWORD,
    Answer,
    challenge_of,
    create_account,
    enrol_second_step,
    fetch,
    hub_admin,
    totp_code,
)
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.nginx_front import NginxFront
from tests.support.throwaway_ca import issue
from victim_champion.hub.dashboard import html_pages as pages
from victim_champion.hub.storage.engine import make_engine
from victim_champion.hub.storage.tables import dashboard_recovery_codes


@pytest.fixture
def hub(hub_db_url: str) -> Iterator[HubProcess]:
    """A hub process on a fresh database: SQLite, then PostgreSQL."""
    running = start_hub(hub_db_url)
    try:
        yield running
    finally:
        running.stop()


def password_step(hub: HubProcess, username: str, headers: dict[str, str] | None = None) -> str:
    """Post the right password; the second step's hidden token."""
    form = {"username": username, "password": PASSWORD}
    answer = fetch(hub, "POST", "/dashboard/login", form=form, headers=headers)
    assert answer.status == 200 and "Set-Cookie" not in answer.headers
    assert "<h1>Enter your code</h1>" in answer.body and "<script" not in answer.body
    assert "action='/dashboard/login/code'" in answer.body
    return challenge_of(answer.body)


def code_step(
    hub: HubProcess, challenge: str, code: str, headers: dict[str, str] | None = None
) -> Answer:
    form = {"challenge": challenge, "code": code}
    return fetch(hub, "POST", "/dashboard/login/code", form=form, headers=headers)


def cookie_of(answer: Answer) -> str:
    assert answer.status == 303 and answer.headers["Location"] == "/dashboard", answer.body
    return answer.headers["Set-Cookie"].split(";")[0]


def test_the_opcc_logs_in_with_its_password_then_a_real_code_taken_once(
    hub: HubProcess,
) -> None:
    create_account(hub, "olive", "opcc")  # the client sets up her second step
    challenge = password_step(hub, "olive")
    right = totp_code(hub, "olive")
    wrong = "000000" if right != "000000" else "111111"
    refused = code_step(hub, challenge, wrong)
    assert refused.status == 401 and pages.WRONG_CODE in refused.body
    assert challenge_of(refused.body) == challenge  # the same step, asked again
    cookie = cookie_of(code_step(hub, challenge, right))
    figures = fetch(hub, "GET", "/dashboard", cookie)
    assert figures.status == 200 and "Police Witness Care Unit" in figures.body
    # The token is spent, and the same code never works twice, even after a new password.
    spent = code_step(hub, challenge, right)
    assert spent.status == 401 and pages.CODE_EXPIRED in spent.body
    replay = code_step(hub, password_step(hub, "olive"), right)
    assert replay.status == 401 and pages.WRONG_CODE in replay.body
    # The password alone opens nothing.
    assert fetch(hub, "GET", "/dashboard", "vc_dashboard=" + challenge).status == 303


def test_a_recovery_code_works_once_and_is_kept_only_as_a_hash(hub: HubProcess) -> None:
    create_account(hub, "olive", "opcc")
    old_secret = pyotp.TOTP(enrol_second_step(hub, "olive")[0])
    secret, codes = enrol_second_step(hub, "olive")  # again: the first one stops working
    assert len(codes) == 10 and len(set(codes)) == 10
    old = code_step(hub, password_step(hub, "olive"), old_secret.now())
    assert old.status == 401 or pyotp.TOTP(secret).now() == old_secret.now()
    typed = codes[3].upper().replace("-", " ")  # as someone might type it from paper
    cookie_of(code_step(hub, password_step(hub, "olive"), typed))
    again = code_step(hub, password_step(hub, "olive"), codes[3])
    assert again.status == 401 and pages.WRONG_CODE in again.body
    cookie_of(code_step(hub, password_step(hub, "olive"), codes[4]))
    engine = make_engine(hub.db_url)
    with engine.connect() as connection:
        stored = connection.execute(select(dashboard_recovery_codes)).all()
    engine.dispose()
    text = "\n".join(str(value) for row in stored for value in row)
    assert len(stored) == 10 and sum(row.used_at is not None for row in stored) == 2
    for code in codes:
        assert code not in text and code.replace("-", "") not in text


def test_an_account_that_sees_every_table_needs_its_second_step_to_log_in(
    hub: HubProcess,
) -> None:
    made = hub_admin(
        hub,
        "dashboard-account",
        "--agency",
        "opcc",
        "--username",
        "otto",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert "it can log in only after 'dashboard-totp' sets its code" in made
    form = {"username": "otto", "password": PASSWORD}
    refused = fetch(hub, "POST", "/dashboard/login", form=form)
    assert refused.status == 403 and pages.NO_SECOND_FACTOR in refused.body
    assert "Set-Cookie" not in refused.headers
    create_account(hub, "wendy", "witness-care")  # one table set: the password is enough
    answer = fetch(hub, "POST", "/dashboard/login", form={**form, "username": "wendy"})
    assert answer.status == 303


def test_five_wrong_posts_from_one_address_leave_the_right_password_from_another_in(
    hub: HubProcess,
) -> None:
    create_account(hub, "wendy", "witness-care")
    from_a, from_b = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "203.0.113.9"}
    guess = {"username": "wendy", "password": "guess " + PASSWORD}
    statuses = [
        fetch(hub, "POST", "/dashboard/login", form=guess, headers=from_a).status for _ in range(5)
    ]
    assert statuses == [401, 401, 401, 401, 429]
    right = {**guess, "password": PASSWORD}
    assert fetch(hub, "POST", "/dashboard/login", form=right, headers=from_a).status == 429
    cookie_of(fetch(hub, "POST", "/dashboard/login", form=right, headers=from_b))


def test_wrong_codes_count_against_the_address_like_wrong_passwords(hub: HubProcess) -> None:
    create_account(hub, "olive", "opcc")
    from_a = {"X-Forwarded-For": "198.51.100.7"}
    challenge = password_step(hub, "olive", from_a)
    right = totp_code(hub, "olive")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(4):
        assert code_step(hub, challenge, wrong, from_a).status == 401
    assert code_step(hub, challenge, wrong, from_a).status == 429
    assert code_step(hub, challenge, right, from_a).status == 429  # blocked: not even checked
    from_b = {"X-Forwarded-For": "203.0.113.9"}
    cookie_of(code_step(hub, password_step(hub, "olive", from_b), right, from_b))


def test_the_cli_prints_the_uri_secret_and_ten_codes_once_and_knows_its_accounts(
    hub: HubProcess,
) -> None:
    create_account(hub, "wendy", "witness-care")
    printed = hub_admin(hub, "dashboard-totp", "--username", "wendy")
    uri = next(line for line in printed.splitlines() if line.startswith("otpauth://totp/"))
    parsed = pyotp.parse_uri(uri)
    assert f"Secret: {parsed.secret}" in printed and "issuer=Victim%20Champion" in uri
    assert len([line for line in printed.splitlines() if line.startswith("  ")]) == 10
    missing = subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "dashboard-totp"),
            *("--username", "nobody", "--db", hub.db_url),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert missing.returncode == 1
    assert missing.stderr == "There is no dashboard account with that username.\n"


def test_x_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn believes X-Forwarded-For only from FORWARDED_ALLOW_IPS (127.0.0.1 unless
    set): here only 192.0.2.1 is a proxy, so a loopback client's header changes nothing."""
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "192.0.2.1")
    hub = start_hub(sqlite_url(tmp_path))
    try:
        create_account(hub, "wendy", "witness-care")
        form = {"username": "wendy", "password": "guess " + PASSWORD}
        answers = [
            fetch(hub, "POST", "/dashboard/login", form=form, headers={"X-Forwarded-For": ip})
            for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "::1")
        ]
        assert [a.status for a in answers] == [401, 401, 401, 401, 429]
        right = {**form, "password": PASSWORD}
        other = fetch(
            hub, "POST", "/dashboard/login", form=right, headers={"X-Forwarded-For": "203.0.113.5"}
        )
        assert other.status == 429  # still the loopback address, blocked
    finally:
        hub.stop()


def test_behind_nginx_a_made_up_x_forwarded_for_does_not_dodge_the_block(
    tmp_path: Path,
) -> None:
    """nginx replaces the client's X-Forwarded-For with the address it really sees, so
    changing the header on each guess still counts every guess against one address."""
    hub = start_hub(sqlite_url(tmp_path))
    front = NginxFront(tmp_path / "nginx", issue(tmp_path / "ca"), [hub.port])
    try:
        front.start()
        create_account(hub, "wendy", "witness-care")
        context = ssl.create_default_context(cafile=str(front.issued.ca_file))

        def post(password: str, made_up: str) -> int:
            connection = http.client.HTTPSConnection(
                "localhost", front.port, timeout=30, context=context
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": made_up,
            }
            form = urlencode({"username": "wendy", "password": password})
            try:
                connection.request("POST", "/dashboard/login", body=form, headers=headers)
                return connection.getresponse().status
            finally:
                connection.close()

        guesses = [post("guess " + PASSWORD, f"198.51.100.{n}") for n in range(1, 6)]
        assert guesses == [401, 401, 401, 401, 429]
        assert post(PASSWORD, "203.0.113.5") == 429
    finally:
        front.stop()
        hub.stop()
