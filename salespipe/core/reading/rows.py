"""Row accounting and row walking, shared by the deal, stage and action readers.

Every row below the header ends in exactly one place, counted in a
:class:`RowAccount`: used (possibly with warnings about single cells), rejected
(an ``error`` issue says why), a recognised totals row or repeated header row
(an ``info`` issue), or blank. ``read == used + rejected + totals + blank +
headers`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from salespipe.core.model import fold
from salespipe.core.quality import Issue, Severity, issue
from salespipe.core.reading.parsing import CellError, is_blank, readable
from salespipe.core.reading.tables import LocatedTable


@dataclass
class RowAccount:
    """Where every row below the header went."""

    sheet: str
    read: int = 0
    used: int = 0
    rejected: int = 0
    totals: int = 0
    blank: int = 0
    headers: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.used + self.rejected + self.totals + self.blank + self.headers

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "read": self.read,
            "used": self.used,
            "rejected": self.rejected,
            "totals": self.totals,
            "blank": self.blank,
            "headers": self.headers,
        }


T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """Records parsed from one table, the issues found, and the row accounting."""

    records: list[T]
    issues: list[Issue]
    account: RowAccount
    table: LocatedTable | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --- totals rows and repeated headers -----------------------------------------

_TOTAL_WORDS = re.compile(r"^(sous total|total|totaux|grand total|somme|sum|subtotal)\b")


# Fields a totals row leaves blank (unless the "Total" label itself stands there):
# a deal for the client « Total Énergies » has a stage, a sub-total line has none.
_TOTALS_BLANK_FIELDS = {
    "deals": ("stage", "status", "probability", "email", "expected_close"),
    "actions": ("owner", "type", "start_week", "end_week"),
}


#: First three letters, lower-cased, of every totals label: a row whose first cell starts
#: otherwise is not a totals row, which the deal reader decides without a function call.
TOTAL_HEADS = ("tot", "sou", "som", "sum", "sub", "gra", "tôt")


def _is_totals_row(table: LocatedTable, row: Sequence[Any]) -> bool:
    """A « Total » / « Sous-total … » line: label first, and none of the row's key fields."""
    first = row[0] if row else None
    label_index: int | None = 0
    if not (isinstance(first, str) and first.strip()):
        label_index = next((i for i, v in enumerate(row) if isinstance(v, str) and v.strip()), None)
    if label_index is None:
        return False
    label = row[label_index]
    if not label.lstrip()[:3].lower().startswith(TOTAL_HEADS):
        return False  # the common case, decided without folding
    if not _TOTAL_WORDS.match(fold(label)):
        return False
    for name in _TOTALS_BLANK_FIELDS.get(table.kind, ()):
        column = table.columns.get(name)
        if column and column.index != label_index and not is_blank(cell(row, column.index)):
            return False
    return True


def _is_repeated_header(table: LocatedTable, row: Sequence[Any]) -> bool:
    """The header row pasted again below (blocks of rows copied one under another)."""
    headers = table.folded_headers
    first_index, first_header = headers[0]
    first = cell(row, first_index)
    if not (
        isinstance(first, str)
        and fold(first.lstrip()[:1]) == first_header[:1]  # cheap filter before folding
        and fold(first) == first_header
    ):
        return False  # the common case, decided on one cell
    matches = sum(isinstance(v := cell(row, i), str) and fold(v) == header for i, header in headers)
    return matches >= max(2, len(headers) // 2 + 1)


# --- walking rows -------------------------------------------------------------------


def trim_trailing_blank(rows: list[tuple[int, Sequence[Any]]]) -> list[tuple[int, Sequence[Any]]]:
    """``rows`` (numbered) without the blank rows at the end of the table."""
    end = len(rows)
    while end and all(is_blank(v) for v in rows[end - 1][1]):
        end -= 1
    return rows[:end]


def cell(row: Sequence[Any], index: int | None) -> Any:
    """The cell at ``index``; None past the end of a short row or for no column."""
    if index is None or index >= len(row):
        return None
    return row[index]


def skipped(reader: RowReader, row: Sequence[Any], account: RowAccount) -> bool:
    """Count and report a totals row or a repeated header row; True when skipped."""
    if _is_totals_row(reader.table, row):
        account.totals += 1
        reader.report(None, None, "totals_row", Severity.INFO)
        return True
    if _is_repeated_header(reader.table, row):
        account.headers += 1
        reader.report(None, None, "repeated_header", Severity.INFO)
        return True
    return False


class RowReader:
    """Reads typed fields of one row and records an issue for each bad cell."""

    __slots__ = ("issues", "row", "row_number", "table")

    def __init__(self, table: LocatedTable, issues: list[Issue]) -> None:
        self.table = table
        self.issues = issues
        self.row: Sequence[Any] = ()
        self.row_number = 0

    def raw(self, name: str) -> Any:
        column = self.table.columns.get(name)
        return cell(self.row, column.index if column else None)

    def get(self, name: str, parse: Callable[[Any], Any]) -> Any:
        column = self.table.columns.get(name)
        if column is None:
            return None
        value = cell(self.row, column.index)
        if value is None:
            return None
        try:
            return parse(readable(value))
        except CellError as exc:
            self.issues.append(
                issue(
                    self.table.sheet, self.row_number, column.header, value, exc.code, **exc.params
                )
            )
            return None

    def report(
        self, name: str | None, value: Any, code: str, severity: Severity, **params: Any
    ) -> None:
        header = self.table.header_of(name) if name else None
        self.issues.append(
            issue(self.table.sheet, self.row_number, header, value, code, severity, **params)
        )


def row_is_blank(row: Sequence[Any]) -> bool:
    """True when every cell of the row is blank."""
    if row and row[0] is not None and not is_blank(row[0]):
        return False  # the common case: a first cell filled in
    return all(is_blank(value) for value in row)


def data_rows(reader: RowReader, account: RowAccount) -> Iterator[Sequence[Any]]:
    """The rows of a small table that hold data, with ``reader`` set on each; blank,
    totals and repeated-header rows are counted and reported instead."""
    for row_number, row in trim_trailing_blank(reader.table.rows):
        account.read += 1
        if row_is_blank(row):
            account.blank += 1
            continue
        reader.row, reader.row_number = row, row_number
        if not skipped(reader, row, account):
            yield row
