"""The content desk in the partner dashboard, against a real hub process over 127.0.0.1:
a Compass House content editor lists, adds, confirms, withdraws and publishes; nobody else
gets in, and the editor gets no figures."""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, select, text, update

from tests.hub.conftest import POSTGRES_VARIABLE
from tests.support.dashboard_client import PASSWORD, Answer, create_account, fetch, log_in
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from victim_champion.hub.storage.signing_keys import KEY_FILE_VARIABLE
from victim_champion.hub.storage.tables import bundles, content_routes

EDITOR, OPCC = "cora.editor", "olive"
COURSE = Path(__file__).resolve().parents[2] / "resources" / "course"
DESK = "/dashboard/content"
REFUSED = "This page is for Compass House content editors only."
DESK_PAGES = (
    *(DESK, f"{DESK}/publish", f"{DESK}/audit", f"{DESK}/stale"),
    *(f"{DESK}/route/new", f"{DESK}/service/new", f"{DESK}/route/emergency"),
)
NEW_ROUTE = {
    "editing": "",
    "id": "test-night-line",
    "kind": "need",
    "service_id": "",
    "name": "Invented night line",
    "contact": "0800 000 0000",
    "hours": "Every night, 8pm to 8am",
    "needs": "emotional-support",
    "audience": "",
    "discreet_name": "",
    "discreet_contact": "",
    "source": "example.org/invented-night-line",
    "seen": "page dated 1 Dec 2026",
}


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh hub database: SQLite in ``folder``, or one on the PostgreSQL named by
    VC_TEST_POSTGRES_URL (its hub's signing key in ``folder``)."""
    if kind == "sqlite":
        yield sqlite_url(folder)
        return
    base = os.environ.get(POSTGRES_VARIABLE)
    if not base:
        message = f"PostgreSQL tests need {POSTGRES_VARIABLE}; the SQLite run covered the desk"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"vc_hub_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_FILE_VARIABLE, str(folder / "postgres-hub.signing-key"))
            yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubProcess]:
    with database(request.param, tmp_path_factory.mktemp("content-desk")) as url:
        running = start_hub(url)
        try:
            create_account(running, EDITOR, "compass-house-content")
            create_account(running, OPCC, "opcc")
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def editor(hub: HubProcess) -> str:
    """The editor's cookie, with the desk started from the shipped directory."""
    cookie = log_in(hub, EDITOR)
    started = fetch(hub, "POST", f"{DESK}/seed", cookie, form={})
    assert started.status == 303
    return cookie


def route_row(page: str, route_id: str) -> str:
    found = re.search(rf"<tr id='route-{re.escape(route_id)}'>(.*?)</tr>", page, re.S)
    assert found, f"no row for route {route_id}"
    return html.unescape(found.group(1))


def directory_bundles(hub: HubProcess) -> list[str]:
    engine = create_engine(hub.db_url)
    try:
        with engine.connect() as connection:
            return list(
                connection.execute(
                    select(bundles.c.version).where(bundles.c.kind == "directory")
                ).scalars()
            )
    finally:
        engine.dispose()


def audit_lines(hub: HubProcess, cookie: str) -> str:
    answer = fetch(hub, "GET", f"{DESK}/audit", cookie)
    assert answer.status == 200
    return html.unescape(answer.body)


def post(hub: HubProcess, path: str, cookie: str, form: dict[str, str]) -> Answer:
    return fetch(hub, "POST", path, cookie, form=form)


def test_the_editor_lands_on_the_desk_and_never_sees_a_figure(hub: HubProcess, editor: str) -> None:
    for path in ("/dashboard", "/dashboard?from=2026-07-01&to=2026-09-30", "/dashboard/login"):
        answer = fetch(hub, "GET", path, editor)
        assert answer.status == 303, path
        assert answer.headers["Location"] in (DESK, "/dashboard")
    landed = fetch(hub, "GET", DESK, editor)
    assert landed.status == 200
    assert "Quarterly data set" not in landed.body and "<svg" not in landed.body
    assert "<script" not in landed.body
    assert "script-src 'none'" in landed.headers["Content-Security-Policy"]
    assert "<a href='/dashboard/content/leaflets'>Official leaflets</a>" in landed.body


