"""The work area's code is left out of start-up and loaded while the unlock screen waits.

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
from victim_champion.ui.warm_up import MODULES, warm_up

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


def test_start_up_leaves_the_work_area_out_and_warm_up_then_loads_all_of_it() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0 and child.stdout.strip() == "ok", child.stderr[-800:]
