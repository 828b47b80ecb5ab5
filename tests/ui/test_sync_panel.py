"""The sync panel, driven by qtbot against the real hub on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.hub_process import HubProcess
from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp


def test_a_worker_enrols_and_syncs_from_the_panel(
    qtbot: QtBot, desktop: DesktopApp, hub: HubProcess
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sync
    desktop.window.navigation.setCurrentRow(2)
    assert "Not enrolled" in page.status.text() and page.enrol_panel.isVisible()
    assert not page.sync_button.isEnabled()
    waiting_before = page.waiting.text()
    assert waiting_before != "Waiting to go: 0 records"  # the demo's records are queued
    qtbot.keyClicks(page.hub_address, hub.url)
    qtbot.keyClicks(page.enrol_code, hub.enrol_code("Demo desk"))
    page.enrol_button.click()
    qtbot.waitUntil(lambda: page.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
    assert f"Enrolled with {hub.url}" in page.status.text()
    assert "never" not in page.last_sync.text()
    assert page.rejected.count() == 0
    stats = hub.stats()
    assert stats["envelopes"] > 0 and stats["missing"] == 0
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=30_000)
    assert page.message.text().startswith("Sent 0")


def test_a_hub_that_is_down_is_said_plainly_and_retried_later(
    qtbot: QtBot, desktop: DesktopApp, hub: HubProcess
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sync
    qtbot.keyClicks(page.hub_address, hub.url)
    qtbot.keyClicks(page.enrol_code, hub.enrol_code())
    page.enrol_button.click()
    qtbot.waitUntil(lambda: page.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
    hub.stop()
    page.sync_button.click()
    qtbot.waitUntil(lambda: "could not be reached" in page.message.text(), timeout=30_000)
    assert desktop.controller.syncing.timer.isActive()  # a retry is scheduled, with backoff
    assert desktop.controller.syncing.retry_seconds == 120


def test_a_ca_file_that_is_not_a_certificate_is_refused_in_one_sentence(
    qtbot: QtBot, desktop: DesktopApp, hub: HubProcess, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sync
    desktop.window.navigation.setCurrentRow(2)
    notes = tmp_path / "hub-ca.pem"
    notes.write_text("the Wi-Fi password is on the fridge", encoding="ascii")
    assert page.enrol_ca_file.accessibleName().startswith("CA certificate file")
    qtbot.keyClicks(page.hub_address, hub.url)
    qtbot.keyClicks(page.enrol_code, hub.enrol_code("Demo desk"))
    qtbot.keyClicks(page.enrol_ca_file, str(notes))
    page.enrol_button.click()
    qtbot.waitUntil(lambda: "certificate authority" in page.message.text(), timeout=30_000)
    assert page.message.is_error and page.message.text() == (
        "Error: That file is not a certificate authority in PEM form; ask Compass House IT for "
        "the CA certificate (a .pem or .crt file)."
    )
    assert page.enrol_panel.isVisible() and "Not enrolled" in page.status.text()
    assert hub.stats()["envelopes"] == 0  # nothing was sent
