"""The SVG bar chart: drawn from published cells only, so a hidden value never shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from victim_champion.core.suppression import PEOPLE, Cell, CellState
from victim_champion.hub.dashboard.svg_charts import Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def cell(value: int, state: CellState = CellState.SHOWN) -> Cell:
    return Cell(value, state, PEOPLE)


def bars(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect [^>]*width="([0-9.]+)"', svg)]


def test_hidden_cells_get_their_label_and_no_bar_and_never_their_value() -> None:
    chart = bar_chart(
        "c",
        "Reach, by district",
        "Bar chart of the table below.",
        [
            Bar("Ashford", cell(40)),
            Bar("Dover", cell(3, CellState.PRIMARY)),
            Bar("Swale", cell(4321, CellState.SECONDARY)),
            Bar("Thanet", cell(0)),
        ],
    )
    root = ET.fromstring(chart)  # noqa: S314  our own output: is it well-formed XML?
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Reach, by district"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc") is not None
    assert "4321" not in chart and "4,321" not in chart and ">3<" not in chart
    assert ">&lt;5<" in chart and ">[c]<" in chart and ">0<" in chart and ">40<" in chart
    assert len(bars(chart)) == 1  # Ashford only: hidden and zero rows have no bar


def test_the_scale_comes_from_shown_values_alone() -> None:
    shown = [Bar("Ashford", cell(40)), Bar("Dover", cell(20))]
    with_hidden = [*shown, Bar("Swale", cell(4321, CellState.SECONDARY))]
    assert bars(bar_chart("a", "t", "d", shown)) == bars(bar_chart("b", "t", "d", with_hidden))
    ashford, dover = bars(bar_chart("a", "t", "d", shown))
    assert ashford == 2 * dover


def test_labels_are_escaped_and_long_ones_shortened_with_the_full_name_in_the_title() -> None:
    name = "Services & support <for> everyone in every district of Kent and Medway"
    chart = bar_chart("x", "Title & more", "d", [Bar(name, cell(7))])
    ET.fromstring(chart)  # noqa: S314  our own output
    assert "<for>" not in chart and "&amp;" in chart
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<title>{escaped}: 7</title>" in chart
    assert "…" in chart
