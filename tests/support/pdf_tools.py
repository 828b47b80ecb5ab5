"""Reading real PDFs back with poppler (pdftotext, pdffonts, pdftoppm) and zbarimg."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.tools import require_tool


def poppler(tool: str, pdf: bytes, tmp_path: Path, *arguments: str) -> str:
    """Run one poppler tool on the PDF, written to the test's folder; its stdout. Arguments
    go before the file; pdftotext's output goes to stdout ("-")."""
    path = tmp_path / f"{tool}.pdf"
    path.write_bytes(pdf)
    tail = [str(path), "-"] if tool == "pdftotext" else [str(path)]
    return subprocess.run(
        [require_tool(tool, "poppler-utils"), *arguments, *tail],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_text(
    pdf: bytes,
    tmp_path: Path,
    *,
    first: int | None = None,
    last: int | None = None,
    layout: bool = True,
) -> str:
    """The text poppler extracts (optionally a page range); without ``layout``, in drawing
    order, so columns never interleave."""
    pages = []
    if first:
        pages += ["-f", str(first)]
    if last:
        pages += ["-l", str(last)]
    return poppler("pdftotext", pdf, tmp_path, *pages, *(["-layout"] if layout else []))


def flowing_text(pdf: bytes, tmp_path: Path) -> str:
    """The text in drawing order, with one space between words."""
    return " ".join(pdf_text(pdf, tmp_path, layout=False).split())


def pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text (pdftotext separates pages with form feeds)."""
    return pdf_text(pdf, tmp_path).split("\f")[:-1]


def pdf_info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    """pdfinfo's fields: Pages, Title, Author, Subject, Keywords and the rest."""
    out = poppler("pdfinfo", pdf, tmp_path)
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF references."""
    out = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    fonts = []
    for line in out:
        parts = line.split()
        # columns: name type [type2] encoding emb sub uni object ID
        emb = parts[-5]
        fonts.append((parts[0], emb == "yes"))
    return fonts


def qr_codes(pdf: bytes, tmp_path: Path, page: int) -> list[str]:
    """Every QR code zbarimg finds on one page rendered at 200 dpi."""
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            require_tool("pdftoppm", "poppler-utils"),
            "-r",
            "200",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    result = subprocess.run(
        [
            require_tool("zbarimg", "zbar-tools"),
            "--quiet",
            "--raw",
            "-Sqrcode.enable",
            f"{prefix}.png",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line]


@dataclass(frozen=True)
class Word:
    """One word pdftotext found, with its page (from 1) and box in points."""

    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words_on_pages(pdf: bytes, tmp_path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Each page's (width, height) and every word's box (pages from 1), from
    pdftotext -bbox."""
    html = poppler("pdftotext", pdf, tmp_path, "-bbox")
    pages: list[tuple[float, float]] = []
    words: list[Word] = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        pages.append((float(page[1]), float(page[2])))
        for word in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page[3],
        ):
            box = [float(word[i]) for i in range(1, 5)]
            words.append(Word(len(pages), word[5], *box))
    return pages, words


def words_off_the_page(
    pages: list[tuple[float, float]], words: list[Word], edge: float, foot: float
) -> list[Word]:
    """Words outside a page's margins: ``edge`` points on each side and at the top, ``foot``
    at the bottom (half a point of slack for rounding)."""
    outside = []
    for word in words:
        width, height = pages[word.page - 1]
        inside = (
            word.x_min >= edge - 0.5
            and word.x_max <= width - edge + 0.5
            and word.y_min >= edge - 0.5
            and word.y_max <= height - foot
        )
        if not inside:
            outside.append(word)
    return outside


def overprinted(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words on the same page whose boxes overlap by more than a point each way."""
    clashes = []
    ordered = sorted(words, key=lambda w: (w.page, w.y_min))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.page != first.page or second.y_min >= first.y_max - 1:
                break
            across = min(first.x_max, second.x_max) - max(first.x_min, second.x_min)
            down = min(first.y_max, second.y_max) - max(first.y_min, second.y_min)
            if across > 1 and down > 1:
                clashes.append((first.text, second.text))
    return clashes
