"""HTTP to the hub: signed requests out, signed answers in, nothing else believed.

Runs on whatever thread the caller uses (a worker thread in the app). Plain HTTP is
allowed only to this machine (tests and a hub behind a local TLS proxy); anything else
must be https.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from victim_champion.core.sync_errors import (
    AnswerNotForThisRequestError,
    CaFileError,
    ClockSkewError,
    ConnectionCutError,
    DeviceRevokedError,
    EnrolmentRefusedError,
    HubCertificateNotTrustedError,
    HubFaultError,
    HubNotTrustedError,
    HubSignatureError,
    HubUnreachableError,
    InsecureHubAddressError,
    NotKnownToHubError,
    RequestReplayedError,
    UpgradeRequiredError,
)
from victim_champion.sync.shared.binding import (
    REPLAYED_CODE,
    AnswerMismatchError,
    check_answer_binding,
    check_answer_time,
    is_wipe_order,
    new_nonce,
)
from victim_champion.sync.shared.protocol import (
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    PROTOCOL,
    ProtocolError,
    b64,
    canonical_json,
    unb64,
)
from victim_champion.sync.shared.signatures import check_signed_body, request_message, sign

TIMEOUT_SECONDS = 20.0
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """A signed, checked answer from the hub."""

    status: int
    body: dict[str, Any]
    bytes_sent: int
    bytes_received: int


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_context(ca_pem: str = "") -> ssl.SSLContext:
    """The system's trusted authorities, plus the extra ones given at enrolment."""
    context = ssl.create_default_context()
    if ca_pem:
        if "-----BEGIN CERTIFICATE-----" not in ca_pem:
            raise CaFileError()
        try:
            context.load_verify_locations(cadata=ca_pem)
        except (ssl.SSLError, ValueError):
            raise CaFileError() from None
    return context


