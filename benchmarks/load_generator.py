"""The sync load generator: a process of its own, with asynchronous laptops, so the hub's
figures are not coloured by client threads inside the hub's process (or the GIL of the
process that measures). Run by benchmarks/sync.py; reads a JSON plan on stdin and writes
JSON results on stdout.

A *round* is what a laptop with a few new records does (sync/client.py, run_once): one
round request that pushes the new envelopes, compares them once in, and reads a page of
pull (sync/shared/rounds.py), and more pull pages only if there are more; a fresh connection
kept alive for the round's requests, closed at its end. Every request is signed with the device's
Ed25519 key, with a fresh nonce, as a laptop signs it. Answers are parsed and their
statuses and counts checked; their signatures are not re-checked here (that is the
laptop's cost, not the hub's).

Open loop: rounds start at a fixed rate whether or not earlier ones have finished, and a
round's latency runs from the moment it was due, so a hub that falls behind shows it
(no coordinated omission). Each device runs one round at a time, as a laptop does; a
round due when every device is busy is counted as "late" and started when one is free.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from victim_champion.core.envelopes import SCHEMA_VERSION, canonical_json, content_hash
from victim_champion.core.wire_records import AttendeeRecord
from victim_champion.sync.shared.binding import new_nonce
from victim_champion.sync.shared.protocol import (
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    Endpoint,
    b64,
    pull_path,
)
from victim_champion.sync.shared.signatures import request_message

RECORDS_PER_ROUND = 5
PULL_LIMIT = 100


class RoundFailedError(Exception):
    pass


@dataclass
class Device:
    key: Ed25519PrivateKey
    device_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    seq: int = 0
    cursor: int = 0
    busy: bool = False

    def public_key(self) -> bytes:
        raw = serialization.Encoding.Raw
        return self.key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)


class Connection:
    """One HTTP/1.1 keep-alive connection to the hub (asyncio streams, no library)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        head.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise RoundFailedError("the hub closed the connection")
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        raw = await self.reader.readexactly(length)
        return status, json.loads(raw) if raw else {}

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None


def signed_headers(device: Device, method: str, path: str, body: bytes) -> dict[str, str]:
    stamp, nonce = int(time.time()), new_nonce()
    message = request_message(method, path, stamp, nonce, body)
    return {
        "Content-Type": "application/json",
        HEADER_DEVICE: device.device_id,
        HEADER_TIMESTAMP: str(stamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64(device.key.sign(message)),
    }


async def call(
    connection: Connection, device: Device, method: str, path: str, document: Any = None
) -> dict[str, Any]:
    body = canonical_json(document) if document is not None else b""
    status, answer = await connection.request(
        method, path, body, signed_headers(device, method, path, body)
    )
    if status != 200:
        raise RoundFailedError(f"{method} {path.split('?')[0]}: {status} {answer.get('error')}")
    return answer


def synthetic_payload(number: int) -> dict[str, Any]:
    """One invented person on a register, as the laptop's outbox holds it."""
    person = AttendeeRecord(
        uuid.uuid4().hex, uuid.uuid4().hex, f"Load Person {number}", "", "", "", "", None
    )
    return {"records": [person.to_wire()], "audit": []}


def new_envelopes(device: Device) -> list[dict[str, Any]]:
    envelopes = []
    for _ in range(RECORDS_PER_ROUND):
        device.seq += 1
        payload = synthetic_payload(device.seq)
        envelopes.append(
            {
                "mutation_id": uuid.uuid4().hex,
                "device_id": device.device_id,
                "device_seq": device.seq,
                "schema_version": SCHEMA_VERSION,
                "kind": "attendees.added",
                "base_version": None,
                "payload": payload,
                "content_hash": content_hash(payload),
            }
        )
    return envelopes


async def one_round(host: str, port: int, device: Device) -> None:
    """What the laptop sends (sync/client.py): one round request that pushes the new
    envelopes, compares them once in, and reads a page; more pages only if there are."""
    connection = Connection(host, port)
    try:
        envelopes = new_envelopes(device)
        low, high = envelopes[0]["device_seq"], envelopes[-1]["device_seq"]
        asked = {
            "cursor": device.cursor,
            "limit": PULL_LIMIT,
            "envelopes": envelopes,
            "ranges": [[low, high]],
        }
        answer = await call(connection, device, "POST", Endpoint.ROUND, asked)
        statuses = [result["status"] for result in answer["push"]["results"]]
        if statuses != ["accepted"] * len(envelopes):
            reasons = {result.get("reason", "") for result in answer["push"]["results"]}
            raise RoundFailedError(f"push: {statuses[:1]}: {sorted(reasons)[:2]}")
        if answer["verify"]["count"] != len(envelopes) or answer["verify"]["gaps"]:
            raise RoundFailedError(f"verify: {answer['verify']['count']} of {len(envelopes)}")
        page = answer["pull"]
        device.cursor = int(page["next_cursor"])
        while page["more"]:
            page = await call(connection, device, "GET", pull_path(device.cursor, PULL_LIMIT))
            device.cursor = int(page["next_cursor"])
    finally:
        await connection.close()


async def enrol(host: str, port: int, device: Device, code: str) -> None:
    connection = Connection(host, port)
    try:
        document = {
            "code": code,
            "device_id": device.device_id,
            "public_key": b64(device.public_key()),
        }
        body = canonical_json(document)
        status, answer = await connection.request(
            "POST", Endpoint.ENROL, body, {"Content-Type": "application/json"}
        )
        if status != 200:
            raise RoundFailedError(f"enrol: {status} {answer.get('error')}")
    finally:
        await connection.close()


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    late: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)

        def at(share: float) -> float | None:
            return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else None

        return {
            "rounds": len(ordered),
            "errors": len(self.errors),
            "first_errors": self.errors[:3],
            "late": self.late,
            "p50": at(0.50),
            "p95": at(0.95),
            "mean": statistics.fmean(ordered) if ordered else None,
            "achieved_rate": len(ordered) / self.seconds if self.seconds else None,
        }


