"""UDF arguments as xlwings hands them over, made ready for the core parsers.

Range arguments are declared with ``ndim=2`` and ``err_to_str=True`` (see
:data:`RANGE`), so they always arrive as a 2-D list: ``None`` for a blank cell,
``float`` for a number, ``datetime`` for a date, ``str`` for text, ``bool``, and
Excel's errors as their text (``"#N/A"``). Without ``err_to_str`` xlwings would
turn an error into ``None`` and a ``#N/A`` would silently count as blank.

Whole columns (``A:A``, 1 048 576 rows) are cut to their last filled cell first,
with C-level list comparisons rather than a Python loop over every blank cell.

Two COM value types are turned into what the core reads, where they enter
(:func:`com_value`): a cell formatted as currency (the template's ``#,##0.00 "€"``) comes
through ``Range.Value`` as a Currency, which pywin32 hands over as ``decimal.Decimal``
(Microsoft: « Range.Value2 … doesn't use the Currency and Date data types », so Value
does); and the error values newer than xlwings' list (``#SPILL!``, ``#CALC!``, …) arrive
as the integer HRESULT ``-2146828288 + XlCVError``, which xlwings'
``_xlwindows.cell_errors`` turns into text only for the seven classic ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any

from salespipe.core.reading.parsing import (
    CellError,
    is_blank,
    parse_column,
    parse_date,
    parse_number,
    parse_text,
)
from salespipe.core.texts import Bilingual, both
from xlplugin.failures import ArgumentError, cause

#: xlwings options of a range argument: always 2-D, Excel errors kept as text.
RANGE: dict[str, Any] = {"ndim": 2, "err_to_str": True}
#: xlwings options of a single-cell argument.
CELL: dict[str, Any] = {"err_to_str": True}

#: Excel's error values as xlwings' ``err_to_str`` spells them (plus the newer ones
#: Excel 365 and xlwings Lite can send).
EXCEL_ERRORS = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#REF!",
        "#VALUE!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#UNKNOWN!",
        "#BUSY!",
        "#PYTHON!",
    }
)

#: Excel's XlCVError values (its type library's enumeration) and their text.
XL_CV_ERRORS = {
    2000: "#NULL!",
    2007: "#DIV/0!",
    2015: "#VALUE!",
    2023: "#REF!",
    2029: "#NAME?",
    2036: "#NUM!",
    2042: "#N/A",
    2043: "#GETTING_DATA",
    2045: "#SPILL!",
    2046: "#CONNECT!",
    2047: "#BLOCKED!",
    2048: "#UNKNOWN!",
    2049: "#FIELD!",
    2050: "#CALC!",
}
#: An error value as COM hands it over (VT_ERROR): the HRESULT 0x800A0000 + XlCVError.
COM_ERROR_BASE = -2146828288
COM_ERRORS = {COM_ERROR_BASE + code: text for code, text in XL_CV_ERRORS.items()}
_COM_TYPES = frozenset({Decimal, int})


def com_value(value: Any) -> Any:
    """A cell value as the core reads it: a Currency (``Decimal``) as a float, an Excel error
    code as its text (``-2146826243`` → ``"#SPILL!"``); anything else unchanged."""
    kind = type(value)
    if kind is Decimal:
        return float(value)
    if kind is int:
        return COM_ERRORS.get(value, value)
    return value


def _com_cleaned(rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` with :func:`com_value` applied, copied only when a cell needs it (the type
    check runs in C: a few milliseconds for 200 000 cells)."""
    if _COM_TYPES.isdisjoint(set(map(type, chain.from_iterable(rows)))):
        return rows
    return [[com_value(v) for v in row] for row in rows]


# --- trimming -------------------------------------------------------------------------


def content_length(values: Sequence[Any], blank: Any) -> int:
    """``len(values)`` without its trailing run of items equal to ``blank``.

    Compares doubling blocks from the end (``values[i:j] == [blank] * n`` runs in
    C), so a whole column of a million cells with a few thousand filled costs a
    few milliseconds.
    """
    end = len(values)
    size = 1
    while end:
        size = min(size, end)
        if values[end - size : end] == [blank] * size:
            end -= size
            size *= 2
        elif size == 1:
            break
        else:
            size = 1
    return end


def _rows(value: Any) -> list[list[Any]]:
    """The argument as a 2-D list (a lone value, e.g. a missing optional, as 1×1).

    xlwings' ``ndim=2`` lists of lists are returned as they are, not copied, unless a cell
    holds a COM Currency or error code (:func:`com_value`).
    """
    if isinstance(value, list) and (not value or isinstance(value[0], list)):
        return _com_cleaned(value)
    if isinstance(value, list | tuple):
        if value and not isinstance(value[0], list | tuple):
            return _com_cleaned([list(value)])
        return _com_cleaned([list(row) for row in value])
    return [[com_value(value)]]


def first_error(values: Sequence[Any]) -> tuple[int, str] | None:
    """Position and text of the first Excel error value in ``values``, if any."""
    try:
        if EXCEL_ERRORS.isdisjoint(values):  # hashing in C: no Python loop over the cells
            return None
    except TypeError:  # an unhashable value: look cell by cell
        pass
    return next((i, v) for i, v in enumerate(values) if type(v) is str and v in EXCEL_ERRORS)


