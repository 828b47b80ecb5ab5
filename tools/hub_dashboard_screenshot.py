"""Screenshots of the partner dashboard for docs/screenshots/, in headless Chromium.

Run: .venv/bin/python -m tools.hub_dashboard_screenshot  (needs chromium and chromedriver)

Starts a real hub on a throwaway SQLite database, enrols a throwaway laptop with invented
records across a few districts, syncs it, and photographs the OPCC's page and Witness
Care's page with JavaScript switched off.
"""

from __future__ import annotations

import base64
import io
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.keyrings import MemoryKeyring
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.training_day import Feedback, QuizPhase
from victim_champion.hub.dashboard.routes import last_full_quarter
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.repositories.training_day_repository import TrainingDay
from victim_champion.store.syncing.sync_local import StoreSyncLocal
from victim_champion.sync.client import SyncClient, enrol

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PASSPHRASE = "screenshot laptop kettle harbour"
PASSWORD = "screenshot kettle harbour"
TRAINING = {"thanet": 14, "swale": 9, "maidstone": 12, "dover": 3, "medway": 11}
SIGNPOSTED = {"thanet": 23, "swale": 17, "canterbury": 9, "medway": 31, "ashford": 2}
SERVICES = ("victim-support-kent", "witness-care-unit", "witness-service", "isva", "davss")
NEEDS = ("emotional-support", "feeling-safe", "practical-help", "case-information")


def seed(folder: Path, hub: HubProcess, quarter_start: date) -> None:
    """Invented records on a throwaway laptop, synced to the hub."""
    chance = random.Random(8)  # noqa: S311  the same invented data every run
    profile = Profile(folder / "laptop", DeviceSecretStore(MemoryKeyring()))
    profile.create(PASSPHRASE, kdf=KdfParams(salt=fresh_salt()))
    store = profile.open(PASSPHRASE)
    try:
        local = StoreSyncLocal(store)
        enrol(local, hub.url, hub.enrol_code("Screenshot laptop"))
        records, day = Records(store), TrainingDay(store)
        for offset, (district, people) in enumerate(TRAINING.items()):
            when = quarter_start + timedelta(days=7 + 17 * offset)
            session = records.create_session(
                Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", district, when)
            )
            ids = records.add_attendees(
                session.id, [AttendeeDetails(f"Invented {i}") for i in range(people)]
            )
            records.complete(session.id, ids[: people - chance.randint(0, 2)])
            for _ in range(people):
                day.submit_quiz(session.id, QuizPhase.PRE, chance.randint(3, 7), 10)
                day.submit_quiz(session.id, QuizPhase.POST, chance.randint(6, 10), 10)
                useful, clear, confident, overall = (chance.randint(3, 5) for _ in range(4))
                day.submit_feedback(session.id, Feedback(useful, clear, confident, overall))
            records.create_session(
                Session(new_id(), SessionKind.DROP_IN, "Desk", "Library", district, when)
            )
        for offset, (district, people) in enumerate(SIGNPOSTED.items()):
            moment = datetime.combine(
                quarter_start + timedelta(days=5 + 19 * offset), time(11), tzinfo=UTC
            )
            signposting = SignpostingRecords(store, clock=partial(lambda m: m, moment))
            for _ in range(people):
                services = chance.sample(SERVICES, chance.randint(1, 2))
                record = signposting.record(
                    district, chance.sample(NEEDS, chance.randint(1, 3)), services, True
                )
                if chance.random() < 0.6:
                    consent = signposting.give_consent(record, ConsentPurpose.REFERRAL)
                    signposting.refer(record, services[0], consent.id)
        SyncClient(local, hub.url).run_once()
    finally:
        store.close()


def account(hub: HubProcess, username: str, agency_id: str) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "dashboard-account"),
            *("--db", hub.db_url, "--agency", agency_id, "--username", username),
            "--password-stdin",
        ],
        input=PASSWORD,
        text=True,
        check=True,
        capture_output=True,
    )


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    options.add_argument("--hide-scrollbars")
    options.add_argument("--lang=en-GB")
    options.add_experimental_option(
        "prefs",
        {
            "profile.managed_default_content_settings.javascript": 2,
            "intl.accept_languages": "en-GB",
        },
    )
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(options=options, service=Service(executable_path=driver_path))


def full_page(driver: webdriver.Chrome, name: str) -> None:
    """The whole page, not just the window (Chrome's DevTools capture beyond the viewport)."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1280, "height": size["height"], "scale": 1},
        },
    )
    image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    # 128 colours keep the text crisp and the file a third of the size.
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
        OUT / f"{name}.png", optimize=True
    )
    print(f"saved {name}.png")


def log_in(driver: webdriver.Chrome, hub: HubProcess, username: str) -> None:
    driver.get(f"{hub.url}/dashboard/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.XPATH, "//button[text()='Log in']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/dashboard"))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="vc-dashboard-shots-"))
    hub = start_hub(sqlite_url(folder))
    driver = None
    try:
        seed(folder, hub, last_full_quarter(date.today()).start)
        account(hub, "opcc.analyst", "opcc")
        account(hub, "witness.care", "witness-care")
        driver = browser()
        driver.get(f"{hub.url}/dashboard/login")
        full_page(driver, "hub-dashboard-login")
        log_in(driver, hub, "opcc.analyst")
        full_page(driver, "hub-dashboard-opcc")
        driver.find_element(By.XPATH, "//button[text()='Log out']").click()
        log_in(driver, hub, "witness.care")
        full_page(driver, "hub-dashboard-witness-care")
    finally:
        if driver is not None:
            driver.quit()
        hub.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
