"""Handlers for ``print certificates`` and ``print handout``: PDFs written only to --out."""

from __future__ import annotations

import argparse
from pathlib import Path

from victim_champion.cli.context import CommandContext, progress
from victim_champion.content.course_loader import load_course
from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.certificates import UNENROLLED_VERIFY_BASE
from victim_champion.core.directory import grouped_by_need
from victim_champion.core.errors import InvalidInputError
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.rights_handout import build_rights_handout
from victim_champion.store.atomic_file import write_atomically
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer


def _save(path: str, pdf: bytes) -> Path:
    """Write the PDF where the user asked, whole or not at all."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise InvalidInputError(f"The folder {target.parent} does not exist; create it first.")
    try:
        write_atomically(target, pdf, mode=0o644)
    except OSError:  # a full disk raises DiskFullError, which passes through as it is
        raise InvalidInputError(
            f"Could not write {target.name}; check that the folder is writable."
        ) from None
    return target


def print_certificates(context: CommandContext, options: argparse.Namespace) -> int:
    """One page per attendee who completed; each certificate is recorded and audited."""
    course = load_course()
    names = {d.id: d.name for d in load_districts().districts}
    with context.open_store() as store:
        certificates = CertificateIssuer(store).issue_for_session(
            options.session_id, course.signed_name, names
        )
    pdf = build_certificates(certificates, UNENROLLED_VERIFY_BASE)
    target = _save(options.out, pdf)
    progress(f"Wrote {len(certificates)} certificates to {target}.")
    context.emit(
        {"pages": len(certificates), "out": str(target), "codes": [c.code for c in certificates]},
        "",
    )
    return 0


def print_handout(context: CommandContext, options: argparse.Namespace) -> int:
    """Public handouts (no personal data, so no passphrase is needed)."""
    if options.kind == "rights":
        pdf = build_rights_handout(
            load_victims_code(), large_print=options.large_print, discreet=options.discreet
        )
    else:
        if not options.district:
            raise InvalidInputError("Say which district with --district, for example Thanet.")
        district = load_districts().resolve(options.district)
        groups = grouped_by_need(load_directory(), load_needs(), district.id)
        pdf = build_directory_handout(
            groups,
            district_name=district.name,
            sample=any(not s.is_verified for _, services in groups for s in services),
            large_print=options.large_print,
            discreet=options.discreet,
        )
    target = _save(options.out, pdf)
    progress(f"Wrote the {options.kind} handout to {target}.")
    context.emit({"out": str(target)}, "")
    return 0
