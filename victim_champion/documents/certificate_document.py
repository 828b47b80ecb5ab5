"""Certificates of completion: one A4 landscape page each, with a signed QR code."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from victim_champion.core.certificates import Certificate, format_code, signature_text
from victim_champion.core.clock import long_date
from victim_champion.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from victim_champion.documents.house_style import INK, MUTED, NAVY, PALE

PAGE = landscape(A4)
TITLE = "Certificates of completion"
PROGRAMME = "Kent Police and Crime Commissioner \u00b7 Victim Champion programme"
QR_SIZE = 42 * mm


class BuildCancelled(Exception):  # noqa: N818  a signal to stop, not a failure
    """The person cancelled a batch before it finished."""


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits in ``width``."""
    while size > 12 and stringWidth(text, font, size) > width:
        size -= 1
    return size


def _qr(canvas: Canvas, value: str, x: float, y: float) -> None:
    """Draw the QR code as one filled path: ten times faster than reportlab's widget,
    and with no text object, so no font is referenced."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    # make() tries all eight masks and scores them, which is most of the time spent on a
    # certificate. Any mask is valid QR; mask 0 on a clean printed page scans fine.
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    count = code.getModuleCount()
    border = 4  # the quiet zone scanners need
    box = QR_SIZE / (count + 2 * border)
    path = canvas.beginPath()
    for row, modules in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in modules):
            length = len(list(run))
            if dark:
                top = y + QR_SIZE - (row + border + 1) * box
                path.rect(x + (column + border) * box, top, length * box, box)
            column += length
    canvas.saveState()
    canvas.setFillColor("#ffffff")
    canvas.rect(x, y, QR_SIZE, QR_SIZE, stroke=0, fill=1)
    canvas.setFillColor("#000000")
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _page(canvas: Canvas, certificate: Certificate, verify_base: str) -> None:
    width, height = PAGE
    centre = width / 2
    canvas.setFillColor(PALE)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setFillColor("#ffffff")
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm, stroke=1, fill=1)
    canvas.setLineWidth(0.75)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm, stroke=1, fill=0)

    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(centre, height - 32 * mm, PROGRAMME)
    canvas.setFillColor(NAVY)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(centre, height - 50 * mm, "Certificate of completion")
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 15)
    canvas.drawCentredString(centre, height - 66 * mm, "This is to certify that")
    size = _fit(certificate.name, BOLD, 34, width - 70 * mm)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(centre, height - 84 * mm, certificate.name)
    canvas.setStrokeColor(NAVY)
    canvas.line(centre - 90 * mm, height - 88 * mm, centre + 90 * mm, height - 88 * mm)
    canvas.setFont(REGULAR, 15)
    canvas.drawCentredString(centre, height - 100 * mm, "has completed")
    canvas.setFont(BOLD, 18)
    canvas.drawCentredString(centre, height - 111 * mm, certificate.course)
    canvas.setFont(REGULAR, 13)
    place = f"{certificate.venue}, {certificate.district}"
    when = long_date(certificate.course_date)
    canvas.drawCentredString(centre, height - 123 * mm, f"on {when} at {place}")
    if certificate.trainers:
        canvas.drawCentredString(
            centre, height - 131 * mm, "Trainer: " + ", ".join(certificate.trainers)
        )

    left = 26 * mm
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 11)
    canvas.drawString(left, 44 * mm, "Verification code")
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 22)
    canvas.drawString(left, 34 * mm, format_code(certificate.code))
    canvas.setFont(ITALIC, 10)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, 26 * mm, "Scan the code, or give the number to Compass House, to check")
    canvas.drawString(
        left, 21 * mm, f"this certificate. Signed by device key {certificate.key_id}."
    )
    url = certificate.verify_url(verify_base, signature_text(certificate.signature))
    _qr(canvas, url, width - 26 * mm - QR_SIZE, 19 * mm)


def build_certificates(
    certificates: Sequence[Certificate],
    verify_base: str,
    progress: Callable[[int, int], bool] | None = None,
) -> bytes:
    """One page per certificate, as PDF bytes built in memory.

    ``progress(done, total)`` is called after each page; returning False cancels the
    batch (BuildCancelled), so a quick exit never waits for 30 pages to finish.
    """
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(
        buffer, pagesize=PAGE, initialFontName=REGULAR, initialFontSize=12, lang="en-GB"
    )
    canvas.setTitle(TITLE)
    canvas.setAuthor("Office of the Kent Police and Crime Commissioner")
    canvas.setCreator("")
    total = len(certificates)
    for done, certificate in enumerate(certificates, start=1):
        _page(canvas, certificate, verify_base)
        canvas.showPage()
        if progress is not None and not progress(done, total):
            raise BuildCancelled()
    canvas.save()
    return buffer.getvalue()
