"""The report as a workbook (openpyxl): a summary sheet with the pipeline's two charts,
then one sheet per table.

The tables' rows come from :mod:`salespipe.core.report_tables`, shared with the sync's
managed tabs, so both show the same columns. Each sheet opens readable: columns as wide
as their content, euros, percentages and days formatted, the header frozen and filtered,
printed one page wide with the header on every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from salespipe.core.metrics.forecast import NO_DATE
from salespipe.core.report import Report
from salespipe.core.report_tables import (
    SHEET_NAMES,
    Table,
    index,
    report_tables,
    summary_lines,
)
from salespipe.core.texts import entry
from salespipe.formats.xlsx_cells import (
    add_filter,
    fit_to_width,
    fitted_widths,
    header_cells,
    lay_out,
)
from salespipe.formats.xlsx_charts import forecast_chart, funnel_chart
from salespipe.formats.xlsx_rows import XmlRowsSheet, create_sheet

#: Where the charts go on the summary sheet: right of its two columns, one under the other.
CHART_ANCHORS = ("D2", "D21")


def write_report_workbook(report: Report, path: str | Path, lang: str = "fr") -> Path:
    """Write ``report`` as a new workbook at ``path`` (never the user's input file).

    The sheets are written in openpyxl's write-only mode, one row after the other, so the
    time grows linearly with the number of rows; their rows as the sheet XML's text
    (:mod:`salespipe.formats.xlsx_rows`)."""
    from openpyxl import Workbook

    i = index(lang)
    workbook = Workbook(write_only=True)
    tables = report_tables(report, lang)
    summary = tables.pop("summary")
    line_formats = {
        (row, 2): fmt for row, (_, _, fmt) in enumerate(summary_lines(report, i), start=2) if fmt
    }
    summary_sheet = create_sheet(workbook, SHEET_NAMES["summary"][i])
    _write_table(summary_sheet, summary, cell_formats=line_formats)
    fit_to_width(summary_sheet, landscape=True)  # the charts right of the figures
    sheets = {key: create_sheet(workbook, SHEET_NAMES[key][i]) for key in tables}
    for key, table in tables.items():
        _write_table(sheets[key], table)
    _add_charts(summary_sheet, sheets, tables, i)
    target = Path(path)
    workbook.save(target)
    return target


def _add_charts(
    summary: Any, sheets: Mapping[str, Any], tables: Mapping[str, Table], i: int
) -> None:
    """The template dashboard's two charts on the summary sheet, over the forecast and
    funnel sheets' rows (none for a table without rows). The forecast chart stops before
    the « (sans date) » row: a bar without a month has no place on a monthly axis."""
    rows = tables["forecast"].rows
    months = next((n for n, row in enumerate(rows) if row[0] == NO_DATE), len(rows))
    stages = len(tables["funnel"].rows)
    if months:
        chart = forecast_chart(
            sheets["forecast"],
            entry("template.chart.forecast")[i],
            month_column=1,
            header_row=1,
            last_row=1 + months,
        )
        summary.add_chart(chart, CHART_ANCHORS[0])
    if stages:
        chart = funnel_chart(
            sheets["funnel"],
            entry("template.chart.funnel")[i],
            stage_column=1,
            header_row=1,
            last_row=1 + stages,
        )
        summary.add_chart(chart, CHART_ANCHORS[1])


def _write_table(
    sheet: XmlRowsSheet,
    table: Table,
    *,
    cell_formats: Mapping[tuple[int, int], str] | None = None,
) -> None:
    """The headers in bold, frozen and filtered, then the rows; ``table.formats`` on every
    cell of its columns below the header, ``cell_formats`` ({(row, column): format}) on
    single cells; the columns as wide as what they show."""
    by_row: dict[int, dict[int, str]] = {}
    by_column: dict[int, set[str]] = {col: {fmt} for col, fmt in table.formats.items()}
    for (row, col), fmt in (cell_formats or {}).items():
        by_row.setdefault(row, {})[col] = fmt
        by_column.setdefault(col, set()).add(fmt)
    # the sheet's settings go before its first row
    lay_out(sheet, table.headers, fitted_widths(table.headers, table.rows, by_column))
    sheet.append_cells(header_cells(sheet.cells, table.headers))
    # the formatted columns past a row's last value still get their (empty) cells
    column_formats = _formats_list(table.formats)
    last_row = max([len(table.rows) + 1, *by_row])
    append = sheet.append_row
    for row_number in range(2, last_row + 1):
        values = table.rows[row_number - 2] if row_number - 2 < len(table.rows) else ()
        if row_number in by_row:
            append(values, _formats_list({**table.formats, **by_row[row_number]}))
        else:
            append(values, column_formats)
    add_filter(sheet, len(table.headers), last_row)


def _formats_list(formats: Mapping[int, str]) -> list[str | None]:
    """``{column: number format}`` as a list from column A (None: no format)."""
    return [formats.get(col) for col in range(1, max(formats, default=0) + 1)]
