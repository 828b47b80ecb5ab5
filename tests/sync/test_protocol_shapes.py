"""Endpoint paths and request and answer shapes, shared by the client and the hub."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.support.hub_process import HubProcess
from victim_champion.core.device_policy import DEFAULT_DEVICE_POLICY
from victim_champion.core.envelopes import PushResult
from victim_champion.sync.shared.protocol import (
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
    pull_path,
    push_answer,
    push_results_from_wire,
)
from victim_champion.sync.shared.rounds import RoundAnswer, RoundRequest, runs_after_push


def test_the_hub_serves_exactly_the_endpoints_the_protocol_declares(hub: HubProcess) -> None:
    status, body = hub.get("/openapi.json")
    assert status == 200
    served = set(json.loads(body)["paths"])
    assert {endpoint.value for endpoint in Endpoint} <= served
    assert {path for path in served if path.startswith("/v1/")} <= set(Endpoint)


def test_filled_paths_are_the_ones_sent_before() -> None:
    assert pull_path(7, 200) == "/v1/pull?cursor=7&limit=200"
    assert bundle_path("course") == "/v1/bundles/course/latest"


def test_requests_round_trip_and_the_hub_reads_them_strictly() -> None:
    enrol = EnrolRequest("ABCD-1234", "d" * 32, b"k" * 32)
    assert EnrolRequest.from_wire(enrol.to_wire()) == enrol
    with pytest.raises(ProtocolError, match="raw 32-byte Ed25519 key"):
        EnrolRequest.from_wire({**enrol.to_wire(), "public_key": "c2hvcnQ="})
    verify = VerifyRequest(((1, 5), (9, 9)))
    assert VerifyRequest.from_wire(verify.to_wire()) == verify
    assert VerifyRequest.from_wire({"from_seq": 1, "to_seq": 3}).ranges == ((1, 3),)
    with pytest.raises(ProtocolError, match="low <= high"):
        VerifyRequest.from_wire({"ranges": [[5, 1]]})
    with pytest.raises(ProtocolError, match="envelopes must be a list"):
        PushRequest.from_wire({"envelopes": "all of them"})


def test_answers_round_trip_and_ignore_the_signature_and_the_hub_time() -> None:
    signed = {"protocol": "victim-champion-sync/1", "signature": "x", "hub_time": 1}
    welcome = EnrolAnswer("d" * 32, "Laptop", "key1", b"p" * 32, DEFAULT_DEVICE_POLICY)
    assert EnrolAnswer.from_wire({**welcome.to_wire(), **signed}) == welcome
    public = replace(welcome, verify_url="https://verify.example/verify")
    assert EnrolAnswer.from_wire(public.to_wire()) == public
    for address in ("http://verify.example/verify", "javascript:alert(1)", 7):
        with pytest.raises(ProtocolError):
            EnrolAnswer.from_wire({**welcome.to_wire(), "verify_url": address})
    item = {"server_seq": 3, "kind": "bundle", "payload": {}}
    page = PullAnswer((item,), 3, False, DEFAULT_DEVICE_POLICY)
    assert PullAnswer.from_wire({**page.to_wire(), **signed}) == page
    found = VerifyAnswer(2, {"session.created": 2}, "0" * 64, 0)
    assert VerifyAnswer.from_wire({**found.to_wire(), **signed}) == found
    state = DeviceState(9, 1024, 500)
    assert DeviceState.from_wire({**state.to_wire(), **signed}) == state


def test_a_pull_answer_without_a_valid_policy_is_refused() -> None:
    page = PullAnswer((), 0, False, DEFAULT_DEVICE_POLICY).to_wire()
    with pytest.raises(ProtocolError, match="idle_lock_seconds"):
        PullAnswer.from_wire({**page, "policy": {"retention_days": 30}})


def test_push_results_keep_every_well_formed_answer_and_skip_the_rest() -> None:
    results = [PushResult(1, "accepted"), PushResult(2, "rejected", "a reason")]
    wire = push_answer(results)
    wire["results"] += [{"device_seq": 3, "status": "maybe"}, "noise"]
    assert push_results_from_wire(wire) == results
    with pytest.raises(ProtocolError, match="no results"):
        push_results_from_wire({})


def test_a_round_request_and_answer_travel_whole_and_bad_ones_are_named() -> None:
    asked = RoundRequest(7, 50, ({"device_seq": 3},), ((1, 2), (3, 3)))
    assert RoundRequest.from_wire(json.loads(json.dumps(asked.to_wire()))) == asked
    assert RoundRequest.from_wire({"cursor": 0, "limit": 1, "envelopes": []}).ranges == ()
    for bad, says in (
        ([], "must be an object"),
        ({"cursor": 0, "limit": 0, "envelopes": []}, "limit 1 or more"),
        ({"cursor": True, "limit": 5, "envelopes": []}, "cursor must be"),
        ({"cursor": 0, "limit": 5}, "envelopes must be a list"),
        ({"cursor": 0, "limit": 5, "envelopes": [], "ranges": [[4, 2]]}, "low <= high"),
    ):
        with pytest.raises(ProtocolError, match=says):
            RoundRequest.from_wire(bad)
    answer = RoundAnswer(
        (PushResult(3, "accepted", ""),),
        VerifyAnswer(3, {"attendees.added": 3}, "ab" * 32, 0),
        PullAnswer((), 7, False, DEFAULT_DEVICE_POLICY),
        DeviceState(3, 1024, 10),
    )
    assert RoundAnswer.from_wire(json.loads(json.dumps(answer.to_wire()))) == answer
    unchecked = replace(answer, checked=None)
    assert RoundAnswer.from_wire(unchecked.to_wire()).checked is None
    with pytest.raises(ProtocolError, match="needs a push answer and a pull page"):
        RoundAnswer.from_wire({"push": {"results": []}})


def test_the_runs_a_laptop_asks_a_round_to_compare() -> None:
    assert runs_after_push((), []) == []
    assert runs_after_push((), [5, 6, 7]) == [(5, 7)]
    assert runs_after_push(((1, 3),), [4, 5]) == [(1, 5)]
    assert runs_after_push(((1, 3), (8, 9)), [5, 6, 10]) == [(1, 3), (5, 6), (8, 10)]
    assert runs_after_push(((1, 10),), [4]) == [(1, 10)]  # sent again: already held
