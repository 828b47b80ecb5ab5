"""The partner dashboard against a real hub process, seeded by a real laptop's sync.

Plain HTTP first (login, 401, each agency's slice, logout server-side, no scripts, CSP),
then a real headless Chromium with JavaScript switched off.
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.hub.conftest import make_laptop
from tests.support.dashboard_client import (
    PASSWORD,
    SECOND_STEPS,
    Answer,
    create_account,
    fetch,
    log_in,
    totp_code,
)
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.tools import require_tool
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.identifiers import new_id
from victim_champion.core.report_tables import TABLES
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.hub.dashboard.routes import last_full_quarter
from victim_champion.store.repositories.signposting_records import SignpostingRecords

ACCOUNTS = {"olive": "opcc", "wendy": "witness-care", "vic": "victim-support"}
WITNESS_ROWS = ("Police Witness Care Unit", "Witness Service")
VICTIM_SUPPORT_ROW = "Victim Support (Kent)"
TRAINING_TITLE = "People trained as Victim Champions, by district"
COMPASS_POINT_TITLE = "People signposted at the Compass Points, by district and month"
ALL_TITLES = (
    "Sessions by district",
    "Sessions by month",
    TRAINING_TITLE,
    "Knowledge gained: the same check before and after",
    "Satisfaction with the training (1 poor to 5 very good)",
    COMPASS_POINT_TITLE,
    "What people said they needed",
    "Services people were signposted to",
    "Referrals made with consent, and their outcomes",
)
CHARTS = sum(spec.printed_chart is not None for spec in TABLES)  # 5 today: every one drawn


@dataclass
class Seeded:
    hub: HubProcess
    period_start: date


def seed_laptop_records(laptop: Any, day: date) -> None:
    """One training session in Thanet, nine Compass Point conversations in Swale and one in
    Dover."""
    session = laptop.records.create_session(
        Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", day)
    )
    people = laptop.records.add_attendees(
        session.id, [AttendeeDetails(f"Person {i}") for i in range(7)]
    )
    laptop.records.complete(session.id, people[:6])
    noon = datetime.combine(day, day_time(12), tzinfo=UTC)
    records = SignpostingRecords(laptop.store, clock=lambda: noon)
    for i in range(9):
        services = ["victim-support-kent"] * (i < 7) + ["witness-care-unit"] * (i < 6)
        record = records.record("swale", ["help-at-court"], services, reported=True)
        if i < 6:
            consent = records.give_consent(record, ConsentPurpose.REFERRAL)
            records.refer(record, "witness-care-unit", consent.id)
            if i < 5:
                records.refer(record, "victim-support-kent", consent.id)
    records.record("dover", ["help-at-court"], [], reported=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    folder = tmp_path_factory.mktemp("dashboard")
    hub = start_hub(sqlite_url(folder))
    laptop = make_laptop(folder / "laptop", hub)
    try:
        period = last_full_quarter(date.today())
        seed_laptop_records(laptop, period.start + timedelta(days=10))
        result = laptop.client().run_once()
        assert result.accepted == laptop.outbox_count() == hub.stats()["envelopes"]
        for username, agency_id in ACCOUNTS.items():
            create_account(hub, username, agency_id)
        yield Seeded(hub, period.start)
    finally:
        laptop.store.close()
        hub.stop()


def row(page: str, table_id: str, label: str) -> list[str]:
    """The printed cells of one row of one table on the page."""
    section = page.split(f"<section class='report' id='{table_id}'", 1)[1].split("</section>")[0]
    found = re.search(rf"<th scope='row'>{re.escape(label)}</th>(.*?)</tr>", section)
    assert found, f"no row {label} in {table_id}"
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1))


def test_the_dashboard_needs_a_login_and_a_wrong_password_gets_one_sentence(
    seeded: Seeded,
) -> None:
    answer = fetch(seeded.hub, "GET", "/dashboard")
    assert answer.status == 303 and answer.headers["Location"] == "/dashboard/login"
    for username, password in (("wendy", PASSWORD + "!"), ("nobody", PASSWORD)):
        refused = fetch(
            seeded.hub,
            "POST",
            "/dashboard/login",
            form={"username": username, "password": password},
        )
        assert refused.status == 401
        assert "That username and password do not match an account." in refused.body
        assert "Set-Cookie" not in refused.headers
    stolen = fetch(seeded.hub, "GET", "/dashboard", cookie="vc_dashboard=made-up-token")
    assert stolen.status == 303
    foreign = fetch(
        seeded.hub,
        "POST",
        "/dashboard/login",
        form={"username": "wendy", "password": PASSWORD},
    )
    assert foreign.status == 303  # same origin: fine
    connection = http.client.HTTPConnection("127.0.0.1", seeded.hub.port, timeout=30)
    connection.request(
        "POST",
        "/dashboard/login",
        body=urlencode({"username": "wendy", "password": PASSWORD}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://elsewhere.example",
        },
    )
    assert connection.getresponse().status == 403
    connection.close()


def test_wrong_passwords_block_the_address_that_sent_them_never_the_account(
    seeded: Seeded,
) -> None:
    """Five anonymous wrong posts from address A; the right password from B still logs in.
    The hub is on loopback, where uvicorn takes X-Forwarded-For as nginx sends it."""
    hub = seeded.hub
    create_account(hub, "locky", "victim-support")
    from_a, from_b = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "203.0.113.9"}

    def attempt(username: str, password: str, headers: dict[str, str]) -> Answer:
        form = {"username": username, "password": password}
        return fetch(hub, "POST", "/dashboard/login", form=form, headers=headers)

    for _ in range(4):
        assert attempt("locky", "guess-" + PASSWORD, from_a).status == 401
    blocked = attempt("LOCKY", "guess-" + PASSWORD, from_a)
    assert blocked.status == 429 and blocked.headers["Retry-After"] == "900"
    assert "Too many wrong passwords from your network: wait 15 minutes" in blocked.body
    right_from_a = attempt("locky", PASSWORD, from_a)
    assert right_from_a.status == 429 and "Set-Cookie" not in right_from_a.headers
    assert log_in(hub, "locky", from_b).startswith("vc_dashboard=")  # the account is open
    for _ in range(5):  # a name with no account: the same answers, no hint either way
        stranger = attempt("no.such.person", PASSWORD, {"X-Forwarded-For": "192.0.2.44"})
    assert stranger.status == 429


def test_each_agency_sees_its_own_rows_and_the_opcc_sees_everything(seeded: Seeded) -> None:
    pages = {
        name: fetch(seeded.hub, "GET", "/dashboard", log_in(seeded.hub, name)) for name in ACCOUNTS
    }
    for answer in pages.values():
        assert answer.status == 200
        assert "Quarterly data set" in answer.body
        assert "&lt;5 means 1 to 4; [c] means withheld so that a small number cannot be" in (
            answer.body
        )
    witness, victim, opcc = pages["wendy"].body, pages["vic"].body, pages["olive"].body
    assert "Witness Care Unit and Witness Service" in witness
    assert row(witness, "services", "Police Witness Care Unit") == ["6"]
    assert row(witness, "referrals", "Police Witness Care Unit")[0] == "6"  # awaiting outcome
    assert VICTIM_SUPPORT_ROW not in witness
    assert TRAINING_TITLE not in witness and COMPASS_POINT_TITLE not in witness
    assert row(victim, "services", VICTIM_SUPPORT_ROW) == ["7"]
    assert row(victim, "referrals", VICTIM_SUPPORT_ROW)[0] == "5"
    # Swale's 9 would give away Dover's 1, so it is withheld; the chart draws neither.
    assert row(victim, "signposting-by-district", "Swale") == ["[c]", "0", "0", "[c]"]
    assert row(victim, "signposting-by-district", "Dover") == ["&lt;5", "0", "0", "&lt;5"]
    assert row(victim, "needs", "Help at court") == ["10", "100%"]
    chart = victim.split('id="chart-signposting-by-district-title"')[1].split("</svg>")[0]
    assert "<title>Swale: [c] (withheld)</title>" in chart
    assert "<title>Dover: &lt;5 (a small number, not shown exactly)</title>" in chart
    assert "<rect" not in chart and ">9<" not in chart and ">1<" not in chart
    assert not any(name in victim for name in WITNESS_ROWS)
    assert TRAINING_TITLE not in victim
    for title in ALL_TITLES:
        assert title in opcc
    assert row(opcc, "services", VICTIM_SUPPORT_ROW) == ["7"]
    assert row(opcc, "services", "Police Witness Care Unit") == ["6"]
    # 6 completed and 1 did not: the 1 is "<5", so the 6 is withheld too (7 - 6 = 1).
    assert row(opcc, "attendees-by-district", "Thanet") == ["0", "[c]", "&lt;5", "7"]
    assert opcc.count("<svg") == CHARTS and opcc.count('role="img"') == CHARTS
    # The hidden cell is drawn as its label with no bar, never as its value.
    chart = opcc.split('id="chart-attendees-by-district-title"')[1].split("</svg>")[0]
    assert ">Thanet: 7<" in chart
    assert chart.count("<rect") == 1


def test_pages_carry_no_scripts_a_strict_policy_and_no_caching(seeded: Seeded) -> None:
    cookie = log_in(seeded.hub, "olive")
    for path, expected in (("/dashboard/login", 200), ("/dashboard", 200)):
        answer = fetch(seeded.hub, "GET", path, "" if "login" in path else cookie)
        assert answer.status == expected
        assert "<script" not in answer.body.lower() and " on" + "click" not in answer.body
        policy = answer.headers["Content-Security-Policy"]
        assert "script-src 'none'" in policy and "default-src 'none'" in policy
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["X-Frame-Options"] == "DENY"
    for control in ("username", "password"):
        assert f"<label for='{control}'>" in fetch(seeded.hub, "GET", "/dashboard/login").body
    bad = fetch(seeded.hub, "GET", "/dashboard?from=2026-13-01&to=2026-12-31", cookie)
    assert bad.status == 400 and "Give report dates as YYYY-MM-DD" in bad.body
    chosen = "/dashboard?" + urlencode({"from": "2026-04-01", "to": "2026-09-30"})
    assert "Six-monthly audit" in fetch(seeded.hub, "GET", chosen, cookie).body
    # 1 to 29 September against 1 to 30 September would give one day, so one person, away
    for start, end in (("2026-09-01", "2026-09-29"), ("2026-01-01", "2026-06-30")):
        nested = "/dashboard?" + urlencode({"from": start, "to": end})
        refused = fetch(seeded.hub, "GET", nested, cookie)
        assert refused.status == 400 and "whole published periods only" in refused.body
    schema = fetch(seeded.hub, "GET", "/openapi.json").body
    assert "/dashboard" not in schema


def test_logout_ends_the_session_on_the_hub_so_the_old_cookie_is_worthless(
    seeded: Seeded,
) -> None:
    cookie = log_in(seeded.hub, "wendy")
    assert fetch(seeded.hub, "GET", "/dashboard", cookie).status == 200
    out = fetch(seeded.hub, "POST", "/dashboard/logout", cookie, form={})
    assert out.status == 303 and out.headers["Location"] == "/dashboard/login"
    assert "Max-Age=0" in out.headers["Set-Cookie"]
    again = fetch(seeded.hub, "GET", "/dashboard", cookie)
    assert again.status == 303 and again.headers["Location"] == "/dashboard/login"


def test_the_default_period_is_the_last_full_quarter() -> None:
    assert last_full_quarter(date(2026, 11, 21)).label == "1 July 2026 to 30 September 2026"
    assert last_full_quarter(date(2027, 1, 1)).label == "1 October 2026 to 31 December 2026"
    assert last_full_quarter(date(2026, 4, 30)).label == "1 January 2026 to 31 March 2026"


# -- a real browser, with JavaScript off --------------------------------------------------


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    driver_path = require_tool("chromedriver", "the dashboard is tested in a real browser")
    chromium = require_tool("chromium", "the dashboard is tested in a real browser")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager fetch a browser
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-GB"):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"profile.managed_default_content_settings.javascript": 2}
    )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.get("data:text/html,<p id=p>off</p><script>p.textContent='on'</script>")
        assert driver.find_element("id", "p").text == "off"  # JavaScript really is off
        yield driver
    finally:
        driver.quit()


def browser_log_in(driver: Any, hub: HubProcess, username: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{hub.url}/dashboard")
    assert driver.current_url.endswith("/dashboard/login")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Log in"
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD, Keys.ENTER)  # by keyboard
    if (hub.db_url, username) in SECOND_STEPS:  # the OPCC: a plain form asks for the code
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "code"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "Enter your code"
        driver.find_element(By.ID, "code").send_keys(totp_code(hub, username), Keys.ENTER)
    arrive(driver, "/dashboard")


def arrive(driver: Any, path: str) -> None:
    """Wait for the page at ``path`` (a form post navigates after the key press returns)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.current_url.split("?")[0].endswith(path))


