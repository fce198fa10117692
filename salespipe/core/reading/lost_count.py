"""The count of a sheet's lost cells past the cap, reported once whatever its cells become.

A sheet with more lost cells than :data:`~salespipe.core.reading.lost_cells.MAX_LOST_CELLS`
comes as a :class:`~salespipe.core.reading.lost_cells.CappedGrid`: the first ones in sheet
order are in the grid, the others only counted, by column. Each of the first ones read
by a parse gets its own issue (``excel_error``, ``formula_without_value``); one in a row
left out (blank, duplicate, totals, repeated header) or above the header gets none. So
the sheet's one ``lost_cells_more`` issue counts every lost cell of the columns read
without an issue of its own, those past the cap and those among the first ones in a row
left out, and names the first of them: detailed + counted = the lost cells of the
columns read, none counted twice, none left out, wherever the cell carrying the count
lands. A lost cell in a column salespipe does not read (a helper column of formulas)
changes no figure: it is neither detailed nor counted, at any number, as below the cap.
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
    ``lost_cells_more`` issue when ``grid`` is a :class:`CappedGrid` with lost cells in
    the columns read and without an issue of their own, in its row's place; any such
    issue a parse gave (the cell carrying the count) is replaced by it."""
    if not isinstance(grid, CappedGrid):
        return issues
    sheet = table.sheet
    headers = {column.index + 1: column.header for column in table.columns.values()}
    detailed = {(i.row, i.column) for i in issues if i.code in DETAILED and i.sheet == sheet}
    counted = [
        (row, column, cell)
        for row, column, cell in grid.lost
        if column in headers and (row, headers[column]) not in detailed
    ]
    total = len(counted) + grid.more_in(headers)
    kept = [i for i in issues if not (i.code == COUNT and i.sheet == sheet)]
    if not total:  # every lost cell of the columns read detailed: nothing more to say
        return kept
    # The first counted cell, else (all of them past the 1 000, never placed) the first
    # cell past the 1 000, wherever it is.
    row, column, cell = counted[0] if counted else grid.lost[-1]
    count = issue(
        sheet,
        row,
        _column_name(table, column - 1),
        str(cell),
        COUNT,
        more=total - 1 if counted else total,
        limit=MAX_LOST_CELLS_SHOWN,
    )
    where = {header: index for index, header in headers.items()}
    at = bisect_right(
        kept,
        (row, column),
        key=lambda i: (i.row, where.get(i.column, 0) if i.column else 0),
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
