"""The Linux tarball's install and uninstall scripts, run for real in a throwaway HOME.

The full bundle is built and checked by installer/build and installer/check in CI; these
tests give the scripts and the desktop entry a fast check on every test run, against a
stand-in app folder laid out exactly as the tarball is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.tools import require_tool

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "installer" / "linux"


def _unpacked(tmp_path: Path) -> Path:
    """A folder shaped like the unpacked tarball, with a stand-in app."""
    folder = tmp_path / "unpacked" / "victim-champion"
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "marker").write_text("bundle files\n")
    app = folder / "victim-champion"
    app.write_text("#!/bin/sh\necho stand-in app\n")
    app.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", "victim-champion.desktop"):
        shutil.copy2(LINUX / name, folder / name)
    shutil.copy2(REPO / "resources" / "icons" / "victim-champion.svg", folder)
    return folder


def _run(script: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)


def test_the_desktop_entry_is_valid_for_debian_12s_validator(tmp_path: Path) -> None:
    validator = require_tool("desktop-file-validate", "desktop-file-utils")
    entry = tmp_path / "victim-champion.desktop"
    template = (LINUX / "victim-champion.desktop").read_text()
    entry.write_text(template.replace("@BUNDLE@", "/opt/victim-champion"))
    result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings either


def test_install_then_uninstall_leaves_the_records_and_nothing_else(tmp_path: Path) -> None:
    home = tmp_path / "home"
    records = home / ".local" / "share" / "victim-champion" / "profile.db"
    records.parent.mkdir(parents=True)
    records.write_bytes(b"encrypted bytes")
    folder = _unpacked(tmp_path)

    installed = _run(folder / "install.sh", home)
    assert installed.returncode == 0, installed.stderr
    prefix = home / ".local" / "opt" / "victim-champion"
    entry = home / ".local" / "share" / "applications" / "victim-champion.desktop"
    assert (prefix / "_internal" / "marker").is_file()
    assert f"Exec={prefix}/victim-champion\n" in entry.read_text()
    link = home / ".local" / "bin" / "victim-champion"
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "stand-in app\n"

    removed = _run(prefix / "uninstall.sh", home)
    assert removed.returncode == 0, removed.stderr
    assert not prefix.exists() and not entry.exists() and not link.exists()
    assert records.read_bytes() == b"encrypted bytes"


def test_install_refuses_a_folder_without_the_app(tmp_path: Path) -> None:
    folder = _unpacked(tmp_path)
    shutil.rmtree(folder / "_internal")
    result = _run(folder / "install.sh", tmp_path / "home")
    assert result.returncode == 1
    assert "the app files are not beside it" in result.stderr
    assert not (tmp_path / "home" / ".local" / "opt").exists()
