"""Workbooks written XML by XML, for the cells openpyxl will not write: error values,
formulas without a value, a value at XFD1048576, formatting with no value."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_OOXML = "http://schemas.openxmlformats.org/"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_RELS = f'<Relationships xmlns="{_OOXML}package/2006/relationships">'
_CONTENT_TYPES = (
    f'<Types xmlns="{_OOXML}package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SHEET_TYPE}worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    f'{_RELS}<Relationship Id="rId1" '
    f'Type="{_OOXML}officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    f'{_RELS}<Relationship Id="rId1" Type="{_OOXML}officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def number_cell(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def error_cell(ref: str, error: str, formula: str = "1/0") -> str:
    """An error value as Excel saves it: the formula and its cached error."""
    return f'<c r="{ref}" t="e"><f>{escape(formula)}</f><v>{escape(error)}</v></c>'


def formula_cell(ref: str, formula: str) -> str:
    """A formula saved without its value, as a script writes it."""
    return f'<c r="{ref}"><f>{escape(formula)}</f></c>'


def styled_cell(ref: str) -> str:
    """Formatting and no value: what Excel keeps after a cell is cleared."""
    return f'<c r="{ref}" s="0"/>'


def write_raw_xlsx(path: Path, rows: dict[int, list[str]], sheet: str = "Pipeline") -> Path:
    """An .xlsx of one sheet whose row ``n`` holds the cells ``rows[n]`` (raw XML)."""
    sheet_data = "".join(
        f'<row r="{number}">{"".join(cells)}</row>' for number, cells in sorted(rows.items())
    )
    worksheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", worksheet)
    return path


def header_row(*headers: str) -> list[str]:
    """Row 1: ``headers`` from column A."""
    return [text_cell(f"{chr(65 + i)}1", header) for i, header in enumerate(headers)]
