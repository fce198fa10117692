"""The spreadsheets.values methods of the emulator (Google's spreadsheets.values reference).

Each function takes a :class:`Spreadsheet`, the decoded query parameters (a dict of
lists, as ``urllib.parse.parse_qs`` gives) and the JSON body, and returns the JSON
answer or raises :class:`ApiError`.
"""

from __future__ import annotations

from typing import Any

from tests.support.a1 import column_letters
from tests.support.cell_values import (
    MAX_CELL_CHARS,
    Cell,
    Scalar,
    parse_raw,
    parse_user_entered,
    render,
)
from tests.support.sheets_model import ApiError, Box, Sheet, Spreadsheet, bad_request

Params = dict[str, list[str]]
VALUE_RENDER = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATETIME_RENDER = ("SERIAL_NUMBER", "FORMATTED_STRING")
INPUT_OPTIONS = ("RAW", "USER_ENTERED")
DIMENSIONS = ("ROWS", "COLUMNS")


def param(params: Params, name: str, default: str | None = None) -> str | None:
    values = params.get(name)
    return values[-1] if values else default


def flag(params: Params, name: str) -> bool:
    """Booleans arrive as ``true``/``True``/``False`` (Google takes all): case-insensitive."""
    return (param(params, name, "false") or "false").lower() == "true"


