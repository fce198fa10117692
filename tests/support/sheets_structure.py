"""spreadsheets.batchUpdate for the emulator (Google's batch guide, and recorded answers).

Requests run in order on a copy of the spreadsheet; the first failure aborts the whole
batch with ``Invalid requests[i].<kind>: <reason>`` and nothing is kept. Implemented
kinds: addSheet, deleteSheet, updateSheetProperties, updateSpreadsheetProperties,
insertDimension, deleteDimension, appendDimension, updateDimensionProperties,
autoResizeDimensions, repeatCell, updateCells, mergeCells, unmergeCells, addNamedRange,
deleteNamedRange, updateNamedRange, setBasicFilter, clearBasicFilter, addProtectedRange,
deleteProtectedRange, addDimensionGroup, deleteDimensionGroup, setDataValidation,
sortRange, copyPaste, cutPaste. Any other kind is a 400.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tests.support.cell_values import Cell, format_value, parse_user_entered
from tests.support.field_masks import (
    copy_masked,
    parse_mask,
    prune_defaults,
    quantise_colours,
)
from tests.support.sheets_model import (
    ApiError,
    Box,
    Sheet,
    Spreadsheet,
    bad_request,
    grid_range,
)

Reply = dict[str, Any]
Handler = Callable[[Spreadsheet, dict[str, Any]], Reply]


def batch_update(ss: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    """Apply every request or none; answer ``{"spreadsheetId", "replies"}``."""
    requests = body.get("requests")
    if not isinstance(requests, list) or not requests:
        raise bad_request("Must specify at least one request.")
    work = ss.copy()
    replies = []
    for i, request in enumerate(requests):
        if not isinstance(request, dict) or len(request) != 1:
            raise bad_request(f"Invalid requests[{i}]: exactly one kind of request is required")
        kind, payload = next(iter(request.items()))
        handler = HANDLERS.get(kind)
        if handler is None:
            raise bad_request(f"Invalid requests[{i}]: unsupported request kind {kind!r}")
        try:
            replies.append(handler(work, payload or {}))
        except ApiError as exc:
            raise ApiError(exc.code, f"Invalid requests[{i}].{kind}: {exc.message}") from None
    work.check_cell_limit()
    ss.restore(work)
    out: dict[str, Any] = {"spreadsheetId": ss.id, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        from tests.support.sheets_metadata import spreadsheet_resource

        out["updatedSpreadsheet"] = spreadsheet_resource(ss, {})
    return out


def sheet_of(ss: Spreadsheet, sheet_id: Any) -> Sheet:
    sheet = ss.sheet_by_id(sheet_id or 0)
    if sheet is None:
        raise bad_request(f"No grid with id: {sheet_id or 0}")
    return sheet


def box_of(ss: Spreadsheet, gr: dict[str, Any]) -> Box:
    box = ss.box_from_grid_range(gr or {})
    box.check_in_grid()
    return box


# ---------------------------------------------------------------- sheets


def add_sheet(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    props = dict(req.get("properties") or {})
    title = props.get("title")
    if title and ss.find_sheet(title) is not None:
        raise bad_request(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )
    if "sheetId" in props and ss.sheet_by_id(props["sheetId"]) is not None:
        raise bad_request(f"A sheet with the id {props['sheetId']} already exists.")
    props = quantise_colours(props)
    sheet = ss.add_sheet(props)
    ss.check_cell_limit()
    return {"addSheet": {"properties": copy.deepcopy(sheet.props)}}


def delete_sheet(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = sheet_of(ss, req.get("sheetId"))
    if len(ss.sheets) == 1:
        raise bad_request("You can't remove all the sheets in a document.")
    ss.sheets.remove(sheet)
    if all(s.props.get("hidden") for s in ss.sheets):
        ss.sheets[0].props.pop("hidden", None)
    ss.named_ranges = [n for n in ss.named_ranges if n["range"].get("sheetId", 0) != sheet.sheet_id]
    ss.renumber()
    return {}


GRID_KEEP = frozenset({"rowCount", "columnCount"})


def update_sheet_properties(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = quantise_colours(req.get("properties") or {})
    sheet = sheet_of(ss, source.get("sheetId"))
    paths = parse_mask(req.get("fields") or "")
    if not paths:
        raise bad_request("At least one field must be updated, but none were specified.")
    old_index, old_title = sheet.props["index"], sheet.title
    copy_masked(sheet.props, source, paths)
    _check_title(ss, sheet, old_title)
    _move(ss, sheet, old_index)
    _regrid(sheet)
    if sheet.props.get("hidden") and all(s.props.get("hidden") for s in ss.sheets):
        raise bad_request("You can't hide all the sheets in a document.")
    _prune_sheet_props(sheet)
    return {}


def _check_title(ss: Spreadsheet, sheet: Sheet, old_title: str) -> None:
    title = sheet.props.get("title")
    if not title:
        sheet.props["title"] = old_title
        return
    clash = [s for s in ss.sheets if s is not sheet and s.title.casefold() == str(title).casefold()]
    if clash:
        raise bad_request(
            f'A sheet with the name "{title}" already exists. Please enter another name.'
        )


def _move(ss: Spreadsheet, sheet: Sheet, old_index: int) -> None:
    new_index = int(sheet.props.get("index", 0))
    if new_index != old_index:
        ss.sheets.remove(sheet)
        # Google counts the target index before the sheet is removed.
        ss.sheets.insert(max(0, min(new_index - (new_index > old_index), len(ss.sheets))), sheet)
    ss.renumber()


def _regrid(sheet: Sheet) -> None:
    grid = sheet.grid
    for key, default in (("rowCount", 1), ("columnCount", 1)):
        if int(grid.get(key) or 0) < 1:
            grid[key] = default
    sheet.truncate()


def _prune_sheet_props(sheet: Sheet) -> None:
    keep = {"sheetId", "title", "index", "sheetType", "gridProperties"}
    props = sheet.props
    grid = prune_defaults(props.get("gridProperties", {}), GRID_KEEP)
    rest = prune_defaults({k: v for k, v in props.items() if k not in keep})
    ordered = {k: props[k] for k in ("sheetId", "title", "index", "sheetType") if k in props}
    sheet.props.clear()
    sheet.props.update(ordered, gridProperties=grid, **rest)


def update_spreadsheet_properties(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    paths = parse_mask(req.get("fields") or "")
    if not paths:
        raise bad_request("At least one field must be updated, but none were specified.")
    copy_masked(ss.properties, req.get("properties") or {}, paths)
    return {}


# ---------------------------------------------------------------- dimensions


def _dimension(ss: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, str, int, int]:
    sheet = sheet_of(ss, rng.get("sheetId"))
    dim = rng.get("dimension")
    if dim not in ("ROWS", "COLUMNS"):
        raise bad_request("Invalid dimension; must be ROWS or COLUMNS.")
    size = sheet.row_count if dim == "ROWS" else sheet.col_count
    start = int(rng.get("startIndex", 0))
    end = int(rng.get("endIndex", size))
    if start < 0 or end <= start:
        raise bad_request("Invalid dimension range: startIndex must be less than endIndex.")
    return sheet, dim, start, end


def insert_dimension(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("range") or {})
    n = end - start
    if dim == "ROWS":
        if start > sheet.row_count:
            raise bad_request(
                f"Invalid insertion index {start}; the sheet has {sheet.row_count} rows."
            )
        if start < len(sheet.rows):
            sheet.rows[start:start] = [[] for _ in range(n)]
        sheet.grid["rowCount"] = sheet.row_count + n
    else:
        if start > sheet.col_count:
            raise bad_request(
                f"Invalid insertion index {start}; the sheet has {sheet.col_count} columns."
            )
        for row in sheet.rows:
            if start < len(row):
                row[start:start] = [None] * n
        sheet.grid["columnCount"] = sheet.col_count + n
    _shift_ranges(ss, sheet, dim, start, n)
    ss.check_cell_limit()
    return {}


def delete_dimension(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("range") or {})
    size = sheet.row_count if dim == "ROWS" else sheet.col_count
    end = min(end, size)
    if start == 0 and end >= size:
        what = "rows" if dim == "ROWS" else "columns"
        raise bad_request(f"You can't delete all the {what} on the sheet.")
    if dim == "ROWS":
        del sheet.rows[start:end]
        sheet.grid["rowCount"] = size - (end - start)
    else:
        for row in sheet.rows:
            del row[start:end]
        sheet.grid["columnCount"] = size - (end - start)
    _shift_ranges(ss, sheet, dim, end, start - end)
    return {}


def _shift_ranges(ss: Spreadsheet, sheet: Sheet, dim: str, at: int, delta: int) -> None:
    """Move named ranges and merges of a sheet after rows/columns are inserted or deleted."""
    lo, hi = (
        ("startRowIndex", "endRowIndex")
        if dim == "ROWS"
        else ("startColumnIndex", "endColumnIndex")
    )
    ranges = [n["range"] for n in ss.named_ranges if n["range"].get("sheetId", 0) == sheet.sheet_id]
    ranges += sheet.extras.get("merges", [])
    for gr in ranges:
        for key in (lo, hi):
            if key in gr and gr[key] >= at:
                gr[key] = max(at if delta < 0 else gr[key], gr[key] + delta)


def append_dimension(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = sheet_of(ss, req.get("sheetId"))
    key = "rowCount" if req.get("dimension") == "ROWS" else "columnCount"
    sheet.grid[key] = int(sheet.grid[key]) + int(req.get("length", 0))
    ss.check_cell_limit()
    return {}


def update_dimension_properties(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("range") or {})
    meta = sheet.row_meta if dim == "ROWS" else sheet.col_meta
    paths = parse_mask(req.get("fields") or "")
    for i in range(start, end):
        entry = meta.setdefault(i, {})
        copy_masked(entry, req.get("properties") or {}, paths)
        meta[i] = prune_defaults(entry)
    return {}


def auto_resize_dimensions(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("dimensions") or {})
    if dim == "COLUMNS":
        for c in range(start, end):
            texts = (format_value(row[c]) for row in sheet.rows if c < len(row) and row[c])
            longest = max(map(len, texts), default=0)
            # Rough Arial 10 width (8.48 px a character plus padding), fitted on the one
            # recorded answer: 1024 characters -> 8691 px.
            sheet.col_meta.setdefault(c, {})["pixelSize"] = (
                round(8.48 * longest) + 7 if longest else 100
            )
    return {}


# ---------------------------------------------------------------- cells


def _set_cell_data(
    ss: Spreadsheet, sheet: Sheet, r: int, c: int, data: dict[str, Any], paths: list[Any]
) -> None:
    old = sheet.cell(r, c) or Cell()
    current: dict[str, Any] = {"userEnteredFormat": copy.deepcopy(old.fmt) if old.fmt else {}}
    if old.note:
        current["note"] = old.note
    copy_masked(current, quantise_colours(data), [p for p in paths if p[0] != "userEnteredValue"])
    new = replace(
        old, fmt=current.get("userEnteredFormat") or None, note=current.get("note") or None
    )
    if any(p[0] in ("userEnteredValue", "*") for p in paths):
        value = (data.get("userEnteredValue") or {}).copy()
        if "formulaValue" in value:
            v, formula, _ = parse_user_entered(value["formulaValue"], ss.locale)
            new = replace(new, value=v, formula=formula)
        else:
            raw = next(iter(value.values()), None)
            new = replace(new, value=None if raw == "" else raw, formula=None)
    sheet.set_cell(r, c, None if new == Cell() else new)


def repeat_cell(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    box = box_of(ss, req.get("range") or {})
    paths = parse_mask(req.get("fields") or "")
    data = req.get("cell") or {}
    for r in range(box.r0, box.r1):
        for c in range(box.c0, box.c1):
            _set_cell_data(ss, box.sheet, r, c, data, paths)
    return {}


def update_cells(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    if "range" in req:
        box = box_of(ss, req["range"])
    else:
        start = req.get("start") or {}
        sheet = sheet_of(ss, start.get("sheetId"))
        r0, c0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        box = Box(sheet, r0, c0, sheet.row_count, sheet.col_count)
    paths = parse_mask(req.get("fields") or "")
    values_only = bool(paths) and all(p == ("userEnteredValue",) for p in paths)
    for i, row in enumerate(req.get("rows") or []):
        for j, data in enumerate(row.get("values") or []):
            r, c = box.r0 + i, box.c0 + j
            if r >= box.r1 or c >= box.c1:
                raise bad_request("Attempting to write column/row outside of the range.")
            value = data.get("userEnteredValue")
            if values_only and not (value and "formulaValue" in value):
                _set_value(box.sheet, r, c, next(iter(value.values()), None) if value else None)
            else:
                _set_cell_data(ss, box.sheet, r, c, data, paths)
    return {}


def _set_value(sheet: Sheet, r: int, c: int, raw: Any) -> None:
    """A cell's value replaced (``fields: userEnteredValue``), its format and note kept: the
    same result as :func:`_set_cell_data`, without its general field-mask walk."""
    old = sheet.cell(r, c)
    value = None if raw == "" else raw
    if old is None:
        if value is not None:
            sheet.set_cell(r, c, Cell(value))
        return
    if old.fmt is None and old.note is None and value is None:
        sheet.set_cell(r, c, None)
        return
    sheet.set_cell(r, c, Cell(value, None, old.fmt, old.note))


def merge_cells(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    box = box_of(ss, req.get("range") or {})
    kind = req.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_ROWS":
        parts = [Box(box.sheet, r, box.c0, r + 1, box.c1) for r in range(box.r0, box.r1)]
    elif kind == "MERGE_COLUMNS":
        parts = [Box(box.sheet, box.r0, c, box.r1, c + 1) for c in range(box.c0, box.c1)]
    else:
        parts = [box]
    merges = box.sheet.extras.setdefault("merges", [])
    for part in parts:
        if part.is_cell:
            continue
        for r in range(part.r0, part.r1):
            for c in range(part.c0, part.c1):
                cell = part.sheet.cell(r, c)
                if (r, c) != (part.r0, part.c0) and cell is not None:
                    part.sheet.set_cell(r, c, replace(cell, value=None, formula=None))
        merges[:] = [m for m in merges if not _overlaps(m, part)]
        merges.append(grid_range(part))
    return {}


def _overlaps(merge: dict[str, int], part: Box) -> bool:
    """A new merge replaces the merges it intersects (recorded: CellTest.test_merge_cells)."""
    return (
        merge.get("startRowIndex", 0) < part.r1
        and part.r0 < merge.get("endRowIndex", 0)
        and merge.get("startColumnIndex", 0) < part.c1
        and part.c0 < merge.get("endColumnIndex", 0)
    )


def unmerge_cells(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    box = box_of(ss, req.get("range") or {})
    merges = box.sheet.extras.get("merges", [])

    def inside(m: dict[str, int]) -> bool:
        return (
            m.get("startRowIndex", 0) >= box.r0
            and m.get("endRowIndex", 0) <= box.r1
            and m.get("startColumnIndex", 0) >= box.c0
            and m.get("endColumnIndex", 0) <= box.c1
        )

    box.sheet.extras["merges"] = [m for m in merges if not inside(m)]
    if not box.sheet.extras["merges"]:
        del box.sheet.extras["merges"]
    return {}


def sort_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    box = box_of(ss, req.get("range") or {})
    sheet = box.sheet
    rows = [[sheet.cell(r, c) for c in range(box.c0, box.c1)] for r in range(box.r0, box.r1)]
    for spec in reversed(req.get("sortSpecs") or []):
        col = int(spec.get("dimensionIndex", 0)) - box.c0
        rows.sort(
            key=lambda row, col=col: _sort_key(row[col]),
            reverse=spec.get("sortOrder") == "DESCENDING",
        )
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            sheet.set_cell(box.r0 + i, box.c0 + j, cell)
    return {}


def _sort_key(cell: Cell | None) -> tuple[int, Any]:
    value = cell.value if cell else None
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, str):
        return (1, value.casefold())
    return (3, 0)


def copy_paste(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = box_of(ss, req.get("source") or {})
    dest = box_of(ss, req.get("destination") or {})
    block = [
        [source.sheet.cell(r, c) for c in range(source.c0, source.c1)]
        for r in range(source.r0, source.r1)
    ]
    for i, row in enumerate(block):
        for j, cell in enumerate(row):
            dest.sheet.set_cell(dest.r0 + i, dest.c0 + j, cell)
    return {}


def cut_paste(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = box_of(ss, req.get("source") or {})
    dest = req.get("destination") or {}
    sheet = sheet_of(ss, dest.get("sheetId"))
    block = [
        [source.sheet.cell(r, c) for c in range(source.c0, source.c1)]
        for r in range(source.r0, source.r1)
    ]
    for r in range(source.r0, source.r1):
        for c in range(source.c0, source.c1):
            source.sheet.set_cell(r, c, None)
    r0, c0 = int(dest.get("rowIndex", 0)), int(dest.get("columnIndex", 0))
    for i, row in enumerate(block):
        for j, cell in enumerate(row):
            sheet.set_cell(r0 + i, c0 + j, cell)
    return {}


# ---------------------------------------------------------------- named and protected ranges


def _new_id(ss: Spreadsheet) -> int:
    return ss.rng.randint(1, 2**31 - 1)


def _clean_range(ss: Spreadsheet, gr: dict[str, Any]) -> dict[str, Any]:
    return grid_range(box_of(ss, gr))


def add_named_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    named = dict(req.get("namedRange") or {})
    name = str(named.get("name") or "")
    if not name or any(n["name"].casefold() == name.casefold() for n in ss.named_ranges):
        raise bad_request(f"Named range with name '{name}' is invalid or already exists.")
    entry = {
        "namedRangeId": str(named.get("namedRangeId") or _new_id(ss)),
        "name": name,
        "range": _clean_range(ss, named.get("range") or {}),
    }
    ss.named_ranges.append(entry)
    return {"addNamedRange": {"namedRange": copy.deepcopy(entry)}}


def _named(ss: Spreadsheet, named_id: Any) -> dict[str, Any]:
    for entry in ss.named_ranges:
        if entry["namedRangeId"] == str(named_id):
            return entry
    raise bad_request(f"No named range with id {named_id}")


def delete_named_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    ss.named_ranges.remove(_named(ss, req.get("namedRangeId")))
    return {}


def update_named_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    source = req.get("namedRange") or {}
    entry = _named(ss, source.get("namedRangeId"))
    copy_masked(entry, source, parse_mask(req.get("fields") or ""))
    entry["range"] = _clean_range(ss, entry.get("range") or {})
    return {}


def set_basic_filter(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    flt = copy.deepcopy(req.get("filter") or {})
    gr = flt.get("range") or {}
    box = box_of(ss, gr)
    flt["range"] = grid_range(box)
    box.sheet.extras["basicFilter"] = prune_defaults(flt, frozenset())
    box.sheet.extras["basicFilter"]["range"] = flt["range"]
    return {}


def clear_basic_filter(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet_of(ss, req.get("sheetId")).extras.pop("basicFilter", None)
    return {}


def add_protected_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    src = req.get("protectedRange") or {}
    box = box_of(ss, src.get("range") or {})
    entry = prune_defaults({k: v for k, v in src.items() if k not in ("range", "editors")})
    entry = {
        "protectedRangeId": int(src.get("protectedRangeId") or _new_id(ss)),
        "range": grid_range(box),
        **{k: v for k, v in entry.items() if k != "requestingUserCanEdit"},
        "requestingUserCanEdit": True,
        "editors": {},
    }
    box.sheet.extras.setdefault("protectedRanges", []).append(entry)
    return {"addProtectedRange": {"protectedRange": copy.deepcopy(entry)}}


def delete_protected_range(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    wanted = int(req.get("protectedRangeId", -1))
    for sheet in ss.sheets:
        ranges = sheet.extras.get("protectedRanges", [])
        for entry in ranges:
            if entry["protectedRangeId"] == wanted:
                ranges.remove(entry)
                if not ranges:
                    del sheet.extras["protectedRanges"]
                return {}
    raise bad_request(f"No protected range with id: {wanted}")


def add_dimension_group(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("range") or {})
    key = "rowGroups" if dim == "ROWS" else "columnGroups"
    groups = sheet.extras.setdefault(key, [])
    groups.append({"range": {"dimension": dim, "startIndex": start, "endIndex": end}, "depth": 1})
    control = "rowGroupControlAfter" if dim == "ROWS" else "columnGroupControlAfter"
    sheet.grid[control] = True
    return {"addDimensionGroup": {"dimensionGroups": copy.deepcopy(groups)}}


def delete_dimension_group(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dim, start, end = _dimension(ss, req.get("range") or {})
    key = "rowGroups" if dim == "ROWS" else "columnGroups"
    groups = [
        g
        for g in sheet.extras.get(key, [])
        if (g["range"].get("startIndex", 0), g["range"]["endIndex"]) != (start, end)
    ]
    if groups:
        sheet.extras[key] = groups
    else:
        sheet.extras.pop(key, None)
    return {"deleteDimensionGroup": {"dimensionGroups": groups} if groups else {}}


def set_data_validation(ss: Spreadsheet, req: dict[str, Any]) -> Reply:
    box_of(ss, req.get("range") or {})
    return {}


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "appendDimension": append_dimension,
    "updateDimensionProperties": update_dimension_properties,
    "autoResizeDimensions": auto_resize_dimensions,
    "repeatCell": repeat_cell,
    "updateCells": update_cells,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "sortRange": sort_range,
    "copyPaste": copy_paste,
    "cutPaste": cut_paste,
    "addNamedRange": add_named_range,
    "deleteNamedRange": delete_named_range,
    "updateNamedRange": update_named_range,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "addDimensionGroup": add_dimension_group,
    "deleteDimensionGroup": delete_dimension_group,
    "setDataValidation": set_data_validation,
}