# --- one-dimensional ranges -----------------------------------------------------------


@dataclass(frozen=True)
class CellRange:
    """A column (or row) argument, flattened.

    ``values`` stops at the last filled cell; ``size`` is the number of cells of
    the range as given. ``label`` is the argument's name as Excel shows it, for messages.
    """

    label: str
    values: list[Any]
    size: int
    across: bool = False

    def where(self, position: int) -> Bilingual:
        """``"amounts, ligne 3"``: position 0 is the range's first cell."""
        unit = "excel.where.cell" if self.across else "excel.where.row"
        return both(unit, label=self.label, row=position + 1)

    def fail(self, position: int, code: str, value: Any, **params: Any) -> ArgumentError:
        why = cause(code, value, **params)
        return ArgumentError("udf_unreadable", where=self.where(position), why=why)

    def parsed(self, parse: Callable[[Any], Any]) -> list[Any]:
        """``parse`` applied to every cell; the first unreadable one raises ArgumentError."""
        out, errors = parse_column(self.values, parse)
        if errors:
            position, value, error = errors[0]
            raise self.fail(position, error.code, value, **error.params)
        return out


def cell_range(value: Any, label: str) -> CellRange:
    """A one-column or one-row range argument; Excel errors in it raise ArgumentError."""
    rows = _rows(value)  # rectangular, as Excel sends ranges and arrays
    height, width = len(rows), len(rows[0]) if rows else 0
    if width == 1 or height == 0:
        values = [row[0] if row else None for row in rows[: content_length(rows, [None])]]
        found = CellRange(label, values, height)
    elif height == 1:
        values = rows[0][: content_length(rows[0], None)]
        found = CellRange(label, values, width, across=True)
    else:
        raise ArgumentError("udf_not_one_column", label=label, height=height, width=width)
    error = first_error(found.values)
    if error is not None:
        raise ArgumentError("udf_excel_error", where=found.where(error[0]), error=error[1])
    return found


def optional_range(value: Any, label: str) -> CellRange | None:
    """:func:`cell_range` of an optional argument; None when it was left out."""
    return None if value is None else cell_range(value, label)


def same_size(*ranges: CellRange | None) -> list[CellRange]:
    """The given ranges, checked to have as many cells each (like SOMMEPROD)."""
    given = [r for r in ranges if r is not None]
    sizes = {r.size for r in given}
    if len(sizes) > 1:
        detail = ", ".join(f"{r.label} {r.size}" for r in given)
        raise ArgumentError("udf_sizes_differ", sizes=detail)
    return given


# --- tables ---------------------------------------------------------------------------


def table_grid(value: Any, label: str) -> list[list[Any]]:
    """A range given with its header row, trailing blank rows and columns cut.

    Excel errors are kept: the core reports them as unreadable cells.
    """
    rows = _rows(value)  # rectangular, as Excel sends ranges and arrays
    width = len(rows[0]) if rows else 0
    rows = rows[: content_length(rows, [None] * width)]
    used = max((content_length(r, None) for r in rows), default=0)
    if not rows or used == 0:
        raise ArgumentError("udf_empty_range", label=label)
    return [r[:used] for r in rows] if used < width else rows


# --- single cells ---------------------------------------------------------------------


def single(value: Any, label: str) -> Any:
    """The value of a single-cell argument (a 1×1 range is accepted)."""
    if isinstance(value, list | tuple):
        rows = _rows(value)
        if len(rows) != 1 or len(rows[0]) != 1:
            raise ArgumentError("udf_not_one_cell", label=label)
        value = rows[0][0]
    value = com_value(value)
    if type(value) is str and value in EXCEL_ERRORS:
        raise ArgumentError("udf_excel_error", where=label, error=value)
    return value


def _parsed(value: Any, label: str, parse: Callable[[Any], Any], code: str) -> Any:
    raw = single(value, label)
    try:
        return parse(raw)
    except CellError as exc:
        why = cause(exc.code or code, raw, **exc.params)
        raise ArgumentError("udf_unreadable", where=label, why=why) from exc


def date_cell(value: Any, label: str) -> date | None:
    """A date (datetime, Excel serial or ``31/01/2026``); None for blank."""
    parsed: date | None = _parsed(value, label, parse_date, "bad_date")
    return parsed


def number_cell(value: Any, label: str) -> float | None:
    """A number as typed in a French or English sheet; None for blank."""
    parsed: float | None = _parsed(value, label, parse_number, "bad_number")
    return parsed


def text_cell(value: Any, label: str) -> str | None:
    """Trimmed text; None for blank."""
    raw = single(value, label)
    return None if is_blank(raw) else parse_text(raw)


def required(value: Any, label: str) -> Any:
    """``value`` itself, or ArgumentError when it is None (a blank required argument)."""
    if value is None:
        raise ArgumentError("udf_missing_value", label=label)
    return value
