"""The shared checks that bind an answer to its request, name a wipe order's device, and
order bundles (sync/shared/binding.py), with a real Ed25519 hub key and no network."""

from __future__ import annotations

import json
import os
import time
from functools import partial
from typing import Any

import pytest

from victim_champion.sync.shared.binding import (
    ANSWER_WINDOW_SECONDS,
    AnswerMismatchError,
    BundleRefusalError,
    check_answer_binding,
    check_answer_time,
    check_bundle,
    is_newer,
    is_nonce,
    is_wipe_order,
    new_nonce,
    wipe_order,
)
from victim_champion.sync.shared.protocol import CLOCK_SKEW_SECONDS
from victim_champion.sync.shared.signatures import check_signed_body, sign, signed_json

HUB_KEY = os.urandom(32)


def _hub_public_key() -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(HUB_KEY).public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_nonces_are_fresh_and_well_formed() -> None:
    made = {new_nonce() for _ in range(100)}
    assert len(made) == 100 and all(is_nonce(n) for n in made)
    assert not is_nonce("") and not is_nonce("0" * 31) and not is_nonce(None)


def test_an_answer_is_taken_only_for_its_own_device_nonce_and_time() -> None:
    now = time.time()
    nonce = new_nonce()
    answer = {"device_id": "laptop-a", "nonce": nonce, "hub_time": int(now)}
    signed = json.loads(signed_json(answer, partial(sign, HUB_KEY)))
    checked = check_signed_body(signed, _hub_public_key())
    check_answer_binding(checked, "laptop-a", nonce)
    check_answer_time(checked, now, now + 1)
    refusals = [
        ({**answer, "device_id": "laptop-b"}, "meant for another laptop"),
        ({**answer, "nonce": new_nonce()}, "does not answer the request"),
        ({k: v for k, v in answer.items() if k != "nonce"}, "does not answer the request"),
    ]
    for wrong, reason in refusals:
        with pytest.raises(AnswerMismatchError, match=reason):
            check_answer_binding(wrong, "laptop-a", nonce)
    for hub_time in (int(now) - ANSWER_WINDOW_SECONDS - 5, int(now) + ANSWER_WINDOW_SECONDS + 5):
        with pytest.raises(AnswerMismatchError, match="minutes from this laptop's clock"):
            check_answer_time({**answer, "hub_time": hub_time}, now, now + 1)
    with pytest.raises(AnswerMismatchError):
        check_answer_time({**answer, "hub_time": None}, now, now + 1)


def test_a_wipe_order_counts_only_when_it_names_this_device() -> None:
    order = {"device_id": "laptop-a", **wipe_order("laptop-a")}
    assert is_wipe_order(order, "laptop-a")
    assert not is_wipe_order(order, "laptop-b")
    assert not is_wipe_order({"device_id": "laptop-a", "code": "revoked", "wipe": True}, "laptop-a")


def test_bundles_are_ordered_by_their_versions_parts() -> None:
    assert is_newer("2026.10", "2026.2") and is_newer("sample-2026-12", "sample-2026-11")
    assert not is_newer("2026.2", "2026.10") and not is_newer("2026.1", "2026.1")
    assert is_newer("2026.1", None)
    document: dict[str, Any] = {
        "kind": "course",
        "version": "2026.2",
        "published": "2026-11-30T10:00:00+00:00",
    }
    assert check_bundle(document, "course", "2026.1") == "2026.2"
    refusals: list[tuple[dict[str, Any], str, str]] = [
        ({**document, "kind": "directory"}, "2026.1", "a directory bundle, not a course one"),
        ({**document, "published": None}, "2026.1", "no publication date"),
        ({**document, "version": ""}, "2026.1", "no version"),
        (document, "2026.2", "version 2026.2 is already in use"),
        (document, "2026.10", "older than version 2026.10 in use"),
    ]
    for bundle, held, reason in refusals:
        with pytest.raises(BundleRefusalError, match=reason):
            check_bundle(bundle, "course", held)


def test_the_answer_window_is_the_clock_skew_and_one_minute_each_side_to_the_second() -> None:
    sent_at, received_at = 1_000_000.0, 1_000_001.0
    window = CLOCK_SKEW_SECONDS + 60  # the hub's own skew, plus a minute for the exchange
    for hub_time in (int(sent_at) - window, int(received_at) + window):
        check_answer_time({"hub_time": hub_time}, sent_at, received_at)
    for hub_time in (int(sent_at) - window - 1, int(received_at) + window + 1):
        with pytest.raises(AnswerMismatchError) as refused:
            check_answer_time({"hub_time": hub_time}, sent_at, received_at)
        assert str(refused.value) == "its time is more than 11 minutes from this laptop's clock"


def test_an_answer_for_a_device_whose_id_sorts_before_this_one_is_still_refused() -> None:
    nonce = new_nonce()
    for other in ("laptop-0", "laptop-z"):
        with pytest.raises(AnswerMismatchError, match="meant for another laptop"):
            check_answer_binding({"device_id": other, "nonce": nonce}, "laptop-a", nonce)


def test_a_wipe_order_read_off_the_wire_counts_and_no_near_miss_does() -> None:
    # Parsed from JSON, as the laptop gets it: equal strings, never the same objects.
    order = json.loads(json.dumps({"device_id": "laptop-a", **wipe_order("laptop-a")}))
    assert is_wipe_order(order, "laptop-a")
    near_misses = [
        {**order, "code": "wipe"},  # sorts after "revoked"
        {**order, "code": "replayed"},  # sorts before it
        {**order, "device_id": "laptop-b"},
        {**order, "device_id": "laptop-0"},
    ]
    for answer in near_misses:
        assert not is_wipe_order(answer, "laptop-a"), answer


def _bundle(**changes: str) -> dict[str, Any]:
    document = {"kind": "course", "version": "2026.2", "published": "2026-11-30T10:00:00+00:00"}
    loaded: dict[str, Any] = json.loads(json.dumps({**document, **changes}))
    return loaded


def test_a_bundle_read_off_the_wire_is_judged_by_its_values() -> None:
    assert check_bundle(_bundle(), "course", "2026.1") == "2026.2"
    assert check_bundle(_bundle(version="2026.10"), "course", "2026.9") == "2026.10"
    with pytest.raises(BundleRefusalError, match="a audit bundle, not a course one"):
        check_bundle(_bundle(kind="audit"), "course", "2026.1")
    with pytest.raises(BundleRefusalError, match="already in use"):
        check_bundle(_bundle(), "course", "2026.2")


def test_a_bundles_words_in_a_refusal_are_cut_short() -> None:
    with pytest.raises(BundleRefusalError) as refused:
        check_bundle(_bundle(kind="k" * 30), "course", "2026.1")
    assert str(refused.value) == f"it is a {'k' * 20} bundle, not a course one"
    long_version = "2026.0" + "0" * 94
    with pytest.raises(BundleRefusalError) as refused:
        check_bundle(_bundle(version=long_version), "course", long_version)
    assert str(refused.value) == f"version {long_version[:64]} is already in use"
    with pytest.raises(BundleRefusalError) as refused:
        check_bundle(_bundle(version=long_version), "course", "2026.1")
    assert str(refused.value) == f"version {long_version[:64]} is older than version 2026.1 in use"
