"""Shared fixtures. Qt must be told to render offscreen before anything imports it."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every desktop the tests build fails loudly if a store call is made on the GUI thread.
os.environ.setdefault("VC_DEBUG_GUI_THREAD", "1")

# Under pytest-xdist (scripts/test runs two workers) each worker gets its own temporary
# folder, so a test that checks "no file appeared in the temporary folder" sees only its
# own worker's files. Children inherit TMPDIR too.
if os.environ.get("PYTEST_XDIST_WORKER"):
    import tempfile

    _worker_tmp = Path(tempfile.gettempdir()) / (
        f"vc-tests-{os.environ['PYTEST_XDIST_WORKER']}-{os.getpid()}"
    )
    _worker_tmp.mkdir(mode=0o700, exist_ok=True)
    os.environ["TMPDIR"] = str(_worker_tmp)
    tempfile.tempdir = None  # worked out again from TMPDIR on next use

import secrets
import sys
from collections.abc import Iterator

import keyring
import pytest

from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.keyrings import MemoryKeyring
from victim_champion.operations.workspace import ProfileGate, Workspace
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring installed as the process-wide backend for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    """The real hub as a separate process on 127.0.0.1, on a SQLite file."""
    process = start_hub(sqlite_url(tmp_path))
    yield process
    process.stop()


@pytest.fixture
def fast_kdf() -> KdfParams:
    """The SECURITY.md floor (64 MiB, 3 passes) without the tuning step."""
    return KdfParams(salt=fresh_salt())


@pytest.fixture
def profile(tmp_path: Path, memory_keyring: MemoryKeyring, fast_kdf: KdfParams) -> Profile:
    """A freshly created profile in a temporary folder."""
    created = Profile(tmp_path / "profile", DeviceSecretStore(memory_keyring))
    created.create(PASSPHRASE, kdf=fast_kdf)
    return created


@pytest.fixture
def workspace(profile: Profile) -> Iterator[Workspace]:
    """That profile, unlocked, as the operations see it; closed afterwards."""
    opened = ProfileGate(profile).unlock(PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running the CLI as a child process with a file-backed keyring."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = dict(os.environ)
    env.update(
        {
            "VC_DATA_DIR": str(tmp_path / "profile"),
            "VC_PASSPHRASE": PASSPHRASE,
            "VC_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
            "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
            "PYTHONPATH": str(REPO),
            "TMPDIR": str(private_tmp),
        }
    )
    return env


def canary(label: str) -> str:
    """A unique string that must never appear outside the encrypted store."""
    return f"canary{label}{secrets.token_hex(8)}"


PYTHON = sys.executable
