"""Writing a spreadsheet's managed tabs: at most one write request per run, sized by what
changed, addressed to the tabs by their sheet id; several only when its body would pass
Google's 10 MiB limit.

The job reads every managed tab whole (:mod:`~sheets_sync.google.batch_read`, the run's one
values.batchGet), so a write sends only the cells that differ from the tab as read
(:mod:`~sheets_sync.google.changes`): nothing at all when nothing changed, else one
spreadsheets.batchUpdate that writes the changed rectangles (``updateCells`` on a
GridRange that names the tab by its ``sheetId``, ``fields: userEnteredValue``: values
typed as numbers, booleans or text, text never taken for a formula, formats kept) and,
when a tab must be created, grown or formatted, creates or grows it and formats it in
the same batch, so that a run stays within three requests (open, read, write).

Every write goes to the sheet id salespipe read under the tab's name, never to whatever
tab holds that name when the write arrives: a person who renames salespipe's « Relances »
and renames a tab of their own to « Relances » between the read and the write leaves
their tab untouched (salespipe's, under its new name, is written). When the tab read was
deleted meanwhile, Google refuses the whole batch (400 « No grid with id: N »: nothing is
written); the metadata is then read again and the write planned anew, once: the tab is
created again, or, when a tab salespipe did not read as its own now holds the name, that
tab is read whole and written only if it is empty
(:func:`~sheets_sync.managed_tabs.refuse_unless_empty`).

Where lines moved (a sorted tab: a deal followed up leaves its place in « Relances » and
every line in between shifts), deleting and inserting the moved rows
(``deleteDimension``/``insertDimension``, in the batch) costs less than rewriting the
shifted ones; :func:`_plan` weighs both (:data:`CELL_DATA_BYTES`…) and takes the cheaper.

A tab is formatted again (its number formats cleared and set anew, row 1 frozen, columns
fitted) when it is created or grown, when its layout moved (``reformat``), when row 1 is
not frozen (a tab an earlier version wrote, or a person unfroze), when a number replaces
text (an earlier version's text dates), and when its rows move under dates that sit among
numbers (their formats are per cell). A tab not read whole before the write is written
whole, padded with blanks to its grid. The structural part is recomputed from fresh
metadata before a retry, so a batch that went through without an answer never creates a
tab twice, and a tab whose rows it moved is then written whole. The user's tabs are never written.

Google refuses a request body over 10 MiB (:data:`GOOGLE_REQUEST_LIMIT`): a write whose
JSON, measured as gspread sends it (:func:`json_size`), passes the gateway's
``request_budget`` (:data:`REQUEST_BUDGET`, 8 MiB) goes in several batches
(:func:`split_requests`): the first with every structure and format request and as many
values as fit, the next with the remaining ``updateCells`` (cut by rows when large), the
column fitting and the freezing of row 1 last. A later batch is retried as it is; when it
fails for good (a tab deleted meanwhile: 400 « No grid with id »), the run stops with
``sheets_write_incomplete``: the tabs are partly written, and the next run, reading them
whole, writes what differs (their row 1 not frozen, it sets their formats again).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from requests.compat import json as requests_json

from salespipe.core.errors import SourceError
from salespipe.core.report_tables import CellFormat
from salespipe.core.texts import Bilingual, both
from sheets_sync.google import batch_read
from sheets_sync.google.api_errors import vanished_tab
from sheets_sync.google.changes import (
    Block,
    Move,
    cells,
    changed_blocks,
    row_moves,
    touched_columns,
    typed_over_text,
)
from sheets_sync.google.tabs import Tab, find_tab, made_by_salespipe, new_sheet_id
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
from sheets_sync.managed_tabs import WHOLE_TAB, refuse_unless_empty

if TYPE_CHECKING:
    from sheets_sync.google.gateway import SheetsGateway

NumberFormat = Mapping[str, str]
Request = dict[str, Any]
#: Rows salespipe freezes on its tabs: the header.
FROZEN_ROWS = 1
#: Rough bytes of JSON per cell written through updateCells
#: (``{"userEnteredValue": {"stringValue": …}}``), per row move: what :func:`_plan` weighs
#: to choose between rewriting shifted rows and moving them.
CELL_DATA_BYTES, MOVE_BYTES = 45, 150
#: Below this many changed cells a tab is written as it is, without looking for moves.
MOVES_FROM_CELLS = 200
#: Google refuses a request body larger than this (HTTP 400 INVALID_ARGUMENT « Request
#: payload size exceeds the limit: 10485760 bytes. »), whatever the endpoint.
GOOGLE_REQUEST_LIMIT = 10_485_760
#: The largest body a write sends (serialised JSON, as gspread's HTTP layer sends it):
#: 8 MiB, well under Google's limit. A larger write is sent in several batches.
REQUEST_BUDGET = 8 * 1024 * 1024
#: Bytes of ``{"requests": []}``, and of ``", "`` between two requests or rows.
_EMPTY_BODY, _SEPARATOR = 16, 2
#: Room kept for the longer row numbers of a piece of an updateCells split by rows.
_RANGE_SLACK = 40


@dataclass
class TabWrite:
    """One managed tab's share of a write: what to send, and its formats."""

    name: str
    tab: Tab | None  # the tab written, by its sheet id (None: to create)
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
    prepared = {name: prepare(rows) for name, rows in values_by_tab.items()}
    # The tabs as read: each write goes to these sheet ids, whatever their titles become.
    targets = {name: sheet.find(name) for name in prepared}
    ids = {name: tab.sheet_id for name, tab in targets.items() if tab is not None}

    def plan() -> list[TabWrite]:
        return [
            _plan(sheet, name, targets[name], grid, formats, reformat, cell_formats, fixed_layout)
            for name, grid in prepared.items()
        ]

    def retarget() -> None:
        sheet.refresh()
        targets.update(_retarget(sheet, targets, ids))

    try:
        writes = _send(sheet, plan(), plan, retarget)
    except SourceError as exc:
        gone = vanished_tab(exc)
        if gone is None:
            raise
        # A tab read was deleted since: Google refused the whole batch. Plan anew, once.
        retarget()
        try:
            writes = _send(sheet, plan(), plan, retarget)
        except SourceError as again:
            if vanished_tab(again) is None:
                raise
            name = next((n for n, i in ids.items() if i == vanished_tab(again)), "?")
            raise SourceError("sheets_tabs_changed", name=name, title=sheet.title) from again
    for w in writes:
        sheet.seen[w.name.casefold()] = w.prepared.grid


