"""Quick exit: key press to the decoy's first paint, and key press to the database closed.

Run: python -m benchmarks.quick_exit. Drives the real shell (offscreen unless a display
is set) on the demo profile, unlocked, with the register on screen.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest

from benchmarks.figures import Figure, print_table
from victim_champion.app import application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile

RUNS = 20


class PaintClock(QObject):
    """Notes the time of the first paint after being armed."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def figures() -> list[Figure]:
    from victim_champion.ui.controllers.shell_controller import _open

    app = application()
    demo = create_demo_profile(date.today())
    desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
    desktop.window.show()
    paint_times: list[float] = []
    close_times: list[float] = []
    closed_at: list[float] = []
    desktop.controller.quick_exited.connect(lambda: closed_at.append(time.perf_counter()))
    try:
        for _ in range(RUNS):
            desktop.controller.start()
            desktop.controller._adopt(*_open(desktop.controller.gate, DEMO_PASSPHRASE))
            desktop.window.show_work_area()
            while desktop.controller.work.busy:  # the pages load their records off-thread
                app.processEvents()
            app.processEvents()
            clock = PaintClock()
            desktop.window.decoy.page.viewport().installEventFilter(clock)
            closed_at.clear()
            pressed = time.perf_counter()
            QTest.keyClick(desktop.window.sessions.register_table, Qt.Key.Key_Escape)
            desktop.window.decoy.page.viewport().removeEventFilter(clock)
            assert clock.painted_at is not None and closed_at, "the quick exit did not run"
            paint_times.append(clock.painted_at - pressed)
            close_times.append(closed_at[0] - pressed)
    finally:
        desktop.close()
        demo.discard()
    return [
        Figure(
            "quick exit: key to decoy first paint",
            statistics.median(paint_times) * 1000,
            "ms",
            "<= 16 ms",
        ),
        Figure(
            "quick exit: key to database closed",
            statistics.median(close_times) * 1000,
            "ms",
            "<= 100 ms",
        ),
    ]


def main() -> None:
    print_table(f"Quick exit (benchmarks/quick_exit.py, median of {RUNS})", figures())


if __name__ == "__main__":
    main()
