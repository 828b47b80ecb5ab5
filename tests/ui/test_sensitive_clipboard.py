"""What the app copies is marked as sensitive, so Windows clipboard history (Win+V), cloud
clipboard and Linux clipboard managers keep none of it (issue 35, finding 7)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.conftest import REPO, canary
from tests.support.tools import require_tool
from tests.ui.conftest import DEMO_NAMES, unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.guards.clipboard_guard import ClipboardGuard
from victim_champion.ui.guards.sensitive_clipboard import sensitive_mime_data

WINDOWS = 'application/x-qt-windows-mime;value="{}"'
EXCLUDE = WINDOWS.format("ExcludeClipboardContentFromMonitorProcessing")
HISTORY = WINDOWS.format("CanIncludeInClipboardHistory")
CLOUD = WINDOWS.format("CanUploadToCloudClipboard")
KDE = "x-kde-passwordManagerHint"


def assert_marked(data: QMimeData | None, text: str) -> None:
    assert data is not None and data.text() == text
    assert data.hasFormat(EXCLUDE)
    assert bytes(data.data(HISTORY).data()) == b"\x00\x00\x00\x00"  # a DWORD of 0
    assert bytes(data.data(CLOUD).data()) == b"\x00\x00\x00\x00"
    assert bytes(data.data(KDE).data()) == b"secret"


def test_the_helper_builds_text_with_every_marker() -> None:
    assert_marked(sensitive_mime_data("Ada Example"), "Ada Example")


def test_ctrl_c_in_the_register_search_puts_marked_text_on_the_clipboard(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    search = desktop.window.sessions.search
    search.setFocus()
    qtbot.keyClicks(search, DEMO_NAMES[0])
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(QGuiApplication.clipboard().mimeData(), DEMO_NAMES[0])
    desktop.window.lock_button.click()  # and locking still clears it
    assert QGuiApplication.clipboard().text() == ""


def test_cut_is_marked_and_a_passphrase_is_never_copied(qtbot: QtBot) -> None:
    guard = ClipboardGuard()
    field = QLineEdit("Bo Example")
    qtbot.addWidget(field)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert_marked(QGuiApplication.clipboard().mimeData(), "Bo Example")
    assert field.text() == ""
    masked = QLineEdit("a secret passphrase")
    qtbot.addWidget(masked)
    masked.setEchoMode(QLineEdit.EchoMode.Password)
    masked.selectAll()
    qtbot.keyClick(masked, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Bo Example"
    guard.clear_if_ours()


def test_every_copy_in_the_app_goes_through_the_helper() -> None:
    """Only sensitive_clipboard.py may put anything on the clipboard."""
    package = REPO / "victim_champion"
    writes = re.compile(r"\.(setText|setMimeData|setPixmap|setImage)\(")
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "sensitive_clipboard.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "clipboard" in line.casefold() and writes.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}")
    assert offenders == []


SCRIPT = textwrap.dedent(
    """
    import subprocess, sys, threading, time
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit
    from victim_champion.ui.guards.clipboard_guard import ClipboardGuard

    app = QApplication([])
    guard = ClipboardGuard()

    def xclip(*args):
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

    field = QLineEdit(sys.argv[1])
    field.show()
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    for _ in range(20):
        app.processEvents()
    targets = xclip("-o", "-selection", "clipboard", "-t", "TARGETS").split()
    print("targets:", " ".join(targets))
    print("hint:", xclip("-o", "-selection", "clipboard", "-t", "x-kde-passwordManagerHint"))
    print("text:", xclip("-o", "-selection", "clipboard"))

    # A context menu's Copy goes straight to Qt, unmarked; the guard marks it again.
    other = QLineEdit(sys.argv[1] + " again")
    other.show()
    other.activateWindow()
    other.setFocus()
    other.selectAll()
    other.copy()
    for _ in range(20):
        app.processEvents()
    again = xclip("-o", "-selection", "clipboard", "-t", "TARGETS").split()
    print("menu targets:", " ".join(again))
    print("menu text:", xclip("-o", "-selection", "clipboard"))
    """
)


def test_a_real_x11_clipboard_manager_is_told_the_text_is_secret() -> None:
    """Under Xvfb, xclip asks the app for the targets a clipboard manager would see."""
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
    assert KDE in lines.get("targets", "").split(), child.stdout + child.stderr
    assert lines["hint"] == "secret" and lines["text"] == name
    assert KDE in lines["menu targets"].split() and lines["menu text"] == f"{name} again"
