"""The count of a sheet's lost cells past the cap, reported once whatever its cells become.

A sheet with more lost cells than :data:`~salespipe.core.reading.lost_cells.MAX_LOST_CELLS`
comes as a :class:`~salespipe.core.reading.lost_cells.CappedGrid`: the first ones in sheet
order are in the grid, the others only counted. Each of the first ones read by a parse
gets its own issue (``excel_error``, ``formula_without_value``); one in a row left out
(blank, duplicate, totals, repeated header), above the header or in a column salespipe
does not read gets none. So the sheet's one ``lost_cells_more`` issue counts every lost
cell without an issue of its own, those past the cap and those among the first ones that
were not read, and names the first of them: detailed + counted = the sheet's lost cells,
none counted twice, none left out, wherever the cell carrying the count lands.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from salespipe.core.quality import Issue, issue
from salespipe.core.reading.lost_cells import MAX_LOST_CELLS_SHOWN, CappedGrid
from salespipe.core.reading.tables import LocatedTable, column_letter

#: The issues that detail one lost cell each.
DETAILED = frozenset(("excel_error", "formula_without_value"))
COUNT = "lost_cells_more"


def with_lost_cells_count(grid: Any, table: LocatedTable, issues: list[Issue]) -> list[Issue]:
    """``issues`` (in sheet order) of the table read from ``grid``, with the sheet's one
    ``lost_cells_more`` issue when ``grid`` is a :class:`CappedGrid`, in its row's place;
    any such issue a parse gave (the cell carrying the count) is replaced by it."""
    if not isinstance(grid, CappedGrid):
        return issues
    sheet = table.sheet
    headers = {column.index: column.header for column in table.columns.values()}
    detailed = {(i.row, i.column) for i in issues if i.code in DETAILED and i.sheet == sheet}
    undetailed = [
        (row, column, cell)
        for row, column, cell in grid.lost
        if (row, headers.get(column - 1)) not in detailed
    ]
    kept = [i for i in issues if not (i.code == COUNT and i.sheet == sheet)]
    if not undetailed:  # every cell detailed, and the count is nothing more
        return kept
    row, column, cell = undetailed[0]
    count = issue(
        sheet,
        row,
        _column_name(table, column - 1),
        str(cell),
        COUNT,
        more=len(undetailed) - 1 + grid.more,
        limit=MAX_LOST_CELLS_SHOWN,
    )
    where = {header: index for index, header in headers.items()}
    at = bisect_right(
        kept,
        (row, column - 1),
        key=lambda i: (i.row, where.get(i.column, -1) if i.column else -1),
    )
    kept.insert(at, count)
    return kept


def _column_name(table: LocatedTable, index: int) -> str:
    """The header of the column as typed, else its letter (a blank header, or none)."""
    for column in table.columns.values():
        if column.index == index:
            return column.header
    typed = table.headers[index] if index < len(table.headers) else ""
    return typed or column_letter(index)
