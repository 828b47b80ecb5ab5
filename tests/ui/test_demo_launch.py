"""`victim-champion --demo` starts the real app and cleans up its throwaway profile."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import PYTHON


def test_the_demo_opens_and_removes_its_profile_when_closed(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [PYTHON, "-m", "victim_champion", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    private_tmp = Path(env["TMPDIR"])
    try:
        deadline = time.monotonic() + 60
        while not list(private_tmp.glob("vc-demo-*/profile/store.db")):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the demo profile never appeared"
            time.sleep(0.1)
        time.sleep(1.0)  # let the window come up
        assert child.poll() is None
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert list(private_tmp.glob("vc-demo-*")) == []
    assert not Path(env["VC_DATA_DIR"]).exists()  # the real profile folder was not touched
