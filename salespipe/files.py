"""Spreadsheet files in: read a user's workbook or CSV into grids, never modifying it.

Reading goes through python-calamine (Rust), which reads .xlsx, .xlsm, .xls,
.xlsb and .ods about ten times faster than openpyxl; .csv files (``;`` or ``,``
separated, UTF-8 or Windows-1252, as French Excel saves them) are read with the
standard library. Grids keep the sheet's true row numbers: ``grid[0]`` is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from salespipe import xlsb_scan
from salespipe.core.errors import SourceError
from salespipe.core.reading.lost_cells import (
    CappedGrid,
    ErrorCell,
    LostCell,
    MoreLostCells,
    UncomputedFormula,
)
from salespipe.core.reading.pipeline import Grid
from salespipe.csv_dialect import decode, delimiter
from salespipe.ods_scan import scan_ods
from salespipe.read_limits import check_file_size, check_parts, past_limits, refuse_sheet
from salespipe.xls_scan import XLS_COLUMNS, XLS_ROWS, scan_xls, sheet_extents, workbook_stream
from salespipe.xlsx_scan import (
    SheetScan,
    exact_extent,
    readable_copy,
    scan_sheet,
    sheet_parts,
    unknown_to_calamine,
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
#: The first bytes of an .xlsx/.xlsm/.xlsb/.ods (a zip) and of an .xls (OLE2): a workbook
#: renamed .csv is read as the workbook it is.
ZIP_MAGIC, OLE2_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_MAGIC = (ZIP_MAGIC, OLE2_MAGIC)
#: The part that tells a zipped workbook's format, as calamine's auto-detection does:
#: the scan of that format must run, or a far cell or an error cell slips past it.
_ZIP_FORMATS = (("xl/workbook.bin", ".xlsb"), ("content.xml", ".ods"), ("mimetype", ".ods"))
#: What reading a damaged workbook raises, from calamine or while a part is inflated for
#: a scan (a corrupt deflate stream, one cut short, a compression zipfile cannot undo).
_UNREADABLE = (
    CalamineError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    OSError,
)


def read_grids(path: str | Path) -> dict[str, Grid]:
    """Every visible and hidden worksheet of ``path`` as ``{sheet name: grid}``.

    Blank cells are ``""`` (as calamine and gspread give them) or None; numbers are
    floats; dates are ``date``/``datetime``. The core treats both blanks alike.
    Raises SourceError with a message that says what to do when the file is
    missing, unreadable or not a spreadsheet.
    """
    file = Path(path)
    if not file.exists():
        raise SourceError("file_not_found", path=str(file))
    if file.is_dir():
        raise SourceError("not_a_file", path=str(file))
    if not file.is_file():  # a pipe or a device: reading it could wait forever
        raise SourceError("not_a_regular_file", path=str(file))
    check_file_size(file)
    suffix = file.suffix.lower()
    if suffix in CSV_SUFFIXES:
        data = file.read_bytes()
        if not data.startswith(WORKBOOK_MAGIC):
            return {file.stem: read_csv_grid(data)}
        suffix = _renamed_workbook_suffix(file, data)
    if suffix not in SPREADSHEET_SUFFIXES:
        raise SourceError(
            "unsupported_file",
            name=file.name,
            suffixes=", ".join(SPREADSHEET_SUFFIXES + CSV_SUFFIXES),
        )
    try:
        scans, copy = _scan_workbook(file, suffix)
        workbook = (
            CalamineWorkbook.from_filelike(copy) if copy else CalamineWorkbook.from_path(str(file))
        )
        try:
            return {
                name: _read_sheet(file, workbook, name, scans.get(name))
                for name in workbook.sheet_names
            }
        finally:
            workbook.close()
    except _UNREADABLE as exc:
        raise SourceError("unreadable_workbook", name=file.name, reason=str(exc)) from exc


def _renamed_workbook_suffix(file: Path, data: bytes) -> str:
    """The real format of a workbook renamed .csv/.txt, from its contents: OLE2 is an
    .xls; in a zip, ``xl/workbook.bin`` is an .xlsb, ``content.xml`` or ``mimetype`` an
    .ods, anything else read as an .xlsx."""
    if data.startswith(OLE2_MAGIC):
        return ".xls"
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except _UNREADABLE as exc:
        raise SourceError("unreadable_workbook", name=file.name, reason=str(exc)) from exc
    return next((suffix for part, suffix in _ZIP_FORMATS if part in names), ".xlsx")


def _scan_workbook(file: Path, suffix: str) -> tuple[dict[str, SheetScan], io.BytesIO | None]:
    """Each sheet's extent and lost cells, before calamine reads it (.xlsx, .xlsm, .ods:
    their XML is streamed, see :mod:`salespipe.xlsx_scan` and :mod:`salespipe.ods_scan`;
    .xlsb: its records are walked, :mod:`salespipe.xlsb_scan`; .xls: its DIMENSIONS
    records and its error cells, :mod:`salespipe.xls_scan`); SourceError past a limit.
    With an error value calamine refuses (``#SPILL!``), also a copy in memory it can
    read."""
    if not zipfile.is_zipfile(file):
        if suffix != ".xls":
            return {}, None
        data = file.read_bytes()  # the file is within MAX_FILE_BYTES
        stream = workbook_stream(data)
        for name, (rows, columns) in sheet_extents(stream).items():
            if rows > XLS_ROWS or columns > XLS_COLUMNS:  # no such cell: a damaged record
                rows_shown = f"{rows:,}".replace(",", " ")
                raise SourceError("damaged_xls_dimensions", name=file.name, sheet=name,
                                  rows=rows_shown)  # fmt: skip
            raise refuse_sheet(file, name, rows, columns)
        errors = scan_xls(data, stream)
        return {name: scan for name, scan in errors.items() if scan.lost}, None
    with zipfile.ZipFile(file) as archive:
        check_parts(file, archive)
        if suffix == ".ods":
            return _scan_ods(file, archive), None
        if suffix == ".xlsb":
            return _scan_xlsb(file, archive), None
        if suffix not in (".xlsx", ".xlsm"):
            return {}, None
        names = set(archive.namelist())
        parts = {name: part for name, part in sheet_parts(archive).items() if part in names}
        scans = {name: _scan_sheet(file, archive, name, part) for name, part in parts.items()}
        if unknown_to_calamine(list(scans.values())):
            return scans, readable_copy(archive, set(parts.values()))
        return scans, None


def _scan_sheet(file: Path, archive: zipfile.ZipFile, name: str, part: str) -> SheetScan:
    scan = scan_sheet(archive, part)
    if past_limits(scan.rows, scan.columns):  # a bound: count the values exactly
        rows, columns = exact_extent(archive, part)
        if past_limits(rows, columns):
            raise refuse_sheet(file, name, rows, columns)
    return scan


def _scan_ods(file: Path, archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    scans: dict[str, SheetScan] = {}
    for name, sheet in scan_ods(archive).items():
        if past_limits(sheet.rows, sheet.columns):  # the extent is exact: repeats counted
            raise refuse_sheet(file, name, sheet.rows, sheet.columns)
        scans[name] = SheetScan(
            sheet.rows, sheet.columns, sheet.lost_cells(), sheet.more, sheet.cap.more_columns
        )
    return scans


def _scan_xlsb(file: Path, archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    scans: dict[str, SheetScan] = {}
    names = set(archive.namelist())
    for name, part in xlsb_scan.sheet_parts(archive).items():
        if part not in names:
            continue
        scan = xlsb_scan.scan_sheet(archive, part)  # exact: the cells calamine reads
        if past_limits(scan.rows, scan.columns):
            raise refuse_sheet(file, name, scan.rows, scan.columns)
        scans[name] = scan
    return scans


def _read_sheet(file: Path, workbook: CalamineWorkbook, name: str, scan: SheetScan | None) -> Grid:
    sheet = workbook.get_sheet_by_name(name)
    if sheet.end is not None:  # also after a scan: a safety net before the Python grid
        rows, columns = sheet.end[0] + 1, sheet.end[1] + 1
        if past_limits(rows, columns):
            raise refuse_sheet(file, name, rows, columns)
    grid: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    if scan is not None and scan.lost:
        marked = _mark_lost_cells(grid, scan)
        if scan.more:  # the sheet's count travels with its grid, whatever its cells become
            return CappedGrid(grid, marked, scan.more, scan.more_columns)
    return grid


def _mark_lost_cells(grid: list[list[Any]], scan: SheetScan) -> list[tuple[int, int, LostCell]]:
    """Put each error cell and formula without a value, which calamine read as blank,
    back in the grid as text the core reports (:mod:`salespipe.core.reading.lost_cells`);
    returns them, ``(row, column, cell)``."""
    marked: list[tuple[int, int, LostCell]] = []
    for number, lost in enumerate(scan.lost, 1):
        kind: type[LostCell] = ErrorCell if lost.kind == "error" else UncomputedFormula
        more = number == len(scan.lost) and scan.more  # the first past the cap: how many more
        shown = MoreLostCells(lost.text, scan.more) if more else kind(lost.text)
        while len(grid) < lost.row:
            grid.append([])
        row = grid[lost.row - 1]
        if len(row) < lost.column:
            row.extend([""] * (lost.column - len(row)))
        row[lost.column - 1] = shown
        marked.append((lost.row, lost.column, shown))
    return marked


def read_csv_grid(data: bytes) -> list[list[Any]]:
    """A CSV file's rows as text cells; the encoding and the delimiter are detected
    (:mod:`salespipe.csv_dialect`), the quote is always ``"``. Any line end (Excel's
    « CSV (Macintosh) » ends lines with CR alone) and a field of any length are read."""
    text = decode(data)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    rows = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter(text), quotechar='"', strict=False
    )
    return [[cell if cell.strip() else None for cell in row] for row in rows]
