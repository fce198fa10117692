"""In-memory spreadsheets for the Sheets emulator: sheets, grids, named ranges, A1 resolution.

The model knows nothing about HTTP. Errors are :class:`ApiError`, which the server turns
into Google's body ``{"error": {"code", "message", "status"}}`` (gspread needs ``code``).
Cells are immutable :class:`~cell_values.Cell` objects held in ragged
row lists, so copying a spreadsheet for an atomic batch is a copy of row lists.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.support.a1 import box_a1, looks_like_cells, parse_cells, quote_title, split_sheet_name
from tests.support.cell_values import Cell

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
MAX_CELLS = 10_000_000
DEFAULT_ROWS, DEFAULT_COLUMNS = 1000, 26


class ApiError(Exception):
    """An error answer: HTTP code, Google status name, message and optional details."""

    def __init__(
        self,
        code: int,
        message: str,
        status: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS_NAMES.get(code, "UNKNOWN")
        self.details = details

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def bad_request(message: str, field_name: str | None = None) -> ApiError:
    """400 INVALID_ARGUMENT, with a BadRequest field violation when a field is named."""
    details = None
    if field_name:
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [{"field": field_name, "description": message}],
            }
        ]
    return ApiError(400, message, details=details)


def not_found() -> ApiError:
    return ApiError(404, "Requested entity was not found.")


def unable_to_parse(text: str) -> ApiError:
    return bad_request(f"Unable to parse range: {text}")


@dataclass
class Sheet:
    """One tab: its properties (as the API shows them) and a ragged grid of cells."""

    props: dict[str, Any]
    rows: list[list[Cell | None]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # merges, basicFilter, ...
    row_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    col_meta: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def sheet_id(self) -> int:
        return int(self.props.get("sheetId", 0))

    @property
    def title(self) -> str:
        return str(self.props["title"])

    @property
    def grid(self) -> dict[str, Any]:
        return self.props.setdefault("gridProperties", {})

    @property
    def row_count(self) -> int:
        return int(self.grid.get("rowCount", 0))

    @property
    def col_count(self) -> int:
        return int(self.grid.get("columnCount", 0))

    def cell(self, r: int, c: int) -> Cell | None:
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def set_cell(self, r: int, c: int, cell: Cell | None) -> None:
        if cell is None and self.cell(r, c) is None:
            return
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        if len(row) <= c:
            row.extend([None] * (c + 1 - len(row)))
        row[c] = cell

    def truncate(self) -> None:
        """Drop data outside the grid after a shrink."""
        del self.rows[self.row_count :]
        for row in self.rows:
            del row[self.col_count :]

    def copy(self) -> Sheet:
        return Sheet(
            copy.deepcopy(self.props),
            [row.copy() for row in self.rows],
            copy.deepcopy(self.extras),
            copy.deepcopy(self.row_meta),
            copy.deepcopy(self.col_meta),
        )


@dataclass(frozen=True)
class Box:
    """A resolved rectangle of one sheet, 0-based and end-exclusive."""

    sheet: Sheet
    r0: int
    c0: int
    r1: int
    c1: int

    @property
    def is_cell(self) -> bool:
        return self.r1 - self.r0 == 1 and self.c1 - self.c0 == 1

    def a1(self) -> str:
        return f"{quote_title(self.sheet.title)}!{box_a1(self.r0, self.c0, self.r1, self.c1)}"

    def check_in_grid(self) -> None:
        s = self.sheet
        if self.r1 > s.row_count or self.c1 > s.col_count:
            raise bad_request(
                f"Range ({self.a1()}) exceeds grid limits. "
                f"Max rows: {s.row_count}, max columns: {s.col_count}"
            )


def grid_range(box: Box) -> dict[str, int]:
    """A Box as the API's GridRange; sheetId 0 is omitted, explicit 0 indexes are kept."""
    out = {
        "sheetId": box.sheet.sheet_id,
        "startRowIndex": box.r0,
        "endRowIndex": box.r1,
        "startColumnIndex": box.c0,
        "endColumnIndex": box.c1,
    }
    if not out["sheetId"]:
        del out["sheetId"]
    return out


