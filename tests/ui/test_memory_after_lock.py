"""Nothing left in memory after a quick exit or an idle lock: the app's process memory,
read through /proc/PID/mem, holds no copy of the passphrase, the data key (raw or hex),
or a name or email from the register.

The real app runs in its own process on a real profile: unlocked by typing, its register
on screen. First the scan is run on that unlocked process, and must find the name (so
the scan can fail); then Escape, or the idle lock, and the scan runs again on whatever
process then shows the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli
from tests.conftest import PASSPHRASE, REPO, canary

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

APP_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from victim_champion.app import application, build_desktop, hand_over_after_locking
    from victim_champion.store.profile import Profile

    data_dir, passphrase, mode = sys.argv[1:4]
    sys.argv = ["victim-champion", "--data-dir", data_dir]  # how a person started it
    app = application()
    desktop = build_desktop(Profile(Path(data_dir)))
    desktop.window.show()
    hand_over_after_locking(desktop, lambda: None)

    def settle(condition, seconds=30):
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    screen = desktop.window.unlock
    QTest.keyClicks(screen.passphrase, passphrase)
    QTest.keyClick(screen.passphrase, Qt.Key.Key_Return)
    settle(lambda: desktop.controller.is_unlocked)
    settle(lambda: not desktop.controller.work.busy)
    for _ in range(50):
        app.processEvents()
    print("unlocked", os.getpid(), flush=True)
    sys.stdin.readline()  # the test has scanned this process
    if mode == "quick-exit":
        QTest.keyClick(desktop.window, Qt.Key.Key_Escape)
    else:
        desktop.controller.idle.start(0.2)  # the real idle timer, shortened
    app.exec()
    """
)


def needles(passphrase: str, key: bytes, texts: list[str]) -> dict[str, bytes]:
    found = {"key raw": key, "key hex": key.hex().encode(), "KEY HEX": key.hex().upper().encode()}
    for label, text in [("passphrase", passphrase)] + [(t, t) for t in texts]:
        found[f"{label} utf-8"] = text.encode()
        found[f"{label} utf-16"] = text.encode("utf-16-le")
    return found


def scan(pid: int, wanted: dict[str, bytes]) -> dict[str, int]:
    """How many times each needle appears in the process's readable memory."""
    counts = dict.fromkeys(wanted, 0)
    process = Path(f"/proc/{pid}")
    with (process / "maps").open() as maps, (process / "mem").open("rb", 0) as memory:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(part, 16) for part in fields[0].split("-"))
            try:
                memory.seek(start)
                chunk = memory.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            for label, needle in wanted.items():
                counts[label] += chunk.count(needle)
    return counts


def app_processes(data_dir: Path) -> list[int]:
    """Every running process started on this profile folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(data_dir).encode() in command and b"victim_champion" in b" ".join(command):
            found.append(int(entry.name))
    return found


@pytest.fixture
def real_profile(cli_env: dict[str, str], tmp_path: Path) -> tuple[dict[str, str], list[str]]:
    names = [canary("Name"), f"{canary('Mail')}@example.org"]
    assert run_cli(cli_env, "init").code == 0
    made = run_cli(
        cli_env,
        "session",
        "create",
        "--kind",
        "training",
        "--title",
        "Basics",
        "--district",
        "thanet",
        "--venue",
        "Hall",
        "--date",
        date.today().isoformat(),
        "--json",
    )
    session_id = made.json()["id"]
    sign_up = tmp_path / "sign-up.csv"
    sign_up.write_text(f"name,email\n{names[0]},{names[1]}\n")
    assert run_cli(cli_env, "attendees", "import", session_id, str(sign_up)).code == 0
    sign_up.unlink()
    return cli_env, names


def hand_over(app: subprocess.Popen[str], data_dir: Path) -> int:
    """Tell the app script to lock; the old process ends once the fresh one has painted.
    Returns the one fresh process."""
    assert app.stdin is not None
    app.stdin.write("go\n")
    app.stdin.flush()
    app.wait(timeout=60)
    deadline = time.monotonic() + 30
    while not (fresh := app_processes(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(fresh) == 1, "the app should carry on in one fresh process"
    return fresh[0]


@pytest.mark.parametrize("mode", ["quick-exit", "idle-lock"])
def test_nothing_is_left_in_memory_after_a_lock(
    mode: str, real_profile: tuple[dict[str, str], list[str]], tmp_path: Path
) -> None:
    env, names = real_profile
    data_dir = Path(env["VC_DATA_DIR"])
    export = run_cli(env, "export-key")
    key = bytes.fromhex(export.out.strip())
    wanted = needles(PASSPHRASE, key, names)
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "VC_DEBUG_GUI_THREAD": ""}
    app = subprocess.Popen(
        [sys.executable, "-c", APP_SCRIPT, str(data_dir), PASSPHRASE, mode],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None and app.stdin is not None
        ready = app.stdout.readline().split()
        assert ready[:1] == ["unlocked"], ready
        unlocked = scan(int(ready[1]), wanted)
        assert unlocked[f"{names[0]} utf-8"] + unlocked[f"{names[0]} utf-16"] > 0  # it can see
        fresh = hand_over(app, data_dir)
        after = scan(fresh, wanted)
        assert {label: n for label, n in after.items() if n} == {}
    finally:
        app.kill()
        for pid in app_processes(data_dir):
            os.kill(pid, 9)
