"""Nothing on the way to the first screen's paint uses PySide's Qt namespace.

PySide builds a class's enums the first time the class is used, and the Qt namespace has
93 of them: about 25 ms, a sixth of start-up (benchmarks/startup.py). Importing the name
(`from PySide6.QtCore import Qt`), an enum value, and even a QPen or a QBrush (their
constructors default to Qt.PenStyle and Qt.BrushStyle values) all build it. So modules
loaded at start-up read `QtCore.Qt` only where they use it, after the first paint.
Run in a fresh interpreter: the test process itself has built it long ago.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from victim_champion.store.profile import Profile
from victim_champion.ui.guards.quick_exit_triggers import ESCAPE_KEY, SHIFT_KEY

CHILD = r"""
import sys
from pathlib import Path
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject
from victim_champion.app import application, build_desktop
from victim_champion.store.profile import Profile

app = application()
demo = sys.argv[2] if len(sys.argv) > 2 else None
desktop = build_desktop(Profile(Path(sys.argv[1])), demo)
screen = desktop.window.stack.currentWidget()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            app.quit()
        return False

probe = FirstPaint()
screen.installEventFilter(probe)
desktop.window.show()
app.exec()
print(type(screen).__name__, "built" if "Qt" in vars(QtCore) else "not built")
"""


def painted_screen(*args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0, child.stderr[-800:]
    return child.stdout.strip()


@pytest.mark.parametrize("demo", [None, "synthetic-demo-words"])
def test_the_unlock_screen_is_painted_without_the_qt_namespace(
    profile: Profile, demo: str | None
) -> None:
    args = [str(profile.paths.folder)] + ([demo] if demo else [])
    assert painted_screen(*args) == "UnlockScreen not built"


def test_the_first_run_screen_is_painted_without_the_qt_namespace(tmp_path: Path) -> None:
    assert painted_screen(str(tmp_path / "no-profile-yet")) == "FirstRunScreen not built"


def test_the_quick_exit_keys_are_qts_own_numbers() -> None:
    assert Qt.Key.Key_Escape.value == ESCAPE_KEY
    assert Qt.Key.Key_Shift.value == SHIFT_KEY


def test_the_decoy_icon_is_read_before_the_quick_exit_needs_it(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The icons are files now; the decoy's is read when made, so the quick exit, which
    sets it, reads nothing from disk (here: the file is gone by then)."""
    from victim_champion.content.resource_paths import resources_root
    from victim_champion.ui.widgets.neutral_icon import neutral_icon

    copy = tmp_path / "resources"
    shutil.copytree(resources_root() / "icons", copy / "icons")
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    icon = neutral_icon()
    (copy / "icons" / "notes.png").unlink()
    assert not icon.pixmap(64, 64).isNull()
