"""The message catalogue: .po files read with the standard library, English complete,
qps-ploc made from English with every field kept, and unknown languages refused."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from victim_champion.content.message_catalogue import (
    DEFAULT_LANGUAGE,
    PSEUDO_LANGUAGE,
    Messages,
    available_languages,
    messages,
    pseudo_text,
    resolve_language,
    translations_folder,
)
from victim_champion.content.po_file import compile_mo, parse_po
from victim_champion.core.errors import InvalidInputError, ResourceError

FIELD = re.compile(r"\{[^{}]*\}")
PLURAL_HEADER = 'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
PACKAGE = Path(__file__).resolve().parents[2] / "victim_champion"


def test_a_po_file_is_read_with_its_comments_continued_strings_and_escapes() -> None:
    entries = parse_po(
        '# a comment\nmsgid ""\nmsgstr "Language: cy\\n"\n\n'
        '#. for translators\nmsgid "greeting"\nmsgstr ""\n"Shwmae, "\n"{name}\\t\\"ok\\""\n'
    )
    assert entries == {"": "Language: cy\n", "greeting": 'Shwmae, {name}\t"ok"'}


@pytest.mark.parametrize(
    "broken",
    [
        'msgid "a"\nmsgstr "x"\nmsgid "a"\nmsgstr "y"\n',  # twice
        'msgid "a"\n',  # no msgstr
        'msgstr "x"\n',  # no msgid
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n',  # plural, with no Plural-Forms
        PLURAL_HEADER + 'msgid "a"\nmsgid_plural "a"\nmsgstr[0] "x"\n',  # one form of two
        PLURAL_HEADER + 'msgid "a"\nmsgid_plural "a"\nmsgstr[0] "x"\nmsgstr[2] "y"\n',
        PLURAL_HEADER + 'msgid "a"\nmsgid_plural "a"\nmsgstr "x"\nmsgstr[0] "y"\n',  # mixed
        'msgid "a"\nmsgstr[0] "x"\n',  # a form without msgid_plural
        'msgctxt "menu"\nmsgid "a"\nmsgstr "x"\n',  # not read rather than misread
        'msgid "a"\nmsgstr x\n',  # not quoted
    ],
)
def test_a_malformed_po_file_is_refused_not_misread(broken: str) -> None:
    with pytest.raises(ResourceError):
        parse_po(broken)


def test_the_compiled_catalogue_is_what_gettext_reads() -> None:
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", "b": "Bé", "a": "Ä {x}"}
    translation = gettext.GNUTranslations(BytesIO(compile_mo(entries)))
    assert translation.gettext("a") == "Ä {x}" and translation.gettext("b") == "Bé"


def test_the_english_catalogue_compiles_the_same_as_msgfmt_where_msgfmt_exists(
    tmp_path: Path,
) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed; the app never needs it")
    out = tmp_path / "en.mo"
    subprocess.run([msgfmt, "-o", str(out), str(translations_folder() / "en-GB.po")], check=True)
    theirs = gettext.GNUTranslations(BytesIO(out.read_bytes()))
    english = messages(DEFAULT_LANGUAGE)
    assert all(theirs.gettext(key) == english.template(key) for key in english)


def test_english_and_the_pseudo_language_are_available_and_en_means_british_english() -> None:
    assert available_languages()[0] == "en-GB" and PSEUDO_LANGUAGE in available_languages()
    assert resolve_language("en") == "en-GB" == resolve_language("EN-gb")
    assert resolve_language("qps-ploc") == PSEUDO_LANGUAGE


def test_an_unknown_language_is_one_sentence_naming_the_languages_there_are() -> None:
    with pytest.raises(InvalidInputError) as refused:
        messages("cy")
    text = str(refused.value)
    assert text.count(".") == 1 and text.endswith(".")
    assert "'cy'" in text and "en-GB" in text and "qps-ploc" in text


def test_every_pseudo_text_is_longer_accented_and_keeps_its_fields() -> None:
    english, pseudo = messages("en-GB"), messages("qps-ploc")
    assert pseudo.keys() == english.keys()
    for key in english:
        source, made = english.template(key), pseudo.template(key)
        assert made == pseudo_text(source)
        assert FIELD.findall(made) == FIELD.findall(source), key
        assert len(made) >= len(source) * 1.4 - 1, key
        assert made.startswith("[") and made.endswith("·]"), key
        for word in re.findall(r"[A-Za-z]{2,}", FIELD.sub("", made)):
            assert not re.search(r"[aeiouyAEIOUY]", word), (key, word)


def test_fields_are_filled_in_and_markup_escapes_only_the_catalogue_text() -> None:
    english = messages("en-GB")
    assert english.text("directory.title", district="Thanet") == "Support in Thanet"
    assert english.long_date(date(2026, 12, 3)) == "3 December 2026"
    assert english.markup("routes.checked", month="<a>", year="2026") == "Checked <a> 2026"
    assert english.markup("certificate.programme").count("&") == 0
    with pytest.raises(KeyError):
        english.text("no.such.key")


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    asked: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        asked |= set(
            re.findall(r"\.(?:text|markup|template)\(\s*\"([a-z_.-]+)\"", path.read_text())
        )
    assert asked, "no lookups found"
    assert asked <= messages("en-GB").keys(), asked - messages("en-GB").keys()


def test_a_translation_missing_a_message_is_refused_rather_than_printed_half_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from victim_champion.content.resource_paths import resources_root

    copy = tmp_path / "resources"
    shutil.copytree(resources_root() / "translations", copy / "translations")
    english = (copy / "translations" / "en-GB.po").read_text(encoding="utf-8")
    partial = english.split('msgid "kiosk.welcome"')[0]  # the kiosk's messages left out
    (copy / "translations" / "pl.po").write_text(partial, encoding="utf-8")
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    assert "pl" in available_languages()
    with pytest.raises(ResourceError, match="The pl catalogue lacks"):
        messages("pl")


# ---------------------------------------------------------------------------- plurals

POLISH_LIKE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
    'msgid "count.people"\nmsgid_plural "count.people"\n'
    'msgstr[0] "{count} osoba"\nmsgstr[1] "{count} osoby"\nmsgstr[2] "{count} osób"\n'
)


def test_a_plural_entry_is_read_as_gettext_keeps_it() -> None:
    entries = parse_po(
        PLURAL_HEADER + 'msgid "count.rows"\nmsgid_plural "count.rows"\n'
        'msgstr[0] "{count} row"\nmsgstr[1] ""\n"{count} rows"\n'
    )
    assert entries["count.rows\0count.rows"] == "{count} row\0{count} rows"


def test_english_counts_take_the_singular_only_for_one() -> None:
    english = messages(DEFAULT_LANGUAGE)
    assert english.plural("count.people", 1) == "1 person"
    assert english.plural("count.people", 0) == "0 people"
    assert english.plural("count.people", 2) == "2 people"
    assert english.plural("import.bad_rows", 1) == "1 bad row"
    assert english.plural("unlock.wait", 1).startswith("Wait 1 second after")
    assert english.plural("print.pages_ready", 12, done=3) == "3 of 12 pages ready"
    with pytest.raises(KeyError):
        english.text("count.people")  # a count sentence has no form without a count
    with pytest.raises(KeyError):
        english.plural("date.long", 2)


def test_the_language_s_plural_forms_choose_the_form() -> None:
    polish = Messages("pl-test", parse_po(POLISH_LIKE))
    shown = [polish.plural("count.people", n) for n in (1, 2, 5, 22, 112)]
    assert shown == ["1 osoba", "2 osoby", "5 osób", "22 osoby", "112 osób"]


def test_the_pseudo_language_makes_every_plural_form() -> None:
    english, pseudo = messages("en-GB"), messages("qps-ploc")
    assert pseudo.plural_keys() == english.plural_keys() != frozenset()
    for key in english.plural_keys():
        for source, made in zip(english.forms(key), pseudo.forms(key), strict=True):
            assert made == pseudo_text(source), key
            assert FIELD.findall(made) == FIELD.findall(source), key
    assert pseudo.plural("count.people", 1) == "[1 þéŕšöñ ···]"


def test_the_plural_sentences_compile_as_msgfmt_does_where_msgfmt_exists(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed; the app never needs it")
    out = tmp_path / "en.mo"
    subprocess.run(
        [msgfmt, "--check", "-o", str(out), str(translations_folder() / "en-GB.po")], check=True
    )
    theirs = gettext.GNUTranslations(BytesIO(out.read_bytes()))
    english = messages(DEFAULT_LANGUAGE)
    for key in english.plural_keys():
        for count in (0, 1, 2, 11):
            assert theirs.ngettext(key, key, count).format(
                count=count, done=1, months=18
            ) == english.plural(key, count, done=1, months=18)
