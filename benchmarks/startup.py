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
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.keys.memory_keyring import MemoryKeyring
from victim_champion.store.profile import Profile

RUNS = 5
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


def first_paint_seconds(code: str, *args: str) -> float:
    started = time.time()
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )
    return float(child.stdout.split()[0]) - started


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "profile", DeviceSecretStore(MemoryKeyring()))
        profile.create("benchmark passphrase", kdf=KdfParams(salt=fresh_salt()))
        first_paint_seconds(BARE)  # warm the OS file cache for both alike
        bare = statistics.median(first_paint_seconds(BARE) for _ in range(RUNS))
        app = statistics.median(
            first_paint_seconds(APP, str(profile.paths.folder)) for _ in range(RUNS)
        )
    return [
        Figure("start-up to unlock screen painted", app, "s", "<= 2.0x", bare, "bare Qt window")
    ]


def main() -> None:
    print_table("Start-up (benchmarks/startup.py)", figures())


if __name__ == "__main__":
    main()