class Spreadsheet:
    """A spreadsheet: properties, ordered sheets, named ranges, Drive metadata."""

    def __init__(self, spreadsheet_id: str, title: str, rng: random.Random, locale: str) -> None:
        self.id = spreadsheet_id
        self.rng = rng
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.created = self.modified = now
        self.properties: dict[str, Any] = {
            "title": title,
            "locale": locale,
            "autoRecalc": "ON_CHANGE",
            "timeZone": "Etc/GMT",
            "defaultFormat": copy.deepcopy(DEFAULT_FORMAT),
            "spreadsheetTheme": copy.deepcopy(DEFAULT_THEME),
        }
        self.sheets: list[Sheet] = []
        self.named_ranges: list[dict[str, Any]] = []
        self.add_sheet({"sheetId": 0, "title": "Sheet1"})

    @property
    def locale(self) -> str:
        return str(self.properties.get("locale", "en_US"))

    def touch(self) -> None:
        """Record a change (Drive's modifiedTime)."""
        self.modified = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def copy(self) -> Spreadsheet:
        twin = copy.copy(self)
        twin.properties = copy.deepcopy(self.properties)
        twin.sheets = [s.copy() for s in self.sheets]
        twin.named_ranges = copy.deepcopy(self.named_ranges)
        return twin

    def restore(self, other: Spreadsheet) -> None:
        """Take over another copy's state (commit of an atomic batch)."""
        self.__dict__.update(other.__dict__)

    # ------------------------------------------------------------ sheets

    def new_sheet_id(self) -> int:
        taken = {s.sheet_id for s in self.sheets}
        while True:
            candidate = self.rng.randint(1, 2**31 - 1)
            if candidate not in taken:
                return candidate

    def add_sheet(self, props: dict[str, Any]) -> Sheet:
        """Add a tab from (partial) properties; returns it with full properties."""
        props = copy.deepcopy(props)
        if "sheetId" not in props:
            props["sheetId"] = self.new_sheet_id()
        if not props.get("title"):
            n = len(self.sheets) + 1
            while self.find_sheet(f"Sheet{n}", exact=True):
                n += 1
            props["title"] = f"Sheet{n}"
        grid = props.setdefault("gridProperties", {})
        grid.setdefault("rowCount", DEFAULT_ROWS)
        grid.setdefault("columnCount", DEFAULT_COLUMNS)
        index = props.pop("index", len(self.sheets))
        ordered = {
            "sheetId": props.pop("sheetId"),
            "title": props.pop("title"),
            "index": 0,
            "sheetType": props.pop("sheetType", "GRID"),
            "gridProperties": props.pop("gridProperties"),
            **props,
        }
        sheet = Sheet(ordered)
        self.sheets.insert(min(max(int(index), 0), len(self.sheets)), sheet)
        self.renumber()
        return sheet

    def renumber(self) -> None:
        for i, sheet in enumerate(self.sheets):
            sheet.props["index"] = i

    def find_sheet(self, title: str, exact: bool = False) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        if exact:
            return None
        folded = title.casefold()
        return next((s for s in self.sheets if s.title.casefold() == folded), None)

    def sheet_by_id(self, sheet_id: Any) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == int(sheet_id or 0)), None)

    def total_cells(self) -> int:
        return sum(s.row_count * s.col_count for s in self.sheets)

    def check_cell_limit(self) -> None:
        if self.total_cells() > MAX_CELLS:
            raise bad_request(
                "This action would increase the number of cells in the workbook above the "
                f"limit of {MAX_CELLS} cells."
            )

    # ------------------------------------------------------------ ranges

    def resolve(self, text: str) -> Box:
        """A1 text -> Box, following Google's A1 notation; 400 when it cannot."""
        try:
            name, cells, quoted = split_sheet_name(text)
        except ValueError:
            raise unable_to_parse(text) from None
        if name is None:
            return self._resolve_unnamed(text, cells)
        sheet = self.find_sheet(name)
        if sheet is None and not quoted:
            whole = self.find_sheet(text)
            if whole is not None:
                return Box(whole, 0, 0, whole.row_count, whole.col_count)
        if sheet is None:
            raise unable_to_parse(text)
        if cells == "":
            return Box(sheet, 0, 0, sheet.row_count, sheet.col_count)
        named = self.named_box(cells)
        if named is not None and not looks_like_cells(cells):
            return named
        return self._cells_box(sheet, cells, text)

    def _resolve_unnamed(self, text: str, cells: str) -> Box:
        sheet = self.find_sheet(cells)
        if sheet is not None:
            return Box(sheet, 0, 0, sheet.row_count, sheet.col_count)
        named = self.named_box(cells)
        if named is not None:
            return named
        if looks_like_cells(cells):
            visible = [s for s in self.sheets if not s.props.get("hidden")] or self.sheets
            return self._cells_box(visible[0], cells, text)
        raise unable_to_parse(text)

    def _cells_box(self, sheet: Sheet, cells: str, text: str) -> Box:
        corners = parse_cells(cells)
        if corners is None:
            raise unable_to_parse(text)
        a, b = corners
        ra = a.row if a.row is not None else 0
        rb = b.row if b.row is not None else sheet.row_count - 1
        ca = a.col if a.col is not None else 0
        cb = b.col if b.col is not None else sheet.col_count - 1
        box = Box(sheet, min(ra, rb), min(ca, cb), max(ra, rb) + 1, max(ca, cb) + 1)
        box.check_in_grid()
        return box

    def named_box(self, name: str) -> Box | None:
        for named in self.named_ranges:
            if named["name"].casefold() == name.casefold():
                return self.box_from_grid_range(named["range"])
        return None

    def box_from_grid_range(self, gr: dict[str, Any]) -> Box:
        sheet = self.sheet_by_id(gr.get("sheetId", 0))
        if sheet is None:
            raise bad_request(f"No grid with id: {gr.get('sheetId', 0)}")
        return Box(
            sheet,
            int(gr.get("startRowIndex", 0)),
            int(gr.get("startColumnIndex", 0)),
            int(gr.get("endRowIndex", sheet.row_count)),
            int(gr.get("endColumnIndex", sheet.col_count)),
        )


DEFAULT_FORMAT: dict[str, Any] = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}

_THEME_COLOURS = [
    ("TEXT", {}),
    ("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
    ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
    ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
    ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
    ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
    ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
    ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
    ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}),
]
DEFAULT_THEME: dict[str, Any] = {
    "primaryFontFamily": "Arial",
    "themeColors": [{"colorType": t, "color": {"rgbColor": c}} for t, c in _THEME_COLOURS],
}