async def timed_round(host: str, port: int, device: Device, due: float, phase: Phase) -> None:
    device.busy = True
    try:
        await one_round(host, port, device)
        phase.latencies.append(time.perf_counter() - due)
    except (RoundFailedError, OSError, asyncio.IncompleteReadError, ValueError, KeyError) as error:
        phase.errors.append(f"{type(error).__name__}: {error}")
    finally:
        device.busy = False


async def burst(host: str, port: int, devices: list[Device]) -> Phase:
    phase = Phase()
    started = time.perf_counter()
    await asyncio.gather(*(timed_round(host, port, d, started, phase) for d in devices))
    phase.seconds = time.perf_counter() - started
    return phase


async def open_loop(
    host: str, port: int, devices: list[Device], rate: float, seconds: float
) -> Phase:
    phase = Phase()
    interval = 1.0 / rate
    started = time.perf_counter()
    running: set[asyncio.Task[None]] = set()
    next_device = 0
    for index in range(int(rate * seconds)):
        due = started + index * interval
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        for _ in range(len(devices)):
            device = devices[next_device % len(devices)]
            next_device += 1
            if not device.busy:
                break
        else:
            phase.late += 1
            while all(d.busy for d in devices):
                await asyncio.sleep(0.001)
            device = next(d for d in devices if not d.busy)
        # Busy from now, not from when the task first runs: rounds due while the hub is
        # behind are started without a pause, and a laptop never runs two at once.
        device.busy = True
        task = asyncio.create_task(timed_round(host, port, device, due, phase))
        running.add(task)
        task.add_done_callback(running.discard)
    if running:
        await asyncio.gather(*running)
    phase.seconds = time.perf_counter() - started
    return phase


async def run(plan: dict[str, Any]) -> dict[str, Any]:
    host, port = plan["host"], int(plan["port"])
    devices = [Device(Ed25519PrivateKey.generate()) for _ in plan["codes"]]
    gate = asyncio.Semaphore(20)

    async def enrol_one(device: Device, code: str) -> None:
        async with gate:
            await enrol(host, port, device, code)

    await asyncio.gather(*(enrol_one(d, c) for d, c in zip(devices, plan["codes"], strict=True)))
    # Every device's first round (its first pull is the longest), not measured.
    warm = Phase()
    for start in range(0, len(devices), 20):
        await asyncio.gather(
            *(
                timed_round(host, port, d, time.perf_counter(), warm)
                for d in devices[start : start + 20]
            )
        )
    results: dict[str, Any] = {"warm_errors": warm.errors[:3], "burst": None, "rates": []}
    if plan.get("burst"):
        results["burst"] = (await burst(host, port, devices)).summary()
    for rate in plan.get("rates", []):
        summary = (await open_loop(host, port, devices, rate, plan["seconds"])).summary()
        results["rates"].append({"rate": rate, **summary})
        # Far past the goal and falling behind: higher rates only queue more.
        if summary["errors"] or (summary["p95"] or 0) > 4 * plan.get("p95_goal", 0.2):
            break
    return results


def main() -> None:
    plan = json.loads(sys.stdin.read())
    results = asyncio.run(run(plan))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
