"""Cells for openpyxl's write-only worksheets (``Workbook(write_only=True)``), shared by the
report workbook and the local sync's output.

A write-only sheet streams each appended row to the file: nothing is looked up again, so
writing stays linear in the number of rows and the rows are not all held in memory. What
a cell needs (a number format, a font, text that must stay text) is decided before it is
appended: a plain value when it needs nothing, else a ``WriteOnlyCell``.
"""

from __future__ import annotations

from typing import Any


def streamed_cell(
    sheet: Any, value: Any, number_format: str | None = None, font: Any = None
) -> Any:
    """``value`` ready for ``sheet.append``: a text starting with « = » stays text (what a
    person typed is never run as a formula); ``number_format`` and ``font`` are applied,
    even to an empty cell (as openpyxl does on a cell of a formatted column)."""
    if number_format is None and font is None and not _formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")
