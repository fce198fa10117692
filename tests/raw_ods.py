"""OpenDocument spreadsheets written XML by XML, for what a test needs and a library
would not write: error cells as LibreOffice saves them, formulas without a value, rows
and cells repeated far from the data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _repeated(columns: int) -> str:
    return f' table:number-columns-repeated="{columns}"' if columns > 1 else ""


def text_cell(value: str, columns: int = 1) -> str:
    return (
        f'<table:table-cell office:value-type="string" calcext:value-type="string"'
        f"{_repeated(columns)}><text:p>{escape(value)}</text:p></table:table-cell>"
    )


def number_cell(value: float, columns: int = 1) -> str:
    return (
        f'<table:table-cell office:value-type="float" office:value="{value!r}"'
        f' calcext:value-type="float"{_repeated(columns)}><text:p>{value!r}</text:p>'
        "</table:table-cell>"
    )


def annotation(text: str, date: str = "2026-12-06T00:00:00") -> str:
    """A comment on a cell, as LibreOffice saves it (before the cell's text)."""
    return (
        f"<office:annotation><dc:date>{date}</dc:date>"
        f"<text:p>{escape(text)}</text:p></office:annotation>"
    )


def error_cell(error: str, formula: str = "of:=1/0", comment: str = "", columns: int = 1) -> str:
    """An error value as LibreOffice saves it: the formula, an empty string value, the
    error shown in the text (after the cell's comment, if any)."""
    return (
        f'<table:table-cell table:formula={quoteattr(formula)} office:value-type="string"'
        f' office:string-value="" calcext:value-type="error"{_repeated(columns)}>'
        f"{annotation(comment) if comment else ''}"
        f"<text:p>{escape(error)}</text:p></table:table-cell>"
    )


def formula_cell(formula: str) -> str:
    """A formula saved without its value, as a script writes it."""
    return f"<table:table-cell table:formula={quoteattr(formula)}/>"


def empty_cells(columns: int = 1) -> str:
    return f"<table:table-cell{_repeated(columns)}/>"


def row(*cells: str, repeated: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{times}>{''.join(cells)}</table:table-row>"


def header_row(*headers: str) -> str:
    return row(*(text_cell(header) for header in headers))


#: How the attributes are written: all are well-formed XML that quick-xml (calamine's
#: parser) reads as LibreOffice's double quotes.
QUOTINGS = ("double", "single", "spaced", "gt")
_DOUBLE_QUOTED = re.compile(r'(\s)([\w:.-]+)="([^"]*)"')
_TABLE_TAG = re.compile(r"<table:table(-row|-cell)?(?=[\s/>])")


def requote(xml: str, quoting: str) -> str:
    """``xml`` with its double-quoted attributes in single quotes, with spaces around
    ``=``, or (``gt``) each table, row and cell tag starting with an attribute holding
    ``>``."""
    if quoting == "single":
        return _DOUBLE_QUOTED.sub(
            lambda found: f"{found[1]}{found[2]}='{found[3].replace(chr(39), '&apos;')}'", xml
        )
    if quoting == "spaced":
        return _DOUBLE_QUOTED.sub(r'\1\2 =\t"\3"', xml)
    if quoting == "gt":
        return _TABLE_TAG.sub(lambda found: f'{found[0]} table:style-name="a>b"', xml)
    return xml


def references(text: str) -> str:
    """``text`` as a quoted attribute value, each character but ASCII letters, digits and
    spaces written as a character reference, decimal and hexadecimal in turn."""
    return '"' + "".join(
        char if char.isascii() and (char.isalnum() or char == " ")
        else (f"&#{ord(char)};", f"&#x{ord(char):X};")[index % 2]
        for index, char in enumerate(text)
    ) + '"'  # fmt: skip


def write_raw_ods(
    path: Path, sheets: dict[str, list[str]], quoting: str = "double", named: str = "plain"
) -> Path:
    """An .ods whose sheet ``name`` holds the rows ``sheets[name]`` (raw XML, see
    :func:`row`), its attributes written as ``quoting`` says (:func:`requote`), its sheet
    names as text or (``named="references"``) with character references."""
    name_value = references if named == "references" else quoteattr
    tables = "".join(
        f"<table:table table:name={name_value(name)}>"
        f'<table:table-column table:number-columns-repeated="16384"/>{"".join(rows)}'
        "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{requote(tables, quoting)}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _MIMETYPE)  # stored, first
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
    return path
