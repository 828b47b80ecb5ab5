"""Content keyed by language (content/language_content.py, content/localised_content.py).

A pseudo-language's content is the catalogue's transform of the English, with addresses,
digits and kept names as they are. A language's content can arrive in a signed course
bundle (translations/<tag>.po): the hub checks it before it signs (read_bundle), the
laptop adopts it with the course and prints it, and drops it with the course. A wrong
file is refused with its path and line, and a text with no translation is one sentence,
never English among the other language. "qaa" is a tag ISO 639 reserves for local use:
no real language is translated here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from victim_champion.content.course_loader import shipped_course_files
from victim_champion.content.course_on_laptop import (
    adopt_course,
    code_in_use,
    course_bundle_refusal,
    forget_adopted_course,
)
from victim_champion.content.directory_loader import shipped_directory
from victim_champion.content.language_content import (
    content_for,
    pseudo_content,
    unchanged_parts,
)
from victim_champion.content.localised_content import localised_code, localised_directory
from victim_champion.content.message_catalogue import PSEUDO_LANGUAGE, pseudo_text
from victim_champion.core.errors import InvalidInputError, ResourceError
from victim_champion.hub.api.bundles import BundleError, read_bundle

LOCAL = "qaa"


@pytest.fixture(autouse=True)
def _shipped_course_afterwards() -> Iterator[None]:
    yield
    forget_adopted_course()


def test_a_pseudo_language_keeps_numbers_addresses_and_kept_names() -> None:
    english = 'Call 0808 2000 247, write to help@galop.org.uk, or text "yes" via www.a-b.org.uk.'
    made = pseudo_content(english, PSEUDO_LANGUAGE, ['"yes"'])
    for kept in ("0808 2000 247", "help@galop.org.uk", '"yes"', "www.a-b.org.uk"):
        assert kept in made
    assert "Call" not in made and "write" not in made and "text" not in made
    # The catalogue's own transform, with the kept parts put back.
    assert made.startswith(pseudo_text("Call", PSEUDO_LANGUAGE)[:-4])
    assert pseudo_content("0808 801 0327", PSEUDO_LANGUAGE) == "0808 801 0327"
    assert pseudo_content("www.999bsl.co.uk", PSEUDO_LANGUAGE) == "www.999bsl.co.uk"


def test_every_route_keeps_its_numbers_and_addresses_in_the_pseudo_language() -> None:
    english = shipped_directory()
    pseudo = localised_directory(english, PSEUDO_LANGUAGE)
    assert localised_directory(english, "en-GB") is english  # English is the source
    for before, after in zip(english.routes, pseudo.routes, strict=True):
        for old, new in ((before.contact, after.contact), (before.name, after.name)):
            assert [c for c in old if c.isdigit()] == [c for c in new if c.isdigit()]
        for kept in before.kept:
            assert kept in f"{after.name} {after.contact} {after.hours} {after.discreet_name}"
    supportline = next(r for r in pseudo.routes if r.id == "supportline")
    assert supportline.name == "Victim Support Supportline"
    assert "www.victimsupport.org.uk" in supportline.contact
    assert "live chat" not in supportline.contact


def _translation(texts: dict[str, str]) -> str:
    entries = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in texts.items())
    return 'msgid ""\nmsgstr "Language: qaa\\n"\n\n' + entries


def _bundle_folder(tmp_path: Path, translation: str) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(REPO / "resources" / "course", folder)
    (folder / "translations").mkdir()
    (folder / "translations" / f"{LOCAL}.po").write_text(translation, encoding="utf-8")
    return folder


def _code_texts() -> list[str]:
    code = code_in_use()
    texts = [code.title, code.not_reported_note, code.complaints]
    for right in code.rights:
        texts += [right.title, right.summary, right.discreet_title, right.discreet_summary]
    return list(dict.fromkeys(t for t in texts if t))


def _qaa(english: list[str]) -> dict[str, str]:
    """'QAA', a number, and what the English has that every language keeps (its digits)."""
    return {
        text: " ".join([f"QAA {number}", *unchanged_parts(text)])
        for number, text in enumerate(english)
    }


def test_a_signed_course_bundle_brings_a_languages_content(tmp_path: Path) -> None:
    texts = _qaa(_code_texts())
    first = code_in_use().rights[0]
    bundle = read_bundle("course", _bundle_folder(tmp_path, _translation(texts)))
    assert f"translations/{LOCAL}.po" in bundle["files"]  # the hub signs it with the course
    with pytest.raises(InvalidInputError):
        content_for(LOCAL)  # before: no such language here
    _, problem = adopt_course(bundle["files"])
    assert problem is None
    code = localised_code(code_in_use(), LOCAL)
    assert code.rights[0].title == texts[first.title]
    assert code.complaints == texts[code_in_use().complaints]
    assert content_for(LOCAL).text(f"  {first.summary}\n") == texts[first.summary]
    forget_adopted_course()
    with pytest.raises(InvalidInputError):
        content_for(LOCAL)  # gone with the course


def test_a_text_with_no_translation_is_one_sentence_never_english(tmp_path: Path) -> None:
    texts = _qaa(_code_texts())
    missing = code_in_use().rights[1].title
    del texts[missing]
    bundle = read_bundle("course", _bundle_folder(tmp_path, _translation(texts)))
    assert adopt_course(bundle["files"])[1] is None
    with pytest.raises(ResourceError, match=f"has no translation of '{missing}'"):
        localised_code(code_in_use(), LOCAL)


def test_a_wrong_translation_file_is_refused_by_the_hub_and_the_laptop(tmp_path: Path) -> None:
    broken = _bundle_folder(tmp_path, 'msgid "To complain"\nmsgstr\n')
    with pytest.raises(BundleError, match=f"translations/{LOCAL}.po"):
        read_bundle("course", broken)
    files = {**shipped_course_files(), f"translations/{LOCAL}.po": 'msgid "x"\nmsgstr ""\n'}
    assert "empty translation" in str(course_bundle_refusal(files))
    english = {**shipped_course_files(), "translations/en-GB.po": _translation({})}
    assert "never for en-GB" in str(course_bundle_refusal(english))
    stray = {**shipped_course_files(), "translations/notes.txt": "hello"}
    assert "translations/<language>.po" in str(course_bundle_refusal(stray))
    _, problem = adopt_course(files)
    assert problem is not None and code_in_use() is not None
    with pytest.raises(InvalidInputError):
        content_for(LOCAL)
