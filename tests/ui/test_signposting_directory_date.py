"""The date on everything, on screen (issue 34, item 5): the Signposting and Handouts pages
show the directory edition in use and when its lines were last checked, and a laptop
whose directory is more than 90 days old tells the worker, in one sentence, to sync."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.content.directory_loader import adopt_directory_bundle, current_directory
from victim_champion.content.message_catalogue import messages
from victim_champion.content.reference_files import read_document
from victim_champion.core.directory_age import last_checked
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.ui.controllers import compass_point_controller
from victim_champion.ui.widgets.directory_date import DirectoryDate

HANDOUTS_ROW = 1


def days_after_publishing(days: int) -> datetime:
    published = current_directory().published
    assert published is not None
    return datetime.combine(published, time(23, 59), UTC) + timedelta(days=days)


def stale_shown(widget: DirectoryDate) -> str:
    return widget.stale.text() if widget.stale.isVisible() else ""


def test_the_signposting_page_shows_the_edition_and_warns_after_90_days(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    page = window.signposting
    dated = page.directory_date
    qtbot.waitUntil(dated.isVisible)
    directory = current_directory()
    assert directory.published is not None
    published = messages().long_date(directory.published)
    newest = last_checked(directory.routes)
    assert newest is not None
    checked = f"{messages().text(f'date.month.{newest[1]}')} {newest[0]}"
    # Beside the status line, short, so the footer is no taller at 1280x720; the whole
    # sentence is its tooltip and what a screen reader hears.
    whole = (
        f"Services directory {directory.edition}, published {published}; "
        f"its lines were last checked in {checked}."
    )
    assert dated.edition.text() == f"Directory {directory.edition}, lines checked {checked}"
    assert dated.edition.toolTip() == whole == dated.edition.accessibleDescription()

    dated.clock = lambda: days_after_publishing(90)
    page.district.setCurrentIndex(page.district.findText("Swale"))
    page.need_boxes["feeling-safe"].click()
    page.find_button.click()  # a search shows the edition the services came from
    qtbot.waitUntil(lambda: page.results.count() > 0)
    assert stale_shown(dated) == ""

    dated.clock = lambda: days_after_publishing(91)
    page.find_button.click()
    qtbot.waitUntil(lambda: stale_shown(dated) != "")
    assert stale_shown(dated) == (
        f"This laptop's list of services is from {published}, more than 90 days ago; "
        "sync with Compass House to get the latest."
    )
    assert dated.stale.property("role") == "error"

    dated.clock = lambda: days_after_publishing(0)
    dated.refresh()
    assert stale_shown(dated) == ""


def test_the_handouts_page_shows_the_same_and_warns_when_shown(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.handouts
    dated = page.directory_date
    dated.clock = lambda: days_after_publishing(91)
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(dated.isVisible)
    directory_published = current_directory().published
    assert directory_published is not None
    published = messages().long_date(directory_published)
    assert f"published {published}" in dated.edition.text()
    assert stale_shown(dated).startswith(f"This laptop's list of services is from {published},")


def test_a_directory_a_sync_brings_shows_at_once(
    qtbot: QtBot, desktop: DesktopApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    dated = window.signposting.directory_date
    qtbot.waitUntil(dated.isVisible)
    dated.clock = lambda: datetime(2026, 12, 7, 12, tzinfo=UTC)
    older = dict(read_document("directory", "services.json"), edition="2026-06")
    older["published"] = "2026-06-01"
    text = json.dumps(older)
    # What the controller does when a sync brings a signed directory (directory_for).
    monkeypatch.setattr(
        compass_point_controller,
        "directory_for",
        lambda _workspace: adopt_directory_bundle({"services.json": text}),
    )
    try:
        workspace = desktop.controller.workspace
        assert workspace is not None
        workspace.events.publish(RecordsChanged(RecordArea.CONTENT))
        qtbot.waitUntil(
            lambda: "directory 2026-06, published 1 June 2026" in dated.edition.toolTip()
        )
        assert dated.edition.text().startswith("Directory 2026-06,")
        assert stale_shown(dated).startswith("This laptop's list of services is from 1 June 2026")
    finally:
        adopt_directory_bundle(None)