def _retarget(
    sheet: SheetsGateway, targets: Mapping[str, Tab | None], ids: dict[str, int]
) -> dict[str, Tab | None]:
    """Each managed tab in fresh metadata: the tab of the sheet id read (renamed or not);
    for a tab this write created before its answer was lost, that tab; for one deleted
    since, nothing (it is created again), or, when another tab now holds the name, that
    tab once read whole and found empty (a ConfigError if it is not)."""
    found: dict[str, Tab | None] = {}
    holders: list[str] = []
    for name in targets:
        known = ids.get(name)
        tab = next((t for t in sheet.tabs if t.sheet_id == known), None)
        holder = find_tab(sheet.tabs, name)
        if tab is None and holder is not None:
            if known is None and made_by_salespipe(holder, name):
                tab = holder  # created by this write: its answer was lost
            else:
                holders.append(name)
        found[name] = tab
    if holders:
        read = batch_read.read_tabs(sheet, [], {name: WHOLE_TAB for name in holders})
        for name in holders:
            refuse_unless_empty(name, read.get(name, []))
            found[name] = find_tab(sheet.tabs, name)
            sheet.seen[name.casefold()] = []
    for name, tab in found.items():
        if tab is None:
            ids.pop(name, None)
            sheet.seen.pop(name.casefold(), None)
        else:
            ids[name] = tab.sheet_id
    return found


def _send(
    sheet: SheetsGateway,
    writes: list[TabWrite],
    plan: Callable[[], list[TabWrite]],
    retarget: Callable[[], None],
) -> list[TabWrite]:
    """Send ``writes`` in one spreadsheets.batchUpdate (nothing when nothing changed);
    before a retry, the tabs are found again by sheet id and the writes planned anew."""
    if not any(w.blocks or _needs_structure(w) for w in writes):
        return writes
    _send_batch(sheet, writes, plan, retarget)
    return writes


