"""A partner's browser, as plain HTTP: make an account, log in, fetch a page; and read
a dashboard page's tables back as figures."""

from __future__ import annotations

import html
import http.client
import re
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import urlencode

from tests.support.hub_process import HubProcess

PASSWORD = "a long test password"


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


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def fetch(
    hub: HubProcess, method: str, path: str, cookie: str = "", form: dict[str, str] | None = None
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
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


def log_in(hub: HubProcess, username: str) -> str:
    answer = fetch(
        hub, "POST", "/dashboard/login", form={"username": username, "password": PASSWORD}
    )
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