def test_a_real_browser_without_javascript_logs_in_reads_and_logs_out(
    seeded: Seeded, browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    hub = seeded.hub
    create_account(hub, "orla", "opcc")  # her own: olive's codes of this minute are used
    started = time.monotonic()
    browser_log_in(browser, hub, "wendy")
    assert browser.current_url.endswith("/dashboard")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Quarterly data set"
    services = browser.find_element(By.ID, "services")
    assert "Police Witness Care Unit" in services.text
    assert VICTIM_SUPPORT_ROW not in browser.page_source
    assert TRAINING_TITLE not in browser.page_source
    browser.find_element(By.XPATH, "//button[text()='Show the figures']").click()
    # The form reloads /dashboard itself: wait for its query, not only the path.
    WebDriverWait(browser, 10).until(lambda d: "from=" in d.current_url)
    assert "from=" in browser.current_url and "to=" in browser.current_url
    assert "Police Witness Care Unit" in browser.find_element(By.ID, "referrals").text
    browser.find_element(By.XPATH, "//button[text()='Log out']").click()
    arrive(browser, "/dashboard/login")
    browser.get(f"{hub.url}/dashboard")
    assert browser.current_url.endswith("/dashboard/login")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"

    browser_log_in(browser, hub, "orla")
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    for title in ALL_TITLES:
        assert title in headings
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg[role=img]")) == CHARTS
    assert VICTIM_SUPPORT_ROW in browser.find_element(By.ID, "services").text
    assert time.monotonic() - started < 20
