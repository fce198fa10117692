"""The error cells of an .xls workbook, which python-calamine reads as blanks.

An .xls (Excel 97-2003, BIFF8) keeps an error as a BOOLERR record (a typed ``#N/A``) or as
the cached result of a FORMULA record; calamine gives both to Python as ``""``. xlrd
reads them (``XL_CELL_ERROR`` and the error's code), but parsing a whole workbook in
Python takes about three times calamine's read. So the workbook stream is first searched
for the bytes of either record holding an error (one regular expression, at C speed);
xlrd reads the workbook only when one is there, which few files have.

A formula is always saved with its value in an .xls. The format bounds a sheet to
65 536 rows × 256 columns, but calamine reserves memory for the cells each sheet's
DIMENSIONS record claims: a 6 KB file whose record claims 16 million rows aborted the
process. :func:`sheet_extents` reads that claim and, only when it is past a limit,
counts the cells calamine reads (a walk over the sheet's records, in Python).
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from salespipe.read_limits import past_limits
from salespipe.xlsx_scan import LostCell, SheetScan

if TYPE_CHECKING:
    import xlrd

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BOOLERR (0x0205, 8 bytes): row, column, format, value, fError = 1.
_BOOLERR_ERROR = re.compile(rb"\x05\x02\x08\x00[\x00-\xff]{7}\x01")
# FORMULA (0x0006): its length, row, column, format, then the cached result: an error is
# 0x02, a reserved byte, the error's code, three reserved bytes and 0xFFFF.
_FORMULA_ERROR = re.compile(rb"\x06\x00[\x00-\xff]{8}\x02[\x00-\xff]{5}\xff\xff")

# What parsing a damaged file in Python raises (the walk over its records, xlrd's).
_PARSE_FAILURES = (struct.error, ValueError, IndexError, KeyError, AssertionError)


def _xlrd_failures() -> tuple[type[Exception], ...]:
    """What xlrd raises on a damaged file. xlrd is imported only when an .xls is read:
    an install without it (``pip install -U salespipe`` from before it was a dependency)
    still reads every other format, and an .xls says which extra to install."""
    import xlrd
    from xlrd.compdoc import CompDocError

    return (xlrd.XLRDError, CompDocError, *_PARSE_FAILURES)


_EOF, _BOF, _BOUNDSHEET, _DIMENSIONS = 0x000A, 0x0809, 0x0085, 0x0200
_FORMULA, _MULRK = 0x0006, 0x00BD
#: The records calamine reads as cells (xls.rs): Number, Label, RString, BoolErr, Rk,
#: LabelSst, MulRk, Formula; each starts with its row and column (u16 each).
_CELLS = frozenset((0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, _MULRK, _FORMULA))
#: The most rows and columns of an .xls sheet, and so the most cells calamine may
#: reserve for one.
XLS_ROWS, XLS_COLUMNS = 65_536, 256
FORMAT_CELLS = XLS_ROWS * XLS_COLUMNS


def _records(stream: bytes, position: int) -> Iterator[tuple[int, int, int]]:
    """``(type, start of its data, end of its data)`` from ``position`` (BIFF: a u16 type
    and a u16 length before each record's data)."""
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, position + 4, position + 4 + length
        position += 4 + length


def _sheets(stream: bytes) -> dict[str, int]:
    """``{worksheet name: offset of its records}`` from the BOUNDSHEET records (BIFF8)."""
    sheets: dict[str, int] = {}
    for kind, start, end in _records(stream, 0):
        if kind == _EOF:
            break
        if kind != _BOUNDSHEET or end - start < 8 or stream[start + 5] != 0:  # a worksheet
            continue
        offset = struct.unpack_from("<I", stream, start)[0]
        count, wide = stream[start + 6], stream[start + 7] & 1
        raw = stream[start + 8 : start + 8 + count * (2 if wide else 1)]
        sheets[raw.decode("utf-16-le" if wide else "latin-1", errors="replace")] = offset
    return sheets


def _claim(stream: bytes, offset: int) -> tuple[int, int]:
    """(rows, columns) the sheet's DIMENSIONS record claims, as calamine reserves them."""
    for kind, start, end in _records(stream, offset):
        if kind == _DIMENSIONS:
            if end - start == 14:
                first, last, first_column, last_column = struct.unpack_from("<IIHH", stream, start)
            elif end - start == 10:
                first, last, first_column, last_column = struct.unpack_from("<HHHH", stream, start)
            else:
                return 0, 0
            if first_column > 0xFF or last_column < first_column:
                first_column = 0
            if last < 1 or last_column < 1:
                return 1, 1
            # calamine reserves (last - first) × (last column - first column) cells, in
            # 32-bit arithmetic: a first row after the last one wraps to 4 billion rows
            return (last - first) % 2**32, last_column - first_column
        if kind in _CELLS or kind == _EOF:
            break
    return 0, 0


def _extent(stream: bytes, offset: int) -> tuple[int, int]:
    """(rows, columns) from A1 to the last cell calamine reads (charts inside skipped)."""
    rows = columns = depth = 0
    for kind, start, end in _records(stream, offset):
        if kind == _BOF and start - 4 != offset:
            depth += 1
        elif kind == _EOF:
            if not depth:
                break
            depth -= 1
        elif not depth and kind in _CELLS and end - start >= 4:
            row, column = struct.unpack_from("<HH", stream, start)
            if kind == _MULRK and end - start >= 6:
                column = struct.unpack_from("<H", stream, end - 2)[0]  # the last column
            rows, columns = max(rows, row + 1), max(columns, column + 1)
    return rows, columns


def sheet_extents(stream: bytes) -> dict[str, tuple[int, int]]:
    """``{sheet name: (rows, columns)}`` for the sheets that calamine should not read:
    those whose cells reach past the limits, and those whose DIMENSIONS record claims more
    cells than the format holds (a damaged file; the claim is given then). ``stream``:
    :func:`workbook_stream`."""
    try:
        refused = {}
        for name, offset in _sheets(stream).items():
            claimed = _claim(stream, offset)
            if not past_limits(*claimed):
                continue
            extent = _extent(stream, offset)
            if past_limits(*extent):
                refused[name] = extent
            elif claimed[0] * claimed[1] > FORMAT_CELLS:
                refused[name] = claimed
        return refused
    except _PARSE_FAILURES:
        return {}


def workbook_stream(data: bytes) -> bytes:
    """The BIFF records of an .xls: its compound document's Workbook (or Book) stream;
    ``data`` itself for an .xls saved without the OLE2 container (BIFF2 to BIFF4); empty
    when the container is damaged (calamine then says so)."""
    if not data.startswith(OLE2_SIGNATURE):
        return data
    from xlrd import compdoc

    try:
        document = compdoc.CompDoc(data, logfile=io.StringIO())
        for name in ("Workbook", "Book"):
            memory, base, size = document.locate_named_stream(name)
            if memory:
                return bytes(memory[base : base + size])
    except _xlrd_failures():
        pass
    return b""


def may_hold_errors(stream: bytes) -> bool:
    """False when no record of the workbook ``stream`` can hold an error value."""
    return bool(_BOOLERR_ERROR.search(stream) or _FORMULA_ERROR.search(stream))


def scan_xls(data: bytes, stream: bytes) -> dict[str, SheetScan]:
    """``{sheet name: its error cells}`` of the .xls ``data`` (whose workbook ``stream``
    is searched first); empty when it has none or when xlrd cannot read it (calamine
    then says why the file is unreadable)."""
    if not may_hold_errors(stream):
        return {}
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
        try:
            return {name: _errors(book, index) for index, name in enumerate(book.sheet_names())}
        finally:
            book.release_resources()
    except _xlrd_failures():
        return {}


def _errors(book: xlrd.book.Book, index: int) -> SheetScan:
    """The sheet's error cells, capped (its extent is left to calamine: 0)."""
    import xlrd

    sheet = book.sheet_by_index(index)
    lost = []
    for row in range(sheet.nrows):
        types = sheet.row_types(row)
        if xlrd.XL_CELL_ERROR not in types:
            continue
        values = sheet.row_values(row)
        for column, kind in enumerate(types):
            if kind == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(values[column], "#N/A")
                lost.append(LostCell(row + 1, column + 1, "error", text))
    book.unload_sheet(index)
    return SheetScan.capped(0, 0, lost)
