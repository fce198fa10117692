"""Writing a spreadsheet's managed tabs: at most one write request per run, sized by what
changed.

The job reads every managed tab whole (:mod:`~sheets_sync.google.batch_read`, the run's one
values.batchGet), so a write sends only the cells that differ from the tab as read
(:mod:`~sheets_sync.google.changes`): nothing at all when nothing changed, else

* one values.batchUpdate (RAW) of the changed rectangles, when every tab exists, is large
  enough and keeps its formats;
* otherwise one spreadsheets.batchUpdate that creates or grows the tabs, formats them and
  writes the same rectangles (``updateCells``, text never taken for a formula), so that a
  run stays within three requests (open, read, write) even when formats change.

Where lines moved (a sorted tab: a deal followed up leaves its place in « Relances » and
every line in between shifts), deleting and inserting the moved rows
(``deleteDimension``/``insertDimension``, in the batch) costs less than rewriting the
shifted ones; :func:`_plan` weighs both (:data:`VALUE_BYTES`…) and takes the cheaper.

A tab is formatted again (its number formats cleared and set anew, row 1 frozen, columns
fitted) when it is created or grown, when its layout moved (``reformat``), when row 1 is
not frozen (a tab an earlier version wrote, or a person unfroze), when a number replaces
text (an earlier version's text dates), and when its rows move under dates that sit among
numbers (their formats are per cell). A tab not read whole before the write is written
whole, padded with blanks to its grid. The structural part is recomputed from fresh
metadata before a retry, so a batch that went through without an answer never creates a
tab twice, and a tab whose rows it moved is then written whole. The user's tabs are never written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gspread.utils import absolute_range_name, rowcol_to_a1

from salespipe.core.report_tables import CellFormat
from sheets_sync.google.changes import (
    Block,
    Move,
    cells,
    changed_blocks,
    row_moves,
    touched_columns,
    typed_over_text,
)
from sheets_sync.google.tabs import Tab, find_tab, new_sheet_id
from sheets_sync.google.values import (
    Prepared,
    SheetValue,
    merged_formats,
    mixed_columns,
    number_format,
    pad,
    prepare,
    size,
)

if TYPE_CHECKING:
    from sheets_sync.google.gateway import SheetsGateway

NumberFormat = Mapping[str, str]
Request = dict[str, Any]
#: Rows salespipe freezes on its tabs: the header.
FROZEN_ROWS = 1
#: Rough bytes of JSON per cell written through values.batchUpdate, per cell through
#: updateCells (``{"userEnteredValue": {"stringValue": …}}``), per row move: what
#: :func:`_plan` weighs to choose between rewriting shifted rows and moving them.
VALUE_BYTES, CELL_DATA_BYTES, MOVE_BYTES = 12, 45, 150
#: Below this many changed cells a tab is written as it is, without looking for moves.
MOVES_FROM_CELLS = 200


@dataclass
class TabWrite:
    """One managed tab's share of a write: what to send, and its formats."""

    name: str
    prepared: Prepared
    blocks: list[Block]
    columns: dict[int, dict[str, str]]  # column formats: dates detected, plus those given
    cells: Sequence[CellFormat]  # the report's formats of parts of columns
    refit: bool  # formats to set anew even if the tab exists, is large enough and frozen
    moves: list[Move] = field(default_factory=list)  # rows deleted and inserted first
    table: bool = True  # one table under one header row (not the dashboard's sections)


def write_tabs(
    sheet: SheetsGateway,
    values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
    formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
    *,
    reformat: bool | Collection[str] = False,
    cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
    fixed_layout: Collection[str] = (),
) -> None:
    """:meth:`SheetsGateway.write_tabs <sheets_sync.google.gateway.SheetsGateway.write_tabs>`."""
    clash = [name for name in values_by_tab if _is_user_tab(sheet, name)]
    if clash:
        raise ValueError(f"user tabs are never written: {', '.join(clash)}")
    writes = [
        _plan(sheet, name, prepare(rows), formats, reformat, cell_formats, fixed_layout)
        for name, rows in values_by_tab.items()
    ]
    if any(_needs_structure(sheet.tabs, w) for w in writes):
        _send_batch(sheet, writes)
    elif any(w.blocks for w in writes):
        _send_values(sheet, writes)
    for w in writes:
        sheet.seen[w.name.casefold()] = w.prepared.grid


