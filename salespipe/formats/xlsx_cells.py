"""Cells for openpyxl's write-only worksheets (``Workbook(write_only=True)``), shared by the
report workbook and the local sync's output.

A write-only sheet streams each appended row to the file: nothing is looked up again, so
writing stays linear in the number of rows and the rows are not all held in memory. What
a cell needs (a number format, a font, text that must stay text) is decided before it is
appended: a plain value when it needs nothing, else a ``WriteOnlyCell``.
"""

from __future__ import annotations

from typing import Any


class StreamedCells:
    """The cells of one write-only ``sheet``, row after row.

    A formatted cell is made once per column and format, then given each row's value:
    ``sheet.append`` writes a row out before it returns, so the same cell can carry the
    next row's value (making a styled cell per value costs more than writing it).
    """

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self._formatted: dict[tuple[int, str], Any] = {}

    def cell(
        self, column: int, value: Any, number_format: str | None = None, font: Any = None
    ) -> Any:
        """``value`` ready for ``sheet.append`` at ``column`` (1-based): a text starting
        with « = » stays text (what a person typed is never run as a formula);
        ``number_format`` and ``font`` are applied, even to an empty cell (as openpyxl does
        on a cell of a formatted column)."""
        plain = not isinstance(value, str) or not value.startswith("=")
        if plain and number_format is None and font is None:
            return value  # the common case: nothing to decide
        from openpyxl.cell import WriteOnlyCell

        cell: Any
        if number_format is None or font is not None:
            cell = WriteOnlyCell(self.sheet, value)
            if font is not None:
                cell.font = font
        else:
            cell = self._formatted.get((column, number_format))
            if cell is None:
                cell = self._formatted[column, number_format] = WriteOnlyCell(self.sheet)
            cell.value = value
        if cell.data_type == "f":
            cell.data_type = "s"
        if number_format is not None and cell.number_format != number_format:
            cell.number_format = number_format  # a date's value set its default format
        return cell
