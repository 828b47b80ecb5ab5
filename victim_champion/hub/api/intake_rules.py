"""What every pushed record is checked against (check_payload): its exact shape, the
hub's column limits, the services a laptop may name, and the pushing device's own key,
which must have signed its certificates.

The service ids are the shipped directory's and those of every directory the hub has
published since: a laptop still on an older directory may name a service that a newer
one dropped, and its record must still be taken.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Connection, Engine, select

from victim_champion.content.directory_loader import load_directory
from victim_champion.core.certificates import key_id_for, signature_from_text, signed_message
from victim_champion.core.plain_text import text_problem
from victim_champion.core.wire_records import (
    CertificateRecord,
    EnvelopePayload,
    ReferralRecord,
    SignpostingWireRecord,
    WireRecord,
    WireRecordError,
)
from victim_champion.hub.storage.tables import bundles, devices
from victim_champion.sync.shared.protocol import Envelope
from victim_champion.sync.shared.signatures import verify

DIRECTORY_BUNDLE = "directory"  # the bundle kind hub/api/bundles.py publishes directories as
# Text limits of the hub's columns, checked before writing so both databases agree.
CERTIFICATE_LIMITS = {"code": 12, "name": 200, "course": 200, "key_id": 32, "signature": 200}
ID_LIMIT = 64
SEALED_LIMIT = 4000  # a name, a phone number and an email, sealed
LINE_FIELDS = frozenset({"comment"})  # free text that may run over several lines


@dataclass(eq=False)
class IntakeRules:
    """What a push is checked against besides shape: the services any directory names,
    and the pushing device's public key (its certificates must be signed with it).

    The services are read, in the push's transaction, only when a record names one: a
    register or a certificate names none, and the read was one more round trip to the
    database in every sync round of a training laptop."""

    connection: Connection
    device_key: bytes

    @cached_property
    def services(self) -> frozenset[str]:
        return known_service_ids(self.connection)


def rules_for(connection: Connection, device_id: str, key: bytes | None = None) -> IntakeRules:
    """The rules a push by this device is checked against, read in its transaction
    (the device's key only if not given: a sync round has just read it)."""
    if key is None:
        key = device_key(connection, device_id)
    return IntakeRules(connection, key)


def device_key(connection: Connection, device_id: str) -> bytes:
    """The pushing device's public key (empty if unknown: nothing then verifies)."""
    key = connection.execute(
        select(devices.c.public_key).where(devices.c.device_id == device_id)
    ).scalar_one_or_none()
    return bytes(key) if key is not None else b""


def signed_by_the_device(record: CertificateRecord, device_key: bytes) -> None:
    """A certificate must carry this device's key id and a signature by that key over its
    code, name, course and date: a laptop cannot vouch for another's certificate."""
    if record.key_id != key_id_for(device_key):
        raise WireRecordError("the certificate names another device's key", "key_id")
    try:
        signature = signature_from_text(record.signature)
        message = signed_message(record.code, record.name, record.course, record.course_date)
    except ValueError:
        raise WireRecordError("the certificate's signature is not readable", "signature") from None
    if not verify(device_key, signature, message):
        raise WireRecordError(
            "the certificate's signature does not match its code, name, course and date",
            "signature",
        )


def known_services(record: object, rules: IntakeRules) -> None:
    """Refuse a record that names a service no directory has."""
    named = (
        (record.service_id,)
        if isinstance(record, ReferralRecord)
        else record.services
        if isinstance(record, SignpostingWireRecord)
        else ()
    )
    for service_id in named:
        if service_id not in rules.services:
            # An unknown id would print as a raw id in partners' reports, or hide a typo.
            raise WireRecordError("the service id is not in any directory the hub has", "service")


# Per database, a published bundle's service ids by its row id and version.
_published: weakref.WeakKeyDictionary[Engine, dict[tuple[int, str], frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def known_service_ids(connection: Connection) -> frozenset[str]:
    """Every service id a laptop could have been given.

    A published bundle never changes, so each process reads and parses one only once:
    every push used to fetch and parse every directory ever published."""
    known = {service.id for service in load_directory()}
    seen = _published.setdefault(connection.engine, {})
    rows = connection.execute(
        select(bundles.c.id, bundles.c.version).where(bundles.c.kind == DIRECTORY_BUNDLE)
    )
    published = [(int(row_id), str(version)) for row_id, version in rows]
    unseen = [row_id for row_id, version in published if (row_id, version) not in seen]
    if unseen:
        for row_id, version, content in connection.execute(
            select(bundles.c.id, bundles.c.version, bundles.c.content).where(
                bundles.c.id.in_(unseen)
            )
        ):
            seen[(int(row_id), str(version))] = frozenset(_ids_in(content))
    for key in published:
        known |= seen.get(key, frozenset())
    return frozenset(known)


def _ids_in(content: str) -> set[str]:
    """The service ids in a published directory bundle ({kind, version, files})."""
    try:
        files = json.loads(content).get("files", {})
        ids: set[str] = set()
        for text in files.values():
            services = json.loads(text).get("services", [])
            ids |= {str(s["id"]) for s in services if isinstance(s, dict) and "id" in s}
        return ids
    except (ValueError, AttributeError, TypeError):
        return set()  # a bundle the hub signed was checked when published


def _within(value: str, limit: int, what: str, key: str) -> None:
    if not value or len(value) > limit:
        raise WireRecordError(f"{what}'s {key} must be text of 1 to {limit} characters", key)


@dataclass(frozen=True)
class CheckedPayload:
    """A pushed payload as the hub keeps it: the records that passed, and one reason for
    each record refused alone ("record 2: ..."); the envelope around them is kept."""

    payload: EnvelopePayload
    refused: tuple[str, ...] = ()


def unsafe_text(value: object, what: str, key: str = "") -> str | None:
    """The first text in a record (nested objects and lists too) that is not text
    (core.plain_text), as a reason naming the field and the character, never its value.
    Only a feedback comment may hold tabs and line breaks."""
    if isinstance(value, str):
        return text_problem(value, f"{what}'s {key or 'text'}", lines=key in LINE_FIELDS)
    items: list[tuple[object, object]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list | tuple):
        items = [(key, item) for item in value]
    for name, item in items:
        problem = unsafe_text(item, what, str(name))
        if problem is not None:
            return problem
    return None


def check_record(record: WireRecord, rules: IntakeRules | None) -> None:
    """One record within the hub's column limits, holding only text; when ``rules`` are
    given, naming only services the hub knows, a certificate signed by the pushing
    device's own key. WireRecordError names the field."""
    problem = unsafe_text(record.fields_to_wire(), record.what)
    if problem is not None:
        raise WireRecordError(problem)
    if isinstance(record, CertificateRecord):
        for key, limit in CERTIFICATE_LIMITS.items():
            _within(getattr(record, key), limit, record.what, key)
    elif isinstance(record, ReferralRecord):
        _within(record.id, ID_LIMIT, record.what, "id")
        _within(record.service_id, ID_LIMIT, record.what, "service_id")
        if record.sealed_contact is not None:
            _within(record.sealed_contact, SEALED_LIMIT, record.what, "sealed_contact")
    if rules is not None:
        known_services(record, rules)
        if isinstance(record, CertificateRecord):
            signed_by_the_device(record, rules.device_key)


def check_payload(envelope: Envelope, rules: IntakeRules | None = None) -> CheckedPayload:
    """Every record in its exact shape for the envelope's kind (an unknown kind, or a
    missing, extra or mistyped field, refuses the envelope: the laptop that sent it is
    not ours or is broken). Then each record on its own (check_record), the same on
    SQLite and PostgreSQL: one that fails is refused alone, with its reason, and the
    others are kept. If no record is left, the envelope is refused with the reasons."""
    payload = EnvelopePayload.from_wire(envelope.kind, envelope.payload)
    audit_problem = unsafe_text([event.to_wire() for event in payload.audit], "an audit event")
    if audit_problem is not None:
        raise WireRecordError(audit_problem)
    kept: list[WireRecord] = []
    refused: list[str] = []
    for index, record in enumerate(payload.records, start=1):
        try:
            check_record(record, rules)
            kept.append(record)
        except WireRecordError as error:
            if len(payload.records) == 1:
                raise  # the envelope is that one record: its reason as it is
            refused.append(f"record {index}: {error}")
    if refused and not kept:
        raise WireRecordError("; ".join(refused))
    return CheckedPayload(EnvelopePayload(tuple(kept), payload.audit), tuple(refused))
