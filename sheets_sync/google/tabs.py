"""The tabs of a spreadsheet as its metadata (one spreadsheets.get) describes them."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: How far along its chain of candidates a tab salespipe created may have got its id
#: (each step skips an id already taken in the spreadsheet).
_ID_STEPS = 64


@dataclass
class Tab:
    """A tab as the spreadsheet's metadata describes it."""

    title: str
    sheet_id: int
    rows: int
    cols: int
    frozen_rows: int = 0  # salespipe freezes row 1 of its tabs: 0 means never formatted


def tabs_of(metadata: Mapping[str, Any]) -> list[Tab]:
    """Title, id and grid size of every tab of a spreadsheets.get answer, in order."""
    return [
        Tab(
            p["title"],
            int(p.get("sheetId", 0)),
            int(p.get("gridProperties", {}).get("rowCount", 0)),
            int(p.get("gridProperties", {}).get("columnCount", 0)),
            int(p.get("gridProperties", {}).get("frozenRowCount", 0)),
        )
        for p in (s["properties"] for s in metadata.get("sheets", []))
    ]


def find_tab(tabs: Sequence[Tab], name: str) -> Tab | None:
    """The tab of that title; Google titles are unique regardless of case."""
    exact = next((t for t in tabs if t.title == name), None)
    return exact or next((t for t in tabs if t.title.casefold() == name.casefold()), None)


def _id_candidates(title: str) -> Iterator[int]:
    """The ids salespipe tries, in order, for a tab it creates with ``title``."""
    candidate = zlib.crc32(title.encode()) & 0x7FFFFFFF or 1
    while True:
        yield candidate
        candidate = (candidate * 31 + 7) & 0x7FFFFFFF or 1


def new_sheet_id(title: str, taken: set[int]) -> int:
    """A stable id for a tab salespipe creates (so the same batch can format it, and a
    later run knows the tab for its own: :func:`made_by_salespipe`); never 0."""
    candidates = _id_candidates(title)
    candidate = next(candidates)
    while candidate in taken:
        candidate = next(candidates)
    taken.add(candidate)
    return candidate


def made_by_salespipe(tab: Tab, name: str) -> bool:
    """Whether ``tab`` (found under the managed name ``name``) has an id salespipe gives
    the tabs it creates: a person's tab of the same name (added by hand, imported, or
    renamed to that name) has another one, whatever its first row says."""
    for title in dict.fromkeys((name, tab.title)):
        ids = _id_candidates(title)
        if any(next(ids) == tab.sheet_id for _ in range(_ID_STEPS)):
            return True
    return False
