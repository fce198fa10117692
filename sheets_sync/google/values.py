"""Cell values between Python and the Sheets API, without any Google library.

Writes go out with ``valueInputOption=RAW``: text stays text (a ``=`` typed by a person in
a deal name is never run as a formula), numbers stay numbers, and dates become serial
numbers (days since 1899-12-30) that a DATE number format shows as dates: on the column
when it holds only dates, on the cell where a column mixes dates and numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple

SheetValue = str | int | float | bool
Grid = list[list[SheetValue]]
EPOCH = datetime(1899, 12, 30)
DATE_FORMAT = {"type": "DATE", "pattern": "dd/mm/yyyy"}
DATE_TIME_FORMAT = {"type": "DATE_TIME", "pattern": "dd/mm/yyyy hh:mm"}


def to_serial(value: date | datetime) -> int | float:
    """A date as a spreadsheet serial: 2020-01-01 -> 43831; times as a day fraction."""
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None)
        delta = moment - EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    return (value - EPOCH.date()).days


def to_sheet_value(value: Any) -> SheetValue:
    """One Python value as sent in a RAW write; ``""`` (an empty cell) for None and NaN."""
    if is_blank(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy / pandas scalars
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, (datetime, date)):
        return to_serial(value)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if isinstance(value, (int, float, Decimal)):
        number = float(value) if not isinstance(value, int) else value
        if isinstance(number, float) and not math.isfinite(number):
            return ""
        return number
    return str(value)


def is_blank(value: Any) -> bool:
    """None, NaN, pandas' NaT and NA: written as an empty cell."""
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(value != value)
    except TypeError:  # pandas.NA: its comparisons are NA too
        return True
    except ValueError:
        return False


def pad(grid: Grid, rows: int, cols: int) -> Grid:
    """The grid widened and lengthened with ``""`` so a write also blanks stale cells."""
    out = [list(row) + [""] * (cols - len(row)) for row in grid]
    out.extend([[""] * cols for _ in range(rows - len(out))])
    return out


def _is_date(value: Any) -> bool:
    return isinstance(value, (date, datetime))


def _is_datetime(value: Any) -> bool:
    return isinstance(value, datetime) and (value.hour, value.minute, value.second) != (0, 0, 0)


class Prepared(NamedTuple):
    """A grid ready for a RAW write and the number formats its dates need.

    ``columns``: column index -> numberFormat, for columns whose values (text aside) are
    all dates; ``cells``: (row index, column index) -> numberFormat, for the dates of a
    column that mixes them with numbers (0-based indices)."""

    grid: Grid
    columns: dict[int, dict[str, str]]
    cells: dict[tuple[int, int], dict[str, str]]


def prepare(rows: Sequence[Sequence[Any]]) -> Prepared:
    """Rows ready for a RAW write, every date a serial number, and the formats that show
    the serials as dates.

    A column whose values (text aside: headers, labels) are all dates gets a DATE (or
    DATE_TIME) column format. In a column that mixes dates with numbers a column format
    would mislabel the numbers, so there each date cell gets its own format.
    """
    width = max((len(r) for r in rows), default=0)
    columns: dict[int, dict[str, str]] = {}
    mixed: set[int] = set()
    for c in range(width):
        typed = [
            r[c] for r in rows if c < len(r) and not isinstance(r[c], str) and not is_blank(r[c])
        ]
        dates = [v for v in typed if _is_date(v)]
        if dates and len(dates) == len(typed):
            columns[c] = DATE_TIME_FORMAT if any(map(_is_datetime, dates)) else DATE_FORMAT
        elif dates:
            mixed.add(c)
    cells = {
        (r, c): dict(DATE_TIME_FORMAT if _is_datetime(row[c]) else DATE_FORMAT)
        for r, row in enumerate(rows)
        for c in mixed
        if c < len(row) and _is_date(row[c]) and not is_blank(row[c])
    }
    grid = [[to_sheet_value(v) for v in row] for row in rows]
    return Prepared(grid, columns, cells)


def mixed_columns(prepared: Prepared) -> set[int]:
    """The columns where dates sit among numbers (their formats are per cell)."""
    return {c for _, c in prepared.cells}


def size(rows: Sequence[Sequence[Any]]) -> tuple[int, int]:
    return len(rows), max((len(r) for r in rows), default=0)


def merged_formats(
    detected: Mapping[int, Mapping[str, str]], given: Mapping[int, Mapping[str, str]] | None
) -> dict[int, dict[str, str]]:
    out = {c: dict(f) for c, f in detected.items()}
    out.update({c: dict(f) for c, f in (given or {}).items()})
    return out


def number_format(excel: str) -> dict[str, str]:
    """The Sheets API numberFormat of one of the report's Excel formats: euros, percent,
    day; anything else as a plain NUMBER pattern."""
    if "€" in excel:
        return {"type": "CURRENCY", "pattern": excel}
    if "%" in excel:
        return {"type": "PERCENT", "pattern": excel}
    if excel.upper() == "DD/MM/YYYY":
        return dict(DATE_FORMAT)
    if excel.upper() == "MMM YYYY":
        return {"type": "DATE", "pattern": "mmm yyyy"}
    return {"type": "NUMBER", "pattern": excel}
