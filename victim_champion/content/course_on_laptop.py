"""The course in use on this laptop, and the Victims' Code it carries.

The course in use is a verified hub bundle if it passes every check, else the copy
shipped with the app (course_loader.course_in_use). Operations adopt it when a profile is
unlocked and after each sync (operations/training.course_for), off the GUI thread; what
prints or shows the Code (the rights handout and its web page, discreet copies included,
and the quick reference) then reads `code_in_use()` without touching the store. Before
any profile is unlocked, that is the shipped course and its Code. The content in other
languages a bundle brings (translations/<tag>.po, content/language_content.py) is adopted
with it, and dropped with it.
"""

from __future__ import annotations

from victim_champion.content.course_loader import course_from_files, course_in_use, load_course
from victim_champion.content.language_content import adopt_bundle_content
from victim_champion.content.victims_code_loader import (
    code_of_course,
    load_victims_code,
)
from victim_champion.core.course import Course
from victim_champion.core.errors import CourseContentError
from victim_champion.core.victims_code import VictimsCode

_adopted: tuple[Course, VictimsCode] | None = None


def adopt_course(bundle_files: dict[str, str] | None) -> tuple[Course, str | None]:
    """Choose the course to teach from (course_in_use) and remember it, with its Code, for
    everything on this laptop that prints or shows the Code. Returns what course_in_use
    returns: the course, and the sentence for the trainer if a bundle was refused."""
    global _adopted
    course, problem = course_in_use(bundle_files)
    if bundle_files and problem is None and course is not load_course():
        _adopted = (course, code_of_course(bundle_files, course.code_edition))
        adopt_bundle_content(bundle_files)  # the languages' content it brings
    else:
        _adopted = (course, load_victims_code())
        adopt_bundle_content(None)
    return course, problem


def forget_adopted_course() -> None:
    """Back to the shipped course and Code (tests; a profile that has gone)."""
    global _adopted
    _adopted = None
    adopt_bundle_content(None)


def current_course() -> Course:
    """The course adopted at the last unlock or sync, else the shipped one."""
    return _adopted[0] if _adopted else load_course()


def code_in_use() -> VictimsCode:
    """The Victims' Code of the course in use."""
    return _adopted[1] if _adopted else load_victims_code()


def course_bundle_refusal(files: object) -> str | None:
    """Why a signed course bundle must not replace the course in use (its first mistake,
    with file and line), or None if every check passes. The sync client asks this before
    it keeps a bundle, so a bad one leaves the course in use as it is."""
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        return "its files are not a course folder"
    try:
        course_from_files(files)  # the same checks as on the course it teaches
    except CourseContentError as error:
        return error.message.rstrip(".")
    return None
