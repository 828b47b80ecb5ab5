"""Sync as it will fail: a fault proxy in the way, and the client killed mid-sync."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO
from tests.hub.conftest import Laptop
from tests.support.fault_proxy import FAULTS, FaultProxy
from tests.support.hub_process import HubProcess
from victim_champion.core.sync_errors import (
    ConnectionCutError,
    HubNotTrustedError,
    HubUnreachableError,
    RequestReplayedError,
    SyncIncompleteError,
)

# What a worker may be told while the network misbehaves; each says what happened. A
# request the network delivers twice is refused the second time, and that is said too.
NETWORK_ERRORS = (
    HubUnreachableError,
    HubNotTrustedError,
    ConnectionCutError,
    SyncIncompleteError,
    RequestReplayedError,
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sync_through_a_faulty_network_converges_with_no_loss_and_no_duplicates(
    hub: HubProcess, laptop: Laptop, seed: int
) -> None:
    outcomes: list[str] = []
    with FaultProxy(hub.port, seed=seed, fault_rate=0.6) as proxy:
        for attempt in range(120):
            if attempt < 10:
                laptop.add_session_with(people=3)  # new records keep arriving mid-storm
            try:
                summary = laptop.client(proxy.url).run_once()
            except NETWORK_ERRORS as error:
                outcomes.append(type(error).__name__)
                continue
            outcomes.append("ok")
            every_fault_seen = set(proxy.seen) >= set(FAULTS[1:])
            if attempt >= 10 and every_fault_seen and summary.pending == 0 and summary.verified:
                break
        assert outcomes[-1] == "ok", outcomes
        assert set(proxy.seen) >= set(FAULTS[1:]), proxy.seen  # every kind of fault hit
        assert "HubNotTrustedError" in outcomes  # the captive portal was not taken as success
        assert "ConnectionCutError" in outcomes  # a cut answer is called a cut, not a portal
    final = laptop.client().run_once()  # directly, to be sure
    assert final.pending == 0 and final.verified and final.sent == 0
    stats = hub.stats()
    assert stats["envelopes"] == laptop.outbox_count()
    assert stats["missing"] == 0 and stats["duplicates"] == 0
    assert stats["records_by_kind"]["attendees.added"] == 30


def _cli_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VC_DATA_DIR": str(tmp_path / "profile"),
        "VC_PASSPHRASE": PASSPHRASE,
        "VC_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "PYTHONPATH": str(REPO),
    }


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "victim_champion", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_client_killed_at_many_points_during_a_sync_loses_and_duplicates_nothing(
    hub: HubProcess, tmp_path: Path
) -> None:
    env = _cli_env(tmp_path)
    assert _cli(env, "init").returncode == 0
    signup = tmp_path / "signup.csv"
    for batch in range(12):
        session = _cli(
            env,
            "session",
            "create",
            "--kind",
            "training",
            "--title",
            f"S{batch}",
            "--district",
            "Dover",
            "--venue",
            "Hall",
            "--date",
            "2026-12-03",
        )
        signup.write_text("name\n" + "".join(f"Person {batch}-{i}\n" for i in range(3)))
        assert _cli(env, "attendees", "import", session.stdout.strip(), str(signup)).returncode == 0
    assert _cli(env, "enrol", "--hub", hub.url, "--code", hub.enrol_code()).returncode == 0
    chooser = random.Random(7)
    with FaultProxy(hub.port, seed=11, fault_rate=0.3) as proxy:
        kills = 0
        for _ in range(15):
            child = subprocess.Popen(
                [sys.executable, "-m", "victim_champion", "sync", "--hub", proxy.url],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(chooser.uniform(0.2, 1.2))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait()
        assert kills >= 5
    finished = _cli(env, "sync", "--json")
    assert finished.returncode == 0, finished.stderr
    assert '"pending": 0' in finished.stdout and '"verified": true' in finished.stdout
    stats = hub.stats()
    assert stats["missing"] == 0 and stats["duplicates"] == 0
    assert stats["records_by_kind"]["attendees.added"] == 36
    assert stats["records_by_kind"]["session.created"] == 12
