"""Certificates of completion: readable verification codes and the exact signed message.

A code is 11 random digits plus a Damm check digit, shown as 1234-5678-9012 so it can be
read aloud and a mistyped digit is caught. The device key signs the canonical message
built here; anyone with the device's public key can check a certificate offline.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
SIGNATURE_SCHEME = "vc-cert-1"


def _damm_interim(digits: str) -> int:
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return interim


def new_verification_code(random_digits: Callable[[int], str] | None = None) -> str:
    """A fresh 12-digit code (11 random digits and a Damm check digit), unformatted."""
    body = (random_digits or _random_digits)(11)
    return body + str(_damm_interim(body))


def _random_digits(count: int) -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(count))


def is_valid_code(code: str) -> bool:
    """True if ``code`` (with or without dashes and spaces) passes its check digit."""
    digits = code.replace("-", "").replace(" ", "")
    return len(digits) == 12 and digits.isdigit() and _damm_interim(digits) == 0


def format_code(code: str) -> str:
    """1234-5678-9012: three groups of four, easy to read aloud."""
    digits = code.replace("-", "").replace(" ", "")
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def signature_text(signature: bytes) -> str:
    """A signature as it travels in a QR code or to the hub: URL-safe base64, no padding."""
    return base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")


def signature_from_text(text: str) -> bytes:
    """The signature bytes back from their text form; ValueError if it is not one."""
    if not text or len(text) > 200:
        raise ValueError("not a signature")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id_for(public_key: bytes) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def signed_message(code: str, name: str, course: str, course_date: date) -> bytes:
    """The exact bytes the device key signs: code, name, course and date, unambiguous."""
    fields = [SIGNATURE_SCHEME, code.replace("-", ""), name, course, course_date.isoformat()]
    if any("\n" in field for field in fields):
        raise ValueError("certificate fields cannot contain line breaks")
    return "\n".join(fields).encode("utf-8")


@dataclass(frozen=True)
class Certificate:
    """A certificate as issued: everything printed on it, and the signature."""

    code: str
    attendee_id: str
    session_id: str
    name: str
    course: str  # title and version, as signed, e.g. "Victim Champion training 2026.1"
    course_date: date
    venue: str
    district: str
    trainers: tuple[str, ...]
    issued_at: datetime
    key_id: str
    signature: bytes

    def message(self) -> bytes:
        """What the signature covers."""
        return signed_message(self.code, self.name, self.course, self.course_date)

    def verify_url(self, verify_base: str, signature_text: str) -> str:
        """The address the QR code carries: the hub's verify page plus the signed fields."""
        query = urlencode(
            {
                "n": self.name,
                "c": self.course,
                "d": self.course_date.isoformat(),
                "k": self.key_id,
                "s": signature_text,
            }
        )
        return f"{verify_base.rstrip('/')}/{format_code(self.code)}?{query}"


# The address tests and samples print in the QR code; ".example" is reserved (RFC 2606),
# so it can never reach a real site. A laptop prints the hub's address once enrolled, and
# no QR code at all before.
EXAMPLE_VERIFY_BASE = "https://hub.example/verify"


def public_address_ok(address: str) -> bool:
    """An address printed for the public: https, or plain http on this machine (tests);
    "" means none given."""
    if address == "":
        return True
    if len(address) > 200 or any(c.isspace() for c in address):
        return False
    local = address.startswith(("http://127.0.0.1", "http://localhost"))
    return address.startswith("https://") or local
