"""Running the real command line: in-process for speed, or as a child process."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PYTHON
from tests.support.keyrings import MemoryKeyring
from victim_champion.cli import main
from victim_champion.store.keys import key_slots


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class InProcessCli:
    """Calls main() in this process with an in-memory keyring and the floor KDF."""

    def __init__(self, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
        self.capsys = capsys
        self.data_dir = data_dir

    def __call__(self, *args: str) -> Result:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.data_dir), *args])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> InProcessCli:
    monkeypatch.setenv("VC_PASSPHRASE", "correct horse battery staple")
    # Tuning is measured elsewhere (benchmarks/store.py); here the floor keeps tests quick.
    monkeypatch.setattr(key_slots, "TARGET_SECONDS", 0.0)
    return InProcessCli(capsys, tmp_path / "profile")


def run_cli(env: dict[str, str], *args: str, timeout: float = 120) -> Result:
    """The CLI as a separate process, exactly as support staff run it."""
    child = subprocess.run(
        [PYTHON, "-m", "victim_champion", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(child.returncode, child.stdout, child.stderr)


def new_training_session(
    cli: InProcessCli,
    district: str = "Thanet",
    *facilitators: str,
    day: str = "2026-11-03",
    venue: str = "Hall",
) -> str:
    """``init`` (once) and a training session; its id."""
    if not cli.data_dir.exists():
        assert cli("init").code == 0
    trainers = [part for name in facilitators for part in ("--facilitator", name)]
    made = cli(
        *("session", "create", "--kind", "training", "--title", "Basics"),
        *("--district", district, "--venue", venue, "--date", day, *trainers),
    )
    assert made.code == 0, made.err
    return made.out.strip()
