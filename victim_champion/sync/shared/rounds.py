"""A whole sync round in one request: push a batch, verify, and one page of pull.

Issue 20's profile showed that a round of three requests (pull, push, verify) spent most
of the hub's time in what every request costs: HTTP parsing, the ASGI stack, checking
the device's signature and recording its nonce, and signing the answer. A laptop now
sends one round request that carries all three; the hub pushes first, then compares the
runs of numbers asked about (after the push, so this batch can be verified at once), and
then reads one page of items after the cursor. The separate endpoints stay, for older
laptops and for everything that does not fit in one round (more pages, more batches, a
difference found by verify). A hub without this endpoint answers 404, and the laptop then
uses the separate endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from victim_champion.sync.shared.protocol import (
    DeviceState,
    ProtocolError,
    PullAnswer,
    PushRequest,
    PushResult,
    VerifyAnswer,
    VerifyRequest,
    push_answer,
    push_results_from_wire,
)


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**62


@dataclass(frozen=True)
class RoundRequest:
    """A pull cursor and page size, envelopes to push (maybe none), and runs of numbers
    to compare after the push (maybe none)."""

    cursor: int
    limit: int
    envelopes: tuple[Any, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()

    def to_wire(self) -> dict[str, Any]:
        return {
            "cursor": self.cursor,
            "limit": self.limit,
            "envelopes": list(self.envelopes),
            "ranges": [list(r) for r in self.ranges],
        }

    @classmethod
    def from_wire(cls, raw: object) -> RoundRequest:
        if not isinstance(raw, dict):
            raise ProtocolError("the round request must be an object")
        envelopes = PushRequest.from_wire(raw).envelopes
        cursor, limit, ranges = raw.get("cursor"), raw.get("limit"), raw.get("ranges", [])
        if not _whole(cursor) or not _whole(limit) or limit < 1:
            raise ProtocolError("cursor must be 0 or more, limit 1 or more")
        checked = VerifyRequest.from_wire({"ranges": ranges}).ranges if ranges else ()
        return cls(cursor, limit, envelopes, checked)


@dataclass(frozen=True)
class RoundAnswer:
    """The push's per-envelope answers, the comparison (None when no runs were asked
    about), one pull page, and the device state every answer carries."""

    results: tuple[PushResult, ...]
    checked: VerifyAnswer | None
    page: PullAnswer
    state: DeviceState

    def to_wire(self) -> dict[str, Any]:
        return {
            "push": push_answer(self.results),
            "verify": self.checked.to_wire() if self.checked is not None else None,
            "pull": self.page.to_wire(),
            **self.state.to_wire(),
        }

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> RoundAnswer:
        pushed, checked, page = raw.get("push"), raw.get("verify"), raw.get("pull")
        if not isinstance(pushed, dict) or not isinstance(page, dict):
            raise ProtocolError("the round answer needs a push answer and a pull page")
        if checked is not None and not isinstance(checked, dict):
            raise ProtocolError("the round answer's comparison must be an object")
        return cls(
            tuple(push_results_from_wire(pushed)),
            VerifyAnswer.from_wire(checked) if checked is not None else None,
            PullAnswer.from_wire(page),
            DeviceState.from_wire(raw),
        )


def runs_after_push(held: tuple[tuple[int, int], ...], sent: list[int]) -> list[tuple[int, int]]:
    """The runs of numbers the laptop will hold as confirmed if every envelope sent is
    taken: those it holds now, merged with the numbers sent. The laptop asks the hub to
    compare exactly these, and uses the answer only if what it holds afterwards has
    exactly these runs (anything refused or renumbered changes them)."""
    runs: list[tuple[int, int]] = []
    for low, high in sorted([*held, *((n, n) for n in sent)]):
        if runs and low <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(high, runs[-1][1]))
        else:
            runs.append((low, high))
    return runs
