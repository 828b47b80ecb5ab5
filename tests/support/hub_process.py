"""The real hub, run as a separate process on 127.0.0.1 for the tests."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ADMIN_TOKEN = "test-admin-token-not-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class HubProcess:
    """A running hub: its address, its database, and admin helpers."""

    db_url: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()  # more options for ``serve``
    # The hub logs a line per request: to a file, as a pipe nobody reads would fill.
    log: Any = field(default_factory=tempfile.TemporaryFile)

    def log_lines(self) -> list[str]:
        """What the hub has logged so far."""
        self.log.seek(0)
        return [line.decode() for line in self.log.read().splitlines()]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HubProcess:
        self.env = {**os.environ, "VC_HUB_ADMIN_TOKEN": ADMIN_TOKEN}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "victim_champion.hub.command_line",
                "serve",
                "--db",
                self.db_url,
                "--port",
                str(self.port),
                *self.args,
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("\n".join(self.log_lines()) or "the hub stopped")
            try:
                self.get("/v1/health")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the hub did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def admin(self, *args: str) -> str:
        """Run a victim-champion-hub admin command on the same database."""
        result = subprocess.run(
            [sys.executable, "-m", "victim_champion.hub.command_line", *args, "--db", self.db_url],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode not in (0, 1):
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def enrol_code(self, name: str = "Test laptop") -> str:
        return self.admin("enrol-code", "--name", name)

    def stats(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.admin("stats", "--json"))
        return loaded

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        return self.request("GET", path, None, headers)

    def request(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def start_hub(db_url: str) -> HubProcess:
    return HubProcess(db_url, free_port()).start()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'hub.sqlite3'}"


def metric(exposition: str, name: str) -> float:
    """The sum of a Prometheus metric's samples whose line starts with ``name``."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


def requests_by_route(hub: HubProcess, *routes: str) -> dict[str, int]:
    """How many requests the hub has answered on each route (any method or status)."""
    status, body = hub.get("/metrics")
    assert status == 200
    exposition = body.decode()
    return {
        route: int(
            sum(
                float(line.rsplit(" ", 1)[1])
                for line in exposition.splitlines()
                if line.startswith("vc_hub_requests_total{") and f'route="{route}"' in line
            )
        )
        for route in routes
    }
