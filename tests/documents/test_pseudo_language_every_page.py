"""Under every pseudo-language, no English line survives on any handout, sheet or
certificate the app prints.

Each document that takes a language is made through the entry points the app and the
command line call (operations/printing.py, and the real ``print`` commands for the ones a
person runs), read back with pdftotext, and checked line by line.

A line is English if it holds a run of 3 or more ASCII letters that is a word of the app's
own English: the English catalogue (en-GB.po) and the English content (the Victims' Code,
the course's name, the directory's routes, services and needs, 'Where to go next'). Every
English word a page could print comes from one of those, so that vocabulary is the English
that could leak. Neither pseudo-language writes such a run itself: qps-ploc changes every
vowel and y, and a non-Latin one has no Latin letters at all.

What may stay as it is, and nothing more (ALLOWED and ``allowed`` below):
- digits (not letters), web addresses and email addresses (this test's own patterns);
- the app's proper names: Victim Champion, Compass House, Compass Point, and the names of
  its reference files that 'Where to go next' gives as sources (FACTS.md, CONTACTS.md);
- service names: each service's own name in the directory, and each route's kept names,
  which must be in its words and be a proper name (a capital or a digit first) or a quoted
  word the person must type ("register");
- what the person or the session brings: the person's name, the district, the venue, the
  trainers, the attendees, a certificate's code and key id, a recovery key's words,
  and the command that uses it (printed as it is typed).

The quiz sheets and the activity materials are covered too: their words are the
catalogue's and the course's (every question and answer, activity, set and card, in the
vocabulary below), and every question of the course is printed on a sheet.

Not covered, because they are never printed in a chosen language: the official leaflets
(a published translation, printed byte for byte) and the performance report.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, new_training_session
from tests.support.keyrings import MemoryKeyring
from tests.support.pdf_tools import pdf_text
from victim_champion.content import language_content
from victim_champion.content.course_loader import load_course
from victim_champion.content.directory_loader import load_needs, shipped_directory
from victim_champion.content.language_content import Content, is_pseudo
from victim_champion.content.message_catalogue import available_languages, translations_folder
from victim_champion.content.next_steps_loader import load_next_steps
from victim_champion.content.po_file import parse_po
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.course import Course
from victim_champion.core.training_day import QuizPhase
from victim_champion.documents.quiz_sheet import QuizSheetContent, build_quiz_sheets
from victim_champion.documents.recovery_sheet import RECOVERY_COMMAND, build_recovery_sheet
from victim_champion.operations import printing
from victim_champion.operations.printing import HandoutKind, HandoutOptions
from victim_champion.operations.web_pages import handout_web_page, sheet_web_page_for
from victim_champion.store.keys import key_slots

PSEUDO_LANGUAGES = [tag for tag in available_languages() if is_pseudo(tag)]
APP_NAMES = ("Victim Champion", "Compass House", "Compass Point")
SOURCE_FILES = ("FACTS.md", "CONTACTS.md")  # named as sources on 'Where to go next'
WEB = re.compile(r"\S*[A-Za-z0-9]\.(?:uk|org|com|net)\b\S*|\S+@\S+")
RUN = re.compile(r"[A-Za-z]{3,}")
PERSON = "Ada Example-Marsh"
ATTENDEES = ("Bo Example", "Zoë Example")
VENUE, TRAINER, SESSION = "Hall", "Trainer One", "Basics"
RECOVERY = "apple river stone cloud maple tiger ocean lemon piano candle forest bridge"
DIRECTORY = shipped_directory()
COURSE = load_course()


def course_texts(course: Course) -> list[str]:
    """Every text of the course a quiz sheet or the materials print."""
    texts = [course.title]
    for module in course.modules:
        texts.append(module.title)
        for question in module.questions:
            texts += [question.text, *question.options]
        for activity in module.activities:
            texts += [activity.title, activity.text, activity.after_slide]
            texts += [t for m in activity.materials for t in (m.name, *m.cards)]
    return texts


def english_vocabulary() -> frozenset[str]:
    """Every word of 3+ letters in the app's own English, catalogue and content."""
    catalogue = translations_folder() / "en-GB.po"
    texts = list(parse_po(catalogue.read_text("utf-8"), catalogue.name).values())
    code = load_victims_code()
    texts += [code.title, code.not_reported_note, code.complaints, *course_texts(COURSE)]
    texts += [t for r in code.rights for t in (r.title, r.summary, r.discreet_title)]
    for route in DIRECTORY.routes:
        texts += [route.name, route.contact, route.hours, route.discreet_name]
        texts.append(route.discreet_contact)
    for service in DIRECTORY.services:
        texts += [service.description, service.discreet_name, service.discreet_description]
    texts += [t for n in load_needs() for t in (n.label, n.discreet_label)]
    steps = load_next_steps()
    texts += steps.printed_texts() + [s.page_date for s in steps.sources]
    return frozenset(w.casefold() for t in texts for w in RUN.findall(t))


