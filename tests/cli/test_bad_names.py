"""Names are text at the command line (issue 35, item 5): a sign-up list with a NUL or a
direction override in a name is refused row by row, naming the line and the character
as U+XXXX (never echoing it), and a correction cannot bring one in either."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli, new_training_session

SIGN_UP = 'name,email\nGood Person,good@example.org\n"Nul\x00Byte",\n"Ev\u202eil",\n'


def test_a_sign_up_list_with_bad_names_is_refused_naming_each_line_and_character(
    cli: InProcessCli, tmp_path: Path
) -> None:
    session = new_training_session(cli)
    export = tmp_path / "sign-up.csv"
    export.write_bytes(SIGN_UP.encode("utf-8"))
    refused = cli("attendees", "import", session, str(export))
    assert refused.code != 0
    said = refused.out + refused.err
    assert "3: the name holds U+0000 (a control character)" in said, said
    assert "4: the name holds U+202E (a text-direction control)" in said, said
    assert "\x00" not in said and "\u202e" not in said
    assert cli("attendees", "list", session, "--json").json() == []
    kept = cli("attendees", "import", session, str(export), "--skip-bad", "--json")
    assert kept.code == 0, kept.err
    people = cli("attendees", "list", session, "--json").json()
    assert [p["name"] for p in people] == ["Good Person"]
    edited = cli("attendees", "edit", session, people[0]["id"], "--name", "Good\u2066Person")
    assert edited.code != 0 and "U+2066" in edited.out + edited.err
    people = cli("attendees", "list", session, "--json").json()
    assert [p["name"] for p in people] == ["Good Person"]


def test_a_sheets_name_that_is_not_text_is_refused_on_paper_and_web_page(
    cli: InProcessCli, tmp_path: Path
) -> None:
    swale = ("--district", "Swale", "--need", "domestic-abuse")
    for extra, out in (((), "sheet.pdf"), (("--web-page",), "sheet.html")):
        where = str(tmp_path / out)
        printed = cli("print", "sheet", *swale, *extra, "--name", "Sam\x07Example", "--out", where)
        said = printed.out + printed.err
        assert printed.code != 0 and "U+0007 (a control character)" in said, said
        assert "Sam" not in said and not (tmp_path / out).exists()
