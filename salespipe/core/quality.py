"""Data-quality issues: one record per problem found in the user's sheet.

An :class:`Issue` names the sheet, the 1-based row, the column header as the
user typed it, the raw value, a stable code and a message in the user's
language. Severity says what happened to the row:

- ``error``: the row could not be used and is left out of every metric;
- ``warning``: the row is used, but the named cell was ignored;
- ``info``: the row was recognised as not being data (a totals row), or a cell was
  read in a way worth saying (a stage typo corrected, a week range across the new year).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from salespipe.core.texts import display_value, placed


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one cell (or row, when ``column`` is None)."""

    sheet: str
    row: int
    column: str | None
    value: Any
    code: str
    severity: Severity
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "fr") -> str:
        """The full sentence: where, what value, and why."""
        return placed(
            self.code,
            lang,
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            value=self.value,
            **dict(self.params),
        )

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": _jsonable(display_value(self.value)),
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def issue(
    sheet: str,
    row: int,
    column: str | None,
    value: Any,
    code: str,
    severity: Severity = Severity.WARNING,
    **params: Any,
) -> Issue:
    """Build an :class:`Issue`; ``params`` fill the message template."""
    return Issue(sheet, row, column, value, code, severity, tuple(sorted(params.items())))


def count_by_code(issues: Iterable[Issue]) -> dict[str, int]:
    """How many issues of each code, most frequent first."""
    return dict(Counter(i.code for i in issues).most_common())
