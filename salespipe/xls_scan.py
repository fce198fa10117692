"""The error cells of an .xls workbook, which python-calamine reads as blanks.

An .xls (Excel 97-2003, BIFF8) keeps an error as a BOOLERR record (a typed ``#N/A``) or as
the cached result of a FORMULA record; calamine gives both to Python as ``""``. xlrd
reads them (``XL_CELL_ERROR`` and the error's code), but parsing a whole workbook in
Python takes about three times calamine's read. So the workbook stream is first searched
for the bytes of either record holding an error (one regular expression, at C speed);
xlrd reads the workbook only when one is there, which few files have.

A formula is always saved with its value in an .xls, and the format bounds a sheet to
65 536 rows × 256 columns: only the error cells need a look.
"""

from __future__ import annotations

import io
import re
import struct

import xlrd
from xlrd.compdoc import CompDoc, CompDocError

from salespipe.xlsx_scan import LostCell

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BOOLERR (0x0205, 8 bytes): row, column, format, value, fError = 1.
_BOOLERR_ERROR = re.compile(rb"\x05\x02\x08\x00[\x00-\xff]{7}\x01")
# FORMULA (0x0006): its length, row, column, format, then the cached result: an error is
# 0x02, a reserved byte, the error's code, three reserved bytes and 0xFFFF.
_FORMULA_ERROR = re.compile(rb"\x06\x00[\x00-\xff]{8}\x02[\x00-\xff]{5}\xff\xff")

# What xlrd raises on a damaged file (its parsing is plain Python).
_XLRD_FAILURES = (
    xlrd.XLRDError, CompDocError, struct.error, ValueError, IndexError, KeyError, AssertionError
)


def workbook_stream(data: bytes) -> bytes:
    """The BIFF records of an .xls: its compound document's Workbook (or Book) stream;
    ``data`` itself for an .xls saved without the OLE2 container (BIFF2 to BIFF4)."""
    if not data.startswith(OLE2_SIGNATURE):
        return data
    document = CompDoc(data, logfile=io.StringIO())
    for name in ("Workbook", "Book"):
        memory, base, size = document.locate_named_stream(name)
        if memory:
            return bytes(memory[base : base + size])
    return b""


def may_hold_errors(data: bytes) -> bool:
    """False when no record of the workbook can hold an error value."""
    stream = workbook_stream(data)
    return bool(_BOOLERR_ERROR.search(stream) or _FORMULA_ERROR.search(stream))


def scan_xls(data: bytes) -> dict[str, list[LostCell]]:
    """``{sheet name: its error cells}`` of the .xls ``data``; empty when it has none or
    when xlrd cannot read it (calamine then says why the file is unreadable)."""
    try:
        if not may_hold_errors(data):
            return {}
        book = xlrd.open_workbook(
            file_contents=data, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
        try:
            return {name: _errors(book, index) for index, name in enumerate(book.sheet_names())}
        finally:
            book.release_resources()
    except _XLRD_FAILURES:
        return {}


def _errors(book: xlrd.book.Book, index: int) -> list[LostCell]:
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
    return lost
