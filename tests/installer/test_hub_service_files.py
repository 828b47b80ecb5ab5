"""installer/hub/: the systemd unit passes systemd's own checks (and its sandboxing scores
as well exposed as "OK" at worst), and the nginx site is one nginx accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.support.throwaway_ca import issue
from tests.support.tools import require_tool

HUB = REPO / "installer" / "hub"
EXPOSURE_AT_MOST = "20"  # tenths: an exposure of 2.0 or less, "OK" in systemd-analyze security


def test_the_service_unit_verifies_and_is_sandboxed(tmp_path: Path) -> None:
    analyze = require_tool("systemd-analyze", "checks the hub's service unit")
    unit = (HUB / "victim-champion-hub.service").read_text(encoding="utf-8")
    for needed in ("NoNewPrivileges=yes", "ProtectSystem=strict", "User=vc-hub", "--workers"):
        assert needed in unit
    # The installed program's path, so that verify can see an executable there.
    hub_program = Path(sys.executable).parent / "victim-champion-hub"
    here = tmp_path / "victim-champion-hub.service"
    here.write_text(
        unit.replace("/opt/victim-champion-hub/venv/bin/victim-champion-hub", str(hub_program)),
        encoding="utf-8",
    )
    verified = subprocess.run(
        [analyze, "verify", str(here)], capture_output=True, text=True, check=False
    )
    assert verified.returncode == 0, verified.stderr
    assert "victim-champion-hub.service" not in verified.stderr, verified.stderr
    security = subprocess.run(
        [analyze, "security", "--offline=yes", f"--threshold={EXPOSURE_AT_MOST}", str(here)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert security.returncode == 0, security.stdout[-2000:]


def test_the_nginx_site_is_valid_nginx(tmp_path: Path) -> None:
    nginx = require_tool("nginx", "checks the hub's nginx site")
    issued = issue(tmp_path / "ca")
    site = (HUB / "nginx-site.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/ssl/victim-champion-hub/fullchain.pem", str(issued.certificate_file))
    site = site.replace("/etc/ssl/victim-champion-hub/privkey.pem", str(issued.key_file))
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n{site}\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "err.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