def enum(params: Params, name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = param(params, name, default)
    if value is not None and value not in allowed:
        snake = "".join("_" + ch.lower() if ch.isupper() else ch for ch in name)
        raise bad_request(f"Invalid value at '{snake}' ({value}), \"{value}\"", snake)
    return value


# ---------------------------------------------------------------- reads


def value_range(box: Box, major: str, value_render: str, datetime_render: str) -> dict[str, Any]:
    """A ValueRange: normalised ``range`` echo, trimmed ``values`` (absent when empty)."""
    grid = [
        [render(box.sheet.cell(r, c), value_render, datetime_render) for c in range(box.c0, box.c1)]
        if r < len(box.sheet.rows)
        else []
        for r in range(box.r0, min(box.r1, len(box.sheet.rows)))
    ]
    if major == "COLUMNS":
        width = box.c1 - box.c0
        grid = [[row[c] if c < len(row) else None for row in grid] for c in range(width)]
    out: dict[str, Any] = {"range": box.a1(), "majorDimension": major}
    values = trim(grid)
    if values:
        out["values"] = values
    return out


def trim(grid: list[list[Scalar | None]]) -> list[list[Scalar]]:
    """Drop trailing blanks of each line and trailing blank lines; inner blanks become ``""``."""
    lines: list[list[Scalar]] = []
    last = -1
    for i, line in enumerate(grid):
        end = len(line)
        while end and line[end - 1] is None:
            end -= 1
        lines.append(["" if v is None else v for v in line[:end]])
        if end:
            last = i
    return lines[: last + 1]


def read_options(params: Params) -> tuple[str, str, str]:
    major = enum(params, "majorDimension", DIMENSIONS, "ROWS") or "ROWS"
    value_render = enum(params, "valueRenderOption", VALUE_RENDER, "FORMATTED_VALUE")
    datetime_render = enum(params, "dateTimeRenderOption", DATETIME_RENDER, "SERIAL_NUMBER")
    return major, value_render or "FORMATTED_VALUE", datetime_render or "SERIAL_NUMBER"


def values_get(ss: Spreadsheet, range_text: str, params: Params) -> dict[str, Any]:
    major, value_render, datetime_render = read_options(params)
    return value_range(ss.resolve(range_text), major, value_render, datetime_render)


def values_batch_get(ss: Spreadsheet, params: Params) -> dict[str, Any]:
    major, value_render, datetime_render = read_options(params)
    boxes = [ss.resolve(text) for text in params.get("ranges", [])]
    return {
        "spreadsheetId": ss.id,
        "valueRanges": [value_range(b, major, value_render, datetime_render) for b in boxes],
    }


# ---------------------------------------------------------------- writes


def check_values(values: Any, where: str) -> list[list[Any]]:
    """A ``values`` field must be a list of lists of scalars or nulls (else Google answers 400)."""
    if values is None:
        return []
    if not isinstance(values, list):
        raise invalid_value(f"{where}.values", "ListValue", values)
    for i, row in enumerate(values):
        if not isinstance(row, list):
            raise invalid_value(f"{where}.values[{i}]", "ListValue", row)
        for j, item in enumerate(row):
            if isinstance(item, (dict, list)):
                raise invalid_value(f"{where}.values[{i}].values[{j}]", "Value", item)
            if isinstance(item, str) and len(item) > MAX_CELL_CHARS:
                raise bad_request(
                    "Your input contains more than the maximum of 50000 characters in a "
                    "single cell."
                )
    return values


def invalid_value(field_name: str, proto: str, value: Any) -> ApiError:
    import json

    shown = json.dumps(value, ensure_ascii=False)
    message = (
        f"Invalid value at '{field_name}' (type.googleapis.com/google.protobuf.{proto}), {shown}"
    )
    return bad_request(message, field_name)


def as_rows(values: list[list[Any]], major: str | None) -> list[list[Any]]:
    if major != "COLUMNS":
        return values
    height = max((len(col) for col in values), default=0)
    return [[col[r] if r < len(col) else None for col in values] for r in range(height)]


def input_option(raw: Any, where: str = "valueInputOption") -> str:
    if raw in (None, "", "INPUT_VALUE_OPTION_UNSPECIFIED"):
        raise bad_request(f"'{where}' is required but not specified")
    if raw not in INPUT_OPTIONS:
        raise bad_request(f"Invalid value at 'value_input_option' ({raw}), \"{raw}\"")
    return str(raw)


class WriteTally:
    """Rows, columns and cells a write touched (``null`` cells are not counted)."""

    def __init__(self) -> None:
        self.rows: set[tuple[int, int]] = set()
        self.cols: set[tuple[int, int]] = set()
        self.cells = 0

    def add(self, sheet: Sheet, r: int, c: int) -> None:
        self.rows.add((sheet.sheet_id, r))
        self.cols.add((sheet.sheet_id, c))
        self.cells += 1

    def counts(self, prefix: str = "updated") -> dict[str, int]:
        raw = {f"{prefix}Rows": len(self.rows), f"{prefix}Columns": len(self.cols)}
        raw[f"{prefix}Cells"] = self.cells
        return {k: v for k, v in raw.items() if v}


def write_cells(
    ss: Spreadsheet, sheet: Sheet, r0: int, c0: int, rows: list[list[Any]], how: str
) -> WriteTally:
    """Store a block at an anchor; ``None`` leaves a cell alone, ``""`` empties it."""
    tally = WriteTally()
    locale = ss.locale
    for i, row in enumerate(rows):
        for j, item in enumerate(row):
            if item is None:
                continue
            value, formula, number_format = (
                parse_raw(item) if how == "RAW" else parse_user_entered(item, locale)
            )
            old = sheet.cell(r0 + i, c0 + j) or Cell()
            new = old.with_content(value, formula, number_format)
            sheet.set_cell(r0 + i, c0 + j, None if new == Cell() else new)
            tally.add(sheet, r0 + i, c0 + j)
    return tally


def block_size(rows: list[list[Any]]) -> tuple[int, int]:
    return len(rows), max((len(r) for r in rows), default=0)


def update_box(
    ss: Spreadsheet, box: Box, rows: list[list[Any]], how: str, params: Params
) -> tuple[dict[str, Any], WriteTally]:
    """values.update on a resolved range: fit checks, write; UpdateValuesResponse and tally."""
    height, width = block_size(rows)
    if not box.is_cell:
        if height > box.r1 - box.r0:
            raise bad_request(
                f"Requested writing within range [{box.a1()}], but tried writing to row "
                f"[{box.r0 + height}]"
            )
        if width > box.c1 - box.c0:
            raise bad_request(
                f"Requested writing within range [{box.a1()}], but tried writing to column "
                f"[{column_letters(box.c0 + width - 1)}]"
            )
    written = Box(box.sheet, box.r0, box.c0, box.r0 + max(height, 1), box.c0 + max(width, 1))
    if height and width:
        written.check_in_grid()
    tally = write_cells(ss, box.sheet, box.r0, box.c0, rows, how)
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    out["updatedRange"] = written.a1() if height and width else box.a1()
    out.update(tally.counts())
    if flag(params, "includeValuesInResponse"):
        out["updatedData"] = response_data(written, params)
    return out, tally


def response_data(box: Box, params: Params) -> dict[str, Any]:
    value_render = param(params, "responseValueRenderOption", "FORMATTED_VALUE") or ""
    datetime_render = param(params, "responseDateTimeRenderOption", "SERIAL_NUMBER") or ""
    return value_range(box, "ROWS", value_render, datetime_render)


def values_update(
    ss: Spreadsheet, range_text: str, params: Params, body: dict[str, Any]
) -> dict[str, Any]:
    values = check_values(body.get("values"), "data")
    how = input_option(param(params, "valueInputOption"))
    box = ss.resolve(range_text)
    return update_box(ss, box, as_rows(values, body.get("majorDimension")), how, params)[0]


def values_batch_update(ss: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    """values:batchUpdate: every range or none (the caller runs it on a copy)."""
    how = input_option(body.get("valueInputOption"))
    options = {k: [str(v)] for k, v in body.items() if isinstance(v, (str, bool))}
    data = body.get("data") or []
    checked = [check_values(item.get("values"), f"data[{i}]") for i, item in enumerate(data)]
    responses, total = [], WriteTally()
    for i, (item, values) in enumerate(zip(data, checked, strict=True)):
        try:
            box = ss.resolve(str(item.get("range", "")))
        except ApiError as exc:
            raise bad_request(f"Invalid data[{i}]: {exc.message}") from None
        rows = as_rows(values, item.get("majorDimension"))
        answer, tally = update_box(ss, box, rows, how, options)
        responses.append(answer)
        total.rows |= tally.rows
        total.cols |= tally.cols
        total.cells += tally.cells
    out: dict[str, Any] = {"spreadsheetId": ss.id, **total.counts("totalUpdated")}
    sheets = {sheet_id for sheet_id, _ in total.rows}
    if sheets:
        out["totalUpdatedSheets"] = len(sheets)
    out["responses"] = responses
    return out


# ---------------------------------------------------------------- clear and append


def clear_box(box: Box) -> None:
    """Remove values and formulas; formats and notes stay (Google's values.clear)."""
    sheet = box.sheet
    for r in range(box.r0, min(box.r1, len(sheet.rows))):
        row = sheet.rows[r]
        for c in range(box.c0, min(box.c1, len(row))):
            cell = row[c]
            if cell is not None:
                kept = Cell(fmt=cell.fmt, note=cell.note)
                row[c] = None if kept == Cell() else kept


def values_clear(ss: Spreadsheet, range_text: str) -> dict[str, Any]:
    box = ss.resolve(range_text)
    clear_box(box)
    return {"spreadsheetId": ss.id, "clearedRange": box.a1()}


def values_batch_clear(ss: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    boxes = [ss.resolve(str(text)) for text in body.get("ranges") or []]
    for box in boxes:
        clear_box(box)
    return {"spreadsheetId": ss.id, "clearedRanges": [b.a1() for b in boxes]}


def filled(sheet: Sheet, r: int, c: int) -> bool:
    cell = sheet.cell(r, c)
    return cell is not None and not cell.is_blank


def find_table(box: Box) -> tuple[int, int, int, int] | None:
    """The 'table' values.append writes after (a working model inferred from recorded answers)."""
    sheet = box.sheet
    if box.is_cell:
        if not filled(sheet, box.r0, box.c0):
            return None
        c_end = box.c0
        while c_end + 1 < sheet.col_count and filled(sheet, box.r0, c_end + 1):
            c_end += 1
        r_end = box.r0
        while any(filled(sheet, r_end + 1, c) for c in range(box.c0, c_end + 1)):
            r_end += 1
        return box.r0, box.c0, r_end + 1, c_end + 1
    last = next(
        (
            r
            for r in range(min(box.r1, len(sheet.rows)) - 1, box.r0 - 1, -1)
            if any(filled(sheet, r, c) for c in range(box.c0, box.c1))
        ),
        None,
    )
    if last is None:
        return None
    cb = max(c for c in range(box.c0, box.c1) if filled(sheet, last, c))
    ca = cb
    while ca - 1 >= box.c0 and filled(sheet, last, ca - 1):
        ca -= 1
    top = last
    while top - 1 >= box.r0 and any(filled(sheet, top - 1, c) for c in range(ca, cb + 1)):
        top -= 1
    return top, ca, last + 1, cb + 1


def values_append(
    ss: Spreadsheet, range_text: str, params: Params, body: dict[str, Any]
) -> dict[str, Any]:
    values = check_values(body.get("values"), "data")
    how = input_option(param(params, "valueInputOption"))
    insert = enum(params, "insertDataOption", ("OVERWRITE", "INSERT_ROWS"), "OVERWRITE")
    box = ss.resolve(range_text)
    rows = as_rows(values, body.get("majorDimension"))
    height, width = block_size(rows)
    table = find_table(box)
    r0, c0 = (table[2], table[1]) if table else (box.r0, box.c0)
    sheet = box.sheet
    if insert == "INSERT_ROWS" and r0 < len(sheet.rows):
        sheet.rows[r0:r0] = [[] for _ in range(height)]
        sheet.grid["rowCount"] = sheet.row_count + height
    sheet.grid["rowCount"] = max(sheet.row_count, r0 + height)
    sheet.grid["columnCount"] = max(sheet.col_count, c0 + width)
    ss.check_cell_limit()
    tally = write_cells(ss, sheet, r0, c0, rows, how)
    written = Box(sheet, r0, c0, r0 + max(height, 1), c0 + max(width, 1))
    updates: dict[str, Any] = {
        "spreadsheetId": ss.id,
        "updatedRange": written.a1(),
        **tally.counts(),
    }
    if flag(params, "includeValuesInResponse"):
        updates["updatedData"] = response_data(written, params)
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if table:
        out["tableRange"] = Box(sheet, *table).a1()
    out["updates"] = updates
    return out
