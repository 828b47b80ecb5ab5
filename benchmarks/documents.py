"""Documents: 30 certificates in one PDF, and each handout. Run: python -m benchmarks.documents

The baseline is a 30-page reportlab PDF of plain text in the same embedded font, built in
the same run, so the ratio shows what the certificate design and QR codes cost.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from benchmarks.figures import Figure, median_seconds, print_table
from victim_champion.content.directory_loader import load_needs, shipped_directory
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.certificates import (
    EXAMPLE_VERIFY_BASE,
    Certificate,
    new_verification_code,
)
from victim_champion.core.directory import grouped_by_need
from victim_champion.core.identifiers import new_id
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.fonts import REGULAR, register_fonts
from victim_champion.documents.rights_handout import build_rights_handout


def thirty_certificates() -> list[Certificate]:
    return [
        Certificate(
            new_verification_code(),
            new_id(),
            new_id(),
            f"Learner Example {i}",
            "Victim Champion training 2026.1",
            date(2026, 12, 3),
            "Village Hall",
            "Thanet",
            ("Trainer One",),
            datetime.now(UTC),
            "0123456789abcdef",
            bytes(64),
        )
        for i in range(30)
    ]


def plain_pages(count: int) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, initialFontName=REGULAR)
    for i in range(count):
        canvas.setFont(REGULAR, 14)
        canvas.drawString(100, 700, f"Page {i}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def figures() -> list[Figure]:
    register_fonts()
    certificates = thirty_certificates()
    code = load_victims_code()
    shipped = shipped_directory()
    groups = grouped_by_need(shipped.services, load_needs(), "thanet")
    baseline = median_seconds(lambda: plain_pages(30), repeats=5)
    measured = [
        Figure(
            "30 certificates in one PDF",
            median_seconds(
                lambda: build_certificates(certificates, EXAMPLE_VERIFY_BASE), repeats=3
            ),
            "s",
            "<= 1.5 s",
            baseline,
            "30 plain pages",
        ),
    ]
    for large in (False, True):
        suffix = " (large print)" if large else ""

        def rights(large: bool = large) -> bytes:
            return build_rights_handout(code, shipped, large_print=large, discreet=False)

        def directory(large: bool = large) -> bytes:
            return build_directory_handout(
                groups,
                shipped,
                district_name="Thanet",
                sample=True,
                large_print=large,
                discreet=False,
            )

        measured.append(
            Figure(f"rights handout{suffix}", median_seconds(rights, repeats=5), "s", "<= 0.3 s")
        )
        measured.append(
            Figure(
                f"directory handout, Thanet{suffix}",
                median_seconds(directory, repeats=5),
                "s",
                "<= 0.3 s",
            )
        )
    return measured


def main() -> None:
    print_table("Documents (benchmarks/documents.py)", figures())


if __name__ == "__main__":
    main()
