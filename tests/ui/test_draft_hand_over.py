"""The interrupted conversation crosses the hand-over only inside the encrypted store.

The real app runs in its own process on a real profile, unlocked by typing, with a
conversation on the Compass Point page (a name for the sheet, a language, a need). Escape:
the old process keeps the draft and hands over to a fresh process on the decoy. That
process's memory, its environment and the profile's files hold no copy of what was typed;
unlocking the profile apart then finds the draft, whole.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli
from tests.conftest import PASSPHRASE, REPO, canary
from tests.ui.test_memory_after_lock import app_processes, hand_over, needles, scan

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

APP_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from victim_champion.app import application, build_desktop, hand_over_after_locking
    from victim_champion.store.profile import Profile

    data_dir, passphrase, name, language = sys.argv[1:5]
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
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    page = window.signposting
    page.need_boxes["feeling-safe"].click()
    QTest.keyClicks(page.sheet_name, name)
    QTest.keyClicks(page.language, language)
    for _ in range(50):
        app.processEvents()
    print("typed", os.getpid(), flush=True)
    sys.stdin.readline()  # the test has scanned this process
    QTest.keyClick(page.sheet_name, Qt.Key.Key_Escape)
    app.exec()
    """
)

READ_DRAFT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from victim_champion.operations.conversation_draft import take_draft
    from victim_champion.operations.workspace import ProfileGate
    from victim_champion.store.profile import Profile

    data_dir, passphrase, *typed = sys.argv[1:]
    workspace = ProfileGate(Profile(Path(data_dir))).unlock(passphrase)
    try:
        draft = take_draft(workspace)
    finally:
        workspace.close()
    print("whole" if draft is not None and all(t in repr(draft) for t in typed) else "missing")
    """
)


def test_the_draft_crosses_the_hand_over_only_in_the_encrypted_store(
    cli_env: dict[str, str],
) -> None:
    assert run_cli(cli_env, "init").code == 0
    data_dir = Path(cli_env["VC_DATA_DIR"])
    typed = [canary("Name"), canary("Language")]
    wanted = {k: v for k, v in needles(PASSPHRASE, b"", typed).items() if "key" not in k.lower()}
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen", "VC_DEBUG_GUI_THREAD": ""}
    app = subprocess.Popen(
        [sys.executable, "-c", APP_SCRIPT, str(data_dir), PASSPHRASE, *typed],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None and app.stdin is not None
        ready = app.stdout.readline().split()
        assert ready[:1] == ["typed"], ready
        before = scan(int(ready[1]), wanted)
        assert before[f"{typed[0]} utf-8"] + before[f"{typed[0]} utf-16"] > 0  # it can see
        fresh = hand_over(app, data_dir)
        after = scan(fresh, wanted)
        assert {label: n for label, n in after.items() if n} == {}
        environment = Path(f"/proc/{fresh}/environ").read_bytes()
        assert not [t for t in typed if t.encode() in environment]
        files = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
        assert not [t for t in typed if t.encode() in files or t.encode("utf-16-le") in files]
    finally:
        app.kill()
        for pid in app_processes(data_dir):
            os.kill(pid, 9)
    read = subprocess.run(
        [sys.executable, "-c", READ_DRAFT, str(data_dir), PASSPHRASE, *typed],
        cwd=REPO,
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert read.stdout.strip() == "whole", read.stderr[-2000:]
