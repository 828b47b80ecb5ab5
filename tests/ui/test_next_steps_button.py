"""The trainer previews 'Where to go next' from the Handouts page, next to the activity
materials: a real button with an accessible name, and the real one-page PDF."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import flowing_text, pages_text
from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog


def test_where_to_go_next_previews_from_the_handouts_page(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(1)
    button = desktop.window.handouts.next_steps_button
    assert button.text().startswith("Where to go next (for Victim Champions)")
    assert button.accessibleName().startswith("Where to go next (for Victim Champions)")
    assert "end of the course" in button.accessibleName()
    button.click()
    printing = desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    preview = printing.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert preview.windowTitle() == "Where to go next (for Victim Champions)"
    assert len(pages_text(preview.pdf_bytes, tmp_path)) == 1
    assert "Anti-social behaviour Case Review" in flowing_text(preview.pdf_bytes, tmp_path)
    preview.reject()
