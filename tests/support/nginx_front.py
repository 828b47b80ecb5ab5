"""Debian's nginx as the TLS front of one or more hub processes, as at Compass House
(installer/hub/nginx-site.conf is the production version of this configuration)."""

from __future__ import annotations

import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.hub_process import free_port
from tests.support.throwaway_ca import Issued
from tests.support.tools import require_tool

CONFIGURATION = """\
# One process, in the foreground, as the user running the tests: no user switch, so the
# temporary folders below need no other owner.
daemon off;
master_process off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream hub {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        client_max_body_size 9m;
        location / {{
            proxy_pass http://hub;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


@dataclass
class NginxFront:
    folder: Path
    issued: Issued
    upstream_ports: list[int]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}"

    def start(self) -> NginxFront:
        nginx = require_tool("nginx", "the TLS front of the hub")
        self.port = free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{p};" for p in self.upstream_ports)
        conf = self.folder / "nginx.conf"
        conf.write_text(
            CONFIGURATION.format(
                folder=self.folder,
                servers=servers,
                port=self.port,
                certificate=self.issued.certificate_file,
                key=self.issued.key_file,
            ),
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.folder), "-c", str(conf), "-e", str(self.folder / "err.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        context = ssl.create_default_context(cafile=str(self.issued.ca_file))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "error.log").read_text(errors="replace"))
            try:
                with (
                    socket.create_connection(("127.0.0.1", self.port), timeout=2) as raw,
                    context.wrap_socket(raw, server_hostname="localhost"),
                ):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
