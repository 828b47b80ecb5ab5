"""Answers go in the trainer's pack only (issue 33, the quiz): `print materials` prints
the cards for the room activity by activity, then, on pages of their own headed "For the
trainer: do not hand out", every set whose name says it is for the trainer. Read back from
the real PDF with pdftotext."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli
from tests.support.pdf_tools import flowing_text, pages_text
from victim_champion.content.course_loader import load_course
from victim_champion.core.course_parts import activity_note
from victim_champion.documents.materials_document import DO_NOT_HAND_OUT, for_trainer

DOT = "\u00b7"


def _words(text: str) -> str:
    return " ".join(text.split())


def _print(cli: InProcessCli, tmp_path: Path, *options: str) -> bytes:
    out = tmp_path / "materials.pdf"
    printed = cli("print", "materials", *options, "--out", str(out))
    assert printed.code == 0, printed.err
    return out.read_bytes()


def test_answer_cards_are_printed_only_in_the_trainers_pack_after_the_room_cards(
    cli: InProcessCli, tmp_path: Path
) -> None:
    course = load_course()
    room: list[tuple[str, tuple[str, ...]]] = []  # (tag, cards) of every set for the room
    answers: list[tuple[str, tuple[str, ...]]] = []  # and of every set for the trainer
    room_words: list[str] = []
    for number, module in enumerate(course.modules, 1):
        for activity in module.activities:
            room_words.append(_words(activity.text))
            for materials in activity.materials:
                tag = f"Module {number} {DOT} {materials.name}"
                (answers if for_trainer(materials) else room).append((tag, materials.cards))
                if not for_trainer(materials):
                    room_words += [_words(card) for card in materials.cards]
    assert any(tag.startswith(f"Module 1 {DOT}") for tag, _ in answers)  # module 1's answers
    assert len(answers) >= 8

    pdf = _print(cli, tmp_path)  # the default: both, the trainer's pack last
    text = flowing_text(pdf, tmp_path)
    assert text.count(DO_NOT_HAND_OUT) == 1
    before, pack = text.split(DO_NOT_HAND_OUT)
    for tag, cards in answers:
        assert tag not in before and tag in pack, tag
        for card in cards:
            assert _words(card) in pack, card[:40]
            if not any(_words(card) in seen for seen in room_words):
                assert _words(card) not in before, card[:40]
    for tag, cards in room:
        assert tag in before and tag not in pack, tag
        assert all(_words(card) in before for card in cards), tag
    pages = pages_text(pdf, tmp_path)
    first = next(n for n, page in enumerate(pages) if DO_NOT_HAND_OUT in page)
    heading = DO_NOT_HAND_OUT.split()
    assert pages[first].split()[: len(heading)] == heading  # at the top of a page of its own
    assert not any(tag in page for page in pages[:first] for tag, _ in answers)

    only_room = flowing_text(_print(cli, tmp_path, "--pack", "participants"), tmp_path)
    assert DO_NOT_HAND_OUT not in only_room and not any(t in only_room for t, _ in answers)
    only_pack = flowing_text(_print(cli, tmp_path, "--pack", "trainer"), tmp_path)
    assert only_pack.startswith(DO_NOT_HAND_OUT) and not any(t in only_pack for t, _ in room)
    rights = course.modules[1]
    one = flowing_text(_print(cli, tmp_path, "--module", rights.id), tmp_path)
    assert f"Module 2 {DOT} Answer card for the trainer" in one.split(DO_NOT_HAND_OUT)[1]
    assert f"Module 1 {DOT}" not in one


def test_the_presenter_still_names_every_set_including_the_answers() -> None:
    for module in load_course().modules:
        for activity in module.activities:
            note = activity_note(activity)
            assert all(m.name in note for m in activity.materials), activity.title
