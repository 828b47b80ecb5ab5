"""The conversation a quick exit or a lock interrupted: kept, offered back, taken or let go.

When the decoy (or the unlock screen) is up, the old process keeps what was on the
Compass Point page as a draft in the encrypted store, and only there: never in a file,
the environment, a pipe to the fresh process, a log or an error message. After unlock the
worker is offered it back; taking it or discarding it deletes it. A draft lives for
``DRAFT_LIFETIME``. The clock is wall-clock UTC (``core.clock``), because the draft
outlives the process (and may outlive a restart); a draft "from the future" by more than
``CLOCK_SLACK`` means the clock was put back, and it is deleted rather than kept for as
long as the clock is behind.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from victim_champion.core.clock import Clock, utc_now
from victim_champion.operations.workspace import Workspace
from victim_champion.store.repositories.conversation_drafts import ConversationDrafts

DRAFT_LIFETIME = timedelta(minutes=30)
CLOCK_SLACK = timedelta(minutes=1)  # a small step back of the clock (NTP) is forgiven
SIGNPOSTING_SCREEN = "signposting"
# How long a lock waits for the draft to be written before it closes the store anyway.
KEEP_TIMEOUT_SECONDS = 0.25


@dataclass(frozen=True)
class WaitingDraft:
    """A draft that can be offered back: where it came from and when it was kept."""

    screen: str
    kept_at: datetime

    def minutes_ago(self, now: datetime) -> int:
        """Whole minutes since it was kept (0 for a moment ago)."""
        return max(0, int((now - self.kept_at).total_seconds() // 60))

    def expires_in(self, now: datetime) -> timedelta:
        """How long it can still be offered."""
        return max(timedelta(0), self.kept_at + DRAFT_LIFETIME - now)


def is_live(kept_at: datetime | None, now: datetime) -> bool:
    """True while a draft kept at ``kept_at`` may still be offered at ``now``."""
    if kept_at is None:  # an unreadable time is treated as expired
        return False
    age = now - kept_at
    return -CLOCK_SLACK <= age < DRAFT_LIFETIME


def keep_draft(
    workspace: Workspace,
    draft: Mapping[str, Any],
    *,
    screen: str = SIGNPOSTING_SCREEN,
    clock: Clock = utc_now,
) -> None:
    """Keep ``draft`` (plain JSON values) as the one draft, in place of any other."""
    body = json.dumps(draft, ensure_ascii=False, separators=(",", ":"))
    ConversationDrafts(workspace.store).keep(screen, clock(), body)


def keep_draft_within(
    workspace: Workspace,
    draft: Mapping[str, Any],
    timeout_seconds: float = KEEP_TIMEOUT_SECONDS,
    *,
    screen: str = SIGNPOSTING_SCREEN,
    clock: Clock = utc_now,
) -> bool:
    """Keep the draft from a thread that may not wait on the store (the GUI thread during a
    lock): the write runs on the store's own thread, handed over by a short-lived helper
    thread, and this waits for it at most ``timeout_seconds``. Returns True if it was kept.

    A failure or a store that does not answer in time never stops the lock: the caller
    closes the store next, which interrupts a write still running, and the draft is then
    simply lost. Nothing about the failure is logged: it could only say what was typed.
    """
    outcome: list[bool] = []

    def write() -> None:
        try:
            keep_draft(workspace, draft, screen=screen, clock=clock)
        except Exception:  # the draft is lost; the lock goes on
            outcome.append(False)
        else:
            outcome.append(True)

    writer = threading.Thread(target=write, name="vc-draft", daemon=True)
    writer.start()
    writer.join(timeout_seconds)
    return outcome == [True]


def waiting_draft(workspace: Workspace, clock: Clock = utc_now) -> WaitingDraft | None:
    """The draft to offer after unlock, if any; an expired one (or one from the future) is
    deleted here and never offered. Its body is not read."""
    drafts = ConversationDrafts(workspace.store)
    stored = drafts.waiting()
    if stored is None:
        return None
    if stored.kept_at is None or not is_live(stored.kept_at, clock()):
        drafts.discard()
        return None
    return WaitingDraft(stored.screen, stored.kept_at)


def take_draft(workspace: Workspace, clock: Clock = utc_now) -> dict[str, Any] | None:
    """Take the draft back: returns what was kept and deletes it from the store. None if
    there is none, or it expired meanwhile (deleted all the same)."""
    taken = ConversationDrafts(workspace.store).take()
    if taken is None:
        return None
    stored, body = taken
    if not is_live(stored.kept_at, clock()):
        return None
    try:
        draft = json.loads(body)
    except ValueError:
        return None
    return draft if isinstance(draft, dict) else None


def discard_draft(workspace: Workspace) -> None:
    """Delete the draft, if there is one."""
    ConversationDrafts(workspace.store).discard()
