"""The real X11 clipboard and primary selection, read by xclip under Xvfb: a name copied
from the register's search field is gone after a lock or quick exit; text another program
copied since is left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.conftest import REPO, canary
from tests.support.tools import require_tool
from tests.ui.conftest import DEMO_NAMES, unlock
from victim_champion.app import DesktopApp

SCRIPT = textwrap.dedent(
    """
    import subprocess, sys, threading, time
    from PySide6.QtGui import QClipboard
    from PySide6.QtWidgets import QApplication, QLineEdit
    from victim_champion.ui.guards.clipboard_guard import ClipboardGuard

    app = QApplication([])

    def xclip(*args):
        # xclip asks the owner (this app) for the text, so keep answering meanwhile.
        box = {}
        def run():
            box["out"] = subprocess.run(
                ["xclip", *args], capture_output=True, text=True, timeout=10
            ).stdout
        worker = threading.Thread(target=run)
        worker.start()
        while worker.is_alive():
            app.processEvents()
            time.sleep(0.01)
        return box.get("out", "")

    def read_both():
        return xclip("-o", "-selection", "clipboard"), xclip("-o", "-selection", "primary")

    field = QLineEdit()  # the register's search box, as a person uses it
    field.show()
    field.setText(sys.argv[1])
    field.selectAll()
    field.copy()  # Ctrl+C
    # Selecting with the mouse puts the text on X11's primary selection, as here.
    QApplication.clipboard().setText(sys.argv[1], QClipboard.Mode.Selection)
    for _ in range(20):
        app.processEvents()
    print("before:", read_both())
    ClipboardGuard().clear_if_ours()
    for _ in range(20):
        app.processEvents()
    print("after:", read_both())

    # Another program copies something; locking again must leave it alone.
    other = subprocess.Popen(["xclip", "-selection", "clipboard"], stdin=subprocess.PIPE)
    other.communicate(b"someone else's text")
    for _ in range(20):
        app.processEvents()
    ClipboardGuard().clear_if_ours()
    print("other:", xclip("-o", "-selection", "clipboard"))
    """
)


def test_a_copied_name_leaves_the_clipboard_and_selection_on_lock() -> None:
    require_tool("xvfb-run", "a virtual X display")
    require_tool("xclip", "a real clipboard client")
    name = canary("Name")
    child = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", SCRIPT, name],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    lines = dict(line.split(": ", 1) for line in child.stdout.splitlines() if ": " in line)
    assert lines.get("before") == repr((name, name)), child.stdout + child.stderr
    assert name not in lines["after"]
    assert lines["other"] == "someone else's text"


def test_the_desktop_clears_a_copied_name_when_it_locks(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    search = desktop.window.sessions.search
    search.setFocus()
    qtbot.keyClicks(search, DEMO_NAMES[0])
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == DEMO_NAMES[0]
    desktop.window.lock_button.click()
    assert QGuiApplication.clipboard().text() == ""
