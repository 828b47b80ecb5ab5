"""The real shell on a demo profile, driven by qtbot (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from victim_champion.app import DesktopApp, build_desktop
from victim_champion.store.demo_profile import (
    DEMO_ATTENDEES,
    DEMO_PASSPHRASE,
    DemoProfile,
    create_demo_profile,
)
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.ui.theme import apply_theme

DEMO_NAMES = [a.name for a in DEMO_ATTENDEES]


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def demo() -> Iterator[DemoProfile]:
    profile = create_demo_profile(date(2026, 11, 21))
    yield profile
    profile.discard()


@pytest.fixture
def desktop(qtbot: QtBot, demo: DemoProfile, clock: FakeClock) -> Iterator[DesktopApp]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    built = build_desktop(demo.profile, DEMO_PASSPHRASE, clock)
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.close()


def unlock(qtbot: QtBot, desktop: DesktopApp, passphrase: str = DEMO_PASSPHRASE) -> None:
    """Type the passphrase and press Enter, as a person would."""
    field = desktop.window.unlock.passphrase
    field.setFocus()
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, "\r")
    qtbot.waitUntil(lambda: desktop.controller.is_unlocked, timeout=10_000)
    # The pages load their records off the GUI thread; wait until they are on screen.
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=10_000)


def unlocked_store(desktop: DesktopApp) -> OpenStore:
    """The store the unlocked desktop holds (to check that locking closes it)."""
    workspace = desktop.controller.workspace
    assert workspace is not None
    return workspace.store


def modal(qtbot: QtBot, kind: type) -> QWidget:
    """Wait for a dialog of this kind to be the active modal one, and return it."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and isinstance(dialog, kind)
    return dialog
