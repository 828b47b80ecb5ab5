"""The installed course's identity (title and version), from resources/course/course.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from victim_champion.content.reference_files import field, read_document

FILE = ("course", "course.toml")


@dataclass(frozen=True)
class CourseIdentity:
    """What a certificate names: the course title and its version."""

    title: str
    version: str
    code_edition: str

    @property
    def signed_name(self) -> str:
        """Title and version as they appear on (and are signed into) a certificate."""
        return f"{self.title} {self.version}"


@cache
def load_course_identity() -> CourseIdentity:
    """The course's title and version."""
    document = read_document(*FILE)
    return CourseIdentity(
        title=field(document, "title", str, FILE[-1]),
        version=field(document, "version", str, FILE[-1]),
        code_edition=field(document, "code_edition", str, FILE[-1]),
    )
