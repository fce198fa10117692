"""Cells for openpyxl's write-only worksheets (``Workbook(write_only=True)``), shared by the
report workbook and the local sync's output.

A write-only sheet streams each appended row to the file: nothing is looked up again, so
writing stays linear in the number of rows and the rows are not all held in memory. What
a cell needs (a number format, a font, text that must stay text) is decided before it is
appended: a plain value when it needs nothing, else a ``WriteOnlyCell``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from itertools import zip_longest
from textwrap import wrap
from typing import Any

# What an .xlsx cannot hold (openpyxl raises IllegalCharacterError): C0 controls but tab,
# line feed and carriage return. And a text shaped like an escape (``_x001B_``) is read
# back by Excel and calamine as the character it names: its underscore is escaped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What XML 1.0 has no place for at all (lxml refuses it, "All strings must be XML
# compatible"): the non-characters U+FFFE and U+FFFF and a lone surrogate.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def writable_text(text: str) -> str:
    """``text`` as an .xlsx can hold it, nothing dropped: a control character becomes its
    visible picture (BEL ``\\x07`` → ``␇``, ESC → ``␛``), a character XML cannot hold
    (U+FFFE, U+FFFF, a lone surrogate) the replacement character ``�``, and ``_x001B_``
    is written ``_x005F_x001B_`` so that it reads back as typed."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    text = _NOT_XML.sub("\ufffd", text)
    return _ILLEGAL.sub(lambda match: chr(0x2400 + ord(match.group())), text)


class StreamedCells:
    """The cells of one write-only ``sheet``, row after row.

    A formatted cell is made once per column and format, then given each row's value:
    ``sheet.append`` writes a row out before it returns, so the same cell can carry the
    next row's value (making a styled cell per value costs more than writing it).
    """

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self._formatted: dict[tuple[int, str], Any] = {}

    def cell(
        self, column: int, value: Any, number_format: str | None = None, font: Any = None
    ) -> Any:
        """``value`` ready for ``sheet.append`` at ``column`` (1-based): a text starting
        with « = » stays text (what a person typed is never run as a formula);
        ``number_format`` and ``font`` are applied, even to an empty cell (as openpyxl does
        on a cell of a formatted column)."""
        if isinstance(value, str) and ("_x" in value or not value.isprintable()):
            value = writable_text(value)  # rare: a control character, an escape's shape
        plain = not isinstance(value, str) or not value.startswith("=")
        long_text = isinstance(value, str) and len(value) > MAX_WIDTH
        if plain and number_format is None and font is None and not long_text:
            return value  # the common case: nothing to decide
        from openpyxl.cell import WriteOnlyCell

        if long_text:  # past the widest column: wrapped in it, not cut or spilling over
            from openpyxl.styles import Alignment

            wrapped = WriteOnlyCell(self.sheet, value)
            wrapped.data_type = "s"
            wrapped.alignment = Alignment(wrap_text=True, vertical="top")
            if font is not None:
                wrapped.font = font
            return wrapped

        cell: Any
        if number_format is None or font is not None:
            cell = WriteOnlyCell(self.sheet, value)
            if font is not None:
                cell.font = font
        else:
            cell = self._formatted.get((column, number_format))
            if cell is None:
                cell = self._formatted[column, number_format] = WriteOnlyCell(self.sheet)
            cell.value = value
        if cell.data_type == "f":
            cell.data_type = "s"
        if number_format is not None and cell.number_format != number_format:
            cell.number_format = number_format  # a date's value set its default format
        return cell


# --- the look of a table when the workbook is opened ------------------------------------

#: Column widths, in characters of the default font: never narrower, never wider.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Room for the header's filter button and the bold font.
_HEADER_EXTRA = 4
#: A header longer than this (and than its column's values) wraps over several lines.
HEADER_WRAP = 24
#: The height of one line of the default font, in points.
_LINE_HEIGHT = 15
#: A day as the tables show it (DD/MM/YYYY).
_DAY_LENGTH = 10
#: A sheet wider than this (the sum of its widths) prints landscape.
_PORTRAIT_WIDTH = 95


