"""Disaster recovery: the exported key opens the file in the standard SQLCipher 4 shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli
from tests.support.tools import require_tool

pytestmark = pytest.mark.integration


def shell(database: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_tool("sqlcipher", "the SQLCipher 4 shell"), str(database)],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_exported_key_opens_the_profile_in_the_sqlcipher_4_shell(
    cli_env: dict[str, str],
) -> None:
    version = subprocess.run(
        [require_tool("sqlcipher", "the SQLCipher 4 shell"), "-version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "SQLCipher 4" not in version:
        pytest.fail(f"the sqlcipher shell is not SQLCipher 4 ({version.strip()})")
    assert run_cli(cli_env, "init").code == 0
    for title in ("First", "Second"):
        created = run_cli(
            cli_env,
            "session",
            "create",
            "--kind",
            "training",
            "--title",
            title,
            "--district",
            "Dover",
            "--venue",
            "Hall",
            "--date",
            "2026-12-03",
        )
        assert created.code == 0, created.err
    exported = run_cli(cli_env, "export-key")
    assert exported.code == 0, exported.err
    key = exported.out.strip()
    database = Path(cli_env["VC_DATA_DIR"]) / "store.db"

    opened = shell(
        database, f"PRAGMA key = \"x'{key}'\";\nSELECT title FROM session ORDER BY title;\n"
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["ok", "First", "Second"]

    refused = shell(database, "SELECT count(*) FROM session;\n")
    assert "file is not a database" in refused.stderr
    wrong = shell(database, f"PRAGMA key = \"x'{'0' * 64}'\";\nSELECT count(*) FROM session;\n")
    assert "file is not a database" in wrong.stderr
