"""The Windows session-lock filter, fed synthetic MSG structures laid out as 64-bit Windows
lays them out: a lock (or the session leaving the screen) locks; anything else does not,
and every message still goes on to Qt."""

from __future__ import annotations

import ctypes

import pytest
from PySide6.QtCore import QByteArray

from victim_champion.ui.guards.windows_session_lock import (
    EVENT_TYPE,
    MSG,
    WM_WTSSESSION_CHANGE,
    WTS_CONSOLE_DISCONNECT,
    WTS_SESSION_LOCK,
    SessionLockFilter,
)

WTS_SESSION_UNLOCK = 0x8
WM_PAINT = 0x000F


def test_the_structure_has_the_64_bit_windows_layout() -> None:
    assert ctypes.sizeof(MSG) == 48
    assert MSG.message.offset == 8 and MSG.wParam.offset == 16 and MSG.lParam.offset == 24


@pytest.mark.parametrize(
    ("message", "w_param", "locks"),
    [
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, True),
        (WM_WTSSESSION_CHANGE, WTS_CONSOLE_DISCONNECT, True),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, False),
        (WM_PAINT, WTS_SESSION_LOCK, False),
    ],
)
def test_only_a_session_lock_message_locks(message: int, w_param: int, locks: bool) -> None:
    seen: list[str] = []
    event_filter = SessionLockFilter(lambda: seen.append("lock"))
    msg = MSG(hwnd=0x1234, message=message, wParam=w_param, lParam=1)
    handled = event_filter.nativeEventFilter(QByteArray(EVENT_TYPE), ctypes.addressof(msg))
    assert seen == (["lock"] if locks else [])
    assert handled[0] is False  # Qt still gets the message


def test_messages_of_other_platforms_are_ignored() -> None:
    seen: list[str] = []
    event_filter = SessionLockFilter(lambda: seen.append("lock"))
    msg = MSG(message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_LOCK)
    event_filter.nativeEventFilter(QByteArray(b"xcb_generic_event_t"), ctypes.addressof(msg))
    event_filter.nativeEventFilter(QByteArray(EVENT_TYPE), 0)
    assert seen == []
