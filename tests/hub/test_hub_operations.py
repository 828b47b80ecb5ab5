"""The hub as a service: health, readiness, Prometheus metrics and one-line logs, from a
real hub process (and from two workers sharing a port), with a real laptop syncing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import HubProcess, free_port, metric, sqlite_url


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[HubProcess]:
    hub = HubProcess(sqlite_url(tmp_path), free_port(), args=("--workers", "2")).start()
    yield hub
    hub.stop()


def test_health_readiness_and_metrics_count_a_laptops_sync_without_personal_data(
    hub: HubProcess, laptop: Laptop
) -> None:
    assert hub.get("/healthz") == (200, b"ok\n")
    assert hub.get("/readyz") == (200, b"ready\n")
    laptop.add_session_with(3)
    laptop.client().run_once()
    laptop.client().run_once()
    status, body = hub.get("/metrics")
    assert status == 200
    exposition = body.decode()
    pushed = hub.stats()["envelopes"]
    assert metric(exposition, 'vc_hub_envelopes_total{outcome="accepted"}') == pushed > 0
    assert metric(exposition, "vc_hub_devices_enrolled") == 1
    assert metric(exposition, "vc_hub_devices_seen_last_day") == 1
    # Each sync (push, compare, one page of pull) was one round request, and no other.
    assert metric(exposition, 'vc_hub_requests_total{method="POST",route="/v1/round"') == 2
    assert 'route="/v1/pull"' not in exposition and 'route="/v1/push"' not in exposition
    assert 'route="/v1/verify"' not in exposition and "vc_hub_request_seconds_bucket" in exposition
    device_id = laptop.local.identity()[0]
    for private in (device_id, "Person 0", "Basics", "Hall", "127.0.0.1"):
        assert private not in exposition
    logged = [json.loads(line) for line in hub.log_lines()]
    requests = [entry for entry in logged if entry["event"] == "request"]
    assert {"/v1/round", "/metrics"} <= {entry["route"] for entry in requests}
    assert all(
        set(entry) == {"time", "level", "logger", "event", "pid", "method", "route", "status", "ms"}
        for entry in requests
    )
    assert not any(device_id in line or "Person 0" in line for line in hub.log_lines())


def test_a_certificate_code_is_never_a_metric_label_or_logged(hub: HubProcess) -> None:
    code = "VC-TESTCODE-0000"
    hub.get(f"/verify/{code}")
    hub.get(f"/v1/certificates/{code}")
    exposition = hub.get("/metrics")[1].decode()
    assert code not in exposition and not any(code in line for line in hub.log_lines())


def test_readiness_fails_with_a_reason_when_the_schema_is_behind(hub: HubProcess) -> None:
    engine = create_engine(hub.db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    status, body = hub.get("/readyz")
    assert status == 503 and b"not at the newest migration" in body
    assert hub.get("/healthz")[0] == 200  # up, but not to be sent laptops


def test_two_workers_share_the_port_and_answer_for_each_other(
    two_workers: HubProcess, tmp_path: Path
) -> None:
    laptops = [make_laptop(tmp_path / f"laptop-{i}", two_workers, f"L{i}") for i in range(3)]
    try:
        for laptop in laptops:
            laptop.add_session_with(2)
            laptop.client().run_once()
        # The kernel hands each new connection to whichever worker takes it first: ask
        # until both have answered (each request here is a new connection).
        asked, pids = 0, set[int]()
        while len(pids) < 2 and asked < 400:
            two_workers.get("/healthz")
            asked += 1
            lines = two_workers.log_lines()
            pids = {json.loads(line)["pid"] for line in lines if '"request"' in line}
        assert len(pids) == 2, "both workers answered requests"
        pushed = two_workers.stats()["envelopes"]
        # Whichever worker answers, the figures are the whole hub's.
        for _ in range(4):
            exposition = two_workers.get("/metrics")[1].decode()
            assert metric(exposition, 'vc_hub_envelopes_total{outcome="accepted"}') == pushed
            healthz = 'vc_hub_requests_total{method="GET",route="/healthz"'
            assert metric(exposition, healthz) == asked
    finally:
        for laptop in laptops:
            laptop.store.close()


def test_serve_refuses_a_worker_count_it_cannot_honour(tmp_path: Path) -> None:
    from victim_champion.hub.command_line import main

    assert main(["serve", "--db", sqlite_url(tmp_path), "--workers", "0"]) == 2
