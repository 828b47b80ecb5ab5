"""Loading the course: the copy shipped in resources/course/, or a verified hub bundle.

Every module is validated on load; the first mistake is raised with its file and line,
and the caller keeps using the course it already had.
"""

from __future__ import annotations

import tomllib
from functools import cache

from victim_champion.content.language_content import bundle_translations
from victim_champion.content.resource_paths import resources_root
from victim_champion.content.victims_code_loader import code_of_course
from victim_champion.core.course import Course, Timing, parse_module
from victim_champion.core.course_checks import check_course
from victim_champion.core.errors import CourseContentError, ResourceError
from victim_champion.core.versions import is_newer

MANIFEST = "course.toml"


def course_from_files(files: dict[str, str]) -> Course:
    """Build and validate a course from its files (relative path -> text)."""
    if MANIFEST not in files:
        raise CourseContentError(MANIFEST, 1, "the course has no course.toml")
    try:
        manifest = tomllib.loads(files[MANIFEST])
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 1)
        raise CourseContentError(MANIFEST, line, "it is not valid TOML") from None
    for key in ("title", "version", "code_edition", "modules"):
        if key not in manifest:
            raise CourseContentError(MANIFEST, 1, f"it has no '{key}'")
    modules = []
    for name in manifest["modules"]:
        path = f"modules/{name}"
        if path not in files:
            raise CourseContentError(MANIFEST, 1, f"it lists {name}, which is missing")
        modules.append(parse_module(files[path], name))
    ids = [m.id for m in modules]
    if len(set(ids)) != len(ids):
        raise CourseContentError(MANIFEST, 1, "two modules have the same id")
    code_of_course(files, str(manifest["code_edition"]))  # the Code it teaches, same edition
    bundle_translations(files)  # the content in other languages it brings, if any
    course = Course(
        str(manifest["title"]),
        str(manifest["version"]),
        str(manifest["code_edition"]),
        tuple(modules),
        _timing(manifest),
    )
    check_course(course, [str(p) for p in manifest.get("providers", [])], MANIFEST)
    return course


_TIMING_KEYS = (
    "welcome",
    "quiz_before",
    "break",
    "quiz_after",
    "feedback",
    "transition",
    "optional_cap",
)


def _timing(manifest: dict[str, object]) -> Timing:
    """The [timing] table: whole minutes for each part outside the modules, for each
    activity's transition, and for the optional activities a session has room for."""
    table = manifest.get("timing")
    if not isinstance(table, dict) or any(not _whole(table.get(k)) for k in _TIMING_KEYS):
        raise CourseContentError(
            MANIFEST, 1, "its [timing] needs whole minutes for " + ", ".join(_TIMING_KEYS)
        )
    return Timing(*(int(table[k]) for k in _TIMING_KEYS))


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def shipped_course_files() -> dict[str, str]:
    """The course files that ship with the app."""
    folder = resources_root() / "course"
    try:
        return {
            p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in folder.rglob("*")
            if p.is_file()
        }
    except OSError as error:
        raise ResourceError(f"The course files could not be read ({error}).") from None


@cache
def load_course() -> Course:
    """The shipped course, validated."""
    return course_from_files(shipped_course_files())


def course_in_use(bundle_files: dict[str, str] | None) -> tuple[Course, str | None]:
    """The course to teach from: a verified hub bundle if it is valid, else the shipped one.

    Returns the course and, when a bundle was refused, the sentence saying why (file and
    line), so the app can tell the trainer while carrying on with the course it has.
    """
    if bundle_files and not older_than_installed(bundle_files):
        try:
            return course_from_files(bundle_files), None
        except CourseContentError as error:
            return load_course(), (
                f"The course update from Compass House has a mistake "
                f"({error.message}), so the installed course is in use."
            )
    return load_course(), None


def older_than_installed(files: dict[str, str]) -> bool:
    """True if a bundle is an older version than the course this app installed: after an
    app update the newer installed course is taught, and nothing is wrong to report."""
    try:
        version = str(tomllib.loads(files.get(MANIFEST, "")).get("version", ""))
    except tomllib.TOMLDecodeError:
        return False  # the full checks say what is wrong with it
    return bool(version) and is_newer(load_course().version, version)
