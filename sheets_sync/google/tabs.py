"""The tabs of a spreadsheet as its metadata (one spreadsheets.get) describes them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class Tab:
    """A tab as the spreadsheet's metadata describes it."""

    title: str
    sheet_id: int
    rows: int
    cols: int


def tabs_of(metadata: Mapping[str, Any]) -> list[Tab]:
    """Title, id and grid size of every tab of a spreadsheets.get answer, in order."""
    return [
        Tab(
            p["title"],
            int(p.get("sheetId", 0)),
            int(p.get("gridProperties", {}).get("rowCount", 0)),
            int(p.get("gridProperties", {}).get("columnCount", 0)),
        )
        for p in (s["properties"] for s in metadata.get("sheets", []))
    ]


def find_tab(tabs: Sequence[Tab], name: str) -> Tab | None:
    """The tab of that title; Google titles are unique regardless of case."""
    exact = next((t for t in tabs if t.title == name), None)
    return exact or next((t for t in tabs if t.title.casefold() == name.casefold()), None)