def _plan(
    sheet: SheetsGateway,
    name: str,
    prepared: Prepared,
    formats: Mapping[str, Mapping[int, NumberFormat]] | None,
    reformat: bool | Collection[str],
    cell_formats: Mapping[str, Sequence[CellFormat]] | None,
    fixed_layout: Collection[str],
) -> TabWrite:
    """What to send for one tab: its changed rectangles (all of it when the tab was not
    read whole), and whether its formats must be set anew."""
    tab = sheet.find(name)
    grid = prepared.grid
    old = [] if tab is None else sheet.seen.get(name.casefold())
    if old is None:
        assert tab is not None
        height, width = size(grid)
        blocks = [Block(0, 0, pad(grid, max(height, tab.rows), max(width, tab.cols)))]
        moved_rows = False
        upgrade = False
    else:
        blocks = changed_blocks(old, grid)
        mixed = mixed_columns(prepared)
        moved_rows = name not in fixed_layout and bool(mixed & touched_columns(blocks))
        upgrade = typed_over_text(old, blocks)
    named = reformat is True or (not isinstance(reformat, bool) and name in reformat)
    moves: list[Move] = []
    if old and tab is not None and cells(blocks) >= MOVES_FROM_CELLS:
        moved = row_moves(old, grid)
        cost = cells(moved.blocks) * CELL_DATA_BYTES + len(moved.moves) * MOVE_BYTES
        if moved.moves and cost < cells(blocks) * VALUE_BYTES:
            blocks, moves = moved.blocks, moved.moves
    return TabWrite(
        name,
        prepared,
        blocks,
        merged_formats(prepared.columns, (formats or {}).get(name)),
        (cell_formats or {}).get(name, ()),
        # Rows inserted carry no formats: the tab's are set anew.
        refit=named or moved_rows or upgrade or bool(moves),
        moves=moves,
        table=name not in fixed_layout,
    )


def _needs_structure(tabs: Sequence[Tab], write: TabWrite) -> bool:
    tab = find_tab(tabs, write.name)
    if tab is None or write.refit or write.moves or tab.frozen_rows == 0:
        return True
    height, width = size(write.prepared.grid)
    return max(height, 1) > tab.rows or max(width, 1) > tab.cols


def _is_user_tab(sheet: SheetsGateway, name: str) -> bool:
    return name.casefold() in {t.casefold() for t in sheet.user_tabs}


def _send_values(sheet: SheetsGateway, writes: Sequence[TabWrite]) -> None:
    """The changed rectangles in one values.batchUpdate, RAW."""
    data = []
    for w in writes:
        tab = sheet.find(w.name)
        assert tab is not None  # every tab exists when no structure is needed
        for b in w.blocks:
            corner = rowcol_to_a1(b.row + 1, b.col + 1)
            end = rowcol_to_a1(b.row + len(b.rows), b.col + b.width)
            data.append(
                {"range": absolute_range_name(tab.title, f"{corner}:{end}"), "values": b.rows}
            )
    body = {"valueInputOption": "RAW", "data": data}
    sheet.call("values.batchUpdate", lambda: sheet.http.values_batch_update(sheet.key, body))


def _send_batch(sheet: SheetsGateway, writes: Sequence[TabWrite]) -> None:
    """Tabs created or grown, formats set, rectangles written: one spreadsheets.batchUpdate,
    its structural part recomputed from fresh metadata before a retry."""

    attempts = 0

    def send() -> Any:
        nonlocal attempts
        # After a batch without an answer, whether its row moves were made is unknown:
        # those tabs are written whole instead.
        todo = writes if attempts == 0 else [_whole(sheet, w) for w in writes]
        attempts += 1
        requests_ = _batch_requests(sheet.tabs, todo)
        reply = sheet.http.batch_update(sheet.key, {"requests": requests_})
        _apply_structure(sheet.tabs, requests_)
        return reply

    sheet.call("spreadsheets.batchUpdate", send, before_retry=sheet.refresh)


def _batch_requests(tabs: Sequence[Tab], writes: Sequence[TabWrite]) -> list[Request]:
    """Structure first, then each reformatted tab's formats, the values, the fitting."""
    structure: list[Request] = []
    formats: list[Request] = []
    values: list[Request] = []
    fitting: list[Request] = []
    taken = {t.sheet_id for t in tabs}
    for w in writes:
        tab = find_tab(tabs, w.name)
        height, width = size(w.prepared.grid)
        rows, cols = max(height, 1), max(width, 1)
        if tab is None:
            sheet_id = new_sheet_id(w.name, taken)
            grid = {"rowCount": rows, "columnCount": cols}
            props = {"sheetId": sheet_id, "title": w.name, "gridProperties": grid}
            structure.append({"addSheet": {"properties": props}})
            grown = True
        else:
            sheet_id = tab.sheet_id
            height_now = tab.rows
            for kind, start, end in w.moves:
                structure.append(_move_request(sheet_id, kind, start, end))
                height_now += end - start if kind == "insert" else start - end
            grown = rows > height_now or cols > tab.cols
            if grown:
                grid = {"rowCount": max(rows, height_now), "columnCount": max(cols, tab.cols)}
                props = {"sheetId": sheet_id, "gridProperties": grid}
                fields = "gridProperties.rowCount,gridProperties.columnCount"
                structure.append({"updateSheetProperties": {"properties": props, "fields": fields}})
        if grown or w.refit or tab is None or tab.frozen_rows == 0:
            formats.extend(_tab_formats(sheet_id, w))
            fitting.append(_fit_columns(sheet_id, cols))
        if w.table and (tab is None or tab.frozen_rows == 0):  # a new tab, or one to upgrade
            formats.append(_filter(sheet_id))
        values.extend(_update_cells(sheet_id, b) for b in w.blocks if b.rows and b.width)
    return [*structure, *formats, *values, *fitting]