def test_nobody_but_a_content_editor_opens_a_desk_page(hub: HubProcess, editor: str) -> None:
    opcc = log_in(hub, OPCC)
    for path in DESK_PAGES:
        refused = fetch(hub, "GET", path, opcc)
        assert refused.status == 403, path
        assert REFUSED in refused.body
        assert fetch(hub, "GET", path).status == 303  # not logged in: the login page
    before = route_row(fetch(hub, "GET", DESK, editor).body, "emergency")
    attempt = post(hub, f"{DESK}/route/emergency/withdraw", opcc, {"reason": "not theirs"})
    assert attempt.status == 403 and REFUSED in attempt.body
    assert post(hub, f"{DESK}/publish", opcc, {}).status == 403
    assert route_row(fetch(hub, "GET", DESK, editor).body, "emergency") == before
    assert fetch(hub, "GET", "/dashboard", opcc).status == 200  # the OPCC keeps its figures


def test_a_post_from_another_site_changes_nothing(hub: HubProcess, editor: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
    connection.request(
        "POST",
        f"{DESK}/route/emergency/withdraw",
        body=urlencode({"reason": "forged"}),
        headers={
            "Cookie": editor,
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://elsewhere.example",
        },
    )
    assert connection.getresponse().status == 403
    connection.close()
    assert "Withdrawn" not in route_row(fetch(hub, "GET", DESK, editor).body, "emergency")


def test_the_editor_sees_every_service_and_route_with_its_source_and_state(
    hub: HubProcess, editor: str
) -> None:
    page = fetch(hub, "GET", DESK, editor).body
    assert "Victim Support (Kent)" in page  # a service from the shipped directory
    emergency = route_row(page, "emergency")
    assert "999. On a mobile, if you cannot speak" in emergency  # the text as published
    assert "canterbury.gov.uk/strategies-and-policies/domestic-abuse-policy" in emergency
    assert "page reviewed 8 Jan 2026" in emergency and "Confirmed" in emergency
    assert "When: not recorded" in emergency  # confirmed before the desk kept the moment


def test_the_command_line_makes_a_content_editor(hub: HubProcess) -> None:
    made = subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "dashboard-account"),
            *("--db", hub.db_url, "--agency", "compass-house-content", "--username", "cai"),
            "--password-stdin",
        ],
        input=PASSWORD,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert made.stdout.strip() == "Created a dashboard account for Compass House content editor."
    listed = json.loads(hub.admin("dashboard-accounts", "--json"))
    editors = {a["username"] for a in listed if a["agency"] == "compass-house-content"}
    assert {"cai", EDITOR} <= editors


def test_an_editor_adds_confirms_and_withdraws_a_route_and_each_is_audited(
    hub: HubProcess, editor: str
) -> None:
    added = post(hub, f"{DESK}/route", editor, NEW_ROUTE)
    assert added.status == 303
    page = html.unescape(fetch(hub, "GET", added.headers["Location"].split("#")[0], editor).body)
    assert "Not confirmed yet" in route_row(page, "test-night-line")
    assert "Route 'Invented night line' is saved." in page

    confirmed = post(hub, f"{DESK}/route/test-night-line/confirm", editor, {})
    assert confirmed.status == 303
    row = route_row(fetch(hub, "GET", DESK, editor).body, "test-night-line")
    assert "Confirmed" in row and EDITOR in row and "Not confirmed yet" not in row
    log = audit_lines(hub, editor)
    assert re.search(rf"<td>{re.escape(EDITOR)}</td><td>confirm-route</td><td>test-night-line", log)

    edit = fetch(hub, "GET", f"{DESK}/route/test-night-line", editor)
    assert "value='Every night, 8pm to 8am'" in edit.body and "readonly" in edit.body
    changed = {**NEW_ROUTE, "editing": "test-night-line", "hours": "Every night, 9pm to 7am"}
    assert post(hub, f"{DESK}/route", editor, changed).status == 303
    row = route_row(fetch(hub, "GET", DESK, editor).body, "test-night-line")
    assert "Not confirmed yet" in row  # new hours: someone confirms them again

    withdrawn = post(
        hub, f"{DESK}/route/test-night-line/withdraw", editor, {"reason": "the line closed"}
    )
    assert withdrawn.status == 303
    row = route_row(fetch(hub, "GET", DESK, editor).body, "test-night-line")
    assert "Withdrawn" in row and "Withdraw</summary>" not in row
    assert "the line closed" in audit_lines(hub, editor)


def test_a_form_with_a_problem_says_so_in_one_sentence_and_keeps_what_was_typed(
    hub: HubProcess, editor: str
) -> None:
    bad = {**NEW_ROUTE, "id": "test-no-contact", "contact": "", "name": "Typed name kept"}
    answer = post(hub, f"{DESK}/route", editor, bad)
    assert answer.status == 400
    assert "Give the contact text as published; it cannot be left empty." in answer.body
    assert "value='Typed name kept'" in answer.body
    taken = post(hub, f"{DESK}/route", editor, {**NEW_ROUTE, "id": "emergency"})
    assert taken.status == 400 and "already exists" in taken.body


