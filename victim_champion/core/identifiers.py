"""Record identifiers: random, opaque, and free of personal data by construction."""

from __future__ import annotations

import re
import uuid

_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def new_id() -> str:
    """A fresh 128-bit random id as 32 lowercase hex digits (easy to copy, no dashes)."""
    return uuid.uuid4().hex


def is_record_id(value: str) -> bool:
    """True when ``value`` has the shape of an id made by :func:`new_id`."""
    return bool(_ID_PATTERN.match(value))
