"""`print sheet`, `directory needs` and the routes in `directory search --json`, through the
command line, read back from the real PDFs with poppler."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli
from tests.documents.test_discreet_and_routes import FORBIDDEN, metadata
from tests.support.pdf_tools import pages_text
from victim_champion.content.directory_loader import load_needs
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.operations.printing import HandoutOptions, print_signposting_sheet

SWALE = ("--district", "Swale", "--need", "sexual-violence", "--need", "domestic-abuse")
SERVICES = ("--service", "davss", "--service", "isva")


def test_print_sheet_prints_exactly_what_the_desk_prints(cli: InProcessCli, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    printed = cli("print", "sheet", *SWALE, *SERVICES, "--name", "Sam Example", "--out", str(out))
    assert printed.code == 0, printed.err
    assert "add --discreet" in printed.err  # the desk would have printed the card
    desk = print_signposting_sheet(
        "swale",
        ["sexual-violence", "domestic-abuse"],
        ["davss", "isva"],
        name="Sam Example",
        options=HandoutOptions("swale"),
    )
    assert pages_text(out.read_bytes(), tmp_path) == pages_text(desk, tmp_path)
    text = " ".join(" ".join(pages_text(out.read_bytes(), tmp_path)).split())
    assert "Support chosen for Sam Example" in text and "DAVSS" in text
    assert "Rape Crisis 24/7 Support Line: 0808 500 2222" in text and "Beech House" in text


def test_print_sheet_discreet_is_the_one_page_card_with_the_routes_chosen(
    cli: InProcessCli, tmp_path: Path
) -> None:
    out = tmp_path / "card.pdf"
    routes = ("--route", "rape-crisis-line", "--route", "beech-house")
    printed = cli(
        "print", "sheet", *SWALE, *SERVICES, *routes, "--discreet", "--out", str(out), "--json"
    )
    assert printed.code == 0, printed.err
    assert printed.json() == {"out": str(out), "discreet": True}
    [page] = pages_text(out.read_bytes(), tmp_path)  # one page
    text = " ".join(page.split())
    assert "Talk line (free, day and night): 0808 500 2222" in text
    assert "Clinic in Maidstone: Hermitage Lane, Maidstone" in text
    assert "0808 2000 247" not in text and "DAVSS" not in text
    revealing = load_revealing()
    assert not revealing.found(text, ["rape-crisis-line", "beech-house"])
    assert not revealing.found(metadata(out.read_bytes(), tmp_path))
    assert not [word for word in FORBIDDEN if word in text.casefold()]
    large = tmp_path / "large.pdf"
    again = cli("print", "sheet", *SWALE, "--discreet", "--large-print", "--out", str(large))
    assert again.code == 0, again.err
    assert len(pages_text(large.read_bytes(), tmp_path)) == 1
    twin = tmp_path / "card.html"
    web = cli("print", "sheet", *SWALE, *routes, "--discreet", "--web-page", "--out", str(twin))
    assert web.code == 0 and "Talk line (free, day and night)" in twin.read_text("utf-8")


@pytest.mark.parametrize(
    ("extra", "sentence"),
    [
        (("--route", "no-such-line", "--discreet"), "There is no route 'no-such-line'"),
        (("--route", "rape-crisis-line"), "--route chooses routes for the discreet card"),
        (("--need", "time-travel"), "'time-travel' is not a need we know"),
        (("--service", "nobody"), "There is no service 'nobody'"),
        (("--group", "cats"), "'cats' is not a group we ask about"),
        (("--district", "Narnia"), "Narnia"),
    ],
)
def test_print_sheet_refuses_what_it_does_not_know_in_one_sentence(
    cli: InProcessCli, tmp_path: Path, extra: tuple[str, ...], sentence: str
) -> None:
    out = tmp_path / "x.pdf"
    refused = cli("print", "sheet", *SWALE, *extra, "--out", str(out))
    assert refused.code != 0 and refused.out == ""
    assert sentence in refused.err and len(refused.err.strip().splitlines()) == 1
    assert not out.exists()


def test_print_sheet_for_a_group_adds_its_line(cli: InProcessCli, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    need = ("--district", "Thanet", "--need", "domestic-abuse")
    assert cli("print", "sheet", *need, "--out", str(out)).code == 0
    assert "Galop" not in " ".join(pages_text(out.read_bytes(), tmp_path))
    assert cli("print", "sheet", *need, "--group", "lgbt", "--out", str(out)).code == 0
    assert "Galop" in " ".join(pages_text(out.read_bytes(), tmp_path))


def test_directory_needs_lists_every_need_with_its_id(cli: InProcessCli) -> None:
    listed = cli("directory", "needs", "--json")
    assert listed.code == 0, listed.err
    needs = {n["id"]: n for n in listed.json()}
    assert [n["id"] for n in listed.json()] == [n.id for n in load_needs()]
    assert needs["fraud"]["label"] == "Fraud or a scam"
    assert needs["stalking"]["discreet_by_default"] and not needs["fraud"]["discreet_by_default"]
    human = cli("directory", "needs").out
    assert "honour-based-abuse" in human and "Fraud or a scam" in human


def test_directory_search_json_carries_the_routes_the_text_shows(cli: InProcessCli) -> None:
    asked = ("directory", "search", "--need", "sexual-violence", "--district", "Swale")
    found = cli(*asked, "--json")
    assert found.code == 0, found.err
    document = found.json()
    assert {s["id"] for s in document["services"]} >= {"isva", "east-kent-rapeline"}
    routes = document["routes"]
    ids = [r["id"] for r in routes]
    assert ids[0] == "emergency" and {"supportline", "rape-crisis-line", "beech-house"} <= set(ids)
    for route in routes:
        assert {"id", "name", "contact", "hours", "checked"} <= set(route)
    text = cli(*asked).out
    for route in routes:
        assert f"{route['name']}: {route['contact']}" in text, route["id"]
    assert text.count(": ") >= len(routes)


def test_directory_search_adds_a_groups_line_only_when_asked(cli: InProcessCli) -> None:
    asked = ("directory", "search", "--need", "domestic-abuse", "--district", "Swale", "--json")
    plain = {r["id"] for r in cli(*asked).json()["routes"]}
    assert not {"galop", "mens-advice-line"} & plain  # nobody said LGBT+ or man
    lgbt = {r["id"] for r in cli(*asked, "--group", "lgbt").json()["routes"]}
    assert lgbt - plain == {"galop"}
    men = {r["id"] for r in cli(*asked, "--group", "men").json()["routes"]}
    assert men - plain == {"mens-advice-line"}
    refused = cli(*asked, "--group", "gay")
    assert refused.code != 0 and refused.err.strip().endswith("use lgbt or men.")
