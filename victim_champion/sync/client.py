"""One sync round with the hub: pull pages, push the outbox, verify, in that order; the
usual round (one batch, one page) goes as a single request (sync/shared/rounds.py).

Runs on a worker thread (the app) or the main thread (the command line). Reaches local
data only through core.ports.SyncLocal. Every step is safe to cut off at any point and
repeat: the hub dedupes on (device, sequence) and the cursor moves with its page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeGuard

from victim_champion.core.envelopes import HubEnrolment, OutboxBatch, PushResult, SyncSummary
from victim_champion.core.ports import SyncLocal
from victim_champion.core.sync_errors import (
    BundleRefusedError,
    BundleRejectedError,
    HubMissingRecordsError,
    HubNotTrustedError,
    HubRefusedError,
    NotEnrolledError,
    PushTooLargeError,
    SyncIncompleteError,
    VerifyMismatchError,
)
from victim_champion.core.versions import is_newer
from victim_champion.core.wire_kinds import DownItemKind
from victim_champion.sync.shared.binding import BundleRefusalError, check_bundle
from victim_champion.sync.shared.protocol import (
    MAX_BODY_BYTES,
    MAX_ENVELOPES_PER_PUSH,
    MAX_VERIFY_RANGES,
    PULL_PAGE_LIMIT,
    DeviceState,
    Endpoint,
    EnrolAnswer,
    EnrolRequest,
    ProtocolError,
    PullAnswer,
    PushRequest,
    VerifyAnswer,
    VerifyRequest,
    bundle_path,
    canonical_json,
    pull_path,
    push_results_from_wire,
    unb64,
)
from victim_champion.sync.shared.rounds import RoundAnswer, RoundRequest, runs_after_push
from victim_champion.sync.shared.signatures import verify
from victim_champion.sync.transport import HubTransport

PUSH_BATCH = 200
MIN_BYTE_BUDGET = 64 * 1024
Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


def enrol(local: SyncLocal, hub_url: str, code: str, ca_pem: str = "") -> HubEnrolment:
    """Enrol with a one-time code: send our public key, pin the hub's signing key. TLS
    also trusts ``ca_pem`` (extra authorities, PEM) from now on, for this hub."""
    device_id, private_key, public_key = local.identity()
    transport = HubTransport(hub_url, device_id, private_key, None, ca_pem=ca_pem)
    asked = EnrolRequest(code, device_id, public_key)
    answer = transport.request("POST", Endpoint.ENROL, asked.to_wire())
    if answer.status != 200:
        raise HubNotTrustedError()
    try:
        welcome = EnrolAnswer.from_wire(answer.body)
    except ProtocolError:
        raise HubNotTrustedError() from None
    if welcome.device_id != device_id:
        raise HubNotTrustedError()
    enrolment = HubEnrolment(
        hub_url.rstrip("/"),
        welcome.hub_key_id,
        welcome.hub_public_key,
        welcome.name,
        welcome.verify_url.rstrip("/"),
        ca_pem,
    )
    local.save_enrolment(enrolment, welcome.policy)
    return enrolment


class SyncClient:
    """Runs sync rounds for one laptop."""

    def __init__(
        self,
        local: SyncLocal,
        hub_url: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        enrolment = local.enrolment()
        if enrolment is None:
            raise NotEnrolledError()
        self._local = local
        self._enrolment = enrolment
        device_id, private_key, _ = local.identity()
        # --hub may reach the same hub by another address; the pinned key still applies.
        self.transport = HubTransport(
            hub_url or enrolment.hub_url,
            device_id,
            private_key,
            enrolment.hub_public_key,
            clock,
            enrolment.ca_pem,
        )
        # Until the hub states its limits, assume the protocol's.
        self._byte_budget = _budget_for(MAX_BODY_BYTES)
        self._max_envelopes = min(PUSH_BATCH, MAX_ENVELOPES_PER_PUSH)
        self._held_seen = -1  # the highest number the hub said it holds, this client
        self._rounds = True  # until a hub from before round requests says otherwise
        self._notices: list[str] = []  # content left aside this round, for the worker

    def _round(self, counts: dict[str, int], progress: Progress) -> tuple[int, bool]:
        """The usual round in one request (sync/shared/rounds.py): a batch of the outbox, the
        runs to compare once it is in, and a page of pull. What did not fit, or did not
        match, is left to the separate steps after it. Returns (received, more to pull)."""
        batch = self._local.pending(self._max_envelopes, self._byte_budget)
        wire, sent = _on_the_wire(batch)
        before = self._local.verify_range()
        expected = runs_after_push(
            before.ranges if before else (), [e.device_seq for e in batch.envelopes]
        )
        expected = expected if len(expected) <= MAX_VERIFY_RANGES else []
        cursor = self._local.pull_cursor()
        progress("push", 0, len(wire))
        asked = RoundRequest(cursor, PULL_PAGE_LIMIT, tuple(wire), tuple(expected))
        answer = self.transport.request("POST", Endpoint.ROUND, asked.to_wire())
        if answer.status in (404, 405):
            self._rounds = False  # a hub from before round requests: the separate steps
            return 0, True
        if answer.status == 413:  # the hub takes less: learn how much, as a pull would
            self._learn(answer.body)
            return 0, True
        if answer.status != 200:
            raise HubRefusedError(str(answer.body.get("error", answer.status))[:200])
        try:
            found = RoundAnswer.from_wire(answer.body)
        except ProtocolError as error:
            raise HubRefusedError(str(error)) from None
        self._learn(answer.body)
        received = self._apply_page(found.page)
        if wire:
            results = [r for r in found.results if r.device_seq in sent]
            if not results:  # nothing usable for what we sent: stop, keep the queue
                raise SyncIncompleteError(self._local.pending_count())
            self._apply_push(len(wire), results, counts)
            progress("push", len(results), len(wire))
        self._settle(tuple(expected), found.checked)
        return received, found.page.more

    def _settle(self, expected: tuple[tuple[int, int], ...], checked: VerifyAnswer | None) -> None:
        """Mark verified what a round compared, if this laptop now holds exactly the runs
        it asked about and they match with no gap; otherwise ``_verify`` asks again."""
        if not expected or checked is None:
            return
        held = self._local.verify_range()
        if held is None or held.ranges != expected:
            return
        if (held.count, held.digest, checked.gaps) == (checked.count, checked.digest, 0):
            self._local.mark_verified(held.to_seq)

    def _apply_push(self, sent: int, results: list[PushResult], counts: dict[str, int]) -> int:
        """Record the hub's answers to a push; how many are settled (not renumbered)."""
        conflicts = [r.device_seq for r in results if r.status == "conflict"]
        self._local.apply_results([r for r in results if r.status != "conflict"], datetime.now(UTC))
        counts["renumbered"] += len(self._local.rebase(conflicts)) if conflicts else 0
        counts["sent"] += sent
        for result in results:
            key = {"accepted": "accepted", "duplicate": "duplicates", "conflict": ""}.get(
                result.status, "rejected"
            )
            if key:
                counts[key] += 1
        return len(results) - len(conflicts)

    def run_once(self, progress: Progress = _quiet) -> SyncSummary:
        """Pull (which tells us what the hub holds and its limits), push, verify.

        Raises a typed error on failure. Only a round that sent everything and verified
        it is recorded as a success."""
        counts = {"sent": 0, "accepted": 0, "duplicates": 0, "rejected": 0, "renumbered": 0}
        try:
            received, more = self._round(counts, progress) if self._rounds else (0, True)
            if more:
                received += self._pull_all(progress)
            self._push_all(counts, progress)
            self._verify(counts, progress)
        finally:
            self.transport.close()
        pending = self._local.pending_count()
        if pending:
            raise SyncIncompleteError(pending)
        self._local.record_success(datetime.now(UTC))
        return SyncSummary(
            sent=counts["sent"],
            accepted=counts["accepted"],
            duplicates=counts["duplicates"],
            rejected=counts["rejected"],
            received=received,
            pending=pending,
            verified=True,
            rejected_reasons=self._local.rejected(),
            renumbered=counts["renumbered"],
            notices=list(self._notices),
        )

    def _learn(self, body: dict[str, Any]) -> None:
        """Every device answer says what the hub holds for us and what it takes at once."""
        state = DeviceState.from_wire(body)
        held = state.device_max_seq
        if held is not None and held > self._held_seen:  # a store write only when it grew
            # Less than was verified here: a hub restored from a backup. What this laptop
            # still holds above it goes again (retention keeps it for weeks after).
            self._local.hub_holds_through(held)
            self._held_seen = held
        if state.max_body_bytes:
            self._byte_budget = min(self._byte_budget, _budget_for(state.max_body_bytes))
        if state.max_envelopes:
            self._max_envelopes = min(self._max_envelopes, state.max_envelopes)

    def _push_all(self, counts: dict[str, int], progress: Progress) -> None:
        total = self._local.pending_count()
        done = 0
        # Bounded: each turn sends at least one envelope, or renumbers some exactly once.
        for _ in range(4 * total + 16):
            batch = self._local.pending(self._max_envelopes, self._byte_budget)
            wire, sent = _on_the_wire(batch)
            if not wire:
                progress("push", total, total)
                return
            progress("push", done, total)
            answer = self.transport.request(
                "POST", Endpoint.PUSH, PushRequest(tuple(wire)).to_wire()
            )
            if answer.status == 413:
                self._shrink_budget(answer.body)
                continue
            if answer.status != 200:
                raise HubRefusedError(str(answer.body.get("error", answer.status))[:200])
            self._learn(answer.body)
            results = _results(answer.body, sent)
            if not results:  # nothing usable for what we sent: stop, keep the queue
                raise SyncIncompleteError(self._local.pending_count())
            done += self._apply_push(len(wire), results, counts)

    def _shrink_budget(self, body: dict[str, Any]) -> None:
        """A 413: the hub takes less than we thought. Halve the batch, down to a floor."""
        limit = body.get("max_body_bytes")
        stated = _budget_for(limit) if _is_count(limit) else self._byte_budget
        smaller = min(stated, self._byte_budget // 2)
        if smaller < MIN_BYTE_BUDGET:
            raise PushTooLargeError()
        self._byte_budget = smaller

    def _pull_all(self, progress: Progress) -> int:
        received = 0
        while True:
            cursor = self._local.pull_cursor()
            answer = self.transport.request("GET", pull_path(cursor, PULL_PAGE_LIMIT))
            body = answer.body
            if answer.status != 200 or not isinstance(body.get("items"), list):
                raise HubRefusedError(str(body.get("error", answer.status))[:200])
            page = PullAnswer.from_wire(body)
            self._learn(body)
            received += self._apply_page(page)
            progress("pull", received, received)
            if not page.more:
                return received

    def _apply_page(self, page: PullAnswer) -> int:
        """Apply one pull page (with any newer bundles it announces); how many items."""
        held: dict[str, str | None] = {}  # per kind: in use, or taken from this page
        bundles = [
            self._bundle_for(item.get("payload"), held)
            for item in page.items
            if item.get("kind") == DownItemKind.BUNDLE
        ]
        self._local.apply_pull_page(
            page.items, page.next_cursor, page.policy, [b for b in bundles if b is not None]
        )
        return len(page.items)

    def _bundle_for(self, payload: object, held: dict[str, str | None]) -> dict[str, Any] | None:
        """The newest bundle of the kind an item announces, if it is newer than the one in
        use; None if there is nothing newer. A signed bundle of the wrong kind, or not
        newer than the one in use, is refused with the reason, and nothing is applied."""
        if not isinstance(payload, dict) or not isinstance(payload.get("kind"), str):
            return None
        kind, announced = payload["kind"], str(payload.get("version", ""))
        if kind not in held:
            in_use = self._local.bundle(kind)
            held[kind] = in_use[0] if in_use else None
        if not is_newer(announced, held[kind]):
            return None  # already replaced by the one in use, or by one earlier in this page
        bundle = self._fetch_bundle(kind)
        if bundle is None:
            return None
        try:
            held[kind] = check_bundle(bundle["document"], kind, held[kind])
        except BundleRefusalError as refusal:
            raise BundleRefusedError(kind, str(refusal)) from None
        if kind == "course":  # checked as it will be taught: a bad one never replaces it
            from victim_champion.content.course_loader import older_than_installed
            from victim_champion.content.course_on_laptop import course_bundle_refusal

            files = bundle["document"].get("files")
            if isinstance(files, dict) and older_than_installed(files):
                return None  # this app installed a newer course: nothing to take or to say
            reason = course_bundle_refusal(files)
            if reason:
                # Signed, so a publishing mistake, not an attack: left aside, the worker is
                # told, and records, referrals and a wipe are never held up by a course.
                self._notices.append(str(BundleRefusedError(kind, reason)))
                return None
        return bundle

    def _fetch_bundle(self, kind: str) -> dict[str, Any] | None:
        answer = self.transport.request("GET", bundle_path(kind))
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

    def _verify(self, counts: dict[str, int], progress: Progress) -> None:
        """Compare what was confirmed since the last check with the hub, a chunk at a time.
        On a difference or a gap, send again what this laptop still holds (the hub dedupes)
        and check once more; if it persists, fail the round: nothing is marked verified,
        so retention deletes nothing."""
        retried = False
        while (held := self._local.verify_range()) is not None:
            progress("verify", 0, 1)
            answer = self.transport.request(
                "POST", Endpoint.VERIFY, VerifyRequest(held.ranges).to_wire()
            )
            body = answer.body
            if answer.status != 200:
                raise HubRefusedError(str(body.get("error", answer.status))[:200])
            self._learn(body)
            found = VerifyAnswer.from_wire(body)
            gaps = found.gaps
            same = found.count == held.count and found.digest == held.digest
            if same and gaps == 0:
                self._local.mark_verified(held.to_seq)
                retried = False  # each chunk gets its own second look
                continue
            if retried:
                if not same:
                    raise VerifyMismatchError()
                raise HubMissingRecordsError(gaps)
            retried = True
            # A difference: send the compared runs again. A gap: send again everything
            # still here up to the top, refused ones too, so the hub can account for them.
            self._local.requeue(held.ranges if gaps == 0 else ((1, held.to_seq),))
            self._push_all(counts, progress)


def _on_the_wire(batch: OutboxBatch) -> tuple[list[dict[str, Any]], set[int]]:
    """A batch as sent (too-large ones as stubs), and the numbers an answer may settle."""
    wire = [e.to_wire() for e in batch.envelopes]
    wire += [e.stub_wire("too large to send") for e in batch.too_large]
    return wire, {e.device_seq for e in (*batch.envelopes, *batch.too_large)}


def _budget_for(max_body_bytes: int) -> int:
    """What a push may fill: the hub's limit less room for the request's own framing."""
    return max(MIN_BYTE_BUDGET, max_body_bytes - max_body_bytes // 16)


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _results(body: dict[str, Any], sent: set[int]) -> list[PushResult]:
    """Per-envelope answers for what we sent (anything else in the answer is ignored)."""
    try:
        answered = push_results_from_wire(body)
    except ProtocolError as error:
        raise HubRefusedError(str(error)) from None
    return [result for result in answered if result.device_seq in sent]
