"""The report as a workbook (openpyxl): a summary sheet and one sheet per table.

The tables' rows come from :mod:`salespipe.core.report_tables`, shared with the sync's
managed tabs, so both show the same columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from salespipe.core.report import Report
from salespipe.core.report_tables import (
    SHEET_NAMES,
    Table,
    index,
    report_tables,
    summary_lines,
)


def write_report_workbook(report: Report, path: str | Path, lang: str = "fr") -> Path:
    """Write ``report`` as a new workbook at ``path`` (never the user's input file)."""
    from openpyxl import Workbook

    i = index(lang)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = SHEET_NAMES["summary"][i]
    tables = report_tables(report, lang)
    _write_summary(summary, report, tables.pop("summary"), i)
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


def _write_summary(sheet: Any, report: Report, table: Table, i: int) -> None:
    _write_table(sheet, table)
    for offset, (_, _, fmt) in enumerate(summary_lines(report, i), start=2):
        if fmt:
            sheet.cell(row=offset, column=2).number_format = fmt
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 20
