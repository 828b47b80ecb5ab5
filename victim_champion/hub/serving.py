"""``victim-champion-hub serve``: one process, or N worker processes on one port.

With ``--workers N`` uvicorn starts N processes that share the listening socket; each
builds the app from the environment (``app_from_environment``), since a worker is a fresh
interpreter. The parent migrates the database and makes the signing key first, so the
workers never race to create either. Several hosts behind a load balancer share one
PostgreSQL the same way: nonces, login throttles and rate limits live in the database.

Logs are one JSON object a line (time, level, logger, event, and named fields), on
stderr, for journald. Nothing personal is logged: request lines carry the method, the
route template, the status and the time taken.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import sys
import tempfile
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from victim_champion.core.certificates import public_address_ok
from victim_champion.hub.api.operability import MULTIPROCESS_VARIABLE
from victim_champion.hub.storage.engine import HUB_DB_VARIABLE, database_url, make_engine, upgrade
from victim_champion.hub.storage.signing_keys import (
    KEY_FILE_VARIABLE,
    key_file_for,
    load_or_create_hub_key,
)

PUBLIC_URL_VARIABLE = "VC_HUB_PUBLIC_URL"
# "off": no single-request sync rounds (sync/shared/rounds.py); laptops then use the separate
# pull, push and verify requests. A switch for an incident with one laptop release, so
# Compass House need not wait for every laptop to be upgraded.
ROUNDS_VARIABLE = "VC_HUB_ROUND_REQUESTS"
MAX_WORKERS = 32


class OneLineFormatter(logging.Formatter):
    """A log record as one line of JSON. An exception gives its type only: a traceback's
    text can hold what a request carried."""

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            "pid": record.process,
        }
        document.update(getattr(record, "fields", {}))
        if record.exc_info and record.exc_info[0] is not None:
            document["error"] = record.exc_info[0].__name__
        return json.dumps(document, separators=(",", ":"), default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """Every logger (uvicorn's too) writes one-line JSON to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # ours name the route, not the path


def app_from_environment() -> Any:
    """The app for one worker process, from what ``serve`` put in the environment."""
    from victim_champion.hub.api.sync_api import create_app

    configure_logging()
    engine = make_engine(os.environ[HUB_DB_VARIABLE])
    return create_app(
        engine,
        key_file_for(engine),
        os.environ.get(PUBLIC_URL_VARIABLE, ""),
        round_requests=os.environ.get(ROUNDS_VARIABLE, "on") != "off",
    )


def _has_user_info(address: str) -> bool:
    """Whether the address names a user (``user:password@host``), which the public must
    never see printed on a certificate."""
    try:
        return "@" in urlsplit(address).netloc
    except ValueError:  # a malformed address: refuse it here rather than guess
        return "@" in address


def serve(options: argparse.Namespace) -> int:
    """Run the hub with uvicorn (plain HTTP on loopback only; TLS options otherwise)."""
    import uvicorn

    loopback = options.host in ("127.0.0.1", "localhost", "::1")
    if not loopback and not options.ssl_certfile:
        print(
            "Serving beyond this machine needs TLS: give --ssl-certfile and --ssl-keyfile, "
            "or put a TLS reverse proxy in front and bind to 127.0.0.1.",
            file=sys.stderr,
        )
        return 2
    if not 1 <= options.workers <= MAX_WORKERS:
        print(f"Give --workers as a number from 1 to {MAX_WORKERS}.", file=sys.stderr)
        return 2
    public_url = options.public_url or os.environ.get(PUBLIC_URL_VARIABLE, "")
    if _has_user_info(public_url):  # never repeated back: it may hold a password
        print(
            "Give --public-url without a user name or password (no user:password@): "
            "it is printed on every certificate.",
            file=sys.stderr,
        )
        return 2
    if not public_address_ok(public_url):
        print("Give --public-url as the https:// address the public reaches.", file=sys.stderr)
        return 2
    url = database_url(options.db)
    engine = make_engine(url)
    upgrade(engine)
    key_file = key_file_for(engine, options.key_file)
    load_or_create_hub_key(engine, key_file)  # made once, here, before any worker starts
    engine.dispose()
    configure_logging()
    common: dict[str, Any] = {
        "host": options.host,
        "port": options.port,
        "ssl_certfile": options.ssl_certfile,
        "ssl_keyfile": options.ssl_keyfile,
        "log_config": None,
        "access_log": False,
        # uvicorn's default: X-Forwarded-For is believed from 127.0.0.1 only, so behind
        # nginx on the same host the certificate look-up limits count each address.
        "proxy_headers": True,
    }
    os.environ.update(
        {HUB_DB_VARIABLE: url, KEY_FILE_VARIABLE: str(key_file), PUBLIC_URL_VARIABLE: public_url}
    )
    if options.no_round_requests:
        os.environ[ROUNDS_VARIABLE] = "off"
    if options.workers == 1:
        uvicorn.run(app_from_environment(), **common)
        return 0
    counters = tempfile.mkdtemp(prefix="vc-hub-metrics-")  # private (0700), emptied at exit
    os.environ[MULTIPROCESS_VARIABLE] = counters
    try:
        _run_workers(options.workers, common)
    finally:
        shutil.rmtree(counters, ignore_errors=True)
    return 0


def _run_workers(workers: int, common: dict[str, Any]) -> None:
    """What uvicorn.run does for workers > 1, with TCP_NODELAY on the shared socket.

    uvicorn binds that socket without naming the protocol, so asyncio does not set
    TCP_NODELAY on the connections it accepts; every answer (headers, then body) then
    waited for the client's delayed ACK: 40 ms a request, measured (benchmarks/
    sync_capacity.py). Accepted sockets inherit the option from the listening one."""
    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    config = Config(
        "victim_champion.hub.serving:app_from_environment",
        factory=True,
        workers=workers,
        **common,
    )
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()


def add_serve_arguments(run: argparse.ArgumentParser) -> None:
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8800)
    run.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes sharing the port (each uses the same database)",
    )
    run.add_argument("--ssl-certfile")
    run.add_argument("--ssl-keyfile")
    run.add_argument("--key-file", help=f"the hub's signing key (or {KEY_FILE_VARIABLE})")
    run.add_argument(
        "--public-url",
        help="the https:// address the public reaches this hub at, for certificate QR codes "
        f"(or {PUBLIC_URL_VARIABLE}); laptops learn it when they enrol",
    )
    run.add_argument(
        "--no-round-requests",
        action="store_true",
        help="refuse single-request sync rounds (laptops fall back to separate pull, push "
        f"and verify requests); or set {ROUNDS_VARIABLE}=off",
    )
