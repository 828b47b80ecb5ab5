"""A partner's browser, as plain HTTP: make an account, log in, fetch a page; and read
a dashboard page's tables back as figures.

An account that sees every table (the OPCC's) gets its TOTP second step at creation, as
Compass House would set it up, and ``log_in`` types real time-based codes from pyotp."""

from __future__ import annotations

import html
import http.client
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import pyotp

from tests.support.hub_process import HubProcess
from victim_champion.hub.dashboard.second_factor import needs_second_factor

PASSWORD = "a quiet orchard at eleven"
# (database, username): the account's TOTP secret and the last 30-second step used.
SECOND_STEPS: dict[tuple[str, str], tuple[str, int]] = {}


def hub_admin(hub: HubProcess, *args: str, stdin: str = "") -> str:
    """Run one ``victim-champion-hub`` admin command on the hub's database; its output."""
    result = subprocess.run(
        [sys.executable, "-m", "victim_champion.hub.command_line", *args, "--db", hub.db_url],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def enrol_second_step(hub: HubProcess, username: str) -> tuple[str, list[str]]:
    """``dashboard-totp``: the secret from the otpauth URI, and the ten recovery codes."""
    printed = hub_admin(hub, "dashboard-totp", "--username", username)
    uri = next(line for line in printed.splitlines() if line.startswith("otpauth://"))
    secret = pyotp.parse_uri(uri).secret
    codes = [line.strip() for line in printed.splitlines() if line.startswith("  ")]
    SECOND_STEPS[(hub.db_url, username)] = (secret, -1)
    return secret, codes


def totp_code(hub: HubProcess, username: str) -> str:
    """A real code for now, never one this account has used (the hub takes each once)."""
    secret, last = SECOND_STEPS[(hub.db_url, username)]
    totp = pyotp.TOTP(secret)
    step = totp.timecode(time.time())
    if last >= step + 1:  # both this step and the next used: wait for the next one
        time.sleep(totp.interval - time.time() % totp.interval + 0.2)
        step = totp.timecode(time.time())
    step = max(step, last + 1)
    SECOND_STEPS[(hub.db_url, username)] = (secret, step)
    return totp.at(step * totp.interval)


def create_account(hub: HubProcess, username: str, agency_id: str) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "dashboard-account"),
            *("--db", hub.db_url, "--agency", agency_id, "--username", username),
            "--password-stdin",
        ],
        input=PASSWORD,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.startswith("Created")
    if needs_second_factor(agency_id):
        enrol_second_step(hub, username)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def fetch(
    hub: HubProcess,
    method: str,
    path: str,
    cookie: str = "",
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request; ``headers`` adds to them (X-Forwarded-For, as nginx sends it)."""
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
    headers = dict(headers or {})
    if cookie:
        headers["Cookie"] = cookie
    body = None
    if form is not None:
        body = urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = hub.url
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def challenge_of(page: str) -> str:
    """The hidden token the second step's form carries."""
    found = re.search(r"name='challenge' value='([^']+)'", page)
    assert found, "no second-step form on the page"
    return html.unescape(found[1])


def log_in(hub: HubProcess, username: str, headers: dict[str, str] | None = None) -> str:
    answer = fetch(
        hub,
        "POST",
        "/dashboard/login",
        form={"username": username, "password": PASSWORD},
        headers=headers,
    )
    if (hub.db_url, username) in SECOND_STEPS:
        assert answer.status == 200 and "Enter your code" in answer.body, answer.body
        code = {"challenge": challenge_of(answer.body), "code": totp_code(hub, username)}
        answer = fetch(hub, "POST", "/dashboard/login/code", form=code, headers=headers)
    assert answer.status == 303 and answer.headers["Location"] == "/dashboard"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=28800" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback only; Secure everywhere else
    return cookie.split(";")[0]


def page_figures(page: str) -> dict[tuple[str, str, str], str]:
    """Every printed cell of every table on a dashboard page, keyed like the CSV."""
    found = {}
    for table_id, section in re.findall(
        r"<section class='report' id='([^']+)'(.*?)</section>", page, re.S
    ):
        head = re.search(r"<thead>(.*?)</thead>", section, re.S)
        if head is None:
            continue
        columns = [html.unescape(c) for c in re.findall(r"<th scope='col'>(.*?)</th>", head[1])]
        for label, cells in re.findall(r"<tr[^>]*><th scope='row'>(.*?)</th>(.*?)</tr>", section):
            values = [html.unescape(v) for v in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
            for column, value in zip(columns, values, strict=False):
                if value:
                    found[(table_id, html.unescape(label), column)] = value
    return found
