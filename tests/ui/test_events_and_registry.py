"""Pages refresh themselves from core events; pages are registered once; the GUI thread
never waits on the store (the debug check is on in every UI test)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.support.hub_process import HubProcess
from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.operations.signposting_desk import ReferralRequest, Signposting
from victim_champion.operations.training import Training
from victim_champion.operations.workspace import Workspace
from victim_champion.store.schema.connection_owner import StoreWorkOnForbiddenThreadError
from victim_champion.ui.work_area_registry import PAGES

T = TypeVar("T")


def off_the_gui_thread(work: Callable[[], T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(work).result()


def workspace_of(desktop: DesktopApp) -> Workspace:
    workspace = desktop.controller.workspace
    assert workspace is not None
    return workspace


def test_a_referral_outcome_pulled_by_sync_refreshes_the_compass_point_page(
    qtbot: QtBot, desktop: DesktopApp, hub: HubProcess
) -> None:
    unlock(qtbot, desktop)
    sync = desktop.window.sync
    qtbot.keyClicks(sync.hub_address, hub.url)
    qtbot.keyClicks(sync.enrol_code, hub.enrol_code("Desk at Sheerness"))
    sync.enrol_button.click()
    qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)

    # A referral made by another part of the app, on a worker thread, as the controller does.
    signposting = Signposting(workspace_of(desktop))

    def refer() -> str:
        record = signposting.keep("swale", ["emotional-support"], ["victim-support-kent"], True)
        return signposting.refer(record, ReferralRequest("victim-support-kent"))

    referral = off_the_gui_thread(refer)
    records = desktop.window.signposting.records
    qtbot.waitUntil(lambda: records.count() == 1 and "waiting" in records.item(0).text())
    sync.sync_button.click()
    qtbot.waitUntil(lambda: sync.sync_button.isEnabled(), timeout=30_000)
    assert "Recorded" in hub.admin("referral-outcome", referral, "--outcome", "contacted")

    sync.sync_button.click()  # nobody touches the Signposting page
    qtbot.waitUntil(lambda: "contacted" in records.item(0).text(), timeout=30_000)


def test_a_store_call_on_the_gui_thread_fails_loudly(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    training = Training(workspace_of(desktop))
    with pytest.raises(StoreWorkOnForbiddenThreadError):
        training.sessions()
    assert off_the_gui_thread(training.sessions)  # the same call on a worker is fine


def test_every_registered_page_is_built_cleared_and_driven_through_its_controller(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    window, controller = desktop.window, desktop.controller
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        entry.title for entry in PAGES
    ]
    held = dict(controller.controllers.all())
    assert list(held) == [entry.name for entry in PAGES]
    for entry in PAGES:
        page = window.registered[entry.name]
        assert isinstance(page, QWidget) and callable(getattr(page, "clear", None))
        assert all(
            callable(getattr(held[entry.name], hook)) for hook in ("attach", "detach", "shown")
        )
    # The audit page loads its events when shown: before, its empty list proved nothing.
    window.navigation.setCurrentRow([entry.name for entry in PAGES].index("audit"))
    qtbot.waitUntil(lambda: window.audit.events.count() > 0, timeout=10_000)
    assert window.sessions.sessions.rowCount() > 0
    controller.quick_exit()
    assert controller.workspace is None
    assert window.sessions.sessions.rowCount() == 0 and window.audit.events.count() == 0
    # Every page, every field: tests/ui/test_lock_clears_every_page.py.


def test_the_hubs_idle_lock_is_applied_after_a_sync(
    qtbot: QtBot, desktop: DesktopApp, hub: HubProcess
) -> None:
    """The hub's policy is a ceiling on the laptop's own idle-lock setting."""
    from sqlalchemy import create_engine, insert

    from victim_champion.hub.storage.tables import settings

    unlock(qtbot, desktop)
    controller = desktop.controller
    before = controller.idle_lock_seconds
    assert before == controller.settings.idle_lock_seconds  # no policy yet: its own setting
    sync = desktop.window.sync
    qtbot.keyClicks(sync.hub_address, hub.url)
    qtbot.keyClicks(sync.enrol_code, hub.enrol_code())
    sync.enrol_button.click()
    qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
    engine = create_engine(hub.db_url)
    with engine.begin() as connection:
        connection.execute(insert(settings).values(key="policy.idle_lock_seconds", value="60"))
    engine.dispose()
    sync.sync_button.click()
    qtbot.waitUntil(lambda: controller.idle_lock_seconds == 60, timeout=30_000)
    assert controller.idle.active and controller.idle._timer.interval() == 60_000
