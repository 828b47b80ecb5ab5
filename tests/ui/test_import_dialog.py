"""The import dialog with a real profile: a preview before anything is written, a
column-matching step for an export nobody foresaw, and a second import that adds nobody."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.import_dialog import ImportDialog
from victim_champion.ui.dialogs.message_dialog import MessageDialog

# A council's own booking sheet: no heading the app knows for the names.
COUNCIL_SHEET = (
    "Booking ref,Delegate,Contact email,Parish\n"
    "B1,Nia Example,nia@example.org,Hawkhurst\n"
    "B2,Olu Sample,not-an-address,Hawkhurst\n"
    "B3,Pat Demo,,Cranbrook\n"
)


def _open_importer(qtbot: QtBot, desktop: DesktopApp) -> ImportDialog:
    page = desktop.window.sessions
    qtbot.waitUntil(lambda: page.selected_session_id() is not None)
    page.import_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ImportDialog)
    return dialog


def _added(qtbot: QtBot) -> str:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MessageDialog))
    done: QWidget | None = QApplication.activeModalWidget()
    assert isinstance(done, MessageDialog)
    text = done.text.text()
    done.ok_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    return text


def test_an_unknown_export_is_matched_by_hand_and_previewed_before_import(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    sheet = tmp_path / "bookings.csv"
    sheet.write_text(COUNCIL_SHEET, encoding="utf-8")
    before = page.register.rowCount()
    dialog = _open_importer(qtbot, desktop)
    qtbot.keyClicks(dialog.path, str(sheet))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    # no name column: the matching step opens, on the file's own headings
    qtbot.waitUntil(lambda: dialog.matching.isVisible())
    assert "No column is headed 'name'" in dialog.message.text()
    names = dialog.column_choices["name"]
    assert [names.itemText(i) for i in range(names.count())][1:] == [
        "Booking ref",
        "Delegate",
        "Contact email",
        "Parish",
    ]
    names.setCurrentIndex(names.findText("Delegate"))
    emails = dialog.column_choices["email"]
    emails.setCurrentIndex(emails.findText("Contact email"))
    dialog.ok_button.click()  # check again with the columns matched
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Import 2 people")
    shown = dialog.summary.text()
    assert shown.startswith("2 new, 1 bad row.")
    assert dialog.bad_rows.is_error and dialog.bad_rows.isVisible()  # red, after "Error:"
    assert dialog.bad_rows.text() == ("Error: Line 3 is left out: the email address is not valid.")
    assert page.register.rowCount() == before  # a preview writes nothing
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter now imports what was previewed
    assert _added(qtbot) == "2 added; skipped 1 bad row."
    qtbot.waitUntil(lambda: page.register.rowCount() == before + 2)
    registered = {page.register.row_at(r).name: page.register.row_at(r) for r in range(before + 2)}
    assert registered["Nia Example"].details.email == "nia@example.org"
    assert "Olu Sample" not in registered

    # the same file again: nobody new, and the button says so
    dialog = _open_importer(qtbot, desktop)
    dialog.path.setText(str(sheet))
    dialog._show_matching()
    qtbot.waitUntil(lambda: dialog.column_choices["name"].count() > 0)
    for field, heading in (("name", "Delegate"), ("email", "Contact email")):
        choice = dialog.column_choices[field]
        choice.setCurrentIndex(choice.findText(heading))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Nothing new to import")
    assert not dialog.ok_button.isEnabled()
    assert dialog.summary.text().startswith("0 new, 2 already on the register, 1 bad row.")
    dialog.include_duplicates.setChecked(True)  # chosen: they are added again
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Import 2 people")
    dialog.cancel_button.click()
