"""Lock when the desktop locks its screen or the laptop goes to sleep.

Linux, via QtDBus:
- org.freedesktop.login1.Manager PrepareForSleep(true)       system bus (suspend, lid close)
- org.freedesktop.login1.Session Lock                         system bus (loginctl lock-session)
- org.freedesktop.ScreenSaver / org.gnome.ScreenSaver ActiveChanged(true)   session bus

Windows: WM_WTSSESSION_CHANGE (lock, or the session leaving the screen), through a native
event filter (ui/windows_session_lock.py).

macOS: Qt exposes no screen-lock signal there. The app relies on its own idle lock
(60-300 s) and on the OS locking the screen; docs/desk-guide.md, "Locking", says so.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SLOT, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from victim_champion.ui.first_paint import after_first_paint

if TYPE_CHECKING:  # imported where used: its ctypes structures are Windows-only
    from victim_champion.ui.guards.windows_session_lock import SessionLockFilter


_SESSION_SIGNALS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
_LOGIN1 = "org.freedesktop.login1"


def _slot(signature: str) -> Any:
    # PySide6 wants the SLOT() string at run time; its type stubs say bytes.
    return SLOT(signature)


class SystemLockWatcher(QObject):
    """Emits ``lock_requested`` when the platform reports a screen lock or a suspend."""

    lock_requested = Signal()

    def __init__(self, window: QWidget | None = None) -> None:
        super().__init__()
        self.listening: list[str] = []
        self._filter: SessionLockFilter | None = None
        if sys.platform == "win32" and window is not None:
            self._watch_windows_session(window)
        if sys.platform.startswith("linux"):
            # After the window's first paint (ui/first_paint.py), not before: joining the
            # two buses took 9 ms of start-up (benchmarks/startup.py), and until the window
            # is on screen nothing can be unlocked, so there is nothing yet to lock.
            if window is None:
                QTimer.singleShot(0, self._watch_dbus)
            else:
                after_first_paint(window, self._watch_dbus)

    def _watch_windows_session(self, window: QWidget) -> None:
        from victim_champion.ui.guards.windows_session_lock import (
            SessionLockFilter,
            register_for_session_changes,
        )

        app = QCoreApplication.instance()
        if app is None:
            return
        self._filter = SessionLockFilter(self.lock_requested.emit)
        app.installNativeEventFilter(self._filter)
        if register_for_session_changes(int(window.winId())):
            self.listening.append("WM_WTSSESSION_CHANGE")

    def _watch_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection  # Linux only: not in the Windows bundle

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in _SESSION_SIGNALS:
                # An empty service name accepts the signal from any sender on the bus.
                if session.connect(
                    "", path, interface, "ActiveChanged", self, _slot("_on_active_changed(bool)")
                ):
                    self.listening.append(f"{service}.ActiveChanged")
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect(
                _LOGIN1,
                "/org/freedesktop/login1",
                f"{_LOGIN1}.Manager",
                "PrepareForSleep",
                self,
                _slot("_on_prepare_for_sleep(bool)"),
            ):
                self.listening.append("login1.PrepareForSleep")
            if system.connect(
                _LOGIN1,
                _own_session_path(system),
                f"{_LOGIN1}.Session",
                "Lock",
                self,
                _slot("_on_session_lock()"),
            ):
                self.listening.append("login1.Session.Lock")

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()

    @Slot(bool)
    def _on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_requested.emit()

    @Slot()
    def _on_session_lock(self) -> None:
        self.lock_requested.emit()


def _own_session_path(system: Any) -> str:
    """The object path logind sends this session's Lock on.

    logind emits Lock on the session's own path (/org/freedesktop/login1/session/<id>);
    ".../session/auto" only resolves method calls, so a signal match on it never fires. Ask
    the manager which session is ours. If it cannot say (no logind, an old one), match Lock on
    every session: the app then also locks when another session on this machine is locked,
    which errs on the safe side.
    """
    from PySide6.QtDBus import QDBus, QDBusMessage  # Linux only

    # One bare method call (a QDBusInterface would first introspect logind, a second
    # blocking round trip on the GUI thread); at most 1 s if logind does not answer.
    ask = QDBusMessage.createMethodCall(
        _LOGIN1, "/org/freedesktop/login1", f"{_LOGIN1}.Manager", "GetSession"
    )
    ask.setArguments(["auto"])
    reply = system.call(ask, QDBus.CallMode.Block, 1000)
    if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
        path = reply.arguments()[0]
        text = path.path() if hasattr(path, "path") else str(path)
        if text.startswith("/org/freedesktop/login1/session/"):
            return text
    return ""
