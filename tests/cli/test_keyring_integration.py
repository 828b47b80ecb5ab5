"""The real Secret Service: gnome-keyring in a private D-Bus session (scripts/with-keyring)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, PYTHON, REPO
from tests.support.tools import require_tool

pytestmark = pytest.mark.integration

FLOW = """
set -e
vc() { "$PYTHON" -m victim_champion "$@"; }
vc self-test --json > "$OUT/self-test.json" || true
vc init
sid=$(vc session create --kind drop-in --title Desk --district Swale --venue Library \
      --date 2026-12-05)
vc session list --json > "$OUT/sessions.json"
vc export-key > "$OUT/key.txt"
"""


def in_keyring_session(script: str, data_dir: Path, out: Path) -> subprocess.CompletedProcess[str]:
    require_tool("dbus-run-session", "a private D-Bus session")
    require_tool("gnome-keyring-daemon", "the Secret Service")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(
        {
            "VC_DATA_DIR": str(data_dir),
            "VC_PASSPHRASE": PASSPHRASE,
            "OUT": str(out),
            "PYTHON": PYTHON,
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    return subprocess.run(
        [str(REPO / "scripts" / "with-keyring"), "bash", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_a_profile_made_with_gnome_keyring_is_useless_on_another_keyring(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    flow = in_keyring_session(FLOW, data_dir, tmp_path)
    assert flow.returncode == 0, flow.stderr
    report = (tmp_path / "self-test.json").read_text()
    assert "keyring.backends.SecretService.Keyring" in report
    assert '"name": "Desk"' not in report
    assert "Desk" in (tmp_path / "sessions.json").read_text()
    assert len((tmp_path / "key.txt").read_text().strip()) == 64
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}

    # The same files and passphrase, but a different machine's keyring.
    elsewhere = in_keyring_session('"$PYTHON" -m victim_champion session list', data_dir, tmp_path)
    assert elsewhere.returncode == 1
    assert "keyring has no device secret for this profile" in elsewhere.stderr
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before
