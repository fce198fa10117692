"""The report as a workbook (openpyxl): a summary sheet and one sheet per table.

The tables' rows come from :mod:`salespipe.core.report_tables`, shared with the sync's
managed tabs, so both show the same columns.
"""

from __future__ import annotations

from collections.abc import Mapping
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
from salespipe.formats.xlsx_cells import StreamedCells


def write_report_workbook(report: Report, path: str | Path, lang: str = "fr") -> Path:
    """Write ``report`` as a new workbook at ``path`` (never the user's input file).

    The sheets are written in openpyxl's write-only mode, one row after the other, so the
    time grows linearly with the number of rows."""
    from openpyxl import Workbook

    i = index(lang)
    workbook = Workbook(write_only=True)
    tables = report_tables(report, lang)
    summary = tables.pop("summary")
    line_formats = {
        (row, 2): fmt for row, (_, _, fmt) in enumerate(summary_lines(report, i), start=2) if fmt
    }
    _write_table(
        workbook.create_sheet(SHEET_NAMES["summary"][i]),
        summary,
        cell_formats=line_formats,
        widths={"A": 40, "B": 20},
    )
    for key, table in tables.items():
        _write_table(workbook.create_sheet(SHEET_NAMES[key][i]), table)
    target = Path(path)
    workbook.save(target)
    return target


def _write_table(
    sheet: Any,
    table: Table,
    *,
    cell_formats: Mapping[tuple[int, int], str] | None = None,
    widths: Mapping[str, float] | None = None,
) -> None:
    """The headers in bold, frozen, then the rows; ``table.formats`` on every cell of its
    columns below the header, ``cell_formats`` ({(row, column): format}) on single cells."""
    from openpyxl.styles import Font

    sheet.freeze_panes = "A2"  # the sheet's settings go before its first row
    for number, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[_letter(number)].width = max(12, min(45, len(str(header)) + 4))
    for letter, width in (widths or {}).items():
        sheet.column_dimensions[letter].width = width
    cells = StreamedCells(sheet)
    bold = Font(bold=True)
    sheet.append(
        [cells.cell(col, header, font=bold) for col, header in enumerate(table.headers, 1)]
    )
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), fmt in (cell_formats or {}).items():
        by_row.setdefault(row, {})[col] = fmt
    cell, columns = cells.cell, table.formats
    last_formatted = max(columns, default=0)
    for row_number in range(2, max([len(table.rows) + 1, *by_row]) + 1):
        values = table.rows[row_number - 2] if row_number - 2 < len(table.rows) else ()
        formats, last = columns, last_formatted
        if row_number in by_row:
            formats = {**columns, **by_row[row_number]}
            last = max(formats)
        line = [cell(col, value, formats.get(col)) for col, value in enumerate(values, 1)]
        # the formatted columns past the row's last value still get their (empty) cells
        line += [cell(col, None, formats.get(col)) for col in range(len(values) + 1, last + 1)]
        sheet.append(line)


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)
