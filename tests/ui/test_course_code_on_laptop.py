"""The app shows the Victims' Code of the course in use (issue 33, item 7): with a verified
course bundle carrying a new Code edition in the profile, the quick reference (Ctrl+K) and
the rights handout previewed from the Handouts page (a discreet copy, read back with
pdftotext) carry the new edition's words once the profile is unlocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import flowing_text
from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.content.course_loader import shipped_course_files
from victim_champion.content.course_on_laptop import code_in_use, forget_adopted_course
from victim_champion.core.device_policy import DEFAULT_DEVICE_POLICY
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.store.syncing.sync_local import StoreSyncLocal
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from victim_champion.ui.dialogs.quick_reference_dialog import QuickReferenceDialog

NEW_TITLE = "To complain, in the words of the test edition"


@pytest.fixture(autouse=True)
def _shipped_course_afterwards() -> Iterator[None]:
    yield
    forget_adopted_course()


def _hold_bundle(demo: DemoProfile) -> None:
    """A course bundle of edition "2027" kept in the profile, as a sync keeps one after
    checking the hub's signature (the signature itself is checked in tests/cli)."""
    files = dict(shipped_course_files())
    files["course.toml"] = files["course.toml"].replace(
        'code_edition = "2020"', 'code_edition = "2027"'
    )
    code = files["victims_code.toml"].replace('edition = "2020"', 'edition = "2027"', 1)
    files["victims_code.toml"] = code.replace('title = "To complain"', f'title = "{NEW_TITLE}"')
    document = {
        "kind": "course",
        "version": "2027.1",
        "published": "2026-12-07T12:00:00+00:00",
        "files": files,
    }
    store = demo.profile.open(DEMO_PASSPHRASE)
    try:
        StoreSyncLocal(store).apply_pull_page(
            [], 0, DEFAULT_DEVICE_POLICY, [{"document": document, "signature": "-"}]
        )
    finally:
        store.close()


def test_the_quick_reference_and_the_rights_handout_show_the_code_of_the_course_in_use(
    qtbot: QtBot, demo: DemoProfile, desktop: DesktopApp, tmp_path: Path
) -> None:
    assert code_in_use().edition == "2020"
    _hold_bundle(demo)
    unlock(qtbot, desktop)
    qtbot.waitUntil(lambda: desktop.controller.training.course.code_edition == "2027")
    assert code_in_use().edition == "2027"

    qtbot.keyClick(desktop.window.navigation, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QuickReferenceDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickReferenceDialog)
    qtbot.keyClicks(dialog.search, "test edition")
    shown = [dialog.entries.item(i).text() for i in range(dialog.entries.count())]
    assert len(shown) == 1 and shown[0].startswith(f"Right 12: {NEW_TITLE}. ")
    dialog.reject()

    desktop.window.navigation.setCurrentRow(1)  # Handouts
    page = desktop.window.handouts
    page.kind.setCurrentIndex(0)  # the rights
    page.discreet.setChecked(True)
    page.preview_button.click()
    printing = desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    preview = printing.preview
    assert isinstance(preview, PdfPreviewDialog)
    text = flowing_text(preview.pdf_bytes, tmp_path)
    assert "2027 edition" in text and NEW_TITLE in text and "2020 edition" not in text
    preview.reject()
