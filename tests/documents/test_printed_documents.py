"""The real PDFs, read back: fonts embedded, text present, sizes, QR codes and signatures."""

from __future__ import annotations

import base64
import io
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pdfplumber
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tests.conftest import PASSPHRASE
from tests.support.pdf_tools import pages_text, pdf_fonts, pdf_text, qr_codes
from victim_champion.content.directory_loader import load_directory, load_needs, shipped_directory
from victim_champion.content.message_catalogue import messages
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.certificates import (
    EXAMPLE_VERIFY_BASE,
    format_code,
    is_valid_code,
    new_verification_code,
    signed_message,
)
from victim_champion.core.directory import grouped_by_need
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.documents.certificate_document import BuildCancelled, build_certificates
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.rights_handout import build_rights_handout
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer
from victim_champion.store.repositories.record_repository import Records

NAMES = ["Zoë O'Brien", "Łukasz Example-Żółć", "Ada Demo-Marsh"]
SAMPLE_MARK = messages("en-GB").text("services.sample_mark")


def directory_pdf(*, large_print: bool = False, discreet: bool = False) -> bytes:
    groups = grouped_by_need(load_directory(), load_needs(), "thanet")
    return build_directory_handout(
        groups,
        shipped_directory(),
        district_name="Thanet",
        sample=True,
        large_print=large_print,
        discreet=discreet,
    )


def all_documents() -> dict[str, bytes]:
    code, directory = load_victims_code(), shipped_directory()
    return {
        "rights": build_rights_handout(code, directory, large_print=False, discreet=False),
        "rights large discreet": build_rights_handout(
            code, directory, large_print=True, discreet=True
        ),
        "directory": directory_pdf(),
        "directory large discreet": directory_pdf(large_print=True, discreet=True),
    }


def issued(profile: Profile) -> tuple[list, tuple[str, bytes]]:
    store = profile.open(PASSPHRASE)
    try:
        records = Records(store)
        session = records.create_session(
            Session(
                new_id(),
                SessionKind.TRAINING,
                "Basics",
                "St John's Hall",
                "thanet",
                date(2026, 12, 3),
                ("Trainer One",),
            )
        )
        ids = records.add_attendees(session.id, [AttendeeDetails(n) for n in NAMES])
        records.add_attendees(session.id, [AttendeeDetails("Not Finished")])
        records.complete(session.id, ids)
        issuer = CertificateIssuer(store)
        certificates = issuer.issue_for_session(
            session.id, "Victim Champion training 2026.1", {"thanet": "Thanet"}
        )
        again = issuer.issue_for_session(
            session.id, "Victim Champion training 2026.1", {"thanet": "Thanet"}
        )
        assert [c.code for c in again] == [c.code for c in certificates]  # reprint, same code
        return certificates, issuer.public_key()
    finally:
        store.close()


def test_every_font_in_every_document_is_embedded_and_none_is_base_14(
    tmp_path: Path, profile: Profile
) -> None:
    certificates, _ = issued(profile)
    documents = all_documents()
    documents["certificates"] = build_certificates(certificates, EXAMPLE_VERIFY_BASE)
    for name, pdf in documents.items():
        fonts = pdf_fonts(pdf, tmp_path)
        assert fonts, name
        assert all(embedded for _, embedded in fonts), f"{name}: {fonts}"
        assert all("Atkinson" in font for font, _ in fonts), f"{name}: {fonts}"


def test_the_rights_handout_carries_all_twelve_rights_and_the_not_reported_note(
    tmp_path: Path,
) -> None:
    code = load_victims_code()
    text = " ".join(pdf_text(all_documents()["rights"], tmp_path).split())
    for right in code.rights:
        assert right.title in text, right.title
        assert " ".join(right.summary.split()) in text
    assert "Rights 1 and 4 apply even if you have not reported" in text
    assert "Parliamentary and Health Service Ombudsman" in text


def test_large_print_body_text_is_at_least_16_points() -> None:
    for name, pdf in all_documents().items():
        if "large" not in name:
            continue
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            sizes = [round(c["size"], 1) for page in document.pages for c in page.chars]
        assert sizes and min(sizes) >= 16, (name, min(sizes))
    with pdfplumber.open(io.BytesIO(all_documents()["rights"])) as normal:
        assert min(round(c["size"], 1) for c in normal.pages[0].chars) < 16


def test_the_discreet_variant_never_says_victim_on_the_outside(tmp_path: Path) -> None:
    for name, pdf in all_documents().items():
        first_page = pdf_text(pdf, tmp_path, first=1, last=1).casefold()
        if "discreet" in name:
            assert "victim" not in first_page, name
            with pdfplumber.open(io.BytesIO(pdf)) as document:
                assert "victim" not in str(document.metadata).casefold()
        else:
            assert "victim" in first_page, name


def test_unverified_directory_entries_print_the_sample_mark(tmp_path: Path) -> None:
    text = pdf_text(directory_pdf(), tmp_path)
    entries = [
        s for _, group in grouped_by_need(load_directory(), load_needs(), "thanet") for s in group
    ]
    assert all(not s.is_verified for s in entries)
    assert text.count(SAMPLE_MARK) >= len(entries)
    assert "Restorative Justice Service" in text and "Thanet" in text
    assert "Choices domestic abuse service" not in text  # a Dartford-only service


def test_each_certificate_page_names_its_attendee_and_its_qr_code_verifies(
    tmp_path: Path, profile: Profile
) -> None:
    certificates, (key_id, public_key) = issued(profile)
    assert len(certificates) == 3  # not the attendee who has not finished
    pdf = build_certificates(certificates, EXAMPLE_VERIFY_BASE)
    pages = pages_text(pdf, tmp_path)
    assert len(pages) == 3
    verifier = Ed25519PublicKey.from_public_bytes(public_key)
    for number, (page, certificate) in enumerate(zip(pages, certificates, strict=True), 1):
        assert certificate.name in page
        assert format_code(certificate.code) in page and is_valid_code(certificate.code)
        [url] = qr_codes(pdf, tmp_path, number)
        parts = urlsplit(url)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert url.startswith(EXAMPLE_VERIFY_BASE)
        code = unquote(parts.path.rsplit("/", 1)[-1])
        assert query["n"] == certificate.name and query["k"] == key_id
        signature = base64.urlsafe_b64decode(query["s"] + "=" * (-len(query["s"]) % 4))
        message = signed_message(code, query["n"], query["c"], date.fromisoformat(query["d"]))
        verifier.verify(signature, message)  # raises if the signature is wrong
        forged = signed_message(code, query["n"] + "x", query["c"], date.fromisoformat(query["d"]))
        with pytest.raises(InvalidSignature):
            verifier.verify(signature, forged)


def test_a_batch_stops_when_cancelled(profile: Profile) -> None:
    certificates, _ = issued(profile)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 2

    with pytest.raises(BuildCancelled):
        build_certificates(certificates, EXAMPLE_VERIFY_BASE, progress)
    assert seen == [1, 2]


def test_the_signed_message_refuses_fields_that_could_be_confused() -> None:
    with pytest.raises(ValueError, match="line breaks"):
        signed_message("123456789012", "Ada\nExample", "Course", date(2026, 1, 1))


def test_verification_codes_catch_a_single_misread_digit() -> None:
    for _ in range(200):
        code = new_verification_code()
        assert is_valid_code(format_code(code))
        assert format_code(code).count("-") == 2 and len(code) == 12
        for position in range(12):
            wrong = code[:position] + str((int(code[position]) + 1) % 10) + code[position + 1 :]
            assert not is_valid_code(wrong)
