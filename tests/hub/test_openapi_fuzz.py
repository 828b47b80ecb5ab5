"""schemathesis against the hub's own /openapi.json: whatever it sends, never a 5xx."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.hub_process import ADMIN_TOKEN, HubProcess


def test_no_request_generated_from_the_openapi_schema_gets_a_server_error(
    hub: HubProcess, tmp_path: Path
) -> None:
    status, body = hub.get("/openapi.json")
    assert status == 200 and b"/v1/push" in body
    command = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert command, "schemathesis is installed with the dev extra"
    result = subprocess.run(
        [
            command,
            "run",
            f"{hub.url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "40",
            "--workers",
            "1",
            "--seed",
            "1",
            "--header",
            f"Authorization: Bearer {ADMIN_TOKEN}",
            "--report-dir",
            str(tmp_path / "report"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,  # schemathesis keeps a cache in the working folder
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
