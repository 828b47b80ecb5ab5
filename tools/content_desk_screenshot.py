"""Screenshots of the hub's content desk for docs/screenshots/, in headless Chromium.

Run: .venv/bin/python -m tools.content_desk_screenshot  (needs chromium and chromedriver)

Starts a real hub on a throwaway SQLite database, makes a Compass House content editor,
starts the desk from the shipped directory, then makes a few invented changes (an invented
need route added and confirmed, another added and left unconfirmed, an invented emergency
route left unconfirmed so that publishing is refused, one route withdrawn), and photographs
the desk's list and its publish page at 1280 wide with JavaScript switched off.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.dashboard_client import PASSWORD, create_account, fetch, log_in
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tools.hub_dashboard_screenshot import browser, full_page

EDITOR = "cora.editor"
DESK = "/dashboard/content"
INVENTED = {  # invented routes: the names and numbers are not real services
    "example-night-line": {
        "kind": "need",
        "name": "Example night line (invented)",
        "contact": "0800 000 0001",
        "hours": "Every night, 8pm to 8am",
        "needs": "emotional-support",
        "source": "example.org/night-line",
        "seen": "page dated 1 Dec 2026",
    },
    "example-advice-line": {
        "kind": "need",
        "name": "Example advice line (invented)",
        "contact": "0800 000 0002",
        "hours": "Monday to Friday, 9am to 5pm",
        "needs": "practical-help",
        "source": "example.org/advice-line",
        "seen": "undated",
    },
    "example-text-999": {
        "kind": "emergency",
        "name": "Example emergency text line (invented)",
        "contact": "Text 00000",
        "hours": "Any time",
        "any_time": "yes",
        "source": "example.org/text-line",
        "seen": "page dated 3 Dec 2026",
    },
}


def change(hub: HubProcess, cookie: str, path: str, form: dict[str, str]) -> None:
    answer = fetch(hub, "POST", path, cookie, form=form)
    if answer.status != 303:
        raise RuntimeError(f"{path}: {answer.status} {answer.body[:400]}")


def seed(hub: HubProcess) -> None:
    """The shipped directory on the desk, then the invented changes, as an editor makes them."""
    create_account(hub, EDITOR, "compass-house-content")
    cookie = log_in(hub, EDITOR)
    change(hub, cookie, f"{DESK}/seed", {})
    for route_id, fields in INVENTED.items():
        change(hub, cookie, f"{DESK}/route", {"editing": "", "id": route_id, **fields})
    change(hub, cookie, f"{DESK}/route/example-night-line/confirm", {})
    reason = "Invented for the screenshot: the line closed"
    change(hub, cookie, f"{DESK}/route/example-advice-line/withdraw", {"reason": reason})


def log_in_browser(driver: webdriver.Chrome, hub: HubProcess) -> None:
    driver.get(f"{hub.url}/dashboard/login")
    driver.find_element(By.ID, "username").send_keys(EDITOR)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.XPATH, "//button[text()='Log in']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith(DESK))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="vc-content-desk-shots-"))
    hub = start_hub(sqlite_url(folder))
    driver = None
    try:
        seed(hub)
        driver = browser()
        log_in_browser(driver, hub)
        full_page(driver, "hub-content-desk")
        driver.get(f"{hub.url}{DESK}/publish")
        full_page(driver, "hub-content-publish")
    finally:
        if driver is not None:
            driver.quit()
        hub.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
