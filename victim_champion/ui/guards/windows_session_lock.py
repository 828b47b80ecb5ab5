"""Lock when the Windows session locks: Win+L, closing the lid, switching user.

Windows tells a window that asked (WTSRegisterSessionNotification) by posting it
WM_WTSSESSION_CHANGE; a Qt native event filter sees that message before Qt does. The filter
only reads the message's memory, so it is tested on any platform with a synthetic one.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter

WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0
# Locking the screen, and the session leaving this screen (fast user switching, or a
# remote session taking over): each means nobody we know is at the keyboard.
LOCKING_EVENTS = frozenset({WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT})
EVENT_TYPE = b"windows_generic_MSG"


class MSG(ctypes.Structure):
    """The Win32 MSG structure as 64-bit Windows lays it out (LLP64: LONG is 32 bits)."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_uint64),
        ("lParam", ctypes.c_int64),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_int32),
        ("pt_y", ctypes.c_int32),
        ("lPrivate", ctypes.c_uint32),
    )


class SessionLockFilter(QAbstractNativeEventFilter):
    """Calls ``on_lock`` for a session-lock message; lets every message through to Qt."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:
        if bytes(event_type) == EVENT_TYPE and message:
            msg = MSG.from_address(int(message))
            if msg.message == WM_WTSSESSION_CHANGE and msg.wParam in LOCKING_EVENTS:
                self._on_lock()
        return False, 0


def register_for_session_changes(window_id: int) -> bool:
    """Ask Windows to post session changes to this window. False elsewhere, or if refused."""
    if sys.platform != "win32":
        return False
    wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined,unused-ignore]
    register = wtsapi32.WTSRegisterSessionNotification
    register.argtypes = (ctypes.c_void_p, ctypes.c_uint32)
    register.restype = ctypes.c_int
    return bool(register(ctypes.c_void_p(window_id), NOTIFY_FOR_THIS_SESSION))