def test_publishing_refuses_an_unconfirmed_emergency_route_then_publishes_a_signed_edition(
    hub: HubProcess, editor: str
) -> None:
    emergency = {
        **NEW_ROUTE,
        "id": "test-emergency-text",
        "kind": "emergency",
        "needs": "",
        "name": "Invented emergency text line",
        "contact": "Text 00000",
        "hours": "Any time",
        "any_time": "yes",
    }
    assert post(hub, f"{DESK}/route", editor, emergency).status == 303
    shown = fetch(hub, "GET", f"{DESK}/publish", editor)
    assert shown.status == 200 and "test-emergency-text" in shown.body
    assert "Sign and publish the directory" not in shown.body
    refused = post(hub, f"{DESK}/publish", editor, {})
    assert refused.status == 409 and "Not published:" in html.unescape(refused.body)
    assert directory_bundles(hub) == []

    assert post(hub, f"{DESK}/route/test-emergency-text/confirm", editor, {}).status == 303
    view = fetch(hub, "GET", f"{DESK}/publish", editor)
    assert "The hub refuses to publish" not in view.body
    assert "Invented emergency text line" in html.unescape(view.body)  # a change listed
    published = post(hub, f"{DESK}/publish", editor, {})
    assert published.status == 303
    done = fetch(hub, "GET", published.headers["Location"], editor)
    assert "Laptops receive it at their next sync." in done.body
    (edition,) = directory_bundles(hub)
    assert f"Published directory edition {edition}." in done.body
    assert re.fullmatch(r"\d{4}-\d{2}\.1", edition)
    assert f"publish-directory</td><td>{edition}" in audit_lines(hub, editor)
    assert json.loads(hub.admin("stats", "--json"))  # the hub is still well


def stale_rows(page: str) -> list[tuple[str, str]]:
    """(last checked month, hidden key or route id) for each row of the stale list."""
    return re.findall(r"<tr><td>([^<]*)</td>.*?name='(?:key|route_id)' value='([^']*)'", page, re.S)


def test_stale_facts_are_listed_oldest_first_rechecked_and_the_course_republished(
    hub: HubProcess, editor: str, tmp_path: Path
) -> None:
    # A course laptops have whose first statement was last checked in January 2025.
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    (course / "course.toml").write_text(
        (COURSE / "course.toml").read_text().replace('version = "2026.4"', 'version = "2026.5"')
    )
    module = course / "modules" / "01-what-is-a-victim-champion.md"
    module.write_text(module.read_text().replace("Checked: 2026-12", "Checked: 2025-01", 1))
    assert "Published" in hub.admin("publish", "course", str(course))
    engine = create_engine(hub.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(content_routes)
                .where(content_routes.c.id == "emergency-bsl")
                .values(checked="2020-01")
            )
    finally:
        engine.dispose()
    page = fetch(hub, "GET", f"{DESK}/stale", editor)
    assert page.status == 200
    rows = stale_rows(page.body)
    assert rows[0] == ("January 2020", "emergency-bsl")  # the oldest first
    assert rows[1][0] == "January 2025" and rows[1][1].startswith("what-is-a-victim-champion:")
    assert "rnid.org.uk" in page.body  # each with its source
    statement = rows[1][1]

    assert post(hub, f"{DESK}/stale/route", editor, {"route_id": "emergency-bsl"}).status == 303
    assert post(hub, f"{DESK}/stale/statement", editor, {"key": statement}).status == 303
    after = [key for _, key in stale_rows(fetch(hub, "GET", f"{DESK}/stale", editor).body)]
    assert "emergency-bsl" not in after and statement not in after
    log = audit_lines(hub, editor)
    assert f"recheck-statement</td><td>{statement}" in log
    assert "confirm-route</td><td>emergency-bsl" in log

    republished = post(hub, f"{DESK}/stale/republish", editor, {})
    assert republished.status == 303
    version = republished.headers["Location"].split("course=")[1]
    done = html.unescape(fetch(hub, "GET", republished.headers["Location"], editor).body)
    assert f"Published course version {version}. Laptops receive it at their next sync." in done
    again = post(hub, f"{DESK}/stale/republish", editor, {})
    assert again.status == 409 and "nothing was published" in html.unescape(again.body)
