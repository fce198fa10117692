"""A local workbook as a sync source: read with :func:`salespipe.files.read_grids`,
managed tabs written to a SEPARATE output workbook with openpyxl.

The input file is never opened for writing; an output path equal to the input is refused.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from salespipe.core.errors import SourceError
from salespipe.core.reading.pipeline import Grid
from salespipe.core.report_tables import CellFormat
from salespipe.files import read_grids
from salespipe.formats.xlsx_cells import (
    add_filter,
    fitted_widths,
    header_cells,
    header_lines,
    lay_out,
)
from salespipe.formats.xlsx_rows import XmlRowsSheet, create_sheet
from salespipe.output_guard import refuse_inputs

_DAY = "DD/MM/YYYY"


def default_output(workbook: Path) -> Path:
    """``<stem>-salespipe.xlsx`` next to ``workbook``."""
    return workbook.with_name(f"{workbook.stem}-salespipe.xlsx")


class LocalWorkbookSource:
    """Reads the user's workbook (once, lazily); writes the managed tabs to ``output``."""

    def __init__(self, workbook: str | Path, output: str | Path | None = None) -> None:
        self.workbook = Path(workbook)
        self.output = Path(output) if output is not None else default_output(self.workbook)
        refuse_inputs([self.output], [self.workbook])
        self.title = self.workbook.name
        self.history_key = f"file:{self.workbook.resolve()}"
        self._grids: dict[str, Grid] | None = None
        self.user_tabs: set[str] = set()

    def _all(self) -> dict[str, Grid]:
        if self._grids is None:
            self._grids = read_grids(self.workbook)
        return self._grids

    def titles(self) -> list[str]:
        """The workbook's sheet names."""
        return list(self._all())

    def made_by_salespipe(self, name: str) -> bool | None:
        """No tab ids here: the tab's content decides."""
        return None

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Grid]:
        """The named sheets (matched regardless of case); SourceError names a missing one.
        ``first_rows`` (and ``reformat``, ``fixed_layout`` of write_tabs) are for sources
        written in place:
        the managed tabs go to a separate workbook here, so none of a person's sheets can
        be overwritten."""
        grids = self._all()
        by_folded = {name.casefold(): name for name in grids}
        out: dict[str, Grid] = {}
        for name in names:
            actual = by_folded.get(name.casefold())
            if actual is None:
                raise SourceError(
                    "sheet_not_found", sheet=name, source=self.title, sheets=", ".join(grids)
                )
            out[name] = grids[actual]
            self.user_tabs.add(actual.casefold())
        return out

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        *,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
        reformat: Collection[str] = (),
        fixed_layout: Collection[str] = (),
    ) -> None:
        """A new workbook at ``output`` holding only the managed tabs, dates and the
        ``cell_formats`` formatted, text never taken for a formula; written row after row
        in openpyxl's write-only mode (linear in the number of rows), as the sheet XML's
        text (:mod:`salespipe.formats.xlsx_rows`)."""
        from openpyxl import Workbook

        clash = [name for name in values_by_tab if name.casefold() in self.user_tabs]
        if clash:
            raise ValueError(f"user tabs are never written: {', '.join(clash)}")
        book = Workbook(write_only=True)
        for name, rows in values_by_tab.items():
            _fill(create_sheet(book, name), rows, (cell_formats or {}).get(name, ()))
        book.save(self.output)


def _fill(
    sheet: XmlRowsSheet, rows: Sequence[Sequence[Any]], formats: Sequence[CellFormat]
) -> None:
    """The rows, the first one a bold frozen header; dates as days, the ``formats`` on the
    cells of their range that hold numbers (texts and blanks are left alone; a later format
    wins); the columns as wide as what they show; a filter on a tab that is one table (no
    blank row: the dashboard's sections are not). A section's header (the row under its
    one-cell title, itself under a blank row) is bold and wraps like the first row."""
    by_column: dict[int, list[tuple[int, int | None, str]]] = {}
    for first, last, column, fmt in formats:
        by_column.setdefault(column, []).append((first, last or None, fmt))
    headers = rows[0] if rows else ()
    sections = _section_headers(rows)
    values = [row for number, row in enumerate(rows[1:], start=2) if number not in sections]
    shown = {column: {fmt for _, _, fmt in ranges} for column, ranges in by_column.items()}
    widths = fitted_widths(headers, values, shown, more_headers=list(sections.values()))
    # the sheet's settings go before its first row
    lay_out(sheet, headers, widths)
    for number, header_row in sections.items():
        sheet.row_dimensions[number].height = 15 * header_lines(header_row, widths)
    if rows:
        sheet.append_cells(header_cells(sheet.cells, headers))
    # the ranges of formats of each column from A, as far as the widest row
    ranges = [by_column.get(col) for col in range(1, max(map(len, rows), default=0) + 1)]
    for number, row in enumerate(rows[1:], start=2):
        if number in sections:
            sheet.append_cells(header_cells(sheet.cells, row))
            continue
        sheet.append_row(
            row,
            [
                (_DAY if isinstance(value, date) else None)
                if found is None  # the common case, without a call
                else _number_format(value, found, number)
                for value, found in zip(row, ranges, strict=False)
            ],
        )
    if all(rows):
        add_filter(sheet, len(headers), len(rows))


def _section_headers(rows: Sequence[Sequence[Any]]) -> dict[int, Sequence[Any]]:
    """The header rows of the sections of a tab (1-based row: its cells): a row of two
    cells or more under a one-cell title row under a blank row."""
    found: dict[int, Sequence[Any]] = {}
    for index in range(2, len(rows)):
        blank, title, row = rows[index - 2], rows[index - 1], rows[index]
        filled = sum(value not in (None, "") for value in row)
        if not any(v not in (None, "") for v in blank) and len(title) == 1 and filled > 1:
            found[index + 1] = row
    return found


def _number_format(
    value: Any, ranges: Sequence[tuple[int, int | None, str]] | None, row: int
) -> str | None:
    dated = isinstance(value, date | datetime)
    if not ranges or not (dated or isinstance(value, int | float)) or isinstance(value, bool):
        return _DAY if dated else None
    found = None
    for first, last, fmt in ranges:
        if first <= row and (last is None or row <= last):
            found = fmt
    if dated:  # a date keeps a date format: the day, or the month (« mmm yyyy »)
        return found if found is not None and "Y" in found.upper() else _DAY
    return found
