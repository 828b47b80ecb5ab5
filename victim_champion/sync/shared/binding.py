"""Answers bound to the request they answer, wipe orders that name their device, and
content bundles that say what they are: the checks the laptop and the hub share.

Every request carries a fresh random nonce inside what the device signs. Every signed
answer from the hub carries the device id and the nonce of the request it answers, and
the hub's time. A laptop uses only the answer to the request it sent: a recorded answer
replayed to another laptop, or to the same laptop later, is refused and nothing in it is
used, above all never a wipe.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any, TypeGuard

from victim_champion.core.versions import is_newer
from victim_champion.sync.shared.protocol import CLOCK_SKEW_SECONDS

NONCE_BYTES = 16
# The hub answers only requests within CLOCK_SKEW_SECONDS of its clock, so its answer's
# time is that close to the request's own, give or take the time the exchange took.
ANSWER_WINDOW_SECONDS = CLOCK_SKEW_SECONDS + 60
REPLAYED_CODE = "replayed"
REVOKED_CODE = "revoked"
_NONCE = re.compile(r"[0-9a-f]{32}")


def new_nonce() -> str:
    """A fresh random nonce for one request (128 bits, lowercase hex)."""
    return secrets.token_hex(NONCE_BYTES)


def is_nonce(value: object) -> TypeGuard[str]:
    """True for a nonce as new_nonce makes them."""
    return isinstance(value, str) and _NONCE.fullmatch(value) is not None


class AnswerMismatchError(Exception):
    """A signed answer that does not answer this request; the text completes "because"."""


def check_answer_binding(answer: dict[str, Any], device_id: str, nonce: str) -> None:
    """The answer names this device and this request's nonce, or AnswerMismatchError."""
    if answer.get("device_id") != device_id:
        raise AnswerMismatchError("it was meant for another laptop")
    if answer.get("nonce") != nonce:
        raise AnswerMismatchError("it does not answer the request this laptop sent")


def check_answer_time(answer: dict[str, Any], sent_at: float, received_at: float) -> None:
    """The hub's time in the answer is within the window around the exchange."""
    hub_time = answer.get("hub_time")
    if (
        not isinstance(hub_time, int)
        or isinstance(hub_time, bool)
        or not sent_at - ANSWER_WINDOW_SECONDS <= hub_time <= received_at + ANSWER_WINDOW_SECONDS
    ):
        minutes = ANSWER_WINDOW_SECONDS // 60
        raise AnswerMismatchError(
            f"its time is more than {minutes} minutes from this laptop's clock"
        )


def wipe_order(device_id: str) -> dict[str, Any]:
    """What the hub adds to its refusal of a revoked device: the order names the device."""
    return {"code": REVOKED_CODE, "wipe": device_id}


def is_wipe_order(answer: dict[str, Any], device_id: str) -> bool:
    """A wipe order for this device (the caller has checked the binding already)."""
    return (
        answer.get("code") == REVOKED_CODE
        and answer.get("wipe") == device_id
        and answer.get("device_id") == device_id
    )


# ------------------------------------------------------------------ bundles


class BundleRefusalError(Exception):
    """A signed bundle the laptop will not apply; the text completes "because"."""


def check_bundle(document: dict[str, Any], kind: str, held: str | None) -> str:
    """The bundle's version if this laptop should apply it, else BundleRefusalError: the wrong
    kind, no version or date, the version already in use, or an older one."""
    found = document.get("kind")
    if found != kind:
        raise BundleRefusalError(f"it is a {str(found)[:20]} bundle, not a {kind} one")
    version, published = document.get("version"), document.get("published")
    if not isinstance(version, str) or not version:
        raise BundleRefusalError("it has no version")
    try:
        datetime.fromisoformat(str(published))
    except ValueError:
        raise BundleRefusalError("it has no publication date") from None
    if version == held:
        raise BundleRefusalError(f"version {version[:64]} is already in use")
    if not is_newer(version, held):
        raise BundleRefusalError(f"version {version[:64]} is older than version {held} in use")
    return version
