"""Cells a reader could not give a value for, kept in the grid as what the person sees.

python-calamine reads an error cell (``#REF!``, ``#N/A``, ``#DIV/0!``…) and a formula saved
without its computed value as a blank: the cell would vanish without a word. The file
reader puts one of these text values in its place instead; every parse of a cell
(:func:`salespipe.core.reading.parsing.parse_column`, ``RowReader.get``, a deal's stage
and status) turns it into a data-quality issue naming the sheet, row, column and value,
and the cell is then read as blank. A row holding nothing else is a blank row (counted as
one): a formula dragged down past the data (``=VLOOKUP(…)`` giving ``#N/A``, or never
computed) is not a deal.

A sheet keeps at most :data:`MAX_LOST_CELLS` of them (:class:`LostCellCap`, used by
every format's scan): the first ones in sheet order, each position once (the last record
of a cell wins, as calamine keeps the last), then the next one, marked
:class:`MoreLostCells`; the sheet's grid is then a :class:`CappedGrid` holding the count,
which the reading layer reports once whatever happens to that cell (in a row left out, a
column not read: :mod:`salespipe.core.reading.lost_count`), the cells past the cap
counted by column (:attr:`LostCellCap.more_columns`). A 65 KB .xlsb of 3
million error records took 15 s and 513 MB before. An .ods cell repeated over rows and
columns is counted by its area, never unrolled past the cap (:meth:`LostCellCap.add_rows`):
the same sheet gives the same issues in every format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

#: The most lost cells of one sheet detailed, one issue each.
MAX_LOST_CELLS = 1000
#: The cap as messages show it (« après les 1 000 premières »).
MAX_LOST_CELLS_SHOWN = f"{MAX_LOST_CELLS:,}".replace(",", " ")
_Cell = TypeVar("_Cell")


class LostCell(str):
    """The text shown in place of a cell's value; ``code`` is the issue it gives."""

    __slots__ = ()
    code = "excel_error"

    @property
    def params(self) -> dict[str, Any]:
        """What the issue's message needs besides the value."""
        return {}


class ErrorCell(LostCell):
    """An error value, as Excel shows it: ``#REF!``, ``#N/A``, ``#SPILL!``…"""

    __slots__ = ()
    code = "excel_error"


class UncomputedFormula(LostCell):
    """A formula saved without its value (``=SUM(B2:B9)``), e.g. by a script."""

    __slots__ = ()
    code = "formula_without_value"


class MoreLostCells(LostCell):
    """The first lost cell past :data:`MAX_LOST_CELLS`, as shown (``#N/A``); ``more``
    is how many lost cells the sheet has after it, left undetailed."""

    code = "lost_cells_more"
    more: int

    def __new__(cls, text: str, more: int) -> MoreLostCells:
        cell = super().__new__(cls, text)
        cell.more = more
        return cell

    @property
    def params(self) -> dict[str, Any]:
        return {"more": self.more, "limit": MAX_LOST_CELLS_SHOWN}


class LostCellCap(Generic[_Cell]):
    """The lost cells of one sheet as a scan meets them, in sheet order: the first
    ``limit`` positions kept (a position met again keeps its last cell), then the next
    one (:attr:`next_one`), then only a count (:attr:`more`; a repeat of the position
    just counted is not counted again)."""

    def __init__(self, limit: int = MAX_LOST_CELLS) -> None:
        self.limit = limit
        self._kept: dict[tuple[int, int], _Cell] = {}
        self.next_one: tuple[int, int, _Cell] | None = None
        self.more = 0
        #: :attr:`more` by column, as differences: ``+n`` at a run's first column, ``-n``
        #: past its last (:func:`more_in`); at most one key a column, however many cells.
        self.more_columns: dict[int, int] = {}
        self._past: tuple[int, int] | None = None

    def add(self, row: int, column: int, cell: _Cell) -> None:
        position = (row, column)
        if position in self._kept or len(self._kept) < self.limit:
            self._kept[position] = cell
        elif position == self._past:  # the same cell again
            if not self.more:
                self.next_one = (row, column, cell)
        else:
            if self.next_one is None:
                self.next_one = (row, column, cell)
            else:
                self._count(column, 1, 1)
            self._past = position

    def add_rows(self, row: int, rows: int, runs: Sequence[tuple[int, int, _Cell]]) -> None:
        """The lost cells of ``rows`` rows alike from ``row`` (an .ods row repeated), each
        holding the ``runs`` ``(column, columns, cell)``, in column order (a cell repeated
        over ``columns`` columns): cell by cell, in sheet order, while the cap has room,
        then counted by area without being unrolled (an error cell repeated over 16 000
        columns × 1 000 000 rows costs as much as one over 2 columns)."""
        per_row = sum(columns for _, columns, _ in runs)
        if not per_row:
            return
        for number in range(row, row + rows):  # at most limit + 1 rows unrolled
            if self.next_one is not None:
                for column, columns, _ in runs:
                    self._count(column, columns, row + rows - number)
                return
            for column, columns, cell in runs:
                room = self.limit - len(self._kept) + (self.next_one is None)
                unrolled = min(columns, max(room, 0))
                for offset in range(unrolled):
                    self.add(number, column + offset, cell)
                if columns > unrolled:
                    self._count(column + unrolled, columns - unrolled, 1)

    def _count(self, column: int, columns: int, times: int) -> None:
        """``times`` lost cells more in each of ``columns`` columns from ``column``."""
        self.more += columns * times
        deltas = self.more_columns
        deltas[column] = deltas.get(column, 0) + times
        deltas[column + columns] = deltas.get(column + columns, 0) - times

    def entries(self) -> list[tuple[int, int, _Cell]]:
        """``(row, column, cell)`` of the cells kept, in sheet order, then the next one."""
        kept = [(*position, self._kept[position]) for position in sorted(self._kept)]
        return kept + ([self.next_one] if self.next_one is not None else [])

    def cells(self) -> list[_Cell]:
        """The cells kept, in sheet order (row, then column), then the next one."""
        return [cell for _, _, cell in self.entries()]


class CappedGrid(list[list[Any]]):
    """The grid of a sheet holding more lost cells than :data:`MAX_LOST_CELLS`: its rows,
    and the sheet's count, which the reading layer reports whatever happens to the
    cells (:mod:`salespipe.core.reading.lost_count`). ``lost`` holds ``(row, column,
    cell)``, 1-based, of the cells put in the grid, in sheet order (the last one the
    :class:`MoreLostCells`); ``more`` counts the sheet's lost cells after them,
    ``more_columns`` by column (:attr:`LostCellCap.more_columns`)."""

    def __init__(
        self,
        rows: list[list[Any]],
        lost: Sequence[tuple[int, int, LostCell]],
        more: int,
        more_columns: dict[int, int] | None = None,
    ) -> None:
        super().__init__(rows)
        self.lost = tuple(lost)
        self.more = more
        self.more_columns = more_columns or {}

    def more_in(self, columns: Iterable[int]) -> int:
        """How many of the :attr:`more` are in ``columns`` (1-based)."""
        return more_in(self.more_columns, columns)


def more_in(more_columns: dict[int, int], columns: Iterable[int]) -> int:
    """How many of the cells counted past the cap (:attr:`LostCellCap.more_columns`) are
    in ``columns`` (1-based, each once)."""
    steps = sorted(more_columns.items())
    total = 0
    for column in set(columns):
        total += sum(delta for start, delta in steps if start <= column)
    return total


def is_lost(value: Any) -> bool:
    return isinstance(value, LostCell)
