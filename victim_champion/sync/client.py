"""One sync round with the hub: push the outbox, pull pages, verify, in that order.

Runs on a worker thread (the app) or the main thread (the command line). Reaches local
data only through core.ports.SyncLocal. Every step is safe to cut off at any point and
repeat: the hub dedupes on (device, sequence) and the cursor moves with its page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from victim_champion.core.envelopes import HubEnrolment, PushResult, SyncSummary
from victim_champion.core.errors import (
    BundleRejectedError,
    HubNotTrustedError,
    NotEnrolledError,
)
from victim_champion.core.ports import SyncLocal
from victim_champion.sync.protocol import (
    MAX_ENVELOPES_PER_PUSH,
    PULL_PAGE_LIMIT,
    b64,
    canonical_json,
    unb64,
    verify,
)
from victim_champion.sync.transport import HubTransport

PUSH_BATCH = 200
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


def enrol(local: SyncLocal, hub_url: str, code: str) -> HubEnrolment:
    """Enrol with a one-time code: send our public key, pin the hub's signing key."""
    device_id, private_key, public_key = local.identity()
    transport = HubTransport(hub_url, device_id, private_key, hub_public_key=None)
    answer = transport.request(
        "POST", "/v1/enrol", {"code": code, "device_id": device_id, "public_key": b64(public_key)}
    )
    body = answer.body
    if answer.status != 200 or body.get("device_id") != device_id:
        raise HubNotTrustedError()
    enrolment = HubEnrolment(
        hub_url.rstrip("/"),
        str(body["hub_key_id"]),
        unb64(body["hub_public_key"], "hub_public_key"),
        str(body.get("name", "")),
    )
    local.save_enrolment(enrolment, dict(body.get("policy", {})))
    return enrolment


class SyncClient:
    """Runs sync rounds for one laptop."""

    def __init__(self, local: SyncLocal, hub_url: str | None = None) -> None:
        enrolment = local.enrolment()
        if enrolment is None:
            raise NotEnrolledError()
        self._local = local
        self._enrolment = enrolment
        device_id, private_key, _ = local.identity()
        # --hub may reach the same hub by another address; the pinned key still applies.
        self.transport = HubTransport(
            hub_url or enrolment.hub_url, device_id, private_key, enrolment.hub_public_key
        )

    def run_once(self, progress: Progress = _quiet) -> SyncSummary:
        """Push, pull, verify; returns what happened. Raises typed errors on failure."""
        counts = {"sent": 0, "accepted": 0, "duplicates": 0, "rejected": 0}
        self._push_all(counts, progress)
        received = self._pull_all(progress)
        verified = self._verify(counts, progress)
        self.transport.close()
        now = datetime.now(UTC)
        self._local.record_success(now)
        return SyncSummary(
            sent=counts["sent"],
            accepted=counts["accepted"],
            duplicates=counts["duplicates"],
            rejected=counts["rejected"],
            received=received,
            pending=self._local.pending_count(),
            verified=verified,
            rejected_reasons=self._local.rejected(),
        )

    def _push_all(self, counts: dict[str, int], progress: Progress) -> None:
        total = self._local.pending_count()
        done = 0
        while True:
            batch = self._local.pending(min(PUSH_BATCH, MAX_ENVELOPES_PER_PUSH))
            if not batch:
                return
            progress("push", done, total)
            answer = self.transport.request(
                "POST", "/v1/push", {"envelopes": [e.to_wire() for e in batch]}
            )
            if answer.status != 200:
                raise HubNotTrustedError()
            results = _results(answer.body, {e.device_seq for e in batch})
            self._local.apply_results(results, datetime.now(UTC))
            counts["sent"] += len(batch)
            for result in results:
                key = {"accepted": "accepted", "duplicate": "duplicates"}.get(
                    result.status, "rejected"
                )
                counts[key] += 1
            done += len(batch)
            if not results:  # the hub answered nothing usable: stop, keep the queue
                return
        progress("push", total, total)

    def _pull_all(self, progress: Progress) -> int:
        received = 0
        while True:
            cursor = self._local.pull_cursor()
            answer = self.transport.request(
                "GET", f"/v1/pull?cursor={cursor}&limit={PULL_PAGE_LIMIT}"
            )
            body = answer.body
            items = body.get("items")
            if answer.status != 200 or not isinstance(items, list):
                raise HubNotTrustedError()
            bundles = [
                self._fetch_bundle(item["payload"]["kind"])
                for item in items
                if item.get("kind") == "bundle"
            ]
            self._local.apply_pull_page(
                items,
                int(body["next_cursor"]),
                dict(body.get("policy", {})),
                [b for b in bundles if b is not None],
            )
            received += len(items)
            progress("pull", received, received)
            if not body.get("more"):
                return received

    def _fetch_bundle(self, kind: str) -> dict[str, Any] | None:
        answer = self.transport.request("GET", f"/v1/bundles/{kind}/latest")
        bundle = answer.body.get("bundle")
        if answer.status != 200 or bundle is None:
            return None
        document, signature = bundle.get("document"), bundle.get("signature")
        if (
            not isinstance(document, dict)
            or not isinstance(signature, str)
            or not verify(
                self._enrolment.hub_public_key,
                unb64(signature, "signature"),
                canonical_json(document),
            )
        ):
            raise BundleRejectedError(kind)
        return {"document": document, "signature": signature}

    def _verify(self, counts: dict[str, int], progress: Progress) -> bool:
        """Compare what was confirmed since the last check with the hub; on a mismatch,
        resend that range (the hub dedupes) and check once more."""
        for attempt in range(2):
            held = self._local.verify_range()
            if held is None:
                return True
            progress("verify", 0, 1)
            answer = self.transport.request(
                "POST", "/v1/verify", {"from_seq": held.from_seq, "to_seq": held.to_seq}
            )
            if answer.body.get("count") == held.count and answer.body.get("digest") == held.digest:
                self._local.mark_verified(held.to_seq)
                return True
            if attempt == 0:
                self._local.requeue(held.from_seq, held.to_seq)
                self._push_all(counts, progress)
        return False


def _results(body: dict[str, Any], sent: set[int]) -> list[PushResult]:
    """Per-envelope answers for what we sent (anything else in the answer is ignored)."""
    raw = body.get("results")
    if not isinstance(raw, list):
        raise HubNotTrustedError()
    results = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        seq, status = item.get("device_seq"), item.get("status")
        if seq in sent and status in ("accepted", "duplicate", "rejected"):
            results.append(PushResult(int(seq), str(status), str(item.get("reason", ""))))
    return results
