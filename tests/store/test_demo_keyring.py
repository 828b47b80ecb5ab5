"""The demo's in-memory keyring stays the demo's: never the keyring a real profile gets."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import keyring.backend

from tests.conftest import PYTHON, REPO
from victim_champion.store.demo_keyring import DemoOnlyKeyring
from victim_champion.store.demo_profile import create_demo_profile
from victim_champion.store.keys.device_secret import SERVICE, entry_name

# A real profile's keyring, chosen by the keyring library after the app has imported the
# demo profile (run_desktop always does): with no OS keyring it must refuse, not
# quietly keep the profile's device secret in memory until the app closes.
CHOOSE_AFTER_THE_DEMO = """
import victim_champion.store.demo_profile
from victim_champion.core.errors import NoKeyringError
from victim_champion.store.keys.device_secret import DeviceSecretStore
try:
    print(DeviceSecretStore().backend_name())
except NoKeyringError:
    print("refused: no keyring")
"""


def test_keyring_never_chooses_the_demo_keyring_for_a_real_profile(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHON_KEYRING_BACKEND", "VC_TEST_KEYRING_FILE")
    }
    # No Secret Service, no KWallet, no keyringrc: the machine has no OS keyring.
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",
    )
    chosen = subprocess.run(
        [PYTHON, "-c", CHOOSE_AFTER_THE_DEMO],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    assert "demo_keyring" not in chosen
    assert chosen == "refused: no keyring"


def test_the_demo_keyring_is_never_viable_as_the_system_keyring() -> None:
    assert not DemoOnlyKeyring.viable
    assert not any(isinstance(ring, DemoOnlyKeyring) for ring in keyring.backend.get_all_keyring())


def test_the_demo_profile_keeps_its_secret_in_its_own_keyring_only() -> None:
    before = keyring.get_keyring()
    demo = create_demo_profile(date(2026, 11, 21))
    try:
        assert keyring.get_keyring() is before
        backend = demo.profile.device_secrets.backend
        assert isinstance(backend, DemoOnlyKeyring)
        device_entries = [name for service, name in backend.entries if service == SERVICE]
        assert any(name.startswith(entry_name("")) for name in device_entries), backend.entries
    finally:
        demo.discard()
