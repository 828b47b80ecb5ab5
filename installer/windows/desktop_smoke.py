"""The desktop app on Windows (under Wine), from source with the prefix's Windows Python:
the demo profile is made, the unlock screen takes the passphrase, the work area comes up,
and the quick exit locks. Each step must finish in time: a Windows-only call that blocks
the window (as Qt's network-information backend did under Wine) fails here instead of
freezing a worker's screen. Run by installer/windows/check."""

import faulthandler
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
faulthandler.dump_traceback_later(90, exit=True)  # a hang prints where it is, then fails

from PySide6.QtCore import QTimer  # noqa: E402

from victim_champion.app import application, build_desktop  # noqa: E402
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile  # noqa: E402

DEADLINE_SECONDS = 30


def main() -> int:
    app = application()
    demo = create_demo_profile(date.today())
    desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
    desktop.window.show()
    started = time.monotonic()
    outcome: list[str] = []
    desktop.window.unlock.unlock_requested.emit(DEMO_PASSPHRASE)

    def watch() -> None:
        if desktop.controller.is_unlocked and not outcome:
            outcome.append(f"unlocked in {time.monotonic() - started:.1f} s")
            desktop.controller.quick_exit()
        elif outcome and not desktop.controller.is_unlocked:
            outcome.append("quick exit locked it")
            app.quit()
        elif time.monotonic() - started > DEADLINE_SECONDS:
            outcome.append("FAILED: no unlock within the deadline")
            app.quit()

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(200)
    app.exec()
    desktop.close()
    demo.discard()
    print("; ".join(outcome))  # noqa: T201  the check shows this line
    return 0 if outcome[-1:] == ["quick exit locked it"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