class HubTransport:
    """Talks to one hub address as one device, trusting only the pinned hub key."""

    def __init__(
        self,
        hub_url: str,
        device_id: str,
        private_key: bytes,
        hub_public_key: bytes | None,
        clock: Callable[[], float] = time.time,
        ca_pem: str = "",
    ) -> None:
        parts = urlsplit(hub_url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InsecureHubAddressError("The hub address must look like https://hub.example")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise InsecureHubAddressError()
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._prefix = parts.path
        self._device_id = device_id
        self._private_key = private_key
        self.hub_public_key = hub_public_key
        self.bytes_sent = 0
        self.bytes_received = 0
        self._clock = clock
        self._connection: http.client.HTTPConnection | None = None
        self._tls = tls_context(ca_pem) if parts.scheme == "https" else None

    def _signed_headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        """Headers for one attempt: a fresh nonce and time, signed with the body."""
        stamp, nonce = int(self._clock()), new_nonce()
        message = request_message(method, path, stamp, nonce, body)
        return {
            "Content-Type": "application/json",
            "Accept": "application/json",
            HEADER_DEVICE: self._device_id,
            HEADER_TIMESTAMP: str(stamp),
            HEADER_NONCE: nonce,
            HEADER_SIGNATURE: b64(sign(self._private_key, message)),
        }

    def request(self, method: str, path: str, document: dict[str, Any] | None = None) -> Answer:
        """Send one signed request; return the checked answer or raise a typed error.

        Only the answer to this very request is believed: it must name this device, the
        request's nonce and a time near the laptop's own, else nothing in it is used."""
        body = canonical_json(document) if document is not None else b""
        full_path = self._prefix + path
        status, raw, headers = self._exchange(
            method, full_path, body, lambda: self._signed_headers(method, full_path, body)
        )
        sent_at = float(headers[HEADER_TIMESTAMP])
        self.bytes_received += len(raw)
        try:
            parsed = json.loads(raw)
        except ValueError:
            if raw.startswith(b'{"'):  # the start of one of our compact answers, cut short
                raise ConnectionCutError() from None
            raise HubNotTrustedError() from None  # a captive portal's page, a proxy's error
        if not isinstance(parsed, dict) or parsed.get("protocol") != PROTOCOL:
            raise HubNotTrustedError()  # JSON, but not the hub's: still someone else's page
        key = self.hub_public_key or _self_declared_key(parsed)
        try:
            checked = check_signed_body(parsed, key)
        except ProtocolError:
            raise HubSignatureError() from None
        try:
            check_answer_binding(checked, self._device_id, headers[HEADER_NONCE])
        except AnswerMismatchError as mismatch:
            raise AnswerNotForThisRequestError(str(mismatch)) from None
        if checked.get("code") == "clock_skew" and isinstance(checked.get("hub_time"), int):
            raise ClockSkewError(sent_at - checked["hub_time"])  # bound; its time is the point
        try:
            check_answer_time(checked, sent_at, self._clock())
        except AnswerMismatchError as mismatch:
            raise AnswerNotForThisRequestError(str(mismatch)) from None
        _raise_for_refusal(status, checked, self._device_id)
        return Answer(status, checked, len(body), len(raw))

    def _connect(self) -> http.client.HTTPConnection:
        if self._tls is not None:
            return http.client.HTTPSConnection(
                self._host, self._port, timeout=TIMEOUT_SECONDS, context=self._tls
            )
        return http.client.HTTPConnection(self._host, self._port, timeout=TIMEOUT_SECONDS)

    def _exchange(
        self, method: str, path: str, body: bytes, signed: Callable[[], dict[str, str]]
    ) -> tuple[int, bytes, dict[str, str]]:
        """One request on a kept-alive connection (one fresh retry, with a new nonce, if the
        hub had closed an idle one: every request is idempotent, so a repeat is safe).
        Returns the status, the answer and the headers that were sent."""
        for attempt in range(2):
            headers = signed()
            reused = self._connection is not None
            if self._connection is None:
                self._connection = self._connect()
            try:
                if self._connection.sock is None:
                    self._connection.connect()
            except ssl.SSLCertVerificationError:
                self.close()
                raise HubCertificateNotTrustedError() from None
            except OSError:
                self.close()
                raise HubUnreachableError() from None  # refused, no route, no name, timeout
            try:
                self._connection.request(method, path, body=body or None, headers=headers)
                response = self._connection.getresponse()
                raw = _read_body(response)
                if response.will_close:
                    self.close()
                self.bytes_sent += len(body) + sum(len(k) + len(v) for k, v in headers.items())
                return response.status, raw, headers
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or attempt:
                    raise ConnectionCutError() from None
            except (OSError, http.client.HTTPException):
                self.close()
                raise ConnectionCutError() from None
        raise ConnectionCutError()

    def close(self) -> None:
        """Drop the kept-alive connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _read_body(response: http.client.HTTPResponse) -> bytes:
    """The whole body, or ConnectionCutError if it stopped short of its stated length."""
    if response.length is not None:
        if response.length > MAX_RESPONSE_BYTES:
            raise HubNotTrustedError()  # no answer of ours is that large
        return response.read()  # raises IncompleteRead if cut off
    raw = response.read(MAX_RESPONSE_BYTES + 1)
    if len(raw) > MAX_RESPONSE_BYTES:
        raise HubNotTrustedError()
    return raw


def _raise_for_refusal(status: int, checked: dict[str, Any], device_id: str) -> None:
    """Turn a signed refusal, already bound to this request, into the error that says
    what it is. Only a wipe order that names this device is one."""
    if status == 403 and is_wipe_order(checked, device_id):
        raise DeviceRevokedError()
    if status == 426:
        raise UpgradeRequiredError()
    if status == 409 and checked.get("code") == REPLAYED_CODE:
        raise RequestReplayedError()
    if status == 401:
        raise NotKnownToHubError()
    if status == 500:
        raise HubFaultError(str(checked.get("reference", "unknown"))[:16])


def _self_declared_key(parsed: Any) -> bytes:
    """Only for enrolment: the hub presents the key it will sign with, and we pin it."""
    if isinstance(parsed, dict) and isinstance(parsed.get("hub_public_key"), str):
        try:
            return unb64(parsed["hub_public_key"], "hub_public_key")
        except ProtocolError:
            pass
    if (
        isinstance(parsed, dict)
        and parsed.get("protocol") == PROTOCOL
        and isinstance(parsed.get("error"), str)
    ):
        # A refusal before any key is pinned: shown to the person, trusted for nothing.
        raise EnrolmentRefusedError(parsed["error"][:200])
    raise HubNotTrustedError()
