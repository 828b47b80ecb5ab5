"""Certificates of completion: one A4 landscape page each, with a signed QR code.

Each line is shrunk to fit the page's width, so a longer language still gives one page
per person; the name, venue and trainers are data, the course's name is content (in the
certificate's language from content/localised_content.py), every other word comes from
the message catalogue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from victim_champion.content.localised_content import localised_course_title
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.certificates import Certificate, format_code, signature_text
from victim_champion.documents.body_fonts import require_printable_language
from victim_champion.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from victim_champion.documents.house_style import INK, MUTED, NAVY, PALE
from victim_champion.documents.script_fonts import (
    draw_centred,
    draw_line,
    line_width,
    require_printable,
    split_lines,
)

PAGE = landscape(A4)
QR_SIZE = 42 * mm
NOTE_WIDTH = 105 * mm  # the English note breaks after "to check", as it always has


RULE_WIDTH = 180 * mm  # the line under the name
_VERSION = re.compile(r"\s+v?(\d{4}\.\d+)\s*$")


class BuildCancelled(Exception):  # noqa: N818  a signal to stop, not a failure
    """The person cancelled a batch before it finished."""


def _fit(text: str, font: str, size: float, width: float, smallest: float = 12) -> float:
    """The largest size up to ``size`` (and not under ``smallest``) at which ``text`` fits,
    set with its fallback fonts."""
    while size > smallest and line_width(text, font, size) > width:
        size -= 0.5
    return size


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float, room: float = 0) -> None:
    """One line across the middle of the page, shrunk to fit inside the border (or inside
    ``room``, such as the rule under the name); names, venues and trainers in any script."""
    width = PAGE[0]
    fit = _fit(text, font, size, room or width - 70 * mm, smallest=min(size, 9))
    draw_centred(canvas, width / 2, y, text, font, fit)


def course_title(course: str) -> tuple[str, str]:
    """The course's name for the big line, and its version for the small print:
    "Victim Champion training 2026.1" is ("Victim Champion training", "2026.1")."""
    found = _VERSION.search(course)
    if found is None:
        return course, ""
    return course[: found.start()].rstrip(" -·"), found.group(1)


def _names(names: tuple[str, ...], words: Messages) -> str:
    if len(names) == 1:
        return words.text("certificate.trainers", names=names[0])
    listed = f"{', '.join(names[:-1])} {words.text('certificate.and')} {names[-1]}"
    return words.text("certificate.trainers_many", names=listed)


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


def _page(
    canvas: Canvas, certificate: Certificate, verify_base: str | None, words: Messages
) -> None:
    width, height = PAGE
    canvas.setFillColor(PALE)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setFillColor("#ffffff")
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm, stroke=1, fill=1)
    canvas.setLineWidth(0.75)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm, stroke=1, fill=0)

    canvas.setFillColor(MUTED)
    _centred(canvas, words.text("certificate.programme"), REGULAR, 12, height - 32 * mm)
    canvas.setFillColor(NAVY)
    _centred(canvas, words.text("certificate.heading"), BOLD, 34, height - 50 * mm)
    canvas.setFillColor(INK)
    _centred(canvas, words.text("certificate.certify"), REGULAR, 15, height - 66 * mm)
    # A long name shrinks to sit on the rule beneath it, never past its ends; a word the
    # house font cannot draw is set (and shaped) in a bundled Noto or Droid font.
    _centred(canvas, certificate.name, BOLD, 34, height - 84 * mm, room=RULE_WIDTH)
    canvas.setStrokeColor(NAVY)
    centre = width / 2
    half = RULE_WIDTH / 2
    canvas.line(centre - half, height - 88 * mm, centre + half, height - 88 * mm)
    _centred(canvas, words.text("certificate.completed"), REGULAR, 15, height - 100 * mm)
    title, version = course_title(certificate.course)
    title = localised_course_title(title, words.language)  # the course's printed words
    _centred(canvas, title, BOLD, 18, height - 111 * mm)
    when_and_where = words.text(
        "certificate.when_and_where",
        date=words.long_date(certificate.course_date),
        venue=certificate.venue,
        district=certificate.district,
    )
    _centred(canvas, when_and_where, REGULAR, 13, height - 123 * mm)
    if certificate.trainers:
        _centred(canvas, _names(certificate.trainers, words), REGULAR, 13, height - 131 * mm)

    left = 26 * mm
    canvas.setFillColor(MUTED)
    draw_line(canvas, left, 44 * mm, words.text("certificate.code_label"), REGULAR, 11)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 22)
    canvas.drawString(left, 34 * mm, format_code(certificate.code))
    canvas.setFillColor(MUTED)
    # Two lines in English, as before; a longer language takes a third, set closer.
    how = "certificate.how_to_check" if verify_base else "certificate.how_to_check_by_number"
    note = words.text(how, key_id=certificate.key_id)
    if version:
        note = f"{note} {words.text('certificate.version', version=version)}"
    # Wider letters (Devanagari) would take a fourth line onto the border: set smaller.
    size = 10.0
    lines = split_lines(note, ITALIC, size, NOTE_WIDTH)
    while len(lines) > 3 and size > 7:
        size -= 0.5
        lines = split_lines(note, ITALIC, size, NOTE_WIDTH)
    top, step = (26 * mm, 5 * mm) if len(lines) <= 2 else (27 * mm, 4.5 * mm)
    for index, line in enumerate(lines):
        draw_line(canvas, left, top - index * step, line, ITALIC, size)
    if verify_base:  # before enrolment there is no address a code could be checked at
        url = certificate.verify_url(verify_base, signature_text(certificate.signature))
        _qr(canvas, url, width - 26 * mm - QR_SIZE, 19 * mm)


def build_certificates(
    certificates: Sequence[Certificate],
    verify_base: str | None,
    progress: Callable[[int, int], bool] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """One page per certificate, as PDF bytes built in memory.

    ``progress(done, total)`` is called after each page; returning False cancels the
    batch (BuildCancelled), so a quick exit never waits for 30 pages to finish.
    """
    register_fonts()
    require_printable([c.name for c in certificates], BOLD)
    words = messages(language)
    require_printable_language(words.language)  # refused before any page is made
    buffer = BytesIO()
    canvas = Canvas(
        buffer, pagesize=PAGE, initialFontName=REGULAR, initialFontSize=12, lang=words.language
    )
    canvas.setTitle(words.text("certificate.document_title"))
    canvas.setAuthor(words.text("handout.author"))
    canvas.setCreator("")
    total = len(certificates)
    for done, certificate in enumerate(certificates, start=1):
        _page(canvas, certificate, verify_base, words)
        canvas.showPage()
        if progress is not None and not progress(done, total):
            raise BuildCancelled()
    canvas.save()
    return buffer.getvalue()
