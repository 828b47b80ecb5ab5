"""`print certificates` and `print handout`, through the command line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli, new_training_session
from tests.support.pdf_tools import flowing_text, pages_text, pdf_text


def test_certificates_are_printed_for_completers_only(cli: InProcessCli, tmp_path: Path) -> None:
    session_id = new_training_session(
        cli, "Dover", "Trainer One", day="2026-12-03", venue="Town Hall"
    )
    signup = tmp_path / "s.csv"
    signup.write_text("name\nZoë Example\nBo Example\n", encoding="utf-8")
    cli("attendees", "import", session_id, str(signup))
    out = tmp_path / "certificates.pdf"
    refused = cli("print", "certificates", session_id, "--out", str(out))
    assert refused.code == 1 and "Nobody in this session has completed" in refused.err
    assert not out.exists()
    zoe = cli("attendees", "list", session_id, "--json").json()[0]["id"]
    cli("attendees", "complete", session_id, zoe)
    printed = cli("print", "certificates", session_id, "--out", str(out), "--json")
    assert printed.code == 0, printed.err
    assert printed.json()["pages"] == 1
    [page] = pages_text(out.read_bytes(), tmp_path)
    assert "Zoë Example" in page and "Bo Example" not in page
    assert "Town Hall, Dover" in page and "Trainer One" in page
    pseudo = tmp_path / "pseudo.pdf"
    again = cli(
        "print",
        "certificates",
        session_id,
        "--language",
        "qps-ploc",
        "--out",
        str(pseudo),
        "--json",
    )
    assert again.code == 0, again.err
    assert again.json()["codes"] == printed.json()["codes"]  # a reprint keeps its code
    [page] = pages_text(pseudo.read_bytes(), tmp_path)
    assert "Çéŕţîƒîçåţé öƒ çömþļéţîöñ" in page and "Zoë Example" in page


def test_handouts_need_no_passphrase_and_say_what_is_missing(
    cli: InProcessCli, tmp_path: Path
) -> None:
    out = tmp_path / "rights.pdf"
    assert cli("print", "handout", "rights", "--large-print", "--out", str(out)).code == 0
    assert "To complain" in pdf_text(out.read_bytes(), tmp_path)
    no_district = cli("print", "handout", "directory", "--out", str(out))
    assert no_district.code == 1 and "--district" in no_district.err
    medway = tmp_path / "medway.pdf"
    assert (
        cli("print", "handout", "directory", "--district", "Medway", "--out", str(medway)).code == 0
    )
    assert "Support in Medway" in pdf_text(medway.read_bytes(), tmp_path)
    missing = cli("print", "handout", "rights", "--out", str(tmp_path / "no" / "x.pdf"))
    assert missing.code == 1 and "does not exist" in missing.err


def test_course_list_shows_the_version_and_each_modules_contents(cli: InProcessCli) -> None:
    result = cli("course", "list", "--json")
    assert result.code == 0, result.err
    course = result.json()
    assert course["version"] == "2026.4" and course["code_edition"] == "2020"
    assert len(course["modules"]) >= 8
    for module in course["modules"]:
        assert module["slides"] >= 1 and module["activities"] >= 1, module["id"]
        assert module["quiz_questions"] >= 5, module["id"]
        assert 0 <= module["optional_minutes"] < module["minutes"], module["id"]
    minutes = course["minutes"]
    assert minutes["modules"] == sum(m["minutes"] for m in course["modules"])
    optional = sum(m["optional_minutes"] for m in course["modules"])
    assert minutes["core"] == minutes["modules"] - optional
    parts = ("core", "transitions", "welcome", "quiz_before", "break", "quiz_after", "feedback")
    assert minutes["short"] == minutes["without_optional"] == sum(minutes[k] for k in parts)
    assert minutes["full"] == minutes["total"] == minutes["short"] + minutes["optional_cap"]
    assert minutes["slack"] == minutes["session"] - minutes["full"] >= 10  # the timing tests
    human = cli("course", "list").out
    assert all(module["id"] in human for module in course["modules"])
    assert f"Full course {minutes['full']} minutes" in human


def test_course_check_lists_the_sources_to_check_again(cli: InProcessCli) -> None:
    result = cli("course", "check", "--json")
    assert result.code == 0, result.err
    stale = result.json()["stale_sources"]
    assert stale, "the seed documents are from 2014 to 2020"
    for entry in stale:
        assert entry["source"] and entry["checked"]
        if entry["dated"] != "undated":
            year, month = map(int, entry["dated"].split("-"))
            checked_year, checked_month = map(int, entry["checked"].split("-"))
            assert (checked_year - year) * 12 + checked_month - month > 12
    assert "check them again before publishing" in cli("course", "check").out


def test_print_materials_prints_every_activitys_cards(cli: InProcessCli, tmp_path: Path) -> None:
    from victim_champion.content.course_loader import load_course

    out = tmp_path / "materials.pdf"
    printed = cli("print", "materials", "--out", str(out))
    assert printed.code == 0, printed.err
    text = flowing_text(out.read_bytes(), tmp_path)
    course = load_course()
    for module in course.modules:
        for activity in module.activities:
            assert activity.title in text, activity.title
            for materials in activity.materials:
                for card in materials.cards:
                    assert " ".join(card.split()) in text, card[:40]
    one = tmp_path / "one.pdf"
    rights = course.modules[1]
    assert cli("print", "materials", "--module", rights.id, "--out", str(one)).code == 0
    only = flowing_text(one.read_bytes(), tmp_path)
    assert rights.activities[0].title in only
    assert course.modules[0].activities[0].title not in only
    unknown = cli("print", "materials", "--module", "nope", "--out", str(one))
    assert unknown.code == 1 and "course list shows the module ids" in unknown.err


def test_handouts_print_in_the_language_asked_for_and_an_unknown_one_is_one_sentence(
    cli: InProcessCli, tmp_path: Path
) -> None:
    out = tmp_path / "rights.pdf"
    english = cli("print", "handout", "rights", "--language", "en", "--out", str(out))
    assert english.code == 0, english.err
    assert "Your rights as a victim of crime" in pdf_text(out.read_bytes(), tmp_path)
    assert b"/Lang (en-GB)" in out.read_bytes()
    pseudo = tmp_path / "pseudo.pdf"
    printed = cli(
        "print",
        "handout",
        "directory",
        "--district",
        "Thanet",
        "--language",
        "qps-ploc",
        "--discreet",
        "--out",
        str(pseudo),
    )
    assert printed.code == 0, printed.err
    text = pdf_text(pseudo.read_bytes(), tmp_path)
    assert "Îñƒöŕmåţîöñ ƒöŕ ýöû" in text and "Support in Thanet" not in text
    assert b"/Lang (qps-ploc)" in pseudo.read_bytes()
    refused = cli("print", "handout", "rights", "--language", "xx", "--out", str(out))
    assert refused.code == 1 and refused.out == ""
    assert refused.err.strip() == (
        "There is no catalogue for the language 'xx'; choose one of: en-GB, qps-ploc, qps-deva."
    )


def test_one_persons_certificate_is_reprinted_alone_with_the_same_code(
    cli: InProcessCli, tmp_path: Path
) -> None:
    session_id = new_training_session(cli, "Dover", "Trainer One", "Trainer Two")
    signup = tmp_path / "s.csv"
    signup.write_text("name\nZoë Example\nBo Example\nCy Example\n", encoding="utf-8")
    cli("attendees", "import", session_id, str(signup))
    people = {p["name"]: p["id"] for p in cli("attendees", "list", session_id, "--json").json()}
    cli("attendees", "complete", session_id, people["Zoë Example"], people["Bo Example"])
    everyone = tmp_path / "all.pdf"
    first = cli("print", "certificates", session_id, "--out", str(everyone), "--json").json()
    one = tmp_path / "bo.pdf"
    again = cli(
        *("print", "certificates", session_id, "--attendee", people["Bo Example"]),
        *("--out", str(one), "--json"),
    ).json()
    assert again["pages"] == 1 and again["codes"][0] in first["codes"]  # the same code
    [page] = pages_text(one.read_bytes(), tmp_path)
    assert "Bo Example" in page and "Zoë Example" not in page
    assert "Trainers: Trainer One and Trainer Two" in " ".join(page.split())
    refused = cli(
        *("print", "certificates", session_id, "--attendee", people["Cy Example"]),
        *("--out", str(tmp_path / "cy.pdf")),
    )
    assert refused.code == 1 and "mark their completion first" in refused.err


def test_the_command_line_writes_the_accessible_twin(cli: InProcessCli, tmp_path: Path) -> None:
    out = tmp_path / "rights.html"
    written = cli("print", "handout", "rights", "--discreet", "--web-page", "--out", str(out))
    assert written.code == 0, written.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Information for you</title>" in page
