"""A local workbook as a sync source: read with :func:`salespipe.files.read_grids`,
managed tabs written to a SEPARATE output workbook with openpyxl.

The input file is never opened for writing; an output path equal to the input is refused.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from salespipe.core.errors import ConfigError, SourceError
from salespipe.core.reading.pipeline import Grid
from salespipe.core.report_tables import CellFormat
from salespipe.files import read_grids

_DAY = "DD/MM/YYYY"


def default_output(workbook: Path) -> Path:
    """``<stem>-salespipe.xlsx`` next to ``workbook``."""
    return workbook.with_name(f"{workbook.stem}-salespipe.xlsx")


class LocalWorkbookSource:
    """Reads the user's workbook (once, lazily); writes the managed tabs to ``output``."""

    def __init__(self, workbook: str | Path, output: str | Path | None = None) -> None:
        self.workbook = Path(workbook)
        self.output = Path(output) if output is not None else default_output(self.workbook)
        if self.output.resolve() == self.workbook.resolve():
            raise ConfigError("sync_output_is_input", output=str(self.output))
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

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Grid]:
        """The named sheets (matched regardless of case); SourceError names a missing one.
        ``first_rows`` (and ``reformat`` of write_tabs) are for sources written in place:
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
    ) -> None:
        """A new workbook at ``output`` holding only the managed tabs, dates and the
        ``cell_formats`` formatted, text never taken for a formula."""
        from openpyxl import Workbook

        clash = [name for name in values_by_tab if name.casefold() in self.user_tabs]
        if clash:
            raise ValueError(f"user tabs are never written: {', '.join(clash)}")
        book = Workbook()
        first = book.active
        assert first is not None
        book.remove(first)
        for name, rows in values_by_tab.items():
            sheet = book.create_sheet(name)
            _fill(sheet, rows)
            _format(sheet, (cell_formats or {}).get(name, ()))
        book.save(self.output)


def _format(sheet: Any, formats: Sequence[CellFormat]) -> None:
    """Number formats on the cells that hold numbers (texts and blanks are left alone)."""
    for first, last, column, fmt in formats:
        for (cell,) in sheet.iter_rows(
            min_row=first, max_row=last or sheet.max_row, min_col=column, max_col=column
        ):
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = fmt


def _fill(sheet: Any, rows: Sequence[Sequence[Any]]) -> None:
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text a person typed, never a formula
                cell.data_type = "s"
            elif isinstance(cell.value, date | datetime):
                cell.number_format = _DAY
    sheet.freeze_panes = "A2"
