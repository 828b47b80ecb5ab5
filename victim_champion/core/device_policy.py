"""The device policy the hub sends every laptop, typed, and the rule for applying its lock.

Standard library only: the hub builds and sends it, the laptop stores the one it last
received, and the UI asks :func:`effective_idle_lock_seconds` how long to wait idle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from victim_champion.core.wire_codec import WireObject, WireRecordError

# The range a hub may set the idle lock in. Under a minute a trainer pausing to answer a
# question would be locked out mid-session, and the laptop's own setting starts at a
# minute too. Over 30 minutes a laptop left open on a drop-in table is open too long for
# the personal data on it. Within that, the hub's value is a ceiling: the laptop's own
# setting may lock sooner, never later.
IDLE_LOCK_FLOOR_SECONDS = 60
IDLE_LOCK_CEILING_SECONDS = 30 * 60
# How long a laptop keeps a record after the hub confirmed it: at least a day (so a
# worker can still see the morning's records), at most a year.
RETENTION_DAYS_MIN = 1
RETENTION_DAYS_MAX = 365


@dataclass(frozen=True)
class DevicePolicy(WireObject):
    """What the hub tells every laptop: how long to keep confirmed records, and the longest
    it may sit idle unlocked. Both values are checked against their allowed range when the
    policy is made or read from the wire, so a bad policy is refused, not half applied."""

    what: ClassVar[str] = "the device policy"
    retention_days: int
    idle_lock_seconds: int
    referral_key: str = ""  # the referral desk's X25519 public key (base64); "" before one

    def __post_init__(self) -> None:
        _within(
            self.retention_days, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, "retention_days", "days"
        )
        _within(
            self.idle_lock_seconds,
            IDLE_LOCK_FLOOR_SECONDS,
            IDLE_LOCK_CEILING_SECONDS,
            "idle_lock_seconds",
            "seconds",
        )

    @property
    def idle_lock_range(self) -> tuple[int, int]:
        """The shortest and longest idle lock a laptop may use under this policy."""
        return IDLE_LOCK_FLOOR_SECONDS, self.idle_lock_seconds

    def to_wire(self) -> dict[str, Any]:
        """As the hub sends it (and as the laptop stores it)."""
        return self.fields_to_wire()

    @classmethod
    def from_wire(cls, raw: object) -> DevicePolicy:
        """Strictly a policy: every field, whole numbers in range, nothing else. A policy
        kept before the referral desk's key existed has no ``referral_key``: none yet."""
        if isinstance(raw, dict) and "referral_key" not in raw:
            raw = {**raw, "referral_key": ""}
        return cls.from_fields(raw)


def _within(value: int, low: int, high: int, field: str, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise WireRecordError(
            f"the device policy's {field} must be from {low} to {high} {unit}", field
        )


DEFAULT_DEVICE_POLICY = DevicePolicy(retention_days=30, idle_lock_seconds=120)


def effective_idle_lock_seconds(local_setting: int, policy: DevicePolicy | None) -> int:
    """How long the laptop waits idle before it locks: its own setting, brought into the
    range the hub's policy allows (no sooner than a minute, no later than the policy's
    idle lock). Before any policy arrives, the widest allowed range applies."""
    low, high = (
        policy.idle_lock_range
        if policy is not None
        else (IDLE_LOCK_FLOOR_SECONDS, IDLE_LOCK_CEILING_SECONDS)
    )
    return min(max(local_setting, low), high)
