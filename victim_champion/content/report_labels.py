"""The names reports print for district, need and service ids, from the shipped content,
and the words of the report tables' specs (core/report_tables.py) in one language."""

from __future__ import annotations

from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.core.report_tables import Words
from victim_champion.core.reporting import Labels


def report_labels() -> Labels:
    """Districts in reference order, needs in checklist order, services in directory order."""
    return Labels(
        districts={d.id: d.name for d in load_districts().districts},
        needs={n.id: n.label for n in load_needs()},
        services={s.id: s.name for s in load_directory()},
    )


def report_words(language: str = DEFAULT_LANGUAGE) -> Words:
    """A report table's message key to its text in ``language`` (for the CSV and the
    views that print a spec's title, caption, chart captions and headings)."""
    catalogue = messages(language)
    return lambda key: catalogue.text(key)
