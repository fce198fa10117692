"""Writing a spreadsheet's managed tabs: at most one structural batch, then one values write.

The structural batch (spreadsheets.batchUpdate) is sent only when a managed tab must be
created, grown or formatted; it is recomputed from fresh metadata before a retry, so a
batch that went through without an answer never creates a tab twice. The values
(values.batchUpdate, RAW) fill every managed tab from A1, padded with blanks to its grid
so that stale cells are cleared. The user's tabs are never written.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gspread.utils import absolute_range_name

from salespipe.core.report_tables import CellFormat
from sheets_sync.google.tabs import Tab, find_tab, new_sheet_id
from sheets_sync.google.values import merged_formats, number_format, pad, prepare, size

if TYPE_CHECKING:
    from sheets_sync.google.gateway import SheetsGateway

NumberFormat = Mapping[str, str]
Request = dict[str, Any]


def write_tabs(
    sheet: SheetsGateway,
    values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
    formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
    *,
    reformat: bool | Collection[str] = False,
    cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
) -> None:
    """:meth:`SheetsGateway.write_tabs <sheets_sync.google.gateway.SheetsGateway.write_tabs>`."""
    clash = [name for name in values_by_tab if _is_user_tab(sheet, name)]
    if clash:
        raise ValueError(f"user tabs are never written: {', '.join(clash)}")
    prepared = {name: prepare(grid) for name, grid in values_by_tab.items()}
    rows = {name: grid for name, (grid, _) in prepared.items()}
    wanted = {
        name: merged_formats(detected, (formats or {}).get(name))
        for name, (_, detected) in prepared.items()
    }
    ensure_tabs(
        sheet,
        {name: size(grid) for name, grid in rows.items()},
        wanted,
        reformat=reformat,
        cell_formats=cell_formats,
    )
    data = []
    for name, grid in rows.items():
        tab = sheet.find(name)
        assert tab is not None  # ensured above
        height, width = size(grid)
        block = pad(grid, max(height, tab.rows), max(width, tab.cols))
        data.append({"range": absolute_range_name(tab.title, "A1"), "values": block})
    body = {"valueInputOption": "RAW", "data": data}
    sheet.call("values.batchUpdate", lambda: sheet.http.values_batch_update(sheet.key, body))


def _is_user_tab(sheet: SheetsGateway, name: str) -> bool:
    return name.casefold() in {t.casefold() for t in sheet.user_tabs}


def ensure_tabs(
    sheet: SheetsGateway,
    sizes: Mapping[str, tuple[int, int]],
    formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
    *,
    reformat: bool | Collection[str] = False,
    cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
) -> list[str]:
    """:meth:`SheetsGateway.ensure_tabs <sheets_sync.google.gateway.SheetsGateway.ensure_tabs>`."""
    created: list[str] = []

    def send() -> Any:
        requests_, created[:] = _structure(
            sheet.tabs, sizes, formats or {}, reformat, cell_formats or {}
        )
        if not requests_:
            return None
        reply = sheet.http.batch_update(sheet.key, {"requests": requests_})
        _apply_structure(sheet.tabs, requests_)
        return reply

    sheet.call("spreadsheets.batchUpdate", send, before_retry=sheet.refresh)
    return created


def _structure(
    tabs: Sequence[Tab],
    sizes: Mapping[str, tuple[int, int]],
    formats: Mapping[str, Mapping[int, NumberFormat]],
    reformat: bool | Collection[str],
    cell_formats: Mapping[str, Sequence[CellFormat]],
) -> tuple[list[Request], list[str]]:
    """The requests that create, grow or reformat the tabs; the titles of those created."""
    out: list[Request] = []
    created = []
    taken = {t.sheet_id for t in tabs}
    for name, (height, width) in sizes.items():
        tab = find_tab(tabs, name)
        rows, cols = max(height, 1), max(width, 1)
        if tab is None:
            sheet_id = new_sheet_id(name, taken)
            grid = {"rowCount": rows, "columnCount": cols}
            props = {"sheetId": sheet_id, "title": name, "gridProperties": grid}
            out.append({"addSheet": {"properties": props}})
            created.append(name)
        elif rows > tab.rows or cols > tab.cols:
            sheet_id = tab.sheet_id
            grid = {"rowCount": max(rows, tab.rows), "columnCount": max(cols, tab.cols)}
            props = {"sheetId": sheet_id, "gridProperties": grid}
            fields = "gridProperties.rowCount,gridProperties.columnCount"
            out.append({"updateSheetProperties": {"properties": props, "fields": fields}})
        elif reformat is True or (not isinstance(reformat, bool) and name in reformat):
            sheet_id = tab.sheet_id
            out.append(_clear_formats(sheet_id))  # formats of the old layout
        else:
            continue
        out.extend(_format_requests(sheet_id, formats.get(name, {})))
        out.extend(_cell_format_requests(sheet_id, cell_formats.get(name, ())))
    return out, created


def _apply_structure(tabs: list[Tab], sent: list[Request]) -> None:
    """Update the known tabs from a structural batch that went through."""
    for request in sent:
        for kind in ("addSheet", "updateSheetProperties"):
            props = request.get(kind, {}).get("properties")
            if not props:
                continue
            grid = props["gridProperties"]
            tab = next((t for t in tabs if t.sheet_id == props["sheetId"]), None)
            if tab is None:
                tab = Tab(props["title"], props["sheetId"], 0, 0)
                tabs.append(tab)
            tab.rows, tab.cols = grid["rowCount"], grid["columnCount"]


def _format_requests(sheet_id: int, formats: Mapping[int, NumberFormat]) -> list[Request]:
    return [
        {
            "repeatCell": {
                "range": {"sheetId": sheet_id, "startColumnIndex": col, "endColumnIndex": col + 1},
                "cell": {"userEnteredFormat": {"numberFormat": dict(fmt)}},
                "fields": "userEnteredFormat.numberFormat",
            }
        }
        for col, fmt in sorted(formats.items())
    ]


def _clear_formats(sheet_id: int) -> Request:
    """A repeatCell that removes every number format of a tab."""
    return {
        "repeatCell": {
            "range": {"sheetId": sheet_id},
            "cell": {"userEnteredFormat": {}},
            "fields": "userEnteredFormat.numberFormat",
        }
    }


def _cell_format_requests(sheet_id: int, formats: Sequence[CellFormat]) -> list[Request]:
    """repeatCell requests for the report's formats (1-based rows and columns; an open
    last row runs to the end of the grid)."""
    out = []
    for first, last, column, excel in formats:
        grid_range = {
            "sheetId": sheet_id,
            "startRowIndex": first - 1,
            "startColumnIndex": column - 1,
            "endColumnIndex": column,
        }
        if last is not None:
            grid_range["endRowIndex"] = last
        cell = {"userEnteredFormat": {"numberFormat": number_format(excel)}}
        fields = "userEnteredFormat.numberFormat"
        out.append({"repeatCell": {"range": grid_range, "cell": cell, "fields": fields}})
    return out
