"""Screenshot of the content desk's official leaflets page for docs/screenshots/
(hub-content-leaflets.png), in headless Chromium with JavaScript switched off.

Run: .venv/bin/python -m tools.hub_leaflets_screenshot  (needs chromium and chromedriver)

A real hub on a throwaway SQLite database and a Compass House content editor's account;
one fixture leaflet published from the command line, a second uploaded through the page's
own form in the browser. The fixtures are made here with reportlab, not the real leaflets.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.hub_process import sqlite_url, start_hub
from tools.desk_leaflets_screenshot import publish_fixture
from tools.hub_dashboard_screenshot import PASSWORD, account, browser, full_page

EDITOR = "carol.content"
PAGE = "/dashboard/content/leaflets"


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="vc-hub-leaflets-"))
    hub = start_hub(sqlite_url(folder))
    driver = None
    try:
        account(hub, EDITOR, "compass-house-content")
        publish_fixture(hub, folder, "cy", "Welsh")  # from the command line
        driver = browser()
        driver.get(f"{hub.url}/dashboard/login")
        driver.find_element(By.ID, "username").send_keys(EDITOR)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.XPATH, "//button[text()='Log in']").click()
        WebDriverWait(driver, 10).until(lambda d: "/dashboard/content" in d.current_url)
        driver.get(f"{hub.url}{PAGE}")
        # The second from the page's own form, as an editor would.
        polish = folder / "pl.pdf"
        shutil.copyfile(folder / "cy.pdf", polish)
        fields = {
            "file": str(polish),
            "language": "pl",
            "title": "Victims' Code leaflet, Polish (fixture)",
            "source": "https://www.gov.uk/government/publications/"
            "the-code-of-practice-for-victims-of-crime",
            "date": "2026-11-20",
        }
        for name, value in fields.items():
            driver.find_element(By.ID, name).send_keys(value)
        driver.find_element(By.XPATH, "//button[text()='Sign and publish the leaflet']").click()
        WebDriverWait(driver, 20).until(lambda d: "published=pl" in d.current_url)
        full_page(driver, "hub-content-leaflets")
    finally:
        if driver is not None:
            driver.quit()
        hub.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
