"""Start-up: process start to the unlock screen painted, against a bare PySide6 window.

Run: python -m benchmarks.startup. Each figure is the median of several fresh processes;
the parent notes the time before spawning, and the child prints the wall time of its
first paint.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks.figures import Figure, print_table
from tests.support.keyrings import MemoryKeyring
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile

RUNS = 7
PAINT_PROBE = """
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            import time
            print(time.time(), flush=True)
            app.quit()
        return False
"""
BARE = (
    PAINT_PROBE
    + """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
probe = FirstPaint()
window = QLabel("Hello")
window.installEventFilter(probe)
window.show()
app.exec()
"""
)
APP = (
    PAINT_PROBE
    + """
import sys
from pathlib import Path
from victim_champion.app import application, build_desktop
from victim_champion.store.profile import Profile
app = application()
desktop = build_desktop(Profile(Path(sys.argv[1])))
probe = FirstPaint()
desktop.window.unlock.installEventFilter(probe)
desktop.window.show()
app.exec()
"""
)


def first_paint_seconds(code: str, *args: str, pycache: str = "") -> float:
    """Wall time from spawning to the first paint. The installed app runs from bytecode
    (PyInstaller's archive), so the child may write and reuse .pyc files (in ``pycache``)
    even where PYTHONDONTWRITEBYTECODE is set, as it is on the build machine: without
    that, every run compiled ~250 modules from source, which no user ever waits for."""
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache:
        environment["PYTHONPYCACHEPREFIX"] = pycache
    started = time.time()
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=environment,
    )
    return float(child.stdout.split()[0]) - started


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "profile", DeviceSecretStore(MemoryKeyring()))
        profile.create("lantern-orbit-marsh-cobalt", kdf=KdfParams(salt=fresh_salt()))
        pycache = str(Path(folder) / "pycache")
        # Warm the OS file cache, and write the bytecode, for both alike.
        first_paint_seconds(BARE, pycache=pycache)
        first_paint_seconds(APP, str(profile.paths.folder), pycache=pycache)
        # Taken in turns, so that whatever else the machine is doing weighs on both alike
        # (all the bare windows first, then the app, let a busy minute fall on one side).
        bares, apps = [], []
        for _ in range(RUNS):
            bares.append(first_paint_seconds(BARE, pycache=pycache))
            apps.append(first_paint_seconds(APP, str(profile.paths.folder), pycache=pycache))
        bare, app = statistics.median(bares), statistics.median(apps)
    return [
        Figure("start-up to unlock screen painted", app, "s", "<= 2.0x", bare, "bare Qt window")
    ]


def main() -> None:
    print_table("Start-up (benchmarks/startup.py)", figures())


if __name__ == "__main__":
    main()
