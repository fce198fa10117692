"""Spreadsheet files in and out: read a user's workbook into grids, never modifying it.

Reading goes through python-calamine (Rust), which reads .xlsx, .xlsm, .xls,
.xlsb and .ods about ten times faster than openpyxl; .csv files (``;`` or ``,``
separated, UTF-8 or Windows-1252, as French Excel saves them) are read with the
standard library. Grids keep the sheet's true row numbers: ``grid[0]`` is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from salespipe.core.bulk import gc_paused
from salespipe.core.errors import SourceError
from salespipe.core.model import DEFAULT_MAX_TOUCHES
from salespipe.core.reading.pipeline import Grid, PipelineOptions, load_pipeline
from salespipe.core.report import PeriodKind, Report, build_report
from salespipe.core.report_tables import (
    SHEET_NAMES,
    Table,
    action_table,
    followup_table,
    forecast_table,
    funnel_table,
    index,
    quality_table,
    summary_lines,
    summary_table,
)

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


def report_on_workbook(
    path: str | Path,
    as_of: date,
    *,
    target: float | None = None,
    period: PeriodKind = "quarter",
    options: PipelineOptions | None = None,
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> Report:
    """Read the workbook at ``path`` (never modified) and build the full report.

    The one library call behind ``salespipe report``. The cyclic garbage collector is
    paused meanwhile: the millions of cells and records made here hold no cycles.
    """
    with gc_paused():
        grids = read_grids(path)
        pipeline = load_pipeline(grids, Path(path).name, options)
        return build_report(pipeline, as_of, target=target, period=period, max_touches=max_touches)


# --- report workbook ---------------------------------------------------------


def write_report_workbook(report: Report, path: str | Path, lang: str = "fr") -> Path:
    """Write ``report`` as a new workbook at ``path`` (never the user's input file)."""
    from openpyxl import Workbook

    i = index(lang)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = SHEET_NAMES["summary"][i]
    _write_summary(summary, report, i)
    tables = {
        "forecast": forecast_table(report, i),
        "funnel": funnel_table(report, i),
        "followups": followup_table(report, i),
        "actions": action_table(report, i),
        "quality": quality_table(report, lang),
    }
    for key, table in tables.items():
        _write_table(workbook.create_sheet(SHEET_NAMES[key][i]), table)
    target = Path(path)
    workbook.save(target)
    return target


def _write_table(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Font

    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text a person typed, never a formula (no injection)
                cell.data_type = "s"
    for column, fmt in table.formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = fmt
    sheet.freeze_panes = "A2"
    for number, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[_letter(number)].width = max(12, min(45, len(str(header)) + 4))


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def _write_summary(sheet: Any, report: Report, i: int) -> None:
    _write_table(sheet, summary_table(report, i))
    for offset, (_, _, fmt) in enumerate(summary_lines(report, i), start=2):
        if fmt:
            sheet.cell(row=offset, column=2).number_format = fmt
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 20
