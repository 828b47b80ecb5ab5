"""The device policy: strict on the wire, a sane range for the idle lock, and the rule
that brings the laptop's own idle lock into the range the hub allows."""

from __future__ import annotations

import pytest

from victim_champion.core.device_policy import (
    DEFAULT_DEVICE_POLICY,
    IDLE_LOCK_CEILING_SECONDS,
    IDLE_LOCK_FLOOR_SECONDS,
    DevicePolicy,
    effective_idle_lock_seconds,
)
from victim_champion.core.errors import VictimChampionError
from victim_champion.core.wire_records import WireRecordError


def test_the_policy_is_the_json_the_hub_sent_before_plus_the_referral_desk_key() -> None:
    before = {"retention_days": 30, "idle_lock_seconds": 120}
    assert DEFAULT_DEVICE_POLICY.to_wire() == {**before, "referral_key": ""}
    # a policy a laptop kept before the desk key existed still reads: no key yet
    assert DevicePolicy.from_wire(before) == DEFAULT_DEVICE_POLICY


@pytest.mark.parametrize(
    ("wire", "reason"),
    [
        ({"retention_days": 30}, "the device policy has no field 'idle_lock_seconds'"),
        (
            {"retention_days": 30, "idle_lock_seconds": 120, "wipe": True},
            "the device policy has an unexpected field 'wipe'",
        ),
        (
            {"retention_days": "30", "idle_lock_seconds": 120},
            "the device policy's retention_days must be a whole number",
        ),
        (
            {"retention_days": 30, "idle_lock_seconds": 10},
            "the device policy's idle_lock_seconds must be from 60 to 1800 seconds",
        ),
        (
            {"retention_days": 30, "idle_lock_seconds": 7200},
            "the device policy's idle_lock_seconds must be from 60 to 1800 seconds",
        ),
        (
            {"retention_days": 0, "idle_lock_seconds": 120},
            "the device policy's retention_days must be from 1 to 365 days",
        ),
        (None, "the device policy must be an object"),
    ],
)
def test_a_policy_not_in_the_agreed_shape_or_range_is_refused_naming_the_field(
    wire: object, reason: str
) -> None:
    with pytest.raises(WireRecordError) as caught:
        DevicePolicy.from_wire(wire)
    assert str(caught.value) == reason
    assert isinstance(caught.value, VictimChampionError)


def test_the_hub_cannot_make_a_policy_out_of_range_either() -> None:
    with pytest.raises(WireRecordError, match="idle_lock_seconds"):
        DevicePolicy(retention_days=30, idle_lock_seconds=IDLE_LOCK_CEILING_SECONDS + 1)


def test_the_laptop_may_lock_sooner_than_the_policy_but_never_later() -> None:
    policy = DevicePolicy(retention_days=30, idle_lock_seconds=120)
    assert policy.idle_lock_range == (IDLE_LOCK_FLOOR_SECONDS, 120)
    assert effective_idle_lock_seconds(300, policy) == 120
    assert effective_idle_lock_seconds(90, policy) == 90
    assert effective_idle_lock_seconds(10, policy) == IDLE_LOCK_FLOOR_SECONDS


def test_before_any_policy_the_local_setting_is_kept_within_the_widest_range() -> None:
    assert effective_idle_lock_seconds(300, None) == 300
    assert effective_idle_lock_seconds(5000, None) == IDLE_LOCK_CEILING_SECONDS
    assert effective_idle_lock_seconds(0, None) == IDLE_LOCK_FLOOR_SECONDS
