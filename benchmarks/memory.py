"""Idle memory: resident set size of the unlocked app on the demo profile, against a bare
PySide6 window. Run: python -m benchmarks.memory

Each figure is the median of several fresh child processes (offscreen unless
QT_QPA_PLATFORM says otherwise). The app child builds the real desktop on the demo
profile, types the demo passphrase into the unlock screen and presses Unlock, waits until
the store is open, then sits idle in its event loop for IDLE_MS and reads VmRSS (and
VmHWM, the peak) from /proc/self/status. The bare child shows one empty QWidget and waits
just as long. MB here are MiB (1024 x 1024 bytes). Linux only: it reads /proc.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap

from benchmarks.figures import Figure, print_table

RUNS = 3
IDLE_MS = 3000
COMMON = f"""
from PySide6.QtCore import QEventLoop, QTimer

def settle(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

def report():
    fields = {{}}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        fields[key] = value.split()[0] if value.split() else ""
    print(fields["VmRSS"], fields["VmHWM"], flush=True)

IDLE_MS = {IDLE_MS}
"""
BARE = (
    COMMON
    + """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
settle(IDLE_MS)
report()
"""
)
APP = (
    COMMON
    + """
from datetime import date
from victim_champion.app import application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
app = application()
demo = create_demo_profile(date.today())
desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
try:
    desktop.window.show()
    settle(100)
    desktop.window.unlock.passphrase.setText(DEMO_PASSPHRASE)
    desktop.window.unlock.unlock_button.click()
    waited = 0
    while not desktop.controller.is_unlocked and waited < 60_000:
        settle(50)
        waited += 50
    if not desktop.controller.is_unlocked:
        raise SystemExit("the demo profile did not unlock within 60 s")
    settle(IDLE_MS)
    report()
finally:
    desktop.close()
    demo.discard()
"""
)


def rss_and_peak_mib(code: str) -> tuple[float, float]:
    """VmRSS and VmHWM of a fresh child running ``code``, in MiB."""
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )
    if child.returncode != 0:
        raise RuntimeError(f"memory child failed: {child.stderr.strip()[-2000:]}")
    rss_kib, peak_kib = (int(field) for field in child.stdout.split()[-2:])
    return rss_kib / 1024, peak_kib / 1024


def figures() -> list[Figure]:
    bare = [rss_and_peak_mib(BARE) for _ in range(RUNS)]
    app = [rss_and_peak_mib(APP) for _ in range(RUNS)]
    bare_rss = statistics.median(rss for rss, _ in bare)
    bare_peak = statistics.median(peak for _, peak in bare)
    return [
        Figure(
            f"idle RSS, unlocked demo profile ({IDLE_MS // 1000} s idle)",
            statistics.median(rss for rss, _ in app),
            "MB",
            "<= 200 MB",
            bare_rss,
            "bare Qt window",
        ),
        Figure(
            "peak RSS up to then (VmHWM, incl. unlock)",
            statistics.median(peak for _, peak in app),
            "MB",
            "-",
            bare_peak,
            "bare Qt window",
        ),
    ]


def main() -> None:
    print_table(f"Memory (benchmarks/memory.py, median of {RUNS} processes)", figures())


if __name__ == "__main__":
    main()