def shown_length(value: Any, number_format: str | None = None) -> int:
    """How many characters ``value`` takes once shown with ``number_format`` (an estimate
    that never falls short: euros with their thousands separators and « € », percentages
    with their « % », days as DD/MM/YYYY, the longest line of a text)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max(map(len, value.split("\n"))) if "\n" in value else len(value)
    if isinstance(value, bool):
        return 5
    if isinstance(value, date):  # datetime too
        return _DAY_LENGTH
    if isinstance(value, int | float):
        if number_format is not None and "%" in number_format:
            return len(f"{value * 100:.1f}") + 2
        if number_format is not None and "#,##0" in number_format:
            return len(f"{value:,.2f}") + 2
        return min(len(str(value)), 11)  # the General format keeps about 11 characters
    return len(str(value))


def fitted_widths(
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    formats: Mapping[int, Collection[str]] | None = None,
    *,
    more_headers: Sequence[Sequence[Any]] = (),
) -> dict[int, float]:
    """The width of each column (1-based) that shows its header and its longest value
    whole, ``formats`` being the number formats its cells may take; within
    :data:`MIN_WIDTH`..:data:`MAX_WIDTH`. One pass over the values, a column at a time.
    ``more_headers``: header rows among ``rows`` left out of it (a tab of several tables),
    wrapped like ``headers`` past :data:`HEADER_WRAP`."""
    formats = formats or {}
    widths: dict[int, float] = {}
    for number, values in enumerate(zip_longest(*rows), start=1):
        widths[number] = _longest(values, formats.get(number, ()))
    for row in (headers, *more_headers):
        for number, header in enumerate(row, start=1):
            wanted = min(shown_length(header) + _HEADER_EXTRA, HEADER_WRAP)
            widths[number] = max(widths.get(number, 0), wanted)
    return {n: float(min(MAX_WIDTH, max(MIN_WIDTH, w + 2))) for n, w in widths.items()}


def _longest(values: Sequence[Any], formats: Collection[str]) -> int:
    """The longest shown length among ``values``: texts by length, numbers by their two
    extremes (the longest once formatted), under each of ``formats`` and none."""
    texts = [v for v in values if v.__class__ is str]
    longest = max(map(shown_length, texts), default=0)
    numbers = [v for v in values if v.__class__ in (int, float)]
    if numbers:
        extremes = (min(numbers), max(numbers))
        for fmt in (None, *formats):
            longest = max(longest, *(shown_length(v, fmt) for v in extremes))
    if any(isinstance(v, date) for v in values):
        longest = max(longest, _DAY_LENGTH)
    return longest


def header_lines(headers: Sequence[Any], widths: Mapping[int, float]) -> int:
    """How many lines the tallest header takes, wrapped at its column's width."""
    lines = [
        len(wrap(str(header), max(1, int(widths.get(number, MIN_WIDTH)) - _HEADER_EXTRA)) or [""])
        for number, header in enumerate(headers, start=1)
        if header is not None
    ]
    return max(lines, default=1)


def lay_out(sheet: Any, headers: Sequence[Any], widths: Mapping[int, float]) -> None:
    """Before a write-only ``sheet``'s first row: the column ``widths``, the header row tall
    enough for its wrapped headers, frozen and repeated on every printed page; printed one
    page wide, landscape when wide."""
    from openpyxl.utils import get_column_letter

    for number, width in widths.items():
        sheet.column_dimensions[get_column_letter(number)].width = width
    lines = header_lines(headers, widths)
    if lines > 1:
        sheet.row_dimensions[1].height = _LINE_HEIGHT * lines
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    fit_to_width(sheet, landscape=sum(widths.values()) > _PORTRAIT_WIDTH)


def header_cells(cells: StreamedCells, headers: Sequence[Any]) -> list[Any]:
    """The header row: bold, wrapped at the column's width, at the top of its cell."""
    from openpyxl.styles import Alignment, Font

    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    row = [cells.cell(col, header, font=bold) for col, header in enumerate(headers, 1)]
    for cell in row:
        cell.alignment = wrapped
    return row


def fit_to_width(sheet: Any, *, landscape: bool) -> None:
    """Printed one page wide (as many pages down as it takes)."""
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = "9"  # A4


def add_filter(sheet: Any, columns: int, rows: int) -> None:
    """A filter on the table of ``columns`` columns whose header is row 1 and last row
    ``rows`` (set after the rows: a sheet's filter is written when it is closed)."""
    from openpyxl.utils import get_column_letter

    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1)}"
