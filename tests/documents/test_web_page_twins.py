"""The accessible twins: each handout and the sheet as one self-contained web page with the
same words as the PDF, real structure (headings, lists, the page's language), nothing
fetched from outside, and the same discreet rules."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.documents.test_discreet_and_routes import FORBIDDEN
from victim_champion.operations.printing import HandoutKind, HandoutOptions
from victim_champion.operations.web_pages import handout_web_page, sheet_web_page_for


class Outline(HTMLParser):
    """The page's language, headings, list items, and anything that would load."""

    def __init__(self) -> None:
        super().__init__()
        self.language = ""
        self.headings: list[tuple[str, str]] = []
        self.items = 0
        self.loads: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.language = found.get("lang") or ""
        if tag in ("h1", "h2", "h3"):
            self._in = tag
            self.headings.append((tag, ""))
        if tag == "li":
            self.items += 1
        if tag in ("script", "img", "link", "iframe") or "src" in found:
            self.loads.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def _outline(page: str) -> Outline:
    parsed = Outline()
    parsed.feed(page)
    return parsed


def test_the_rights_twin_has_the_rights_as_a_list_and_the_routes() -> None:
    page = _outline(handout_web_page(HandoutKind.RIGHTS, HandoutOptions()))
    assert page.language == "en-GB" and page.loads == []
    assert page.headings[0] == ("h1", "Your rights as a victim of crime")
    assert ("h2", "Help, any time") in page.headings
    assert page.items >= 12 + 6  # twelve rights, then the routes every sheet carries
    assert "08 08 16 89 111" in " ".join(page.text)


@pytest.mark.parametrize("kind", list(HandoutKind))
def test_a_discreet_twin_says_no_telling_word(kind: HandoutKind) -> None:
    page = handout_web_page(kind, HandoutOptions("swale", discreet=True))
    assert not [word for word in FORBIDDEN if word in page.casefold()]
    assert "<title>Information for you</title>" in page


def test_the_sheet_twin_has_the_chosen_services_under_their_needs() -> None:
    page = _outline(
        sheet_web_page_for(
            "swale",
            ["domestic-abuse"],
            ["davss"],
            name="Sam Example",
            options=HandoutOptions("swale"),
        )
    )
    assert page.headings[:3] == [
        ("h1", "Support chosen for Sam Example"),
        ("h2", "Domestic abuse support"),
        ("h3", "DAVSS"),
    ]
    assert "0808 2000 247" in " ".join(page.text)  # the national line for the need
