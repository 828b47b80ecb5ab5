"""The list of English content a translator translates: the template of a language's
``resources/translations/content/<tag>.po`` (content/language_content.py says why its
msgids are the English texts).

It holds every text a page may print from the content in use: the Victims' Code, the
course's name, each route's label, contact words and hours, the services' descriptions
and plain labels, the needs, and 'Where to go next'. Each entry says, in a translator's
comment, the names, addresses and numbers in it to print as they are (a translation
without one of them is refused). Run
``python -m victim_champion.content.content_template > resources/translations/content/TAG.po``
and fill in each msgstr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from victim_champion.content.course_on_laptop import code_in_use, current_course
from victim_champion.content.directory_loader import current_directory, load_needs
from victim_champion.content.language_content import translatable, unchanged_parts
from victim_champion.content.localised_content import service_names
from victim_champion.content.next_steps_loader import load_next_steps
from victim_champion.core.next_steps import ORIGINS


def template_entries() -> dict[str, tuple[str, ...]]:
    """{English text: the names in it kept as they are}, in the order pages print them."""
    entries: dict[str, tuple[str, ...]] = {}

    def add(texts: Iterable[str], kept: Iterable[str] = ()) -> None:
        for text in texts:
            if translatable(text, kept):
                entries.setdefault(" ".join(text.split()), tuple(kept))

    code = code_in_use()
    add([code.title, code.not_reported_note, code.complaints])
    for right in code.rights:
        add([right.title, right.summary, right.discreet_title, right.discreet_summary])
    add([current_course().title])  # a certificate prints it before the version
    directory = current_directory()
    for route in directory.routes:
        texts = (route.name, route.contact, route.hours, route.discreet_name)
        add([*texts, route.discreet_contact], route.kept)
    for service in directory.services:
        plain = service.discreet_name if service.discreet_name != service.name else ""
        add([service.description, plain, service.discreet_description], (service.name,))
        add([service.areas_note], (service.name,))
    for need in load_needs():
        add([need.label, need.discreet_label])
    steps = load_next_steps()
    names = service_names(directory)
    add([steps.title, steps.subtitle, steps.introduction], names)
    for section in steps.sections:
        add([section.heading, *section.paragraphs], names)
        add([cell for row in section.grid for cell in row], names)
    files = tuple(origin for origin in ORIGINS if origin.endswith(".md"))
    for source in steps.sources:
        add([source.page_date])
        add([source.address], files)
    return entries


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def template_po(language: str = "LANGUAGE") -> str:
    """The template as a .po file, every msgstr empty, for ``language``."""
    lines = [
        'msgid ""',
        'msgstr ""',
        f'"Language: {language}\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        "",
    ]
    for english, kept in template_entries().items():
        same = list(dict.fromkeys(unchanged_parts(english, kept)))
        if same:
            lines.append(f"#. Print as they are: {'; '.join(same)}")
        lines += [f"msgid {_quoted(english)}", 'msgstr ""', ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(template_po() + "\n")
