"""Running the hub as a service: /healthz, /readyz, /metrics and one-line request logs.

- ``/healthz``: the process answers. It touches nothing else, so a load balancer can ask
  it every second.
- ``/readyz``: the database answers and its schema is at the newest migration; 503 with
  one sentence otherwise, so a host mid-upgrade takes no laptops.
- ``/metrics``: Prometheus text. Requests and their latencies by route *template* (never
  the path itself: a certificate code is part of one), envelopes accepted, duplicate and
  rejected, and devices enrolled and seen in the last day. Nothing personal: no names,
  device ids, addresses or codes.

With ``serve --workers N`` each worker keeps its own counters; prometheus-client's
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, set by ``serve``) adds them up, so any
worker answers for all of them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select, text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from victim_champion.hub.storage.engine import schema_is_current
from victim_champion.hub.storage.tables import devices

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
access_log = logging.getLogger("victim_champion.hub.access")

disable_created_metrics()  # a *_created series per counter is noise on a dashboard
# One registry for this process: the metrics are made once, however many apps a test
# process builds.
_REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "vc_hub_requests",
    "HTTP requests answered, by method, route template and status.",
    ("method", "route", "status"),
    registry=_REGISTRY,
)
LATENCY = Histogram(
    "vc_hub_request_seconds",
    "Time to answer a request, by route template.",
    ("route",),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0),
    registry=_REGISTRY,
)
ENVELOPES = Counter(
    "vc_hub_envelopes",
    "Envelopes pushed by laptops, by outcome (accepted, duplicate, rejected).",
    ("outcome",),
    registry=_REGISTRY,
)
SEEN_WINDOW = timedelta(days=1)


def count_envelopes(results: Sequence[Any]) -> None:
    """Add one push's outcomes (each result's status) to the envelope counter."""
    for result in results:
        ENVELOPES.labels(str(result.status)).inc()


class DeviceCollector(Collector):
    """Devices enrolled (not revoked) and seen in the last day, read at each scrape, so
    every worker and every host behind a balancer gives the same figure."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterable[Metric]:
        since = datetime.now(UTC) - SEEN_WINDOW
        live = devices.c.revoked_at.is_(None)
        with self.engine.connect() as connection:
            enrolled = connection.execute(select(func.count()).where(live)).scalar_one()
            seen = connection.execute(
                select(func.count()).where(live, devices.c.last_seen_at >= since)
            ).scalar_one()
        yield GaugeMetricFamily(
            "vc_hub_devices_enrolled", "Devices enrolled and not revoked.", value=enrolled
        )
        yield GaugeMetricFamily(
            "vc_hub_devices_seen_last_day",
            "Devices that synced in the last 24 hours (to the minute).",
            value=seen,
        )


def metrics_text(engine: Engine) -> tuple[bytes, str]:
    """The Prometheus exposition of this process (or of every worker) and the hub."""
    folder = os.environ.get(MULTIPROCESS_VARIABLE)
    if folder:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=folder)
    else:
        registry = _REGISTRY
    scrape = CollectorRegistry()
    scrape.register(_Forward(registry))
    scrape.register(DeviceCollector(engine))
    return generate_latest(scrape), CONTENT_TYPE_LATEST


class _Forward(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterable[Metric]:
        return self.registry.collect()


def readiness(engine: Engine) -> str:
    """ "" when this hub can take laptops, or one sentence saying why not."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any driver's error: the database cannot be reached
        return "The database cannot be reached."
    if not schema_is_current(engine):
        return "The database is not at the newest migration; run the hub's upgrade first."
    return ""


class RequestMetrics:
    """ASGI middleware: count and time every request by its route template, and log one
    line for it (method, route, status, milliseconds; nothing from the request itself)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            REQUESTS.labels(scope["method"], route, str(status[0])).inc()
            LATENCY.labels(route).observe(elapsed)
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        "route": route,
                        "status": status[0],
                        "ms": round(elapsed * 1000, 1),
                    }
                },
            )


def route_template(scope: Scope) -> str:
    """The matched route's template ("/verify/{code}"), never the path itself."""
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


def add_operations(app: FastAPI, engine: Engine) -> None:
    """The three endpoints a service manager, a load balancer and Prometheus ask, and the
    request counting around every answer (outermost, so it times everything)."""

    @app.get("/healthz", summary="The process is up", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok\n")

    @app.get("/readyz", summary="The database answers at the newest migration")
    async def readyz() -> PlainTextResponse:
        problem = await run_in_threadpool(readiness, engine)
        return PlainTextResponse(f"{problem or 'ready'}\n", status_code=503 if problem else 200)

    @app.get("/metrics", summary="Prometheus text: requests, envelopes, devices")
    async def metrics() -> Response:
        body, content_type = await run_in_threadpool(metrics_text, engine)
        return Response(body, media_type=content_type)

    app.add_middleware(RequestMetrics)
