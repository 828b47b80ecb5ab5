"""After a quick exit or a lock, carry on in a fresh process.

Python cannot promise to scrub its own memory: strings are immutable and copied freely
(the passphrase typed, the key handed to SQLCipher, names drawn in a table), and freed
memory is not zeroed. A laptop that sleeps writes memory to disk, and a crash dump takes
it all. So once the decoy (or the unlock screen) is on screen, the app starts a new copy
of itself that shows the same screen in the same place, waits until that copy has
painted, and ends. The new process never saw the passphrase, the key or a record.

The first frame of the quick exit is unchanged: the decoy is painted by the old process
first, and the hand-over happens behind it. If the new process cannot start, or has not
painted in time, the old one fails closed (issue 35): the new one is ended, and the old one
closes the store, zeroes the keys it still holds and stays on the decoy, with nothing on
screen; the decoy's way back to the unlock screen still works.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

RESUME_VARIABLE = "VC_RESUME"  # "decoy" or "unlock": which screen the new process shows
GEOMETRY_VARIABLE = "VC_RESUME_GEOMETRY"  # "x,y,width,height,maximized"
PRESENTING_VARIABLE = "VC_RESUME_PRESENTING"  # "slide,start" of a talk a lock interrupted
PAINTED = "painted"
START_TIMEOUT_SECONDS = 15.0
# Secrets the command line reads from the environment: never handed to the new process.
SECRET_VARIABLES = frozenset({"VC_PASSPHRASE", "VC_NEW_PASSPHRASE", "VC_RECOVERY_KEY"})


def _command() -> list[str]:
    """How this app was started: the bundle's executable, or Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, "-m", "victim_champion", *sys.argv[1:]]


def _geometry(window: QWidget) -> str:
    frame = window.geometry()
    maximised = int(window.isMaximized())
    return f"{frame.x()},{frame.y()},{frame.width()},{frame.height()},{maximised}"


def _first_line(child: subprocess.Popen[str], timeout: float) -> str:
    box: list[str] = []
    reader = threading.Thread(
        target=lambda: box.append(child.stdout.readline() if child.stdout else "")
    )
    reader.daemon = True
    reader.start()
    reader.join(timeout)
    return box[0].strip() if box else ""


def hand_over(
    window: QWidget,
    mode: str,
    before_exit: Callable[[], None],
    presenting: tuple[int, float] | None = None,
    fail_closed: Callable[[], None] = lambda: None,
    *,
    timeout: float = START_TIMEOUT_SECONDS,
    command: Sequence[str] | None = None,
) -> bool:
    """Start the fresh process on ``mode``'s screen; once it has painted, run
    ``before_exit`` and end this process. If it could not (it did not start, or did not
    paint within ``timeout``), end it, run ``fail_closed`` (close the store, zero the keys,
    show the decoy) and return False. ``presenting`` (the slide and the talk's start) lets
    the talk carry on after unlock; ``command`` replaces this app's own (tests only)."""
    environment = {k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES}
    environment.update({RESUME_VARIABLE: mode, GEOMETRY_VARIABLE: _geometry(window)})
    if presenting is not None:
        environment[PRESENTING_VARIABLE] = f"{presenting[0]},{presenting[1]}"
    window.setEnabled(False)  # nothing typed into this copy can be lost in the hand-over
    try:
        child = subprocess.Popen(
            list(command) if command is not None else _command(),
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
    except OSError:
        _failed(window, fail_closed)
        return False
    if _first_line(child, timeout) != PAINTED:
        child.kill()
        child.wait()
        _failed(window, fail_closed)
        return False
    before_exit()
    sys.stdout.flush()
    os._exit(0)  # no destructor may run on the old memory: it is simply gone


def _failed(window: QWidget, fail_closed: Callable[[], None]) -> None:
    """No fresh process took over: this one must not carry on with its memory as it was.
    The window is enabled again only after ``fail_closed`` has put the decoy up, so the
    decoy's way back to the unlock screen works and nothing else is on screen."""
    try:
        fail_closed()
    finally:
        window.setEnabled(True)


def resumed_mode() -> tuple[str | None, tuple[int, int, int, int, bool] | None]:
    """Which screen to show if this process is a fresh start, and where (read once)."""
    mode = os.environ.pop(RESUME_VARIABLE, None)
    raw = os.environ.pop(GEOMETRY_VARIABLE, "")
    try:
        x, y, width, height, maximised = (int(part) for part in raw.split(","))
    except ValueError:
        return mode, None
    return mode, (x, y, width, height, bool(maximised))


def resumed_presenting() -> tuple[int, float] | None:
    """The slide and the talk's start (wall-clock) handed over, if any (read once)."""
    raw = os.environ.pop(PRESENTING_VARIABLE, "")
    try:
        index, started = raw.split(",")
        return int(index), float(started)
    except ValueError:
        return None


def announce_painted() -> None:
    """Tell the old process this one is on screen, then let go of that pipe. (A windowed
    bundle may have no sys.stdout object, so this writes to file descriptor 1; if even that
    fails, the old process gives up waiting, ends this one and carries on itself.)"""
    try:
        os.write(1, (PAINTED + "\n").encode())
        devnull = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        return
