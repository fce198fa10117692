"""The two charts of the pipeline, shared by the template's dashboard and the report
workbook: the forecast by month (won + weighted open, stacked) and the funnel (deals
that reached each stage, first stage on top).

Each chart reads a table of its sheet's workbook: a header row (the series' names), then
one row per month or stage. openpyxl charts work in write-only sheets too.
"""

from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart, Reference

#: The euro axis of the forecast: whole euros, as the summary shows them.
EURO_AXIS = '#,##0 "€"'


def forecast_chart(
    sheet: Any, title: str, *, month_column: int, header_row: int, last_row: int
) -> BarChart:
    """Won and weighted open (the two columns right of ``month_column``) stacked by month;
    the months from ``header_row + 1`` to ``last_row``."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = title
    data = Reference(
        sheet,
        min_col=month_column + 1,
        max_col=month_column + 2,
        min_row=header_row,
        max_row=last_row,
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(
        Reference(sheet, min_col=month_column, min_row=header_row + 1, max_row=last_row)
    )
    chart.y_axis.numFmt = EURO_AXIS
    chart.width, chart.height = 22, 9
    _show_axes(chart)
    return chart


def funnel_chart(
    sheet: Any, title: str, *, stage_column: int, header_row: int, last_row: int
) -> BarChart:
    """Deals that reached each stage (the column right of ``stage_column``), horizontal
    bars, the first stage on top; the stages from ``header_row + 1`` to ``last_row``."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    data = Reference(sheet, min_col=stage_column + 1, min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(
        Reference(sheet, min_col=stage_column, min_row=header_row + 1, max_row=last_row)
    )
    chart.x_axis.scaling.orientation = "maxMin"  # first stage on top
    chart.legend = None
    chart.width, chart.height = 18, 9
    _show_axes(chart)
    return chart


def _show_axes(chart: BarChart) -> None:
    """Axes drawn: openpyxl 3.1 hides them by default."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False
