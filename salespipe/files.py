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
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from salespipe.core.errors import SourceError
from salespipe.core.reading.pipeline import Grid

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


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
    suffix = file.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return {file.stem: read_csv_grid(file.read_bytes())}
    if suffix not in SPREADSHEET_SUFFIXES:
        raise SourceError(
            "unsupported_file",
            name=file.name,
            suffixes=", ".join(SPREADSHEET_SUFFIXES + CSV_SUFFIXES),
        )
    try:
        workbook = CalamineWorkbook.from_path(str(file))
        try:
            return {
                name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names
            }
        finally:
            workbook.close()
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError("unreadable_workbook", name=file.name, reason=str(exc)) from exc


def read_csv_grid(data: bytes) -> list[list[Any]]:
    """A CSV file's rows as text cells; the delimiter and encoding are detected."""
    text = _decode(data)
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        dialect = csv.excel
    return [
        [cell if cell.strip() else None for cell in row]
        for row in csv.reader(io.StringIO(text), dialect)
    ]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
