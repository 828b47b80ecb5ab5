"""The laptop going to sleep and the session being locked lock the app: real D-Bus signals on
a private bus that stands in for the system bus, sent by a connection that owns logind's
name (org.freedesktop.login1), as logind does. The screen saver's signal on the session
bus is in tests/ui/test_locking.py.

Each step prints whether the watcher asked for a lock; a "no" step is there so that a
watcher that locks on every signal fails too, and a sender without logind's name must
not lock the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO
from tests.support.tools import require_tool

SCRIPT = textwrap.dedent(
    """
    import os
    from PySide6.QtCore import QDeadlineTimer, QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from PySide6.QtWidgets import QApplication
    from victim_champion.ui.guards.system_lock_watcher import SystemLockWatcher

    app = QApplication([])
    watcher = SystemLockWatcher()
    asked = []
    watcher.lock_requested.connect(lambda: asked.append(True))
    address = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    logind = QDBusConnection.connectToBus(address, "logind")
    assert logind.registerService("org.freedesktop.login1")
    stranger = QDBusConnection.connectToBus(address, "stranger")
    session = QDBusConnection.sessionBus()

    def settle(ms):
        deadline = QDeadlineTimer(ms)
        while not deadline.hasExpired():
            app.processEvents()

    settle(300)  # the watcher joins the buses on the event loop's first turn
    print("listening:", sorted(watcher.listening), flush=True)
    LOGIN1, MANAGER = "/org/freedesktop/login1", "org.freedesktop.login1.Manager"
    SESSION = "org.freedesktop.login1.Session"
    SAVER = ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")
    STEPS = [
        ("waking up", logind, LOGIN1, MANAGER, "PrepareForSleep", [False]),
        ("going to sleep", logind, LOGIN1, MANAGER, "PrepareForSleep", [True]),
        ("sleep from a stranger", stranger, LOGIN1, MANAGER, "PrepareForSleep", [True]),
        ("session locked", logind, LOGIN1 + "/session/auto", SESSION, "Lock", []),
        ("session lock from a stranger", stranger, LOGIN1 + "/session/auto", SESSION, "Lock", []),
        ("session unlocked", logind, LOGIN1 + "/session/auto", SESSION, "Unlock", []),
        ("screen saver off", session, *SAVER, "ActiveChanged", [False]),
        ("session locked on its own path", logind, LOGIN1 + "/session/_32", SESSION, "Lock", []),
    ]
    for name, sender, path, interface, member, arguments in STEPS:
        asked.clear()
        message = QDBusMessage.createSignal(path, interface, member)
        message.setArguments(arguments)
        assert sender.send(message)
        settle(300)
        print(f"{name}:", "locks" if asked else "does not lock", flush=True)
    """
)

EXPECTED = {
    "waking up": "does not lock",
    "going to sleep": "locks",
    "sleep from a stranger": "does not lock",
    "session locked": "locks",
    "session lock from a stranger": "does not lock",
    "session unlocked": "does not lock",
    "screen saver off": "does not lock",
}


@pytest.fixture(scope="module")
def said() -> dict[str, str]:
    """Run the watcher on a private bus used as both session and system bus."""
    require_tool("dbus-run-session", "a private D-Bus bus")
    child = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            'DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" exec "$0" -c "$1"',
            sys.executable,
            SCRIPT,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = dict(line.split(": ", 1) for line in child.stdout.splitlines() if ": " in line)
    assert child.returncode == 0, child.stdout + child.stderr
    return lines


def test_the_watcher_listens_to_logind_on_the_system_bus(said: dict[str, str]) -> None:
    listening = said["listening"]
    assert "'login1.PrepareForSleep'" in listening and "'login1.Session.Lock'" in listening


@pytest.mark.parametrize("step", EXPECTED)
def test_each_signal_locks_or_not(said: dict[str, str], step: str) -> None:
    assert said[step] == EXPECTED[step]


def test_a_lock_sent_on_the_sessions_own_path_locks(said: dict[str, str]) -> None:
    """logind sends Lock on the session's own path (session_bus_path:
    /org/freedesktop/login1/session/<escaped id>), never on .../session/auto, which only
    method calls resolve. This fake logind answers no GetSession, so the watcher matches
    Lock on every session; a real one names the session's path."""
    assert said["session locked on its own path"] == "locks"
