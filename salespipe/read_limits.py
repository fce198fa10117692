"""The limits of what salespipe reads (docs/limits.md), checked before the memory is spent.

Past a limit the read stops with one :class:`SourceError` that names the file, the sheet
and the far cell, never by exhausting the machine: a value typed at XFD1048576 makes a
1.5 KB workbook a grid of 17 billion cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from salespipe.core.errors import SourceError
from salespipe.xlsx_scan import column_letters

#: The biggest file read (a workbook or a CSV); the 100 000-deal benchmark workbook is 12 MB.
MAX_FILE_BYTES = 200 * 1000 * 1000
#: The biggest part of a workbook once decompressed (a sheet's XML, the shared strings):
#: 100 000 deals × 20 columns take 105 MB; a zip bomb is refused before it is inflated.
MAX_PART_BYTES = 1024 * 1024 * 1024
#: The biggest sheet, counted as the grid from A1 to the last row and column holding a
#: value (what the reader allocates): 100 000 rows × 100 columns.
MAX_CELLS = 10_000_000
#: Excel's own limits: a row or column number past them is a damaged file.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384


def _megabytes(size: int) -> int:
    return max(1, round(size / 1_000_000))


def check_file_size(file: Path) -> None:
    """SourceError ``file_too_large`` past MAX_FILE_BYTES."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(
            "file_too_large",
            name=file.name,
            size=_megabytes(size),
            limit=_megabytes(MAX_FILE_BYTES),
        )


def check_parts(file: Path, archive: zipfile.ZipFile) -> None:
    """SourceError ``part_too_large`` for a part that inflates past MAX_PART_BYTES."""
    for info in archive.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise SourceError(
                "part_too_large",
                name=file.name,
                part=info.filename,
                size=_megabytes(info.file_size),
                limit=_megabytes(MAX_PART_BYTES),
            )


def past_limits(rows: int, columns: int) -> bool:
    """True when a sheet of ``rows`` × ``columns`` (from A1) is past a limit."""
    return rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS


def refuse_sheet(file: Path, sheet: str, rows: int, columns: int) -> SourceError:
    """The error for a sheet whose last cell holding a value is too far from A1."""
    return SourceError(
        "sheet_too_large",
        name=file.name,
        sheet=sheet,
        cell=f"{column_letters(columns)}{rows}",
        rows=f"{rows:,}".replace(",", " "),
        columns=f"{columns:,}".replace(",", " "),
        limit=f"{MAX_CELLS:,}".replace(",", " "),
    )
