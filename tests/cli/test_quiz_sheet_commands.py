"""`print quiz-sheets`, through the command line: numbered two-sided sheets for the room."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli, new_training_session
from tests.support.pdf_tools import pdf_info, pdf_text


def test_quiz_sheets_are_printed_for_a_session(cli: InProcessCli, tmp_path: Path) -> None:
    session_id = new_training_session(cli, "Swale", "Trainer One", day="2026-12-07")
    out = tmp_path / "quiz.pdf"
    printed = cli(
        "print",
        "quiz-sheets",
        session_id,
        "--phase",
        "after",
        "--count",
        "3",
        "--first",
        "5",
        "--out",
        str(out),
        "--json",
    )
    assert printed.code == 0, printed.err
    assert printed.json() == {"out": str(out), "sheets": 3, "first": 5}
    assert "print them on both sides" in printed.err
    assert pdf_info(out.read_bytes(), tmp_path)["Pages"] == "6"
    text = " ".join(pdf_text(out.read_bytes(), tmp_path, layout=False).split())
    assert text.count("Quiz: after the course") == 6  # both sides of three sheets
    assert "Do not write your name on this sheet." in text

    too_many = cli(
        "print",
        "quiz-sheets",
        session_id,
        "--phase",
        "before",
        "--count",
        "0",
        "--out",
        str(tmp_path / "none.pdf"),
    )
    assert too_many.code == 1 and "from 1 to 200 sheets" in too_many.err
    nowhere = cli(
        "print",
        "quiz-sheets",
        "no-such-session",
        "--phase",
        "before",
        "--count",
        "2",
        "--out",
        str(tmp_path / "none.pdf"),
    )
    assert nowhere.code == 1 and not (tmp_path / "none.pdf").exists()