def _whole(sheet: SheetsGateway, w: TabWrite) -> TabWrite:
    """A tab with row moves written whole instead, padded to its grid, formats set anew."""
    tab = sheet.find(w.name)
    if not w.moves or tab is None:
        return w
    height, width = size(w.prepared.grid)
    block = Block(0, 0, pad(w.prepared.grid, max(height, tab.rows), max(width, tab.cols)))
    return replace(w, blocks=[block], moves=[], refit=True)


def _move_request(sheet_id: int, kind: str, start: int, end: int) -> Request:
    rows = {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": start, "endIndex": end}
    if kind == "delete":
        return {"deleteDimension": {"range": rows}}
    return {"insertDimension": {"range": rows, "inheritFromBefore": start > 0}}


def _tab_formats(sheet_id: int, w: TabWrite) -> list[Request]:
    """A tab's formats set anew: old number formats cleared, date columns, dates among
    numbers (per cell), the report's formats (the last word), row 1 frozen."""
    grid = {"frozenRowCount": FROZEN_ROWS}
    freeze = {
        "updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "gridProperties": grid},
            "fields": "gridProperties.frozenRowCount",
        }
    }
    return [
        _clear_formats(sheet_id),
        *_format_requests(sheet_id, w.columns),
        *_single_cell_formats(sheet_id, w.prepared.cells),
        *_cell_format_requests(sheet_id, w.cells),
        freeze,
    ]


def _filter(sheet_id: int) -> Request:
    """A filter on the whole tab, as the local workbook's tables have: its range has no
    bounds (Google: « missing indexes indicate the range is unbounded on that side »), so
    it follows the rows a later run adds, and it is set once, when the tab is created or
    upgraded, never again: a person's filter criteria stay as they left them."""
    return {"setBasicFilter": {"filter": {"range": {"sheetId": sheet_id}}}}


def _fit_columns(sheet_id: int, cols: int) -> Request:
    dimensions = {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": 0, "endIndex": cols}
    return {"autoResizeDimensions": {"dimensions": dimensions}}


def _update_cells(sheet_id: int, block: Block) -> Request:
    """A rectangle of values as updateCells: text as stringValue (never a formula)."""
    grid_range = {
        "sheetId": sheet_id,
        "startRowIndex": block.row,
        "endRowIndex": block.row + len(block.rows),
        "startColumnIndex": block.col,
        "endColumnIndex": block.col + block.width,
    }
    rows = [{"values": [_cell_data(v) for v in row]} for row in block.rows]
    return {"updateCells": {"range": grid_range, "rows": rows, "fields": "userEnteredValue"}}


def _cell_data(value: SheetValue) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, str):
        return {"userEnteredValue": {"stringValue": value}} if value != "" else {}
    return {"userEnteredValue": {"numberValue": value}}


def _single_cell_formats(
    sheet_id: int, cells: Mapping[tuple[int, int], Mapping[str, str]]
) -> Iterable[Request]:
    """repeatCell over each run of consecutive cells of a column with the same format."""
    runs: list[tuple[int, int, int, Mapping[str, str]]] = []  # column, first row, past-last
    for (r, c), fmt in sorted(cells.items(), key=lambda item: (item[0][1], item[0][0])):
        if runs and runs[-1][0] == c and runs[-1][2] == r and runs[-1][3] == fmt:
            runs[-1] = (c, runs[-1][1], r + 1, fmt)
        else:
            runs.append((c, r, r + 1, fmt))
    for c, first, end, fmt in runs:
        grid_range = {
            "sheetId": sheet_id,
            "startRowIndex": first,
            "endRowIndex": end,
            "startColumnIndex": c,
            "endColumnIndex": c + 1,
        }
        cell = {"userEnteredFormat": {"numberFormat": dict(fmt)}}
        fields = "userEnteredFormat.numberFormat"
        yield {"repeatCell": {"range": grid_range, "cell": cell, "fields": fields}}


def _apply_structure(tabs: list[Tab], sent: list[Request]) -> None:
    """Update the known tabs from a structural batch that went through."""
    for request in sent:
        for kind, sign in (("insertDimension", 1), ("deleteDimension", -1)):
            rows = request.get(kind, {}).get("range")
            if rows:
                tab = next((t for t in tabs if t.sheet_id == rows["sheetId"]), None)
                if tab is not None:
                    tab.rows += sign * (rows["endIndex"] - rows["startIndex"])
        for kind in ("addSheet", "updateSheetProperties"):
            props = request.get(kind, {}).get("properties")
            if not props:
                continue
            grid = props["gridProperties"]
            tab = next((t for t in tabs if t.sheet_id == props["sheetId"]), None)
            if tab is None:
                tab = Tab(props["title"], props["sheetId"], 0, 0)
                tabs.append(tab)
            tab.rows = grid.get("rowCount", tab.rows)
            tab.cols = grid.get("columnCount", tab.cols)
            tab.frozen_rows = grid.get("frozenRowCount", tab.frozen_rows)


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
