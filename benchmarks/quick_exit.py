"""Quick exit: key press (or click) to the decoy's first paint, in each way it can come,
and key press to the database closed.

Run: python -m benchmarks.quick_exit. Drives the real shell (offscreen unless a display
is set) on the demo profile, unlocked, with the register on screen. The cases:

* Escape with nothing open (the baseline the others are compared with, same run);
* Escape in a form dialog (the settings): one press, as from the main window;
* Escape, Escape in a dialog that Escape closes (Save as): timed from the second press;
* Escape, Escape from the open District list: the first closes the list, timed from the
  second;
* Shift three times at the kiosk: timed from the third press;
* the Quick exit button: timed from the click.

The budget is one frame: 16 ms from the press to the decoy's first paint.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.figures import Figure, print_table
from victim_champion.app import DesktopApp, application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile

RUNS = 20
FRAME_MS = 16
SIGNPOSTING_ROW = 3  # Sessions, Handouts, Sync, Signposting, ...


class PaintClock(QObject):
    """Notes the time of the first paint after being armed."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def _settle(app: QApplication, desktop: DesktopApp) -> None:
    while desktop.controller.work.busy:  # the pages load their records off-thread
        app.processEvents()
    for _ in range(3):
        app.processEvents()


def _escape(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Escape)


def _key_target() -> QWidget:
    """Where the person's key goes: the focus in the open popup or dialog."""
    focus = QApplication.focusWidget()
    opened = QApplication.activePopupWidget() or QApplication.activeModalWidget()
    assert opened is not None, "nothing open to press Escape in"
    return focus if focus is not None and focus.window() is opened else opened


# Each case readies the screen, then returns the press to time (after any press before it).
Case = Callable[[QApplication, DesktopApp], Callable[[], None]]


def nothing_open(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    return lambda: _escape(desktop.window.sessions.register_table)


def form_dialog(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    desktop.controller.open_settings()
    _settle(app, desktop)
    return lambda: _escape(_key_target())


def save_as_dialog(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    from victim_champion.ui.dialogs.save_as_dialog import SaveAsDialog

    SaveAsDialog("sheet.pdf", desktop.controller.quick_exit, desktop.window).open()
    _settle(app, desktop)
    _escape(_key_target())  # closes the dialog; the second press is the quick exit
    app.processEvents()
    return lambda: _escape(desktop.window.sessions.register_table)


def district_list(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    desktop.window.navigation.setCurrentRow(SIGNPOSTING_ROW)
    combo = desktop.window.signposting.district
    combo.setFocus()
    combo.showPopup()
    _settle(app, desktop)
    _escape(_key_target())  # closes the list only
    app.processEvents()
    return lambda: _escape(combo)


def kiosk_shift(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    desktop.controller.training.start_kiosk(session_id, "sign-in")
    _settle(app, desktop)
    name = desktop.window.kiosk.name
    QTest.keyClick(name, Qt.Key.Key_Shift)
    QTest.keyClick(name, Qt.Key.Key_Shift)
    return lambda: QTest.keyClick(name, Qt.Key.Key_Shift)


def button(app: QApplication, desktop: DesktopApp) -> Callable[[], None]:
    return lambda: QTest.mouseClick(desktop.window.quick_exit_button, Qt.MouseButton.LeftButton)


CASES: list[tuple[str, Case]] = [
    ("Escape, nothing open", nothing_open),
    ("Escape in a form dialog (settings)", form_dialog),
    ("Escape, Escape in the Save as dialog", save_as_dialog),
    ("Escape, Escape from the District list", district_list),
    ("Shift x3 at the kiosk", kiosk_shift),
    ("the Quick exit button", button),
]


def figures() -> list[Figure]:
    from victim_champion.ui.controllers.unlock_controller import open_profile

    app = application()
    demo = create_demo_profile(date.today())
    desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
    desktop.window.show()
    paint_ms: dict[str, list[float]] = {name: [] for name, _ in CASES}
    close_ms: list[float] = []
    closed_at: list[float] = []
    desktop.controller.quick_exited.connect(lambda: closed_at.append(time.perf_counter()))
    try:
        for _ in range(RUNS):
            for name, case in CASES:
                desktop.controller.start()
                desktop.controller._adopt(*open_profile(desktop.controller.gate, DEMO_PASSPHRASE))
                desktop.window.show_work_area()
                desktop.window.navigation.setCurrentRow(0)
                _settle(app, desktop)
                press = case(app, desktop)
                assert not desktop.window.showing_decoy, f"{name}: exited before the timed press"
                clock = PaintClock()
                desktop.window.decoy.page.viewport().installEventFilter(clock)
                closed_at.clear()
                pressed = time.perf_counter()
                press()
                desktop.window.decoy.page.viewport().removeEventFilter(clock)
                assert clock.painted_at is not None and closed_at, f"{name}: no quick exit"
                paint_ms[name].append((clock.painted_at - pressed) * 1000)
                if case is nothing_open:
                    close_ms.append((closed_at[0] - pressed) * 1000)
    finally:
        desktop.close()
        demo.discard()
    baseline_name, _ = CASES[0]
    baseline = statistics.median(paint_ms[baseline_name])
    rows = [
        Figure(
            f"to decoy: {name}",
            statistics.median(times),
            "ms",
            f"<= {FRAME_MS} ms",
            None if name == baseline_name else baseline,
            "" if name == baseline_name else "Escape, nothing open",
        )
        for name, times in paint_ms.items()
    ]
    rows.append(
        Figure("quick exit: key to database closed", statistics.median(close_ms), "ms", "<= 100 ms")
    )
    return rows


def main() -> None:
    print_table(f"Quick exit (benchmarks/quick_exit.py, median of {RUNS})", figures())


if __name__ == "__main__":
    main()
