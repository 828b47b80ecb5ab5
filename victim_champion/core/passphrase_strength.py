"""A plain-words strength indication for a new passphrase (no dictionary, no network).

Estimates bits from length and the kinds of character used, and knocks off for
repetition and a handful of very common choices. It guides; the hard rule is only the
minimum length in store/key_slots.py.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

_COMMON = {
    "password",
    "passphrase",
    "123456",
    "qwerty",
    "letmein",
    "welcome",
    "victim",
    "champion",
    "kent",
    "compass",
    "iloveyou",
    "admin",
    "monkey",
    "dragon",
}
LABELS = ("Too short", "Weak", "Fair", "Strong", "Very strong")


MIN_PASSPHRASE_LENGTH = 8
"""The shortest passphrase any front end accepts (the store refuses shorter ones too)."""


@dataclass(frozen=True)
class Strength:
    """A score from 0 (too short) to 4 (very strong), with its label and a hint."""

    score: int
    label: str
    hint: str


def estimate(passphrase: str, minimum_length: int) -> Strength:
    """Score a passphrase for the strength bar on the first-run screen."""
    if len(passphrase) < minimum_length:
        return Strength(0, LABELS[0], f"Use at least {minimum_length} characters.")
    pool = 0
    for group, size in (
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ):
        if any(ch in group for ch in passphrase):
            pool += size
    if any(ord(ch) > 127 for ch in passphrase):
        pool += 64
    distinct = len(set(passphrase.casefold()))
    effective_length = min(len(passphrase), distinct * 2)
    bits = effective_length * math.log2(max(pool, 2))
    lowered = passphrase.casefold()
    if any(word in lowered for word in _COMMON):
        bits -= 20
    if bits < 45:
        return Strength(1, LABELS[1], "Add more words; three or four unrelated words work well.")
    if bits < 65:
        return Strength(2, LABELS[2], "Good start; another word would make it strong.")
    if bits < 90:
        return Strength(3, LABELS[3], "Strong enough to protect the records.")
    return Strength(4, LABELS[4], "It will protect the records well.")
