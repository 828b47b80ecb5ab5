"""Certificates and handouts from the app: previewed and printed from memory, cancellable,
and closed by the quick exit."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.tools import require_tool
from tests.ui.conftest import modal, unlock
from victim_champion.app import DesktopApp
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.store.repositories.record_repository import Records
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog, print_document
from victim_champion.ui.dialogs.save_as_dialog import SaveAsDialog


def files_under(*folders: Path) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        found |= {str(p) for p in folder.rglob("*")}
    return found


def top_of_temp() -> set[str]:
    return {str(p) for p in Path(tempfile.gettempdir()).iterdir()}


def select_session(desktop: DesktopApp, title: str) -> None:
    model = desktop.window.sessions.sessions
    for row in range(model.rowCount()):
        if model.row_at(row).title == title:
            desktop.window.sessions.session_table.selectRow(row)
            return
    raise AssertionError(f"no session {title}")


def test_certificates_preview_and_print_from_memory_leaving_no_files(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")  # one attendee has completed
    before = files_under(demo.folder), top_of_temp()
    desktop.window.sessions.print_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.page_count == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printer-output.pdf"  # stands in for the office printer
    printer.setOutputFileName(str(printed))
    assert print_document(preview.document, printer) == 1
    after = files_under(demo.folder), top_of_temp()
    assert after == before, "printing or previewing wrote a file"
    info = subprocess.run(
        [require_tool("pdfinfo", "poppler-utils"), str(printed)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Pages:           1" in info
    preview.close_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is None)


def test_the_quick_exit_cancels_a_batch_of_thirty_and_no_preview_appears(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile
) -> None:
    store = demo.profile.open(DEMO_PASSPHRASE)
    records = Records(store)
    session = next(s for s in records.sessions() if s.title == "Victim Champion refresher")
    ids = records.add_attendees(session.id, [AttendeeDetails(f"Learner {i}") for i in range(30)])
    records.complete(session.id, ids)
    store.close()
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")
    desktop.window.sessions.print_button.click()
    progress = desktop.controller.printing.progress
    assert progress is not None
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(progress) or progress.bar.value() >= 1, timeout=20_000
    )
    if not shiboken6.isValid(progress):  # the batch ended before the first look at it
        shown = QApplication.activeModalWidget()
        assert not isinstance(shown, MessageDialog), shown.text.text()  # never an error
    desktop.controller.quick_exit()
    assert desktop.window.showing_decoy
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=20_000)
    qtbot.wait(100)
    assert desktop.controller.printing.preview is None
    assert not any(
        isinstance(w, PdfPreviewDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_discreet_handout_is_previewed_and_closed_by_the_quick_exit(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.handouts
    desktop.window.navigation.setCurrentRow(1)
    page.kind.setCurrentIndex(page.kind.findData("directory"))
    page.district.setCurrentIndex(page.district.findText("Medway"))
    page.discreet.setChecked(True)
    page.preview_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None and preview.page_count >= 2
    assert preview.web_button.isVisible()  # the accessible twin, for a screen reader
    preview.web_button.click()
    saving = modal(qtbot, SaveAsDialog)
    assert isinstance(saving, SaveAsDialog) and saving.path.text().endswith(".html")
    saving.path.setText(str(tmp_path / "support.html"))
    saving.save_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "support.html").exists())
    if os.name == "posix":  # the app's one writer: the owner's alone, as the CLI writes it
        assert stat.S_IMODE((tmp_path / "support.html").stat().st_mode) == 0o600
    saved = (tmp_path / "support.html").read_text(encoding="utf-8")
    assert "<title>Information for you</title>" in saved and "victim" not in saved.casefold()
    desktop.controller.quick_exit()
    assert not preview.isVisible()