def _plan(
    sheet: SheetsGateway,
    name: str,
    tab: Tab | None,
    prepared: Prepared,
    formats: Mapping[str, Mapping[int, NumberFormat]] | None,
    reformat: bool | Collection[str],
    cell_formats: Mapping[str, Sequence[CellFormat]] | None,
    fixed_layout: Collection[str],
) -> TabWrite:
    """What to send for one tab (``tab``, None when it is to be created): its changed
    rectangles (all of it when the tab was not read whole), and whether its formats must
    be set anew."""
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
        if moved.moves and cost < cells(blocks) * CELL_DATA_BYTES:
            blocks, moves = moved.blocks, moved.moves
    return TabWrite(
        name,
        tab,
        prepared,
        blocks,
        merged_formats(prepared.columns, (formats or {}).get(name)),
        (cell_formats or {}).get(name, ()),
        # Rows inserted carry no formats: the tab's are set anew.
        refit=named or moved_rows or upgrade or bool(moves),
        moves=moves,
        table=name not in fixed_layout,
    )


def _needs_structure(write: TabWrite) -> bool:
    tab = write.tab
    if tab is None or write.refit or write.moves or tab.frozen_rows == 0:
        return True
    height, width = size(write.prepared.grid)
    return max(height, 1) > tab.rows or max(width, 1) > tab.cols


def _is_user_tab(sheet: SheetsGateway, name: str) -> bool:
    return name.casefold() in {t.casefold() for t in sheet.user_tabs}


def _send_batch(
    sheet: SheetsGateway,
    writes: Sequence[TabWrite],
    plan: Callable[[], list[TabWrite]],
    retarget: Callable[[], None],
) -> None:
    """Tabs created or grown, formats set, rectangles written: one spreadsheets.batchUpdate,
    its tabs found again by sheet id in fresh metadata and its requests planned anew
    before a retry; several when the body would exceed the budget (:func:`split_requests`),
    the first with every structure and format request."""

    attempts = 0
    rest: list[list[Request]] = []

    def send() -> Any:
        nonlocal attempts, rest
        # After a batch without an answer, whether its row moves were made is unknown:
        # those tabs are written whole instead.
        todo = writes if attempts == 0 else [_whole(w) for w in plan()]
        attempts += 1
        parts = split_requests(*_batch_requests(sheet.tabs, todo), budget=sheet.request_budget)
        rest = parts[1:]
        if not parts:  # planned anew: nothing left to send
            return {}
        reply = sheet.http.batch_update(sheet.key, {"requests": parts[0]})
        _apply_structure(sheet.tabs, parts[0])
        return reply

    sheet.call("spreadsheets.batchUpdate", send, before_retry=retarget)
    for done, part in enumerate(rest, start=1):
        _send_part(sheet, part, done, len(rest) + 1)


def _send_part(sheet: SheetsGateway, part: list[Request], done: int, parts: int) -> None:
    """One batch after the first: values only (the last also fits the columns and freezes
    row 1), so a retry sends it again as it is. A failure leaves the tabs part-written:
    the message says so (the next run reads them whole and writes what differs, and sets
    the formats of a tab whose row 1 is not frozen anew)."""
    body = {"requests": part}
    try:
        sheet.call("spreadsheets.batchUpdate", lambda: sheet.http.batch_update(sheet.key, body))
        _apply_structure(sheet.tabs, part)
    except SourceError as exc:
        gone = vanished_tab(exc)
        name = next((t.title for t in sheet.tabs if t.sheet_id == gone), "?")
        reason = (
            both("sync.tab_deleted", name=name)
            if gone is not None
            else Bilingual(exc.message("fr"), exc.message("en"))
        )
        raise SourceError(
            "sheets_write_incomplete",
            title=sheet.title,
            done=done,
            parts=parts,
            reason=reason,
        ) from exc


