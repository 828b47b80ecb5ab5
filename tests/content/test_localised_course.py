"""The course's printed words in a language (content/localised_course.py): the quiz
questions and answers, and the materials' words, come from the content layer, so a signed
course bundle can bring them; a question with no translation is refused, never printed in
English among the other language. "qaa" is a tag ISO 639 reserves for local use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.content.test_language_content import LOCAL, _bundle_folder
from victim_champion.content.course_on_laptop import adopt_course, forget_adopted_course
from victim_champion.content.directory_loader import current_directory
from victim_champion.content.language_content import unchanged_parts
from victim_champion.content.localised_content import service_names
from victim_champion.content.localised_course import course_words, localised_questions
from victim_champion.content.message_catalogue import PSEUDO_LANGUAGE, SECOND_PSEUDO_LANGUAGE
from victim_champion.core.course import Question
from victim_champion.core.errors import ResourceError
from victim_champion.hub.api.bundles import read_bundle

ENGLISH = Question(
    "Tomasz calls 999 from Compass House. Who should decide?",
    ("Tomasz", "The police", "Crimestoppers, at www.victimsupport.org.uk"),
    answer=0,
    why="It is his choice.",
)


@pytest.fixture(autouse=True)
def _shipped_course_afterwards() -> Iterator[None]:
    yield
    forget_adopted_course()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bundle(tmp_path: Path, texts: dict[str, str]) -> dict[str, str]:
    entries = "".join(f"msgid {_quoted(k)}\nmsgstr {_quoted(v)}\n\n" for k, v in texts.items())
    translation = 'msgid ""\nmsgstr "Language: qaa\\n"\n\n' + entries
    return read_bundle("course", _bundle_folder(tmp_path, translation))["files"]


def _qaa(english: list[str]) -> dict[str, str]:
    """'QAA', a number, and what every language keeps: digits, addresses, service names."""
    kept = service_names(current_directory())
    return {t: " ".join([f"QAA {n}", *unchanged_parts(t, kept)]) for n, t in enumerate(english)}


def test_english_is_the_source_and_prints_as_it_is() -> None:
    assert localised_questions([ENGLISH], "en-GB") == (ENGLISH,)
    assert course_words("en-GB")("Cut the cards") == "Cut the cards"


@pytest.mark.parametrize("language", [PSEUDO_LANGUAGE, SECOND_PSEUDO_LANGUAGE])
def test_a_pseudo_language_keeps_numbers_names_addresses_and_the_right_answer(
    language: str,
) -> None:
    (made,) = localised_questions([ENGLISH], language)
    assert made.answer == ENGLISH.answer and made.why == ENGLISH.why  # why: never printed
    assert len(made.options) == len(ENGLISH.options)
    for kept in ("999", "Compass House", "Crimestoppers", "www.victimsupport.org.uk"):
        assert kept in made.text + " ".join(made.options), kept
    assert "calls" not in made.text and "police" not in made.options[1]


def test_a_signed_course_bundle_brings_the_quiz_in_its_language(tmp_path: Path) -> None:
    texts = _qaa([ENGLISH.text, *ENGLISH.options])
    assert adopt_course(_bundle(tmp_path, texts))[1] is None
    (made,) = localised_questions([ENGLISH], LOCAL)
    assert made.text == texts[ENGLISH.text] and "999" in made.text
    assert made.options == tuple(texts[o] for o in ENGLISH.options)


def test_an_answer_with_no_translation_is_refused_never_english(tmp_path: Path) -> None:
    texts = _qaa([ENGLISH.text, *ENGLISH.options])
    del texts["The police"]
    assert adopt_course(_bundle(tmp_path, texts))[1] is None
    with pytest.raises(ResourceError, match="has no translation of 'The police'"):
        localised_questions([ENGLISH], LOCAL)
