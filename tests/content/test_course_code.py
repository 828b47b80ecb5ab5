"""The Victims' Code is a file of the course: a course without it, or with a Code of
another edition, is refused with the file and line, and the course in use stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from victim_champion.content.course_loader import (
    course_from_files,
    course_in_use,
    load_course,
    shipped_course_files,
)
from victim_champion.content.course_on_laptop import (
    adopt_course,
    code_in_use,
    course_bundle_refusal,
    current_course,
    forget_adopted_course,
)
from victim_champion.content.victims_code_loader import CODE_FILE, load_victims_code
from victim_champion.core.errors import CourseContentError


@pytest.fixture(autouse=True)
def _shipped_course_afterwards() -> Iterator[None]:
    yield
    forget_adopted_course()


def _line(text: str, start: str, after: int = 0) -> int:
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and line.startswith(start))


def test_the_shipped_course_carries_its_code_of_the_same_edition() -> None:
    files = shipped_course_files()
    assert CODE_FILE in files
    assert load_victims_code().edition == load_course().code_edition == "2020"
    assert code_in_use() == load_victims_code() and current_course() == load_course()


def test_a_course_without_the_code_is_refused_and_the_installed_one_stays() -> None:
    files = dict(shipped_course_files())
    del files[CODE_FILE]
    with pytest.raises(CourseContentError, match=r"^victims_code\.toml, line 1: the course has"):
        course_from_files(files)
    course, problem = course_in_use(files)
    assert course == load_course()
    assert problem is not None and "victims_code.toml, line 1" in problem
    assert course_bundle_refusal(files) is not None
    assert course_bundle_refusal(shipped_course_files()) is None


def test_mistakes_in_the_code_name_their_line() -> None:
    files = dict(shipped_course_files())
    text = files[CODE_FILE]
    third = _line(text, "[[rights]]", _line(text, "[[rights]]", _line(text, "[[rights]]")))
    files[CODE_FILE] = text.replace("number = 3\n", "number = 4\n", 1)
    with pytest.raises(CourseContentError) as raised:
        course_from_files(files)
    assert raised.value.line == _line(text, "number = 3") and third < raised.value.line
    assert "right 3 is numbered 4" in raised.value.message
    files[CODE_FILE] = text.replace('in_force = "2021-04-01"', 'in_force = "1 April 2021"')
    with pytest.raises(CourseContentError) as raised:
        course_from_files(files)
    assert (raised.value.file_name, raised.value.line) == (CODE_FILE, _line(text, "in_force"))


def test_an_adopted_bundle_gives_its_code_to_everything_that_prints_it() -> None:
    files = dict(shipped_course_files())
    manifest = files["course.toml"]
    files["course.toml"] = manifest.replace('code_edition = "2020"', 'code_edition = "X"')
    files[CODE_FILE] = files[CODE_FILE].replace('edition = "2020"', 'edition = "X"', 1)
    files[CODE_FILE] = files[CODE_FILE].replace("To complain", "To complain, said anew")
    course, problem = adopt_course(files)
    assert problem is None and course.code_edition == "X" and current_course() is course
    assert code_in_use().edition == "X" and code_in_use().rights[11].title.endswith("anew")
    adopt_course(None)
    assert code_in_use() == load_victims_code()


def test_an_older_bundle_never_stands_in_for_the_newer_installed_course() -> None:
    """After an app update installs a newer course, a bundle the laptop held from before
    (here 2026.1, in the format of its day: no Code file) is neither taught nor reported
    as a mistake, and the Code printed is the installed one."""
    files = dict(shipped_course_files())
    del files[CODE_FILE]
    version = load_course().version
    files["course.toml"] = files["course.toml"].replace(
        f'version = "{version}"', 'version = "2026.1"'
    )
    course, problem = adopt_course(files)
    assert course == load_course() and problem is None
    assert code_in_use() == load_victims_code()
    adopt_course(None)