def split_requests(
    head: list[Request],
    values: list[Request],
    tail: list[Request],
    *,
    budget: int = REQUEST_BUDGET,
) -> list[list[Request]]:
    """The write's requests as the bodies of successive spreadsheets.batchUpdate calls,
    each body at most ``budget`` bytes of JSON as gspread sends it (:func:`body_size`):
    one batch (``head``, ``values``, ``tail`` in that order) when it fits, else a first
    batch of ``head`` (structure and formats: the tabs exist and have their size) and
    as many values as fit, then the remaining values, an updateCells too large split by
    rows, each piece addressed by sheet id, and ``tail`` (the column fitting) last, with
    the freezing of row 1 taken from ``head``: the mark of a tab written to the end. No
    batch when there is nothing to send. A single row larger than the budget is sent
    alone (Google allows 50 000 characters a cell: it takes hundreds of columns)."""
    everything = [*head, *values, *tail]
    if not everything:
        return []
    sizes = [json_size(r) for r in everything]
    if _EMPTY_BODY + sum(sizes) + _SEPARATOR * (len(sizes) - 1) <= budget:
        return [everything]
    # Row 1 is frozen last: a tab left unfrozen by a run stopped between batches has its
    # formats set and its columns fitted anew by the next run (as an earlier version's).
    freezes = [r for r in head if _is_freeze(r)]
    if freezes:
        head = [r for r in head if not _is_freeze(r)]
        tail = [*tail, *freezes]
        everything = [*head, *values, *tail]
        sizes = [json_size(r) for r in everything]
    parts: list[list[Request]] = [list(head)]
    used = _EMPTY_BODY + sum(sizes[: len(head)]) + _SEPARATOR * max(len(head) - 1, 0)

    def room() -> int:
        return budget - used - (_SEPARATOR if parts[-1] else 0)

    def place(request: Request, request_size: int, new_batch: bool = False) -> None:
        nonlocal used
        if (new_batch or request_size > room()) and parts[-1]:
            parts.append([])
            used = _EMPTY_BODY
        used += request_size + (_SEPARATOR if parts[-1] else 0)
        parts[-1].append(request)

    for request, request_size in zip(
        values, sizes[len(head) : len(head) + len(values)], strict=True
    ):
        if request_size <= room() or "updateCells" not in request:
            place(request, request_size)
            continue
        for piece, piece_size, new_batch in _row_pieces(request["updateCells"], room, budget):
            place(piece, piece_size, new_batch)
    for request, request_size in zip(tail, sizes[len(head) + len(values) :], strict=True):
        place(request, request_size)
    return parts


def _is_freeze(request: Request) -> bool:
    props = request.get("updateSheetProperties", {})
    return bool(props) and props.get("fields") == "gridProperties.frozenRowCount"


def _row_pieces(
    update: Mapping[str, Any], room: Callable[[], int], budget: int
) -> Iterable[tuple[Request, int, bool]]:
    """An updateCells split by rows into pieces, each with its exact JSON size and whether
    it opens a new batch: the first fills ``room()`` (what is left of the current batch)
    when a row fits there, the next ones a whole batch each."""
    rows = update["rows"]
    grid_range = update["range"]
    shell = json_size({"updateCells": {**update, "rows": []}}) + _RANGE_SLACK
    row_sizes = [json_size(row) for row in rows]
    start = 0
    while start < len(rows):
        free = room()
        new_batch = shell + row_sizes[start] > free
        if new_batch:
            free = budget - _EMPTY_BODY
        end, taken = start + 1, shell + row_sizes[start]
        while end < len(rows) and taken + _SEPARATOR + row_sizes[end] <= free:
            taken += _SEPARATOR + row_sizes[end]
            end += 1
        first = grid_range["startRowIndex"] + start
        piece_range = {**grid_range, "startRowIndex": first, "endRowIndex": first + end - start}
        piece = {"updateCells": {**update, "range": piece_range, "rows": rows[start:end]}}
        exact = json_size({"updateCells": {**update, "range": piece_range, "rows": []}})
        yield piece, exact + taken - shell, new_batch
        start = end


def json_size(value: Any) -> int:
    """Bytes of ``value`` serialised as the HTTP layer sends a body: requests' ``json=``
    (``json.dumps(…, allow_nan=False)``, UTF-8) under gspread's batch_update."""
    return len(requests_json.dumps(value, allow_nan=False).encode("utf-8"))


def body_size(requests_: Sequence[Request]) -> int:
    """Bytes of a spreadsheets.batchUpdate body ``{"requests": requests_}``."""
    return json_size({"requests": list(requests_)})


def _batch_requests(
    tabs: Sequence[Tab], writes: Sequence[TabWrite]
) -> tuple[list[Request], list[Request], list[Request]]:
    """Structure and each reformatted tab's formats; the values; the fitting."""
    structure: list[Request] = []
    formats: list[Request] = []
    values: list[Request] = []
    fitting: list[Request] = []
    taken = {t.sheet_id for t in tabs}
    for w in writes:
        tab = w.tab
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
    return [*structure, *formats], values, fitting


def _whole(w: TabWrite) -> TabWrite:
    """A tab with row moves written whole instead, padded to its grid, formats set anew."""
    tab = w.tab
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
