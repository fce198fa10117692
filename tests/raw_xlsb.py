"""Excel binary workbooks (.xlsb) written record by record from the MS-XLSB
specification: nothing installed here writes the format (LibreOffice reads .xlsb but
cannot save one), and a test needs what no file at hand holds: error cells, a value at
XFD1048576, a dimension record that lies."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="bin" '
    'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
    '<Override PartName="/xl/worksheets/sheet1.bin" '
    'ContentType="application/vnd.ms-excel.worksheet"/></Types>'
)
_ROOT_RELS = (
    f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" '
    f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.bin"/></Relationships>'
)
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" '
    f'Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
)
#: MS-XLSB 2.5.97.2 BErr.
ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17,
               "#NAME?": 0x1D, "#NUM!": 0x24, "#N/A": 0x2A}  # fmt: skip


def record(kind: int, data: bytes = b"") -> bytes:
    """One record: its type (1 or 2 bytes) and length (1 to 4 bytes), 7 bits a byte."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    length, size = len(data), b""
    while True:
        byte, length = length & 0x7F, length >> 7
        size += bytes([byte | (0x80 if length else 0)])
        if not length:
            return head + size + data


def _wide(text: str) -> bytes:
    data = text.encode("utf-16-le", errors="surrogatepass")
    return struct.pack("<I", len(data) // 2) + data


def _cell(column: int) -> bytes:
    return struct.pack("<II", column - 1, 0)  # the column, style 0


def text_cell(column: int, value: str) -> bytes:
    return record(0x0006, _cell(column) + _wide(value))  # BrtCellSt


def number_cell(column: int, value: float) -> bytes:
    return record(0x0005, _cell(column) + struct.pack("<d", value))  # BrtCellReal


def error_cell(column: int, error: str) -> bytes:
    """An error typed as a value (BrtCellError)."""
    return record(0x0003, _cell(column) + bytes([ERROR_CODES[error]]))


def formula_error_cell(column: int, error: str) -> bytes:
    """A formula whose cached value is an error (BrtFmlaError), with an empty formula."""
    data = _cell(column) + bytes([ERROR_CODES[error]]) + b"\0\0" + struct.pack("<II", 0, 0)
    return record(0x000B, data)


def blank_cell(column: int) -> bytes:
    """Formatting and no value (BrtCellBlank)."""
    return record(0x0001, _cell(column))


def header_cells(*headers: str) -> list[bytes]:
    return [text_cell(column, header) for column, header in enumerate(headers, 1)]


def write_raw_xlsb(
    path: Path, rows: dict[int, list[bytes]], sheet: str = "Pipeline",
    dimension: tuple[int, int] = (1, 1),
) -> Path:  # fmt: skip
    """An .xlsb of one sheet whose row ``n`` holds the cell records ``rows[n]``; the
    dimension record claims ``dimension`` (last row, last column), true or not."""
    sheet_data = b"".join(
        record(0x0000, struct.pack("<I", number - 1) + b"\0" * 13) + b"".join(cells)
        for number, cells in sorted(rows.items())
    )  # BrtRowHdr: the row, then its height and flags
    worksheet = (
        record(0x0081)  # BrtBeginSheet
        + record(0x0094, struct.pack("<IIII", 0, dimension[0] - 1, 0, dimension[1] - 1))
        + record(0x0091)  # BrtBeginSheetData
        + sheet_data
        + record(0x0092)  # BrtEndSheetData
        + record(0x0082)  # BrtEndSheet
    )
    bundle = struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet)  # visible, tab 1
    workbook = record(0x0083) + record(0x008F) + record(0x009C, bundle) + record(0x0090)
    workbook += record(0x0084)  # BrtBeginBook, the sheets, BrtEndBook
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.bin", workbook)
        archive.writestr("xl/_rels/workbook.bin.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.bin", worksheet)
    return path
