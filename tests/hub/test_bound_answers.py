"""Every signed answer is bound to the request it answers (issue 15, item 2).

A server standing in for the hub records genuine signed answers and replays them: a wipe
order to a healthy laptop, and an old answer to the same laptop later. Each is refused in
one sentence, nothing in it is used, and the profile stays whole, unsynced records and
all. The genuine wipe order still wipes. A replayed request is refused by the hub, even by
a second hub process on the same database."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from tests.hub.conftest import Laptop, make_laptop
from tests.hub.test_no_loss import a_session, assert_nothing_lost
from tests.support.answer_recorder import AnswerRecorder
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from victim_champion.core.sync_errors import AnswerNotForThisRequestError, DeviceRevokedError
from victim_champion.hub.api.device_auth import PRUNE_MARGIN_SECONDS, prune_nonces
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import request_nonces
from victim_champion.sync.shared.binding import new_nonce
from victim_champion.sync.shared.protocol import (
    CLOCK_SKEW_SECONDS,
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    b64,
)
from victim_champion.sync.shared.signatures import request_message, sign


def sync_as_the_app_does(laptop: Laptop, hub_url: str) -> None:
    """One round, and on a wipe order the wipe, as the command line and the app do it."""
    try:
        laptop.client(hub_url).run_once()
    except DeviceRevokedError:
        laptop.store.close()
        laptop.profile.wipe()
        raise


def profile_files(laptop: Laptop) -> list[Path]:
    return [path for path in laptop.profile.paths.all_files() if path.exists()]


def test_a_recorded_wipe_order_replayed_to_a_healthy_laptop_wipes_nothing(
    hub: HubProcess, tmp_path: Path
) -> None:
    revoked = make_laptop(tmp_path / "revoked", hub, "Lost laptop")
    healthy = make_laptop(tmp_path / "healthy", hub, "Healthy laptop")
    revoked_id = revoked.local.identity()[0]
    try:
        a_session(healthy.records, 3, "Unsynced")
        waiting = healthy.local.pending_count()
        files = profile_files(healthy)
        assert waiting > 0 and healthy.profile.paths.keys in files
        assert "Revoked" in hub.admin("revoke", revoked_id)
        with AnswerRecorder(hub.port) as stand_in:
            # The genuine order, to the device it names, still wipes it.
            with pytest.raises(DeviceRevokedError):
                sync_as_the_app_does(revoked, stand_in.url)
            assert profile_files(revoked) == []
            wipe = stand_in.last(revoked_id, 403)
            assert json.loads(wipe.body)["wipe"] == revoked_id  # the order names its device
            stand_in.replay = wipe
            with pytest.raises(AnswerNotForThisRequestError) as raised:
                sync_as_the_app_does(healthy, stand_in.url)
            assert stand_in.replayed == 1
        assert "meant for another laptop" in raised.value.message
        assert "nothing in it was used" in raised.value.message
        assert profile_files(healthy) == files
        assert healthy.local.pending_count() == waiting
        healthy.client().run_once()  # straight to the hub: all still there, and it goes
        assert_nothing_lost(hub, healthy)
    finally:
        healthy.store.close()


def test_a_recorded_answer_replayed_to_the_same_laptop_later_is_refused(
    hub: HubProcess, laptop: Laptop
) -> None:
    device_id = laptop.local.identity()[0]
    a_session(laptop.records, 2, "Kept")
    assert "Revoked" in hub.admin("revoke", device_id)
    with AnswerRecorder(hub.port) as stand_in:
        with pytest.raises(DeviceRevokedError):  # recorded; this test does not act on it
            laptop.client(stand_in.url).run_once()
        wipe = stand_in.last(device_id, 403)
        engine = create_engine(hub.db_url)
        with engine.begin() as connection:  # Compass House reinstates the laptop
            connection.execute(text("UPDATE devices SET revoked_at = NULL"))
        engine.dispose()
        laptop.client(stand_in.url).run_once()
        pull = stand_in.last(device_id, 200)
        for recorded in (wipe, pull):  # the laptop's own answers, to earlier requests
            stand_in.replay = recorded
            with pytest.raises(AnswerNotForThisRequestError) as raised:
                laptop.client(stand_in.url).run_once()
            assert "does not answer the request this laptop sent" in raised.value.message
    assert laptop.profile.paths.keys.exists()
    a_session(laptop.records, 1, "After")
    laptop.client().run_once()
    assert_nothing_lost(hub, laptop)


def _signed_pull(laptop: Laptop) -> tuple[str, dict[str, str]]:
    """One signed request, as the laptop's transport would send it."""
    device_id, private_key, _ = laptop.local.identity()
    path, stamp, nonce = "/v1/pull?cursor=0&limit=10", int(time.time()), new_nonce()
    signature = sign(private_key, request_message("GET", path, stamp, nonce, b""))
    return path, {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(stamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64(signature),
    }


def test_a_replayed_request_is_refused_by_every_hub_process_on_the_database(
    hub_db_url: str, tmp_path: Path
) -> None:
    first = start_hub(hub_db_url)
    second = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", first)
    try:
        path, headers = _signed_pull(laptop)
        status, body = first.get(path, headers)
        answer = json.loads(body)
        assert status == 200
        assert answer["nonce"] == headers[HEADER_NONCE]
        assert answer["device_id"] == headers[HEADER_DEVICE]
        assert isinstance(answer["hub_time"], int)
        for hub in (second, first):
            status, body = hub.get(path, headers)
            refusal = json.loads(body)
            assert status == 409 and refusal["code"] == "replayed", body
            assert refusal["nonce"] == headers[HEADER_NONCE] and "signature" in refusal

        # The same request at the same moment to both: the database lets one through.
        path, headers = _signed_pull(laptop)
        statuses: list[int] = []
        threads = [
            threading.Thread(target=lambda h=hub: statuses.append(h.get(path, headers)[0]))
            for hub in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [200, 409]
    finally:
        laptop.store.close()
        first.stop()
        second.stop()


def test_a_forged_request_keeps_nothing_and_its_nonce_stays_the_laptops(
    hub_db_url: str, tmp_path: Path
) -> None:
    """The nonce is recorded in the statement that reads the device's key (device_auth.py);
    a signature that fails must take it out again, or a forger could spend nonces."""
    hub = start_hub(hub_db_url)
    laptop = make_laptop(tmp_path / "laptop", hub)
    engine = create_engine(hub_db_url)
    try:
        path, headers = _signed_pull(laptop)
        forged = dict(headers)
        forged[HEADER_SIGNATURE] = b64(sign(laptop.local.identity()[1], b"something else"))
        unsigned = {k: v for k, v in headers.items() if k != HEADER_SIGNATURE}
        for wrong, code in ((forged, "bad_signature"), (unsigned, "unsigned")):
            status, body = hub.get(path, wrong)
            assert status == 401 and json.loads(body)["code"] == code, body
        with engine.connect() as connection:
            kept = connection.execute(
                select(request_nonces.c.nonce).where(
                    request_nonces.c.nonce == headers[HEADER_NONCE]
                )
            ).all()
        assert kept == []
        status, body = hub.get(path, headers)  # the laptop's own request, same nonce
        assert status == 200, body
        assert hub.get(path, headers)[0] == 409  # and now it is spent
    finally:
        engine.dispose()
        laptop.store.close()
        hub.stop()


def test_nonces_out_of_the_time_window_are_forgotten_and_fresh_ones_kept(
    tmp_path: Path,
) -> None:
    engine = make_engine(sqlite_url(tmp_path))
    upgrade(engine)
    now = int(time.time())
    old, fresh = now - CLOCK_SKEW_SECONDS - PRUNE_MARGIN_SECONDS - 5, now - 5
    with engine.begin() as connection:
        for nonce, stamp in (("n-old", old), ("n-fresh", fresh)):
            connection.execute(
                request_nonces.insert().values(
                    device_id="d1", nonce=nonce, expires_at=stamp + CLOCK_SKEW_SECONDS
                )
            )
    with engine.begin() as connection:
        assert prune_nonces(connection, now) == 1
        kept = connection.execute(select(request_nonces.c.nonce)).scalars().all()
    assert kept == ["n-fresh"]  # still refused a second time while its time is good
    engine.dispose()
