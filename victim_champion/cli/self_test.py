"""``self-test``: headless checks of everything a laptop in a village hall depends on."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from victim_champion.cli.context import CommandContext
from victim_champion.operations.diagnostics import check_keyring, check_sqlcipher

QT_PROBE_COMMAND = "_qt-probe"  # answered by app.main: the command line never loads Qt
QT_PROBE_TIMEOUT = 60


@dataclass(frozen=True)
class CheckResult:
    """One line of the self-test."""

    name: str
    ok: bool
    detail: str


def _run(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except Exception as error:  # a self-test reports every failure as a line
        return CheckResult(name, False, str(error) or type(error).__name__)


def _qt_child() -> list[str]:
    """Start Qt in a child process, so a missing display is a failed line, not a crash."""
    if getattr(sys, "frozen", False):
        command = [sys.executable, QT_PROBE_COMMAND]
    else:
        command = [sys.executable, "-m", "victim_champion", QT_PROBE_COMMAND]
    child = subprocess.run(
        command, capture_output=True, text=True, timeout=QT_PROBE_TIMEOUT, check=False
    )
    lines = child.stdout.strip().splitlines()
    if child.returncode != 0 or len(lines) != 3:
        last = (child.stderr.strip().splitlines() or ["Qt did not start"])[-1]
        raise RuntimeError(f"Qt could not load a platform plugin: {last}")
    return lines


def self_test(context: CommandContext, options: argparse.Namespace) -> int:
    """``self-test``: one line per check; exit 1 if any fails."""
    results = [_run("sqlcipher", check_sqlcipher), _run("keyring", check_keyring)]
    try:
        qt_line, *child_lines = _qt_child()
        results.append(CheckResult("qt", True, qt_line))
        for name, line in zip(("pdf", "code"), child_lines, strict=True):
            failed = line.startswith("FAILED: ")
            results.append(CheckResult(name, not failed, line.removeprefix("FAILED: ")))
    except Exception as error:  # no Qt means no PDF render and no Qt code either
        results += [
            CheckResult("qt", False, str(error)),
            CheckResult("pdf", False, "not checked: Qt did not start"),
            CheckResult("code", False, "not checked: Qt did not start"),
        ]
    passed = all(r.ok for r in results)
    document = {
        "ok": passed,
        "checks": [{"name": r.name, "ok": r.ok, "detail": r.detail} for r in results],
    }
    lines = [f"{'ok  ' if r.ok else 'FAIL'}  {r.name:<10} {r.detail}" for r in results]
    context.emit(document, "\n".join(lines))
    return 0 if passed else 1
