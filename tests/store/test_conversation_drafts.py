"""The interrupted conversation's draft in a real SQLCipher store: one at a time, taken or
discarded once, gone after 30 minutes or when the clock was put back, and never written
to disk in plain text."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.operations.conversation_draft import (
    DRAFT_LIFETIME,
    discard_draft,
    keep_draft,
    keep_draft_within,
    take_draft,
    waiting_draft,
)
from victim_champion.operations.workspace import ProfileGate, Workspace
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.conversation_drafts import ConversationDrafts
from victim_champion.store.schema.connection_owner import StoreWorkOnForbiddenThreadError

KEPT_AT = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
NAME = "Zephyrine Quillfeather"  # synthetic
DRAFT = {"fields": {"sheet_name": {"kind": "text", "value": NAME}}, "searched": False}


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def stored(workspace: Workspace) -> object:
    return ConversationDrafts(workspace.store).waiting()


def test_taking_returns_the_draft_once_and_deletes_it(workspace: Workspace) -> None:
    clock = MovableClock(KEPT_AT)
    keep_draft(workspace, DRAFT, clock=clock)
    clock.now += timedelta(minutes=4)
    waiting = waiting_draft(workspace, clock)
    assert waiting is not None and waiting.screen == "signposting"
    assert waiting.minutes_ago(clock.now) == 4
    assert take_draft(workspace, clock) == DRAFT
    assert stored(workspace) is None
    assert take_draft(workspace, clock) is None


def test_only_one_draft_is_kept(workspace: Workspace) -> None:
    clock = MovableClock(KEPT_AT)
    keep_draft(workspace, {"first": True}, clock=clock)
    keep_draft(workspace, {"second": True}, clock=clock)
    rows = workspace.store.owner.run(
        lambda c: c.execute("SELECT count(*) FROM conversation_draft").fetchone()[0]
    )
    assert rows == 1
    assert take_draft(workspace, clock) == {"second": True}


def test_discarding_deletes_it(workspace: Workspace) -> None:
    keep_draft(workspace, DRAFT, clock=MovableClock(KEPT_AT))
    discard_draft(workspace)
    assert stored(workspace) is None


@pytest.mark.parametrize(
    ("moved", "offered"),
    [
        (timedelta(minutes=29, seconds=59), True),
        (DRAFT_LIFETIME, False),  # 30 minutes: expired
        (timedelta(minutes=31), False),
        (timedelta(seconds=-30), True),  # a small step back of the clock is forgiven
        (timedelta(minutes=-10), False),  # from the future: the clock was put back
        (timedelta(days=-400), False),
    ],
)
def test_a_draft_is_offered_for_30_minutes_and_never_from_the_future(
    workspace: Workspace, moved: timedelta, offered: bool
) -> None:
    clock = MovableClock(KEPT_AT)
    keep_draft(workspace, DRAFT, clock=clock)
    clock.now += moved
    assert (waiting_draft(workspace, clock) is not None) is offered
    assert (stored(workspace) is not None) is offered  # an expired draft is deleted
    assert (take_draft(workspace, clock) == DRAFT) is offered
    assert stored(workspace) is None


def test_a_draft_that_expires_while_offered_is_not_given_back(workspace: Workspace) -> None:
    clock = MovableClock(KEPT_AT)
    keep_draft(workspace, DRAFT, clock=clock)
    assert waiting_draft(workspace, clock) is not None
    clock.now += timedelta(minutes=31)
    assert take_draft(workspace, clock) is None
    assert stored(workspace) is None


def test_the_draft_is_not_in_the_files_in_plain_text(profile: Profile) -> None:
    workspace = ProfileGate(profile).unlock(PASSPHRASE)
    keep_draft(workspace, DRAFT, clock=MovableClock(KEPT_AT))
    files = [p for p in Path(profile.paths.folder).rglob("*") if p.is_file()]
    while_open = b"".join(p.read_bytes() for p in files)
    workspace.close()
    after = b"".join(p.read_bytes() for p in Path(profile.paths.folder).rglob("*") if p.is_file())
    for raw in (while_open, after):
        assert NAME.encode() not in raw and NAME.encode("utf-16-le") not in raw
        assert b"sheet_name" not in raw
    reopened = ProfileGate(profile).unlock(PASSPHRASE)
    try:
        assert take_draft(reopened, MovableClock(KEPT_AT)) == DRAFT  # encrypted, not lost
    finally:
        reopened.close()


def test_the_gui_thread_keeps_it_through_the_store_thread(workspace: Workspace) -> None:
    workspace.store.owner.forbidden_thread = threading.get_ident()
    with pytest.raises(StoreWorkOnForbiddenThreadError):
        keep_draft(workspace, DRAFT)
    assert keep_draft_within(workspace, DRAFT, 5.0) is True
    workspace.store.owner.forbidden_thread = None
    assert take_draft(workspace) == DRAFT


def test_a_stuck_store_loses_the_draft_but_never_holds_the_lock_up(
    workspace: Workspace,
) -> None:
    release, busy = threading.Event(), threading.Event()

    def hold(_: object) -> None:  # on the store's thread
        busy.set()
        release.wait(10)

    def stuck() -> None:
        workspace.store.owner.run(hold)

    holder = threading.Thread(target=stuck)
    holder.start()
    assert busy.wait(5)
    started = datetime.now(UTC)
    assert keep_draft_within(workspace, DRAFT, 0.2) is False
    assert datetime.now(UTC) - started < timedelta(seconds=1)
    release.set()
    holder.join(5)


def test_a_draft_that_cannot_be_written_is_lost_quietly(workspace: Workspace) -> None:
    assert keep_draft_within(workspace, {"not json": object()}, 5.0) is False
    assert stored(workspace) is None
