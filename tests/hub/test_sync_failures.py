"""Each way a sync can fail says what it is, in one sentence, and loses nothing: a clock
that is off, a hub that is down or faulty, a sign-in page, a laptop the hub does not know,
another device's answer replayed (refused: it names that device and another request), and
a disk that fills up mid-sync."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.hub.conftest import Laptop, make_laptop
from tests.hub.test_no_loss import a_session, assert_nothing_lost
from tests.support.hub_process import HubProcess, free_port
from tests.support.replay_proxy import ReplayProxy
from tests.support.small_disk import fill, small_disk
from victim_champion.core.errors import DiskFullError
from victim_champion.core.sync_errors import (
    AnswerNotForThisRequestError,
    ClockSkewError,
    HubFaultError,
    HubNotTrustedError,
    HubUnreachableError,
    NotKnownToHubError,
)
from victim_champion.store.syncing.retention import purge_confirmed


@pytest.mark.parametrize(
    ("offset", "words"), [(3600, "60 minutes ahead of"), (-1500, "25 minutes behind")]
)
def test_a_clock_that_is_off_is_named_with_how_far_and_nothing_is_lost(
    hub: HubProcess, laptop: Laptop, offset: int, words: str
) -> None:
    a_session(laptop.records, 3, "Clock")
    with pytest.raises(ClockSkewError) as raised:
        laptop.client(clock=lambda: time.time() + offset).run_once()
    assert words in raised.value.message and "set the correct date and time" in raised.value.message
    # Five minutes out is within what the hub allows.
    laptop.client(clock=lambda: time.time() + 300).run_once()
    assert_nothing_lost(hub, laptop)


def test_a_hub_that_is_down_is_called_unreachable(laptop: Laptop) -> None:
    a_session(laptop.records, 2, "Down")
    with pytest.raises(HubUnreachableError):
        laptop.client(f"http://127.0.0.1:{free_port()}").run_once()
    assert laptop.local.pending_count() > 0 and laptop.local.last_success() is None


def test_only_a_page_that_is_not_the_hubs_is_called_a_sign_in_page(laptop: Laptop) -> None:
    class Portal(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            page = b"<html><body>Accept the terms to use Village Hall Wi-Fi</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(HubNotTrustedError) as raised:
            laptop.client(f"http://127.0.0.1:{server.server_address[1]}").run_once()
        assert "sign-in page" in raised.value.message
    finally:
        server.shutdown()
        server.server_close()


def test_a_laptop_the_hub_does_not_know_is_told_to_enrol_again(
    hub: HubProcess, laptop: Laptop
) -> None:
    engine = create_engine(hub.db_url)
    with engine.begin() as connection:  # the hub was rebuilt and lost its device list
        connection.execute(text("DELETE FROM devices"))
    engine.dispose()
    with pytest.raises(NotKnownToHubError) as raised:
        laptop.client().run_once()
    assert "enrol" in raised.value.message


def test_a_hub_fault_is_answered_signed_with_a_reference_that_is_in_the_hubs_log(
    hub: HubProcess, laptop: Laptop
) -> None:
    engine = create_engine(hub.db_url)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE down_items RENAME TO down_items_lost"))
    engine.dispose()
    with pytest.raises(HubFaultError) as raised:
        laptop.client().run_once()
    message = raised.value.message
    reference = message.split("reference ")[1].split(")")[0]
    assert len(reference) == 8 and "nothing was lost" in message
    hub.stop()
    failed = [json.loads(line) for line in hub.log_lines() if reference in line]
    assert failed and failed[0]["ref"] == reference and failed[0]["route"] == "/v1/round"
    assert failed[0]["error"] == "OperationalError"  # its type; never a traceback's text


def test_another_devices_answer_replayed_purges_nothing_and_is_not_a_success(
    hub: HubProcess, tmp_path: Path
) -> None:
    donor = make_laptop(tmp_path / "donor", hub, "Donor")
    laptop = make_laptop(tmp_path / "victim", hub, "Target")
    try:
        old = datetime.now(UTC) - timedelta(days=40)
        for made in (donor, laptop):  # the same numbers on both, old enough to purge
            a_session(made.records.__class__(made.store, clock=lambda: old), 4, "Same")
        with ReplayProxy(hub.port, donor.local.identity()[0]) as proxy:
            donor.client(proxy.url).run_once()
            with pytest.raises(AnswerNotForThisRequestError, match="another laptop"):
                laptop.client(proxy.url).run_once()
            assert proxy.replayed >= 1
        assert laptop.local.last_success() is None
        # The answer names the donor, so nothing in it was used: nothing goes.
        assert purge_confirmed(laptop.store, retention_days=30).envelopes == 0
        laptop.client().run_once()  # directly: sent again, now really received
        assert_nothing_lost(hub, laptop)
        assert_nothing_lost(hub, donor)
    finally:
        donor.store.close()
        laptop.store.close()


def test_a_replayed_answer_for_part_of_a_push_marks_nothing_and_is_no_success(
    hub: HubProcess, tmp_path: Path
) -> None:
    donor = make_laptop(tmp_path / "donor", hub, "Donor")
    laptop = make_laptop(tmp_path / "victim", hub, "Target")
    try:
        for _ in range(4):
            a_session(laptop.records, 3, "More")
        with ReplayProxy(hub.port, donor.local.identity()[0]) as proxy:
            donor.client(proxy.url).run_once()  # one envelope: an answer for number 1 only
            with pytest.raises(AnswerNotForThisRequestError) as raised:
                laptop.client(proxy.url).run_once()
        assert "nothing in it was used" in raised.value.message
        assert laptop.local.last_success() is None
        assert laptop.local.pending_count() > 0  # the replayed answer marked nothing
        laptop.client().run_once()
        assert_nothing_lost(hub, laptop)
    finally:
        donor.store.close()
        laptop.store.close()


def test_a_disk_that_fills_up_mid_sync_says_so_and_loses_nothing(
    hub: HubProcess, tmp_path: Path
) -> None:
    """The laptop's profile on a real 24 MB disk, filled to within a little of the end at
    several points, so the write that fails falls in different steps of the round."""
    with small_disk(tmp_path / "disk", 24 * 1024) as disk:
        laptop = make_laptop(disk / "laptop", hub)
        failures = 0
        try:
            for leave in (0, 8 * 1024, 32 * 1024, 128 * 1024):
                for _ in range(3):
                    a_session(laptop.records, 40, "Disk")
                laptop.store.owner.run(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
                filler = fill(disk, leave)
                try:
                    laptop.client().run_once()
                except DiskFullError as error:
                    failures += 1
                    assert error.message.startswith("The disk is full")
                filler.unlink()
                laptop.client().run_once()
                assert_nothing_lost(hub, laptop)
            assert failures >= 2
        finally:
            laptop.store.close()
