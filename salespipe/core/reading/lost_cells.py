"""Cells a reader could not give a value for, kept in the grid as what the person sees.

python-calamine reads an error cell (``#REF!``, ``#N/A``, ``#DIV/0!``…) and a formula saved
without its computed value as a blank: the cell would vanish without a word. The file
reader puts one of these text values in its place instead; every parse of a cell
(:func:`salespipe.core.reading.parsing.parse_column`, ``RowReader.get``) turns it into a
data-quality issue naming the sheet, row, column and value, and the cell is then read as
blank. A row holding nothing else is a blank row (counted as one): a formula dragged down
past the data (``=VLOOKUP(…)`` giving ``#N/A``, or never computed) is not a deal.
"""

from __future__ import annotations

from typing import Any


class LostCell(str):
    """The text shown in place of a cell's value; ``code`` is the issue it gives."""

    __slots__ = ()
    code = "excel_error"


class ErrorCell(LostCell):
    """An error value, as Excel shows it: ``#REF!``, ``#N/A``, ``#SPILL!``…"""

    __slots__ = ()
    code = "excel_error"


class UncomputedFormula(LostCell):
    """A formula saved without its value (``=SUM(B2:B9)``), e.g. by a script."""

    __slots__ = ()
    code = "formula_without_value"


def is_lost(value: Any) -> bool:
    return isinstance(value, LostCell)
