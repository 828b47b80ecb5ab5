"""The course as data, and the reader for its module files (Markdown with front matter).

Pure: text in, a Module out, or a CourseContentError naming the file and line. The
format is described for course writers in resources/course/modules/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from victim_champion.core.course_parts import (
    Activity,
    SourceNote,
    activity_note,
    parse_activity,
    parse_sources,
)
from victim_champion.core.errors import CourseContentError

MIN_QUESTIONS = 5
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Slide:
    """One slide: a title, its points, and what the trainer says."""

    title: str
    points: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class Question:
    """A quiz question with exactly one right answer."""

    text: str
    options: tuple[str, ...]
    answer: int
    why: str


@dataclass(frozen=True)
class Module:
    """One module of the course."""

    id: str
    title: str
    minutes: int
    slides: tuple[Slide, ...]
    activities: tuple[Activity, ...]
    questions: tuple[Question, ...]
    file_name: str
    sources: tuple[SourceNote, ...] = ()

    @property
    def optional_minutes(self) -> int:
        """The minutes a trainer saves by leaving out the optional activities."""
        return sum(a.minutes for a in self.activities if a.optional)

    @property
    def slide_minutes(self) -> int:
        """What is left to talk through the slides when every activity runs."""
        return self.minutes - sum(a.minutes for a in self.activities)

    def activities_after(self, slide: Slide) -> list[Activity]:
        """The activities that run once this slide has been shown."""
        return [a for a in self.activities if a.after_slide == slide.title]

    def presenter_notes(self, slide: Slide) -> str:
        """The trainer's notes for a slide in the presenter view: the notes, any activity
        that runs now (instructions, minutes, materials), and after the module's last
        slide the answer and explanation of each of its quiz questions."""
        parts = [slide.notes, *(activity_note(a) for a in self.activities_after(slide))]
        if slide is self.slides[-1]:
            answers = [
                f"{n}. {q.text} Answer: {q.options[q.answer]}. {q.why}"
                for n, q in enumerate(self.questions, 1)
            ]
            parts.append("QUIZ ANSWERS for this module:\n" + "\n".join(answers))
        return "\n\n".join(parts)


SESSION_MINUTES = 180  # a course is one afternoon of three hours


@dataclass(frozen=True)
class Timing:
    """The parts of a session outside the modules, in minutes (course.toml [timing]), the
    minutes each activity run takes to start and finish (``transition``: hand out cards,
    form groups, come back), and the minutes of optional activities a session has room for
    (``optional_cap``, their transitions included; the trainer picks which on the day)."""

    welcome: int = 0
    quiz_before: int = 0
    break_: int = 0
    quiz_after: int = 0
    feedback: int = 0
    transition: int = 0
    optional_cap: int = 0

    @property
    def total(self) -> int:
        """The parts outside the modules: welcome, both quizzes, break and feedback."""
        return self.welcome + self.quiz_before + self.break_ + self.quiz_after + self.feedback


@dataclass(frozen=True)
class Course:
    """A versioned course: its modules in teaching order."""

    title: str
    version: str
    code_edition: str
    modules: tuple[Module, ...] = field(default=())
    timing: Timing = field(default_factory=Timing)

    @property
    def core_minutes(self) -> int:
        """The modules without their optional activities."""
        return sum(m.minutes - m.optional_minutes for m in self.modules)

    @property
    def core_transitions(self) -> int:
        """The transitions of the core activities (one for each activity run)."""
        core = sum(1 for m in self.modules for a in m.activities if not a.optional)
        return core * self.timing.transition

    @property
    def short_minutes(self) -> int:
        """The short course, what a trainer falls back to when late: the parts outside the
        modules, the modules without their optional activities, and the core transitions."""
        return self.timing.total + self.core_minutes + self.core_transitions

    @property
    def full_minutes(self) -> int:
        """The full course: the short one and the optional activities a session has room
        for (``optional_cap``, transitions included)."""
        return self.short_minutes + self.timing.optional_cap

    @property
    def slack_minutes(self) -> int:
        """What the full course leaves of a three-hour afternoon, for overrun."""
        return SESSION_MINUTES - self.full_minutes

    def sources(self) -> list[tuple[Module, SourceNote]]:
        """Every provider statement's source, with its module."""
        return [(module, note) for module in self.modules for note in module.sources]

    @property
    def signed_name(self) -> str:
        """Title and version as printed on (and signed into) a certificate."""
        return f"{self.title} {self.version}"

    def all_slides(self) -> list[tuple[Module, Slide]]:
        """Every slide in teaching order, with its module."""
        return [(module, slide) for module in self.modules for slide in module.slides]

    def all_questions(self) -> list[Question]:
        """Every quiz question in the course, in order."""
        return [q for module in self.modules for q in module.questions]


class _Reader:
    """Walks one module file line by line, remembering where it is for errors."""

    def __init__(self, text: str, file_name: str) -> None:
        self.lines = text.splitlines()
        self.file_name = file_name
        self.number = 0

    def fail(self, problem: str, line: int | None = None) -> CourseContentError:
        return CourseContentError(self.file_name, line or max(self.number, 1), problem)


