"""The reference data the screens show: Kent's districts, the needs a person may have,
the services directory and the course and Victims' Code in use.

The UI reads them here, never from ``content`` itself, so that where they come from (the
shipped files, or a signed bundle the hub sent and the laptop adopted) is decided in one
place below the screens. Each is read once and kept (the loaders cache), so calling these
from a page costs nothing after the first time.
"""

from __future__ import annotations

from victim_champion.content.course_loader import load_course
from victim_champion.content.course_on_laptop import code_in_use
from victim_champion.content.directory_loader import (
    adopt_directory_bundle,
    current_directory,
    load_needs,
)
from victim_champion.content.district_loader import load_districts
from victim_champion.core.course import Course
from victim_champion.core.directory import Directory, Need, Service
from victim_champion.core.districts import District
from victim_champion.core.victims_code import VictimsCode


def districts() -> tuple[District, ...]:
    """Every district, in the order the drop-downs list them."""
    return load_districts().districts


def district(district_id: str) -> District | None:
    """The district with this id, or None."""
    return load_districts().by_id(district_id)


def district_name(district_id: str) -> str:
    """The district's name, or the id itself if no district has it."""
    found = district(district_id)
    return found.name if found else district_id


def district_names() -> dict[str, str]:
    """Each district's name by its id."""
    return {each.id: each.name for each in districts()}


def needs() -> tuple[Need, ...]:
    """The needs a person may name, in the order the desk lists them."""
    return load_needs()


def need_labels() -> dict[str, str]:
    """Each need's label by its id."""
    return {each.id: each.label for each in needs()}


def directory() -> Directory:
    """The services directory in use: the newest signed edition adopted, else the
    shipped one."""
    return current_directory()


def services() -> dict[str, Service]:
    """Every service of the directory in use, by its id."""
    return {each.id: each for each in directory().services}


def installed_course() -> Course:
    """The course installed with the app (the course in use is read at unlock, through
    operations.training)."""
    return load_course()


def victims_code() -> VictimsCode:
    """The Victims' Code of the course in use: a verified bundle's, else the shipped one."""
    return code_in_use()


def forget_adopted_directory() -> None:
    """Back to the shipped directory (at a lock: the next unlock adopts the newest signed
    edition again, through operations.signposting_desk.directory_for)."""
    adopt_directory_bundle(None)
