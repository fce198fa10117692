"""Reading a spreadsheet's user tabs: one values.batchGet, unformatted, dates as serials."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from gspread.utils import absolute_range_name

from salespipe.core.errors import SourceError
from sheets_sync.google.tabs import Tab, made_by_salespipe
from sheets_sync.google.values import Grid

if TYPE_CHECKING:
    from sheets_sync.google.gateway import SheetsGateway

#: Values as typed, not as shown: numbers as numbers, dates as serial numbers.
_UNFORMATTED = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}


def read_tabs(
    sheet: SheetsGateway, names: Sequence[str], first_rows: Mapping[str, int] | None = None
) -> dict[str, Grid]:
    """:meth:`SheetsGateway.read_tabs <sheets_sync.google.gateway.SheetsGateway.read_tabs>`."""
    tabs = [user_tab(sheet, name) for name in names]
    sheet.user_tabs.update(t.title for t in tabs)
    wanted_rows = dict(first_rows or {})
    heads = [(name, tab) for name in wanted_rows if (tab := sheet.find(name)) is not None]
    ranges = [absolute_range_name(t.title) for t in tabs]
    # Within the grid: Google answers 400 for a range past a tab's last row.
    ranges += [
        absolute_range_name(tab.title, f"1:{max(1, min(wanted_rows[name], tab.rows))}")
        if made_by_salespipe(tab, name)
        else absolute_range_name(tab.title)  # a person's: read whole, so blank heads hide nothing
        for name, tab in heads
    ]
    try:
        answer = sheet.call(
            "values.batchGet",
            lambda: sheet.http.values_batch_get(sheet.key, ranges, params=dict(_UNFORMATTED)),
        )
    except SourceError as exc:
        if exc.params.get("status") != 400:
            raise
        sheet.refresh()  # a tab renamed since the spreadsheet was opened
        for name in names:
            user_tab(sheet, name)
        raise
    value_ranges = answer.get("valueRanges", [])
    wanted = [*names, *(name for name, _ in heads)]
    grids = {
        name: list(vr.get("values", [])) for name, vr in zip(wanted, value_ranges, strict=True)
    }
    for name, tab in heads:  # a tab read whole: what the next write compares with
        if wanted_rows[name] >= tab.rows:
            sheet.seen[name.casefold()] = grids[name]
    return grids


def user_tab(sheet: SheetsGateway, name: str) -> Tab:
    """The tab of that name; a SourceError naming it and the tabs present if there is none."""
    tab = sheet.find(name)
    if tab is None:
        raise SourceError(
            "sheet_not_found",
            sheet=name,
            source=f"Google Sheets « {sheet.title} »",
            sheets=", ".join(sheet.titles()),
        )
    return tab
