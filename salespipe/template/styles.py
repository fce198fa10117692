"""Number formats, fonts and fills of the template, and the small cell helpers."""

from __future__ import annotations

from typing import Any, Literal

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.report_tables import DAY, EURO, PCT
from salespipe.core.texts import LANGS, entry

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
UNLOCKED = Protection(locked=False)
# The action plan's week grid: months banded, this week marked, weeks ticked or planned.
MONTH_FONT = Font(bold=True, size=9, color="1F4E78")
MONTH_ALIGNMENT = Alignment(shrink_to_fit=True)
MONTH_FILL = PatternFill("solid", start_color="BDD7EE", end_color="BDD7EE")
TODAY_FILL = PatternFill("solid", start_color="F4B183", end_color="F4B183")
TICKED_FILL = PatternFill("solid", start_color="70AD47", end_color="70AD47")
PLANNED_FILL = PatternFill("solid", start_color="C6E0B4", end_color="C6E0B4")


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
_MESSAGE_PARTS = ("prompt_title", "prompt", "error_title", "error")


def validation(
    ws: Worksheet,
    cells: str,
    kind: ValidationKind,
    formula1: str,
    formula2: str | None = None,
    *,
    lang: str,
    message: str,
    **kw: Any,
) -> None:
    """Add a data validation (list, decimal, whole, date) to ``cells``, with the input
    and error messages ``template.dv.<message>.*`` in ``lang``."""
    i = LANGS.index(lang)
    texts = {part: entry(f"template.dv.{message}.{part}")[i] for part in _MESSAGE_PARTS}
    dv = DataValidation(
        type=kind,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        promptTitle=texts["prompt_title"],
        prompt=texts["prompt"],
        errorTitle=texts["error_title"],
        error=texts["error"],
        **kw,
    )
    dv.showErrorMessage = True
    dv.showInputMessage = True
    if formula2 is not None:
        dv.operator = "between"
    ws.add_data_validation(dv)
    dv.add(cells)


def widths(ws: Worksheet, widths: dict[str, float]) -> None:
    """Column widths by letter."""
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def print_setup(
    ws: Worksheet,
    area: str | None,
    *,
    landscape: bool,
    title_rows: str | None = None,
    scale: int | None = None,
) -> None:
    """Printed on A4, ``area`` only (None: what the sheet holds), the ``title_rows``
    (« 1:1 ») repeated on every page; one page wide (as many pages down as it takes), or at
    ``scale`` % where the sheet's own page breaks must hold (fitting ignores them, in
    Excel as in LibreOffice)."""
    if area is not None:
        ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    if scale is None:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = scale
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    if title_rows is not None:
        ws.print_title_rows = title_rows


def protect_managed(ws: Worksheet, user_columns: str, first_row: int, last_row: int) -> None:
    """Protect ``ws`` without a password so that its managed (computed) cells cannot be
    typed over by mistake; the ``user_columns`` (« A:V ») stay editable from ``first_row``
    down, the pre-formatted rows to ``last_row`` and the whole column below them.
    Formatting, filtering, sorting and inserting or deleting rows stay allowed."""
    start, end = (column_index_from_string(c) for c in user_columns.split(":"))
    for column in range(start, end + 1):
        ws.column_dimensions[get_column_letter(column)].protection = UNLOCKED
        for row in range(first_row, last_row + 1):
            ws.cell(row=row, column=column).protection = UNLOCKED
    ws.protection = SheetProtection(
        sheet=True,
        formatCells=False,
        formatColumns=False,
        formatRows=False,
        sort=False,
        autoFilter=False,
        insertRows=False,  # openpyxl's True means "forbidden": a deal row can be inserted
        deleteRows=False,  # and deleted (Excel still refuses a row holding locked cells)
    )
