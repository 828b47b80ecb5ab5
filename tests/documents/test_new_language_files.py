"""Adding a language, counted on a real example: how many files it takes.

A copy of resources/ gets the local-use language "qaa" (ISO 639 reserves qaa-qtz for
local use, so no real language is invented): its catalogue, translations/qaa.po (here the
English one copied: the catalogue is a translator's work), and its content,
translations/content/qaa.po, made from the template (content/content_template.py) with
every msgstr filled in. Nothing else changes. Every handout, sheet and certificate then
prints in qaa with the content's words, and none is refused for a missing text, so the
template holds all the content a page prints. A Latin-script language takes these two
files; another script needs a font that has it too (documents/script_fonts.py).
"""

from __future__ import annotations

import filecmp
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.documents.test_printed_documents import issued
from tests.support.pdf_tools import flowing_text
from victim_champion.content.content_template import template_entries, template_po
from victim_champion.content.language_content import content_for, unchanged_parts
from victim_champion.content.po_file import parse_po
from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE
from victim_champion.core.errors import ResourceError
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.operations import printing
from victim_champion.operations.printing import HandoutKind, HandoutOptions
from victim_champion.store.profile import Profile

LOCAL = "qaa"


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "resources"
    shutil.copytree(REPO / "resources", copy)
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    content_for.cache_clear()
    yield copy
    content_for.cache_clear()


def _translated(entries: dict[str, tuple[str, ...]], drop: str = "") -> str:
    """A .po file translating each template entry as 'QAA', its number, and what it must
    print as it is (its numbers, addresses and kept names), but for ``drop``."""
    lines = ['msgid ""', 'msgstr "Language: qaa\\n"', ""]
    for number, (english, kept) in enumerate(entries.items(), 1):
        same = [part for part in unchanged_parts(english, kept) if part != drop]
        text = " ".join([f"QAA {number}", *same])
        lines += [f"msgid {json.dumps(english, ensure_ascii=False)}", f"msgstr {json.dumps(text)}"]
    return "\n".join(lines) + "\n"


def added_files(copy: Path) -> list[str]:
    """The files in the copy that are new or changed against resources/."""
    found = []
    for path in sorted(p for p in copy.rglob("*") if p.is_file()):
        original = REPO / "resources" / path.relative_to(copy)
        if not original.is_file() or not filecmp.cmp(path, original, shallow=False):
            found.append(path.relative_to(copy).as_posix())
    return found


def test_a_language_is_two_files_and_every_page_prints_in_it(
    resources: Path, profile: Profile, tmp_path: Path
) -> None:
    folder = resources / "translations"
    shutil.copy(folder / "en-GB.po", folder / f"{LOCAL}.po")
    (folder / "content").mkdir()
    content = _translated(template_entries())
    (folder / "content" / f"{LOCAL}.po").write_text(content, encoding="utf-8")
    added = [f"translations/content/{LOCAL}.po", f"translations/{LOCAL}.po"]
    assert added_files(resources) == added
    assert len(parse_po(content)) - 1 == len(template_entries())

    pages: dict[str, bytes] = {}
    for large, discreet in ((False, False), (True, True)):
        options = HandoutOptions("thanet", large, discreet, LOCAL)
        pages[f"rights {large} {discreet}"] = printing.print_handout(HandoutKind.RIGHTS, options)
        pages[f"directory {large} {discreet}"] = printing.print_handout(
            HandoutKind.DIRECTORY, options
        )
        pages[f"sheet {discreet}"] = printing.print_signposting_sheet(
            "thanet",
            ["domestic-abuse", "stalking", "sexual-violence"],
            ["victim-support-kent", "davss"],
            options=HandoutOptions(discreet=discreet, language=LOCAL),
            route_ids=("national-helpline",) if discreet else (),
            groups=("lgbt",),
        )
    pages["next steps"] = printing.print_next_steps(LOCAL)
    certificates, _ = issued(profile)
    pages["certificates"] = build_certificates(certificates, EXAMPLE_VERIFY_BASE, language=LOCAL)
    for name, pdf in pages.items():
        text = flowing_text(pdf, tmp_path)
        assert "QAA " in text, name  # the content's own words, from the new file
        assert f"/Lang ({LOCAL})".encode() in pdf, name
    rights = flowing_text(pages["rights False False"], tmp_path)
    assert "To understand and be understood" not in rights
    assert "08 08 16 89 111" in rights  # a number is never translated away


def test_the_template_asks_for_every_number_and_name_to_stay() -> None:
    template = template_po()
    assert '#. Print as they are: Relay UK; 101; 18001 101\nmsgid "101; by Relay' in template
    assert 'msgid "0808 2000 247"' not in template  # nothing to translate in a number


def test_a_translation_that_loses_a_number_is_refused(resources: Path) -> None:
    folder = resources / "translations"
    shutil.copy(folder / "en-GB.po", folder / f"{LOCAL}.po")
    (folder / "content").mkdir()
    lost = _translated(template_entries(), drop="08 08 16 89 111")
    (folder / "content" / f"{LOCAL}.po").write_text(lost, encoding="utf-8")
    with pytest.raises(ResourceError, match="leaves out '08 08 16 89 111'"):
        printing.print_handout(HandoutKind.RIGHTS, HandoutOptions(language=LOCAL))
