"""The work area's code is left out of start-up and loaded while the unlock screen waits,
and nothing before the first paint sets Qt animating.

Run in a fresh interpreter: the test process itself has imported everything already.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = r"""
import sys, time
from PySide6.QtCore import QCoreApplication
from victim_champion.app import application
from victim_champion.ui.warm_up import behind_the_passphrase, warm_up

MODULES = behind_the_passphrase()
assert len(MODULES) >= 13, MODULES  # the work area, and each page with its controller
early = [name for name in MODULES if name in sys.modules]
assert early == [], f"imported at start-up: {early}"
app = application()
warm_up()
deadline = time.monotonic() + 60
while not all(name in sys.modules for name in MODULES) and time.monotonic() < deadline:
    QCoreApplication.processEvents()
missing = [name for name in MODULES if name not in sys.modules]
assert missing == [], f"never loaded: {missing}"
print("ok")
"""


ANIMATIONS = r"""
import sys
from PySide6.QtCore import QAbstractAnimation
from victim_champion.app import application, build_desktop
from victim_champion.store.profile import Profile
from pathlib import Path
import tempfile
app = application()
desktop = build_desktop(Profile(Path(tempfile.mkdtemp()) / "none-yet"))
desktop.window.show()
app.processEvents()
running = [a.metaObject().className() for a in desktop.window.findChildren(QAbstractAnimation)]
print("animations:", running)
"""


AFTER_PAINT = r"""
import sys, time
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from victim_champion.app import application
from victim_champion.ui.first_paint import UNPAINTED_START_MS
from victim_champion.ui.warm_up import warm_up

def run_until(done, seconds):
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)

app = application()
shown, hidden = QWidget(), QWidget()
warm_up(["victim_champion.core.audit"], after_painting=shown)
warm_up(["victim_champion.core.suppression"], after_painting=hidden)
run_until(lambda: False, 0.3)
assert "victim_champion.core.audit" not in sys.modules, "warmed before the paint"
started = time.monotonic()
shown.show()
run_until(lambda: "victim_champion.core.audit" in sys.modules, 5)
assert "victim_champion.core.audit" in sys.modules, "not warmed after the paint"
assert time.monotonic() - started < UNPAINTED_START_MS / 1000, "waited for the fallback"
run_until(lambda: "victim_champion.core.suppression" in sys.modules, 5)
assert "victim_champion.core.suppression" in sys.modules, "never painted, never warmed"
print("ok")
"""


def test_warm_up_starts_after_the_first_paint_or_without_one_a_moment_later() -> None:
    """Started as soon as the event loop ran, the first step came before the first paint
    and put it off by some 7 ms; a window never painted (minimised) still gets it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", AFTER_PAINT], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0 and child.stdout.strip() == "ok", child.stderr[-800:]


def test_showing_the_window_starts_no_animation() -> None:
    """QMainWindow lays its central widget out through a geometry animation (of 0 ms) when
    the style allows animations; Qt's private animation timer then passes through the app's
    Python event filters (quick exit, idle lock), and wrapping a class PySide does not
    know made it create some 150 enums, about 20 ms before the first paint. The theme
    sets widget-animation-duration to 0 for the central widget."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", ANIMATIONS], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0, child.stderr[-800:]
    assert child.stdout.strip() == "animations: []", child.stdout + child.stderr[-400:]


def test_start_up_leaves_the_work_area_out_and_warm_up_then_loads_all_of_it() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0 and child.stdout.strip() == "ok", child.stderr[-800:]
