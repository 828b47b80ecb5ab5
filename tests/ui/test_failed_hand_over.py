"""Fail closed on the hand-over (issue 35): when the fresh process never paints, the old
one ends it, closes the store, zeroes the keys it still holds and stays on the decoy with
nothing on screen; the way back to the unlock screen still works. The real guard runs,
with a child that sleeps instead of painting and a short time-out."""

from __future__ import annotations

import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock, unlocked_store
from victim_champion.app import DesktopApp, hand_over_after_locking
from victim_champion.core.errors import StoreLockedError
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.ui.guards import fresh_process
from victim_champion.ui.screens.decoy_screen import DECOY_TITLE

real_hand_over = fresh_process.hand_over


def running(marker: str) -> bool:
    """Whether any process's command line holds ``marker`` (Linux's /proc)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["quick exit", "lock button"])
def test_a_fresh_process_that_never_paints_leaves_the_old_one_closed_on_the_decoy(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    marker = f"never-paints-{uuid.uuid4().hex}"
    never_paints = [sys.executable, "-c", f"import time; time.sleep(120)  # {marker}"]
    results: list[bool] = []

    def guarded(*args: Any, **options: Any) -> bool:
        options.update(timeout=1.0, command=never_paints)
        results.append(real_hand_over(*args, **options))
        return results[-1]

    monkeypatch.setattr(fresh_process, "hand_over", guarded)
    hand_over_after_locking(desktop, lambda: None)
    unlock(qtbot, desktop)
    store = unlocked_store(desktop)
    held = demo.profile.unlock_key(DEMO_PASSPHRASE)  # a key this process still refers to
    assert held.data_key != bytes(len(held.data_key))
    if how == "quick exit":
        desktop.controller.quick_exit()
    else:
        qtbot.mouseClick(desktop.window.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: results != [], timeout=10_000)

    assert results == [False]
    assert not running(marker)  # the child that never painted was ended
    with ThreadPoolExecutor(1) as thread, pytest.raises(StoreLockedError):
        thread.submit(store.owner.run, lambda connection: 1).result()
    assert held.data_key == bytes(len(held.data_key))  # zeroed where it lies
    window = desktop.window
    assert not desktop.controller.is_unlocked
    assert window.showing_decoy and window.windowTitle() == DECOY_TITLE
    assert window.unlock.passphrase.text() == ""
    assert window.isEnabled()

    # The decoy's way back to the unlock screen still works, and so does unlocking.
    qtbot.keyClick(
        window.decoy.page,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert window.stack.currentWidget() is window.unlock
    monkeypatch.setattr(fresh_process, "hand_over", lambda *args, **options: False)
    unlock(qtbot, desktop)
    assert desktop.controller.is_unlocked
