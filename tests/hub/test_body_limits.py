"""Body limits while reading (issue 15, item 4), on the real hub process over 127.0.0.1.

Before the limit, 100 MB sent chunked to /v1/push raised the hub from 95 MB to 402 MB,
and 300 MB to /dashboard/login to 722 MB. Now the hub counts each body as it arrives,
answers 413 past the route's limit and closes the connection; its peak memory stays put.
"""

from __future__ import annotations

import json
import socket
import sys

import pytest

from tests.hub.conftest import Laptop
from tests.support.chunked_upload import memory_kib, send_chunked
from tests.support.hub_process import HubProcess
from victim_champion.hub.api.body_limits import DEFAULT_LIMIT, FORM_LIMIT
from victim_champion.sync.shared.protocol import MAX_BODY_BYTES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

MB = 1024 * 1024
GROWTH_BOUND_KIB = 50 * 1024


def _process_id(hub: HubProcess) -> int:
    assert hub.process is not None
    return hub.process.pid


@pytest.mark.parametrize(
    ("path", "content_type", "limit"),
    [
        ("/v1/push", "application/json", MAX_BODY_BYTES),
        ("/dashboard/login", "application/x-www-form-urlencoded", FORM_LIMIT),
    ],
)
def test_a_huge_chunked_body_is_refused_while_read_and_memory_stays_put(
    hub: HubProcess, path: str, content_type: str, limit: int
) -> None:
    idle_rss, _ = memory_kib(_process_id(hub))
    upload = send_chunked(hub.port, path, 120 * MB, content_type)
    assert upload.status == 413, upload.answer[:300]
    assert upload.sent_bytes < 120 * MB  # the hub answered before the body ended
    _, peak = memory_kib(_process_id(hub))
    assert peak - idle_rss < GROWTH_BOUND_KIB, f"peak {peak} KiB against idle {idle_rss} KiB"
    assert f"{limit}".encode() in upload.answer
    assert hub.get("/v1/health")[0] == 200  # and the hub is still answering


def test_the_api_refusal_is_signed_and_names_the_limit(hub: HubProcess) -> None:
    upload = send_chunked(hub.port, "/v1/push", 20 * MB, "application/json")
    body = json.loads(upload.answer.split(b"\r\n\r\n", 1)[1])
    assert upload.status == 413 and body["code"] == "too_large"
    assert body["max_body_bytes"] == MAX_BODY_BYTES and "signature" in json.dumps(body)


def test_a_declared_length_over_the_limit_is_refused_before_reading(hub: HubProcess) -> None:
    status, body = hub.request(
        "POST",
        "/dashboard/login",
        b"username=a&password=" + b"x" * FORM_LIMIT,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 413 and b"larger than the hub accepts" in body
    status, body = hub.request(
        "POST",
        "/v1/enrol",
        b"{" + b" " * DEFAULT_LIMIT + b"}",
        {"Content-Type": "application/json"},
    )
    assert status == 413 and json.loads(body)["max_body_bytes"] == DEFAULT_LIMIT
    with socket.create_connection(("127.0.0.1", hub.port), timeout=30) as connection:
        connection.sendall(
            b"POST /v1/push HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000000000\r\n\r\n{"
        )
        answer = connection.makefile("rb").read()  # the hub closes: it will not drain 1 GB
    assert answer.startswith(b"HTTP/1.1 413") and b"connection: close" in answer.lower()


def test_a_small_chunked_form_and_a_normal_push_still_work(hub: HubProcess, laptop: Laptop) -> None:
    form = b"username=nobody&password=wrong"
    upload = send_chunked(
        hub.port, "/dashboard/login", len(form), "application/x-www-form-urlencoded", form
    )
    assert upload.status == 401  # read in full, then a wrong login, as it should be
    laptop.add_session_with(people=20)
    result = laptop.client().run_once()
    assert result.sent == result.accepted == laptop.outbox_count() and result.pending == 0