VOCABULARY = english_vocabulary()


def service_names() -> list[str]:
    """Each service's own name and each route's kept names."""
    names = [s.name for s in DIRECTORY.services]
    for route in DIRECTORY.routes:
        words = " ".join((route.name, route.contact, route.hours, route.discreet_name))
        for kept in route.kept:
            quoted = f'"{kept.strip(chr(34))}"' == kept
            assert kept in words + route.discreet_contact, (route.id, kept)
            assert kept[0].isupper() or kept[0].isdigit() or quoted, (route.id, kept)
            names.append(kept)
    return names


ALLOWED = (
    *APP_NAMES,
    *SOURCE_FILES,
    *service_names(),
    PERSON,
    *ATTENDEES,
    VENUE,
    TRAINER,
    SESSION,
    "Thanet",
)


def english_lines(pdf: bytes, tmp_path: Path, allowed: Iterable[str] = ()) -> list[str]:
    """Every line pdftotext reads that still holds an English word, once the allowed
    parts are blanked out (an allowed name may run over a line break)."""
    return english_in(pdf_text(pdf, tmp_path, layout=False), allowed)


def english_in(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The lines of ``text`` that still hold an English word, but for the allowed parts."""
    text = WEB.sub(lambda m: " " * len(m.group()), text)
    for phrase in sorted({*ALLOWED, *allowed}, key=len, reverse=True):
        spaced = r"\s+".join(re.escape(part) for part in phrase.split())
        text = re.sub(spaced, lambda m: re.sub(r"\S", " ", m.group()), text)
    return [
        line.strip()
        for line in text.splitlines()
        if any(word.casefold() in VOCABULARY for word in RUN.findall(line))
    ]


def pages_for(language: str) -> dict[str, bytes]:
    """Every handout and sheet operations/printing.py makes, in every form."""
    made: dict[str, bytes] = {}
    for large in (False, True):
        for discreet in (False, True):
            options = HandoutOptions("thanet", large, discreet, language)
            form = f"{'large ' if large else ''}{'discreet ' if discreet else ''}"
            made[f"rights {form}"] = printing.print_handout(HandoutKind.RIGHTS, options)
            made[f"directory {form}"] = printing.print_handout(HandoutKind.DIRECTORY, options)
    needs = [n.id for n in load_needs()]
    services = [s.id for s in DIRECTORY.services if s.covers("thanet")]
    card_routes = [r.id for r in DIRECTORY.routes if r.kind == "need" and r.printable(True)]
    for discreet in (False, True):
        made[f"sheet {'card' if discreet else 'plain'}"] = printing.print_signposting_sheet(
            "thanet",
            needs,
            services,
            name=PERSON,
            options=HandoutOptions(discreet=discreet, language=language),
            route_ids=card_routes if discreet else (),
            groups=("lgbt", "men"),
        )
    made["next steps"] = printing.print_next_steps(language)
    made["recovery sheet"] = build_recovery_sheet(RECOVERY, date(2026, 12, 7), language)
    made["materials"] = printing.print_materials(course=COURSE, language=language)
    questions = tuple(q for module in COURSE.modules for q in module.questions)
    for start in range(0, len(questions), len(COURSE.modules)):  # every question once
        content = QuizSheetContent(
            COURSE.title,
            SESSION,
            date(2026, 12, 7),
            QuizPhase.POST,
            questions[start : start + len(COURSE.modules)],
        )
        made[f"quiz sheets {start + 1}"] = build_quiz_sheets(content, 2, 1, language)
    return made


@pytest.mark.parametrize("language", PSEUDO_LANGUAGES)
def test_no_english_line_on_any_handout_or_sheet(language: str, tmp_path: Path) -> None:
    for name, pdf in pages_for(language).items():
        kept = [*RECOVERY.split(), RECOVERY_COMMAND] if name == "recovery sheet" else []
        left = english_lines(pdf, tmp_path, kept)
        assert left == [], f"{language}, {name}: English lines: {left[:8]}"


@pytest.mark.parametrize("language", PSEUDO_LANGUAGES)
def test_no_english_line_on_the_web_page_twins(language: str) -> None:
    """The accessible twins say what the paper says, in the same language."""
    pages = {}
    for discreet in (False, True):
        options = HandoutOptions("thanet", False, discreet, language)
        pages[f"rights {discreet}"] = handout_web_page(HandoutKind.RIGHTS, options)
        pages[f"directory {discreet}"] = handout_web_page(HandoutKind.DIRECTORY, options)
        pages[f"sheet {discreet}"] = sheet_web_page_for(
            "thanet",
            ["stalking", "sexual-violence"],
            ["victim-support-kent"],
            name=PERSON,
            options=HandoutOptions(discreet=discreet, language=language),
            route_ids=("stalking-helpline",) if discreet else (),
        )
    for name, page in pages.items():
        text = html.unescape(re.sub(r"<[^>]+>", "\n", page.split("<body", 1)[-1]))
        left = english_in(text)
        assert left == [], f"{language}, {name} web page: English lines: {left[:8]}"


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> InProcessCli:
    monkeypatch.setenv("VC_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setattr(key_slots, "TARGET_SECONDS", 0.0)
    return InProcessCli(capsys, tmp_path / "profile")


@pytest.mark.parametrize("language", PSEUDO_LANGUAGES)
def test_no_english_line_on_what_the_print_commands_write(
    language: str, cli: InProcessCli, tmp_path: Path
) -> None:
    session = new_training_session(cli, "Thanet", TRAINER, day="2026-12-03", venue=VENUE)
    register = tmp_path / "register.csv"
    register.write_text("name\n" + "\n".join(ATTENDEES) + "\n", encoding="utf-8")
    assert cli("attendees", "import", session, str(register)).code == 0
    for person in cli("attendees", "list", session, "--json").json():
        assert cli("attendees", "complete", session, person["id"]).code == 0
    out = tmp_path / "out.pdf"
    commands = {
        "certificates": ("certificates", session),
        "rights": ("handout", "rights", "--discreet"),
        "directory": ("handout", "directory", "--district", "Thanet", "--large-print"),
        "sheet": ("sheet", "--district", "Thanet", "--need", "stalking", "--name", PERSON),
        "next steps": ("next-steps",),
        "materials": ("materials", "--module", COURSE.modules[1].id),
        "quiz sheets": ("quiz-sheets", session, "--phase", "before", "--count", "2"),
    }
    for name, command in commands.items():
        printed = cli("print", *command, "--language", language, "--out", str(out), "--json")
        assert printed.code == 0, (name, printed.err)
        codes = printed.json().get("codes", [])
        key_ids = re.findall(r"[0-9a-f]{8,}", pdf_text(out.read_bytes(), tmp_path))
        left = english_lines(out.read_bytes(), tmp_path, [*codes, *key_ids])
        assert left == [], f"{language}, print {name}: English lines: {left[:8]}"


def test_the_check_fails_when_the_content_lookup_is_broken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With the content layer handing back English, the rights handout's Code, routes and
    hours are English again, and the check finds those lines."""
    language_content.content_for.cache_clear()
    monkeypatch.setattr(Content, "text", lambda self, english, kept=(): english)
    pdf = printing.print_handout(HandoutKind.RIGHTS, HandoutOptions(language=PSEUDO_LANGUAGES[0]))
    left = english_lines(pdf, tmp_path)
    assert len(left) >= 30, left
    assert any("To understand and be understood" in line for line in left)
    language_content.content_for.cache_clear()


def test_the_vocabulary_is_the_apps_english() -> None:
    assert {"victim", "rights", "emergency", "register", "compensation"} <= VOCABULARY
    assert "thanet" not in VOCABULARY or "Thanet" in ALLOWED
