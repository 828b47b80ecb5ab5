"""The course's printed words in a language: the questions and answers on a paper quiz
sheet, and the activities, sets and cards of the activity materials.

They are course content, not the app's own words, so they come from the content layer
(language_content.py) as the Victims' Code and the routes do: English is the course's own
text, a pseudo-language is made from it, and a real language's words come from its
content .po file or the course bundle, keyed by the English. A text with no translation is
refused (ResourceError), never printed in English among the other language. Numbers,
addresses, the app's names and the names of the services and lines in the directory in
use stay as they are, as on 'Where to go next'.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from victim_champion.content.directory_loader import current_directory
from victim_champion.content.language_content import content_for
from victim_champion.content.localised_content import service_names
from victim_champion.core.course import Question


def course_words(language: str) -> Callable[[str], str]:
    """``say(english)``: one of the course's texts in ``language``. In English, the text
    as it is."""
    words = content_for(language)
    if words.is_source:
        return lambda english: english
    kept = service_names(current_directory())
    return lambda english: words.text(english, kept)


def localised_questions(questions: Sequence[Question], language: str) -> tuple[Question, ...]:
    """The questions and their answers in ``language``, in the same order, with the same
    right answer. The explanation (``why``) is shown by the kiosk, never printed, so it
    stays as it is."""
    say = course_words(language)
    return tuple(
        replace(question, text=say(question.text), options=tuple(say(o) for o in question.options))
        for question in questions
    )