def parse_module(text: str, file_name: str) -> Module:
    """Read one module file; the first mistake found is raised with its line number."""
    reader = _Reader(text, file_name)
    front = _front_matter(reader)
    slides: list[Slide] = []
    activities: list[tuple[int, Activity]] = []
    questions: list[Question] = []
    sources: list[SourceNote] = []
    blocks = _blocks(reader)
    for start, heading, body in blocks:
        if heading.startswith("Slide:"):
            slides.append(_slide(reader, start, heading.removeprefix("Slide:").strip(), body))
        elif heading.startswith("Activity:"):
            title = heading.removeprefix("Activity:").strip()
            activities.append((start, parse_activity(title, start, body, reader.fail)))
        elif heading == "Quiz":
            questions.extend(_questions(reader, body))
        elif heading == "Sources":
            sources.extend(parse_sources(body, reader.fail))
        else:
            raise reader.fail(
                f"unknown heading '# {heading}' (use Slide:, Activity:, Sources or Quiz)", start
            )
    end = len(reader.lines)
    titles = {slide.title for slide in slides}
    for start, activity in activities:
        if activity.after_slide not in titles:
            raise reader.fail("'After slide:' names no slide in this module", start)
    if not slides:
        raise reader.fail("the module has no slides ('# Slide: title')", end)
    if not activities:
        raise reader.fail("the module needs at least one activity ('# Activity: title')", end)
    if len(questions) < MIN_QUESTIONS:
        raise reader.fail(f"the module needs at least {MIN_QUESTIONS} quiz questions", end)
    return Module(
        front["id"],
        front["title"],
        int(front["minutes"]),
        tuple(slides),
        tuple(a for _, a in activities),
        tuple(questions),
        file_name,
        tuple(sources),
    )


def _front_matter(reader: _Reader) -> dict[str, str]:
    if not reader.lines or reader.lines[0].strip() != "---":
        raise reader.fail(
            "the file must start with '---' and the module's id, title and minutes", 1
        )
    values: dict[str, str] = {}
    for index in range(1, len(reader.lines)):
        line = reader.lines[index]
        if line.strip() == "---":
            reader.number = index + 1
            break
        key, colon, value = line.partition(":")
        if not colon:
            raise reader.fail("front matter lines look like 'title: Some title'", index + 1)
        values[key.strip()] = value.strip()
    else:
        raise reader.fail("the front matter is not closed with '---'", len(reader.lines))
    for key in ("id", "title", "minutes"):
        if not values.get(key):
            raise reader.fail(f"the front matter has no {key}", 1)
    if not _ID.match(values["id"]):
        raise reader.fail("the id may use only small letters, digits and dashes", 2)
    if not values["minutes"].isdigit():
        raise reader.fail("minutes must be a whole number", 1)
    return values


def _blocks(reader: _Reader) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Split the body at '# ' headings: (line number, heading, [(line number, line)])."""
    blocks: list[tuple[int, str, list[tuple[int, str]]]] = []
    for index in range(reader.number, len(reader.lines)):
        line = reader.lines[index]
        if line.startswith("# "):
            blocks.append((index + 1, line[2:].strip(), []))
        elif blocks:
            blocks[-1][2].append((index + 1, line))
        elif line.strip():
            raise reader.fail("text before the first '# Slide:' heading", index + 1)
    return blocks


def _slide(reader: _Reader, start: int, title: str, body: list[tuple[int, str]]) -> Slide:
    if not title:
        raise reader.fail("the slide has no title", start)
    points: list[str] = []
    notes: list[str] = []
    in_notes = False
    for number, line in body:
        stripped = line.strip()
        if stripped == "Notes:":
            in_notes = True
        elif in_notes:
            if stripped:
                notes.append(stripped)
        elif stripped.startswith("- "):
            points.append(stripped[2:].strip())
        elif stripped:
            raise reader.fail(
                "slide points start with '- ' (trainer notes go after 'Notes:')", number
            )
    if not points:
        raise reader.fail("the slide has no points", start)
    if not notes:
        raise reader.fail("the slide has no trainer notes ('Notes:' then text)", start)
    return Slide(title, tuple(points), " ".join(notes))


def _questions(reader: _Reader, body: list[tuple[int, str]]) -> list[Question]:
    questions: list[Question] = []
    current: dict[str, object] | None = None

    def finish() -> None:
        if current is None:
            return
        options = current["options"]
        assert isinstance(options, list)
        line = int(str(current["line"]))
        answers = [i for i, (_, right) in enumerate(options) if right]
        if len(options) < 2:
            raise reader.fail("a question needs at least two answers", line)
        if len(answers) != 1:
            raise reader.fail("a question needs exactly one answer marked [x]", line)
        if not current["why"]:
            raise reader.fail("a question needs a 'Why:' line that explains the answer", line)
        questions.append(
            Question(
                str(current["text"]), tuple(o for o, _ in options), answers[0], str(current["why"])
            )
        )

    for number, line in body:
        stripped = line.strip()
        if stripped.startswith("Q:"):
            finish()
            current = {"text": stripped[2:].strip(), "options": [], "why": "", "line": number}
        elif current is None and stripped:
            raise reader.fail("a quiz starts each question with 'Q:'", number)
        elif stripped.startswith(("- [ ]", "- [x]", "- [X]")):
            assert current is not None
            options = current["options"]
            assert isinstance(options, list)
            options.append((stripped[5:].strip(), stripped[3] in "xX"))
        elif stripped.startswith("Why:"):
            assert current is not None
            current["why"] = stripped[4:].strip()
        elif stripped:
            raise reader.fail(
                "in a quiz, lines start with 'Q:', '- [ ]', '- [x]' or 'Why:'", number
            )
    finish()
    return questions
