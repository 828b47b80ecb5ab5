"""Drive the real app on a demo profile and read each screen back over AT-SPI.

Run under a virtual display and a private session bus, with Qt's accessibility bridge on
(tests/ui/test_atspi_audit.py does this):

    QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 xvfb-run -a dbus-run-session -- \
        python -m tests.support.atspi_driver OUT.json

At each screen the app keeps its event loop turning while ``atspi_dump.py`` (system
Python, no project code) walks the tree from outside, as a screen reader would. OUT.json
gets, per screen, the nodes read and the words the screen was showing, for the test to
compare. Synthetic data only (the demo profile).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from tools.screenshots import settle, wait_until
from victim_champion.app import application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
from victim_champion.ui.shell_window import show_for_this_screen

DUMP = Path(__file__).with_name("atspi_dump.py")
SYSTEM_PYTHON = "/usr/bin/python3"


class Audit:
    """The screens read so far: name -> {"nodes": [...], "shown": {...}}."""

    def __init__(self) -> None:
        self.screens: dict[str, dict[str, object]] = {}

    def read(self, name: str, shown: dict[str, object] | None = None, everything: bool = False):
        settle(250)
        command = [SYSTEM_PYTHON, str(DUMP), str(os.getpid())] + (["--all"] if everything else [])
        # The tree goes to a file, not a pipe: a pipe this side does not drain would fill
        # and stall the reader on a big page.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
            child = subprocess.Popen(command, stdout=output)
            deadline = time.monotonic() + 90
            while child.poll() is None and time.monotonic() < deadline:
                settle(20)  # the bridge answers on this thread: keep the loop turning
            if child.poll() is None:
                child.kill()
            output.seek(0)
            text = output.read()
        nodes = json.loads(text) if text.strip() else None
        self.screens[name] = {"nodes": nodes, "shown": shown or {}}

    def dialog(self, opener: Callable[[], object], name: str) -> None:
        opener()
        wait_until(lambda: QApplication.activeModalWidget() is not None, 5_000)
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            self.screens[name] = {"nodes": None, "shown": {"error": "no dialog opened"}}
            return
        self.read(name, {"title": dialog.windowTitle()})
        dialog.reject()
        settle(100)


def pages_and_dialogs(audit: Audit, desktop: object) -> None:
    window = desktop.window  # type: ignore[attr-defined]
    controller = desktop.controller  # type: ignore[attr-defined]
    navigation = window.navigation
    for row in range(navigation.count()):
        navigation.setCurrentRow(row)
        wait_until(lambda: not controller.work.busy)
        audit.read(f"page: {navigation.item(row).text()}")
    navigation.setCurrentRow(0)
    sessions = window.sessions
    wait_until(lambda: sessions.register.rowCount() > 0)
    sessions.register_table.selectRow(0)
    for opener, name in (
        (sessions.new_button.click, "dialog: new session"),
        (sessions.delete_button.click, "dialog: delete session"),
        (sessions.add_button.click, "dialog: add person"),
        (sessions.correct_action.trigger, "dialog: correct person"),
        (sessions.import_button.click, "dialog: import"),
        (sessions.feedback_button.click, "dialog: feedback"),
        (controller.change_passphrase, "dialog: change passphrase"),
        (controller.open_quick_reference, "dialog: quick reference"),
        (controller.open_settings, "dialog: settings"),
    ):
        audit.dialog(opener, name)


def training(audit: Audit, desktop: object) -> None:
    window = desktop.window  # type: ignore[attr-defined]
    training = desktop.controller.training  # type: ignore[attr-defined]
    window.sessions.present_button.click()
    presenter = training.presenter
    presenter.next()
    shown = {"counter": presenter.counter.text(), "notes": presenter.notes.text()}
    audit.read("presenter", shown)
    presenter.audience.present()
    audit.read("audience")
    presenter.close()
    session_id = window.sessions.selected_session_id()
    training.start_kiosk(session_id, "sign-in")
    audit.read("kiosk: sign-in")
    window.kiosk.name.setText("Sam Example")
    window.kiosk.sign_in_button.click()
    wait_until(lambda: bool(window.kiosk.thanks.text()))  # kept off the GUI thread
    audit.read("kiosk: signed in", {"message": window.kiosk.thanks.text()})
    training.start_kiosk(session_id, "pre")
    kiosk = window.kiosk
    for number in (1, 2):
        shown = {
            "question": kiosk.question_text.text(),
            "answers": [button.text() for button in kiosk.option_buttons if button.isVisible()],
        }
        audit.read(f"kiosk: question {number}", shown)
        kiosk.option_buttons[0].setChecked(True)
        kiosk.quiz_next.click()
        settle(100)
    training.start_kiosk(session_id, "feedback")
    audit.read("kiosk: feedback")
    kiosk.clear()
    window.show_work_area()


def signposting(audit: Audit, desktop: object) -> None:
    window = desktop.window  # type: ignore[attr-defined]
    controller = desktop.controller  # type: ignore[attr-defined]
    window.navigation.setCurrentRow(3)
    page = window.signposting
    page.district.setCurrentIndex(page.district.findText("Swale"))
    page.need_boxes["feeling-safe"].setChecked(True)
    page.find_button.click()
    audit.read("signposting: results")
    page.sheet_button.click()
    wait_until(lambda: controller.printing.preview is not None)
    audit.read("print preview")
    if controller.printing.preview is not None:
        controller.printing.preview.reject()
    page.clear()


def main(out: Path) -> int:
    application()
    audit = Audit()
    demo = create_demo_profile(date.today())
    try:
        desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
        show_for_this_screen(desktop.window)
        audit.read("unlock")
        desktop.window.unlock.passphrase.setText(DEMO_PASSPHRASE)
        desktop.window.unlock.unlock_button.click()
        wait_until(lambda: desktop.controller.is_unlocked)
        wait_until(lambda: not desktop.controller.work.busy)
        register = desktop.window.sessions.register
        names = [register.row_at(row).name for row in range(register.rowCount())]
        pages_and_dialogs(audit, desktop)
        training(audit, desktop)
        signposting(audit, desktop)
        desktop.controller.quick_exit()
        audit.read("after quick exit", {"register names": names}, everything=True)
        desktop.close()
    finally:
        demo.discard()
    out.write_text(json.dumps(audit.screens, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
