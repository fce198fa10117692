"""Number formats, fonts and fills of the template, and the small cell helpers."""

from __future__ import annotations

from typing import Any, Literal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.report_tables import DAY, EURO, PCT

# The report's formats, so that a figure looks the same in the template and the report.
EURO_FORMAT = EURO
PERCENT_FORMAT = PCT
DATE_FORMAT = DAY
PROBABILITY_FORMAT = "0 %"
MONTH_FORMAT = "MM/YYYY"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
MANAGED_FILL = PatternFill("solid", start_color="EDEDED")
MANAGED_FONT = Font(italic=True, color="595959")
SECTION_FONT = Font(bold=True, size=12, color="1F4E78")
RED_FILL = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")
ORANGE_FILL = PatternFill("solid", start_color="FFE699", end_color="FFE699")
WRAP = Alignment(vertical="center", wrap_text=True)


def header(ws: Worksheet, row: int, column: int, text: str, managed: bool = False) -> None:
    """A bold, filled header cell; grey and italic for a ``managed`` (computed) column."""
    cell = ws.cell(row=row, column=column, value=text)
    cell.font = MANAGED_FONT if managed else BOLD
    cell.fill = MANAGED_FILL if managed else HEADER_FILL
    cell.alignment = WRAP


def section(ws: Worksheet, ref: str, text: str) -> None:
    """A section title at ``ref``."""
    ws[ref] = text
    ws[ref].font = SECTION_FONT


def formats(ws: Worksheet, letter: str, first: int, last: int, fmt: str) -> None:
    """Number format ``fmt`` on rows ``first``..``last`` of column ``letter``."""
    for row in range(first, last + 1):
        ws[f"{letter}{row}"].number_format = fmt


def managed(ws: Worksheet, letter: str, row: int, formula: str, fmt: str | None = None) -> None:
    """A managed cell: the formula, in grey italics, with its number format if any."""
    cell = ws[f"{letter}{row}"]
    cell.value = formula
    cell.font = MANAGED_FONT
    cell.fill = MANAGED_FILL
    if fmt:
        cell.number_format = fmt


ValidationKind = Literal["list", "decimal", "whole", "date"]


def validation(
    ws: Worksheet,
    cells: str,
    kind: ValidationKind,
    formula1: str,
    formula2: str | None = None,
    **kw: Any,
) -> None:
    """Add a data validation (list, decimal, whole, date) to ``cells``."""
    dv = DataValidation(type=kind, formula1=formula1, formula2=formula2, allow_blank=True, **kw)
    dv.showErrorMessage = True
    if formula2 is not None:
        dv.operator = "between"
    ws.add_data_validation(dv)
    dv.add(cells)


def widths(ws: Worksheet, widths: dict[str, float]) -> None:
    """Column widths by letter."""
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
