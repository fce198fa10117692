"""spreadsheets.get for the emulator (as Google answers): properties, sheets, grid data.

``includeGridData`` (case-insensitive boolean), repeated ``ranges`` (only the sheets they
touch are listed, with one GridData per range) and a ``fields`` mask, which keeps empty
containers on its path and trims blank rows and cells of grid data as Google does.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.support.cell_values import Cell, format_value
from tests.support.field_masks import cut, parse_mask
from tests.support.sheets_model import Box, Sheet, Spreadsheet
from tests.support.sheets_values import Params, flag, param

SHEET_EXTRAS = (
    "merges",
    "conditionalFormats",
    "filterViews",
    "protectedRanges",
    "basicFilter",
    "charts",
    "bandedRanges",
    "rowGroups",
    "columnGroups",
)
ROW_PIXELS, COLUMN_PIXELS = 21, 100


def spreadsheet_resource(ss: Spreadsheet, params: Params) -> dict[str, Any]:
    """The Spreadsheet resource as spreadsheets.get answers it."""
    fields = param(params, "fields")
    paths = parse_mask(fields) if fields else []
    boxes = [ss.resolve(text) for text in params.get("ranges", [])]
    want_data = flag(params, "includeGridData") or any(p[:2] == ("sheets", "data") for p in paths)
    sheets = []
    for sheet in ss.sheets:
        mine = [b for b in boxes if b.sheet is sheet]
        if boxes and not mine:
            continue
        entry: dict[str, Any] = {"properties": copy.deepcopy(sheet.props)}
        if want_data:
            whole = [Box(sheet, 0, 0, sheet.row_count, sheet.col_count)]
            entry["data"] = [grid_data(b) for b in mine or whole]
        entry.update({k: copy.deepcopy(sheet.extras[k]) for k in SHEET_EXTRAS if k in sheet.extras})
        sheets.append(entry)
    out: dict[str, Any] = {
        "spreadsheetId": ss.id,
        "properties": copy.deepcopy(ss.properties),
        "sheets": sheets,
    }
    if ss.named_ranges:
        out["namedRanges"] = copy.deepcopy(ss.named_ranges)
    out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{ss.id}/edit"
    if paths:
        out = cut(out, paths)
        trim_grid_data(out)
    return out


def grid_data(box: Box) -> dict[str, Any]:
    sheet = box.sheet
    data: dict[str, Any] = {}
    if box.r0:
        data["startRow"] = box.r0
    if box.c0:
        data["startColumn"] = box.c0
    rows = [
        {"values": [cell_data(sheet.cell(r, c), sheet) for c in range(box.c0, box.c1)]}
        for r in range(box.r0, min(box.r1, len(sheet.rows)))
    ]
    data["rowData"] = rows
    data["rowMetadata"] = [_meta(sheet.row_meta, r, ROW_PIXELS) for r in range(box.r0, box.r1)]
    data["columnMetadata"] = [
        _meta(sheet.col_meta, c, COLUMN_PIXELS) for c in range(box.c0, box.c1)
    ]
    trim_rows(data)
    return data


def _meta(meta: dict[int, dict[str, Any]], i: int, pixels: int) -> dict[str, Any]:
    return {"pixelSize": pixels, **meta.get(i, {})}


def cell_data(cell: Cell | None, sheet: Sheet) -> dict[str, Any]:
    """CellData: userEnteredValue, effectiveValue, formattedValue, userEnteredFormat, note."""
    if cell is None:
        return {}
    out: dict[str, Any] = {}
    if not cell.is_blank:
        if cell.formula is not None:
            out["userEnteredValue"] = {"formulaValue": cell.formula}
        else:
            out["userEnteredValue"] = extended_value(cell.value)
        out["effectiveValue"] = extended_value(cell.value)
        out["formattedValue"] = format_value(cell)
    if cell.fmt:
        out["userEnteredFormat"] = with_colour_styles(cell.fmt)
    if cell.note:
        out["note"] = cell.note
    return out


def extended_value(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": value}
    if value is None:
        return {}
    return {"stringValue": str(value)}


def with_colour_styles(fmt: dict[str, Any]) -> dict[str, Any]:
    """Google mirrors each colour into a ``...ColorStyle`` sibling (recorded: test_format)."""
    out = copy.deepcopy(fmt)
    for holder in (out, out.get("textFormat")):
        if isinstance(holder, dict):
            for key in [k for k in holder if k.endswith("Color") and isinstance(holder[k], dict)]:
                holder.setdefault(key + "Style", {"rgbColor": holder[key]})
    return out


def trim_rows(data: dict[str, Any]) -> None:
    """Blank cells at the end of a row and blank rows at the end vanish; so do empty lists."""
    rows = data.get("rowData")
    if rows is None:
        return
    for row in rows:
        values = row.get("values")
        if values is not None:
            while values and values[-1] == {}:
                values.pop()
            if not values:
                del row["values"]
    while rows and rows[-1] == {}:
        rows.pop()
    if not rows:
        del data["rowData"]


def trim_grid_data(out: dict[str, Any]) -> None:
    for sheet in out.get("sheets", []):
        for data in sheet.get("data", []) if isinstance(sheet, dict) else []:
            trim_rows(data)
