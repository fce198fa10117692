"""A write-only sheet whose rows are written as the sheet XML's text, without a cell object
per value: the report workbook's and the local sync's big tables (a row per deal, per
follow-up, per data-quality issue).

openpyxl's write-only path costs about 8 µs per cell (a cell bound to each value, its type
found, its text checked, then serialised through lxml). Here the style of each (column,
number format, kind of value) is found once, through the same openpyxl cell
(:class:`~salespipe.formats.xlsx_cells.StreamedCells`), the first time it occurs, and every
row is formatted with ``%`` and ``str.join`` into the text openpyxl would have written,
byte for byte: strings inline (``t="inlineStr"``, ``xml:space="preserve"`` when they start
or end with a space), numbers as ``%.16g``, dates as serials in their date style, the
output ASCII with character references. A row holding anything else (a header of styled
cells, a row with a height, a number that is not finite, a time, a text with a character
XML cannot hold) is written by openpyxl's own row writer, so it behaves exactly as before.

Everything else of the sheet (its properties, view, columns, filter, page set-up, drawing)
is still openpyxl's: :meth:`XmlRowsSheet.close`, called by ``Workbook.save``, lets openpyxl
write the sheet with an empty ``<sheetData>``, then puts the rows inside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import weakref
from collections.abc import Sequence
from datetime import date, datetime
from inspect import isgenerator
from io import BytesIO
from itertools import zip_longest
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import ALL_TEMP_FILES, create_temporary_file
from openpyxl.xml.functions import xmlfile

from salespipe.formats.xlsx_cells import MAX_WIDTH, StreamedCells, writable_text

#: openpyxl cuts a text to what a cell holds.
_MAX_TEXT = 32767
#: Rows kept as text before they are written to the file together.
_CHUNK = 2000
_ERROR_CODES = frozenset(ERROR_CODES)
_EMPTY_SHEET_DATA = b"<sheetData></sheetData>"


def _discard(rows_file: IO[bytes], path: str) -> None:
    """The rows file of a sheet never saved: closed and removed."""
    rows_file.close()
    with contextlib.suppress(OSError):
        os.remove(path)
    with contextlib.suppress(ValueError):
        ALL_TEMP_FILES.remove(path)


def _number(value: float) -> str:
    """A number as openpyxl writes it (``safe_string``)."""
    return "%.16g" % value  # noqa: UP031 - the same digits as openpyxl's


class _Fallback(Exception):
    """A value the text path leaves to openpyxl's row writer."""


def create_sheet(workbook: Any, title: str) -> XmlRowsSheet:
    """A new :class:`XmlRowsSheet` at the end of the write-only ``workbook``, as
    ``workbook.create_sheet(title)`` makes a write-only sheet."""
    sheet = XmlRowsSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


class XmlRowsSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are appended with :meth:`append_row` (values and
    number formats, the text path) or :meth:`append_cells` (openpyxl cells: headers).

    The sheet's settings (widths, frozen header, row heights) go before its first row, as on
    any write-only sheet; the filter and charts may be set until the workbook is saved."""

    # openpyxl's own, untyped in its stubs
    _writer: Any
    _rows: Any
    _get_writer: Any
    _values_to_row: Any
    _write_rows: Any
    row_dimensions: Any

    def __init__(self, parent: Any, title: str) -> None:
        super().__init__(parent, title)
        self.cells = StreamedCells(self)
        self._row = 0
        self._letters: list[str] = []
        # (number format, value's class, long text) -> ' s="N"' or ""
        self._styles: dict[tuple[str | None, type, bool], str] = {}
        self._serials: dict[date, str] = {}
        self._epoch = parent.epoch
        self._pending: list[str] = []
        self._rows_file: IO[bytes] | None = None
        self._rows_path: str | None = None

    # --- rows ---------------------------------------------------------------------------

    def append_cells(self, row: Sequence[Any]) -> None:
        """A row as ``sheet.append`` takes it (openpyxl cells or values), written by
        openpyxl's own row writer."""
        self._start()
        self._row += 1
        self._pending.append(self._openpyxl_row(row, self._row))

    def append(self, row: Any) -> None:
        """``sheet.append`` as on any write-only sheet (the row after the others), which
        takes a list, a tuple, a range or a generator and refuses anything else."""
        if not isinstance(row, list | tuple | range) and not isgenerator(row):
            raise TypeError(f"a row is a list, tuple, range or generator, not {type(row)}")
        self.append_cells(list(row))

    def append_row(self, values: Sequence[Any], formats: Sequence[str | None] = ()) -> None:
        """A row of ``values`` from column A, ``formats[i]`` the number format of column
        ``i + 1`` (a formatted column past the last value still gets its empty cell), as
        ``sheet.append([cells.cell(col, value, fmt) ...])`` would write it."""
        self._start()
        self._row += 1
        number = self._row
        try:
            if number in self.row_dimensions:
                raise _Fallback
            text = self._row_text(values, formats, number)
        except _Fallback:
            cell = self.cells.cell
            text = self._openpyxl_row(
                [
                    cell(col, value, fmt)
                    for col, (value, fmt) in enumerate(zip_longest(values, formats), start=1)
                ],
                number,
            )
        pending = self._pending
        pending.append(text)
        if len(pending) >= _CHUNK:
            self._flush()

    def _row_text(self, values: Sequence[Any], formats: Sequence[str | None], number: int) -> str:
        """The ``<row>`` element of ``values`` (raises _Fallback for openpyxl's writer)."""
        count = max(len(values), len(formats))
        letters = self._letters
        while len(letters) < count:
            letters.append(get_column_letter(len(letters) + 1))
        styles, style_of = self._styles, self._style
        parts = [f'<row r="{number}">']
        add = parts.append
        row = str(number)
        value: Any
        for col, (value, fmt) in enumerate(zip_longest(values, formats)):
            kind = value.__class__
            if kind is str:
                if "_x" in value or not value.isprintable():
                    value = writable_text(value)  # XML-safe, nothing dropped
                long = len(value) > MAX_WIDTH
                key: tuple[str | None, type, bool] = (fmt, kind, long)
                style = styles.get(key)
                if style is None:
                    style = style_of(key, col + 1, value, fmt)
                if long and len(value) > _MAX_TEXT:
                    value = value[:_MAX_TEXT]
                if not long and value in _ERROR_CODES:
                    add(f'<c r="{letters[col]}{row}"{style} t="e"><v>{value}</v></c>')
                    continue
                if not value:
                    add(f'<c r="{letters[col]}{row}"{style} t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if value != value.strip() else ""
                if "&" in value or "<" in value or ">" in value or "\r" in value:
                    value = (
                        value.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\r", "&#13;")
                    )
                add(
                    f'<c r="{letters[col]}{row}"{style} t="inlineStr">'
                    f"<is><t{space}>{value}</t></is></c>"
                )
                continue
            if value is None:
                if fmt is None:
                    continue
                key = (fmt, kind, False)
                style = styles.get(key)
                if style is None:
                    style = style_of(key, col + 1, value, fmt)
                if style:
                    add(f'<c r="{letters[col]}{row}"{style} t="n"></c>')
                continue
            key = (fmt, kind, False)
            style = styles.get(key)
            if style is None:
                style = style_of(key, col + 1, value, fmt)
            if kind is float or kind is int:
                shown = "%.16g" % value  # noqa: UP031 - openpyxl's digits
                if shown in ("nan", "inf", "-inf"):
                    raise _Fallback
                add(f'<c r="{letters[col]}{row}"{style} t="n"><v>{shown}</v></c>')
            elif kind is bool:
                add(f'<c r="{letters[col]}{row}"{style} t="b"><v>{value:d}</v></c>')
            elif kind is date or (kind is datetime and value.tzinfo is None):
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials[value] = _number(to_excel(value, self._epoch))
                add(f'<c r="{letters[col]}{row}"{style} t="n"><v>{serial}</v></c>')
            else:
                raise _Fallback
        add("</row>")
        return "".join(parts)

    def _style(self, key: tuple[str | None, type, bool], column: int, value: Any, fmt: Any) -> str:
        """The ``s`` attribute of a value like ``value`` at ``column`` with number format
        ``fmt``: found on the cell :class:`StreamedCells` makes for it, then remembered."""
        made = self.cells.cell(column, value, fmt)
        if not isinstance(made, Cell):
            made = WriteOnlyCell(self, made)  # what openpyxl does with a plain value
        style = f' s="{made.style_id}"' if made.has_style else ""
        self._styles[key] = style
        return style

    def _openpyxl_row(self, row: Sequence[Any], number: int) -> str:
        """``row`` (cells or values) as openpyxl's write-only sheet writes it."""
        out = BytesIO()
        with xmlfile(out) as xf:
            self._writer.write_row(xf, self._values_to_row(row, number), number)
        return out.getvalue().decode("ascii")

    # --- the file -----------------------------------------------------------------------

    def _start(self) -> None:
        """openpyxl writes the top of the sheet (its settings) at the first row."""
        if self._rows_file is None:
            self._get_writer()
            # removed at exit if the workbook is never saved, as openpyxl's own
            self._rows_path = create_temporary_file(suffix=".rows.xml")
            self._rows_file = open(self._rows_path, "wb")  # noqa: SIM115 - closed by close()
            # closed and removed with the sheet if the workbook is never saved (a save
            # that failed), not only at exit: a scheduled sync runs for days
            self._discard = weakref.finalize(self, _discard, self._rows_file, self._rows_path)

    def _flush(self) -> None:
        if self._pending and self._rows_file is not None:
            self._rows_file.write("".join(self._pending).encode("ascii", "xmlcharrefreplace"))
        self._pending.clear()

    def close(self) -> None:
        """openpyxl writes the sheet with an empty ``<sheetData>``; the rows go inside."""
        if self._rows_file is None:  # no row: openpyxl's sheet as it is
            super().close()
            return
        # openpyxl's own rows: none, its <sheetData> opened and closed empty
        self._rows = self._write_rows()
        next(self._rows)
        super().close()
        self._flush()
        self._rows_file.close()
        sheet_path = self._writer.out
        with open(sheet_path, "rb") as source:
            sheet_xml = source.read()
        # exactly one, empty: openpyxl wrote no row of its own (else this unpacking fails)
        head, tail = sheet_xml.split(_EMPTY_SHEET_DATA)
        assert self._rows_path is not None
        with open(sheet_path, "wb") as target, open(self._rows_path, "rb") as rows:
            target.write(head + b"<sheetData>")
            shutil.copyfileobj(rows, target, 1 << 20)
            target.write(b"</sheetData>" + tail)
        self._discard.detach()
        os.remove(self._rows_path)
        ALL_TEMP_FILES.remove(self._rows_path)
        self._rows_file = None
