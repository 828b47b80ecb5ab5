"""The Handouts page offers "Official leaflet in …" for each official leaflet the laptop
holds, shows its source and date, and previews (to print or save) the PDF unchanged."""

from __future__ import annotations

import io
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from tests.ui.conftest import unlock, unlocked_store
from victim_champion.app import DesktopApp
from victim_champion.core.leaflet_bundle import KIND, bundle_files, make_leaflet
from victim_champion.ui.pages.leaflet_choice import NONE_HELD

HANDOUTS_ROW = 1  # Sessions, Handouts, ...
SOURCE = "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime"


def fixture_pdf(words: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, words)
    page.showPage()
    page.save()
    return buffer.getvalue()


def hold_leaflets(desktop: DesktopApp, pdfs: dict[str, bytes]) -> None:
    """Put a leaflets bundle in the store, where a sync keeps the one it verified."""
    files = None
    for code, data in pdfs.items():
        leaflet = make_leaflet(data, code, f"Leaflet {code}", SOURCE, "2026-11-20")
        files = bundle_files(files, leaflet, data)
    document = {"kind": KIND, "version": "1", "published": "2026-12-07T10:00:00+00:00"}
    row = (KIND, "1", json.dumps({**document, "files": files}), "x", datetime.now(UTC).isoformat())
    store = unlocked_store(desktop)
    worker = threading.Thread(  # off the GUI thread, as the app's sync does
        target=lambda: store.owner.run(
            lambda c: c.execute(
                "INSERT INTO content_bundle (kind, version, document, signature, received_at) "
                "VALUES (?, ?, ?, ?, ?)",
                row,
            )
        )
    )
    worker.start()
    worker.join(10)


def test_the_handouts_page_offers_each_official_leaflet_held_and_previews_it_unchanged(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    choice = desktop.window.handouts.leaflets
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert choice.details.text() == NONE_HELD
    assert not choice.language.isEnabled() and not choice.preview_button.isEnabled()

    welsh, polish = fixture_pdf("Taflen (fixture)"), fixture_pdf("Ulotka (fixture)")
    hold_leaflets(desktop, {"cy": welsh, "pl": polish})
    desktop.window.navigation.setCurrentRow(0)
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(lambda: choice.language.count() == 2)
    assert choice.language.itemText(0) == "Official leaflet in Welsh (cy): Leaflet cy"
    assert choice.language.itemText(1) == "Official leaflet in Polish (pl): Leaflet pl"
    assert choice.details.text() == f"Source: {SOURCE}, dated 2026-11-20."
    controls = [
        control
        for control in choice.findChildren(QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly)
        if control.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) >= 2 and all(control.accessibleName() for control in controls)

    choice.language.setCurrentIndex(1)
    qtbot.mouseClick(choice.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    assert preview.pdf_bytes == polish and preview.page_count == 1
    assert "Leaflet pl" in preview.windowTitle()
    preview.reject()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is None)
