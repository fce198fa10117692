"""What an .xlsx or .xlsm sheet holds, found by streaming its XML before calamine reads it.

calamine builds each sheet as one dense grid from A1 to the last cell holding a value:
one value at XFD1048576 in a 1.5 KB file asks for 17 billion cells and aborts the
process. And python-calamine reads an error cell (``#REF!``, ``#N/A``…) and a formula
saved without its value as a blank, so the cell would vanish without a word.

This module reads the sheet's XML once, in chunks, and cheaply:

- :func:`scan_sheet` gives an upper bound of the sheet's extent (the last row element,
  the widest cell reference), with byte searches only, and the cells calamine would
  lose (error cells, formulas without a value), found only in the chunks that have any;
- :func:`exact_extent` gives the true extent (only cells holding a value count, as for
  calamine), one regular expression per cell: called only when the bound is past a limit,
  so that a sheet with formatting far away but data near A1 is still read.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

CHUNK_BYTES = 4 * 1024 * 1024

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A cell reference as an attribute: the widest column letters seen bound the columns.
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_LAST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,10})"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,10})"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")
_ERROR_VALUE = re.compile(
    rb'(<(?:\w+:)?c\b[^>]*?\bt="e"[^>]*>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>)([^<]*)(<)', re.DOTALL
)
#: The error values calamine knows; any other (``#SPILL!``, ``#CALC!``, Excel 365's)
#: makes it refuse the whole workbook.
CALAMINE_ERRORS = frozenset(("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"))
_XML_ENTITIES = ((b"&lt;", b"<"), (b"&gt;", b">"), (b"&quot;", b'"'), (b"&apos;", b"'"))


@dataclass(frozen=True)
class LostCell:
    """A cell python-calamine reads as blank: ``kind`` is ``error`` (``text`` is the
    error, ``#REF!``) or ``formula`` (``text`` is the formula, ``=SUM(B2:B9)``)."""

    row: int  # 1-based
    column: int  # 1-based
    kind: str
    text: str


@dataclass
class SheetScan:
    """An upper bound of a sheet's extent (rows, columns) and the cells calamine loses."""

    rows: int = 0
    columns: int = 0
    lost: list[LostCell] = field(default_factory=list)


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"XFD"`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """16384 → ``"XFD"``."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """``{sheet name: path of its XML part}`` from the workbook's part and its relations."""
    names = set(archive.namelist())
    workbook = "xl/workbook.xml"
    rels = "xl/_rels/workbook.xml.rels"
    if workbook not in names or rels not in names:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in ElementTree.fromstring(archive.read(rels))
    }
    parts: dict[str, str] = {}
    for sheet in ElementTree.fromstring(archive.read(workbook)).iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_REL_NS) in targets:
            target = targets[sheet.get(_REL_NS)] or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML in chunks that end after a ``</row>`` (a cell is never cut)."""
    rest = b""
    with archive.open(part) as stream:
        while block := stream.read(CHUNK_BYTES):
            rest += block
            cut = rest.rfind(b"row>")
            if cut < 0:
                continue
            yield rest[: cut + 4]
            rest = rest[cut + 4 :]
    if rest:
        yield rest


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """The bound of the sheet's extent and its lost cells, in one pass over the XML."""
    scan = SheetScan()
    letters = b""
    rows_seen = 0
    for chunk in _chunks(archive, part):
        rows_seen += chunk.count(b"row>")  # </row>, </x:row>
        last = chunk.rfind(b"row ")
        if last >= 0 and (match := _LAST_ROW.search(chunk, max(0, last - 16))):
            scan.rows = max(scan.rows, int(match.group(1)))
        for wide in _WIDE_REF.findall(chunk):
            if (len(wide), wide) > (len(letters), letters):
                letters = wide
        if b't="e"' in chunk or b"<f" in chunk:  # rare: the cells are parsed only then
            scan.lost.extend(_lost_cells(chunk))
    scan.rows = max(scan.rows, rows_seen)
    scan.columns = column_number(letters.decode()) if letters else 26
    return scan


def _lost_cells(chunk: bytes) -> Iterator[LostCell]:
    """Error cells and formulas saved without a value in ``chunk``."""
    for match in _CELL.finditer(chunk):
        attributes, body = match.group(1), match.group(2) or b""
        kind_match = _TYPE.search(attributes)
        kind = kind_match.group(1) if kind_match else b"n"
        value = _VALUE.search(body)
        if kind == b"e" and value:
            lost = LostCell(0, 0, "error", _text(value.group(1)))
        elif kind != b"str" and not (value and value.group(1)) and b"<is>" not in body:
            formula = _FORMULA.search(body)
            if formula is None:
                continue
            lost = LostCell(0, 0, "formula", "=" + _text(formula.group(1) or b""))
        else:
            continue
        ref = _REF.search(attributes)
        if ref:  # a cell without a reference is rare: it cannot be placed, so it is left out
            row, column = int(ref.group(2)), column_number(ref.group(1).decode())
            yield LostCell(row, column, lost.kind, lost.text)


def _text(raw: bytes) -> str:
    for entity, char in _XML_ENTITIES:
        raw = raw.replace(entity, char)
    return raw.replace(b"&amp;", b"&").decode("utf-8", errors="replace")


def exact_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """(rows, columns) counting only the cells that hold a value, as calamine
    does: a cell only formatted (``<c r="XFD9" s="1"/>``) does not widen the grid."""
    rows = columns = 0
    for chunk in _chunks(archive, part):
        for match in _CELL.finditer(chunk):
            body = match.group(2)
            if not body or not (_VALUE.search(body) or b"<is>" in body or b":is>" in body):
                continue
            ref = _REF.search(match.group(1))
            if ref is None:
                continue
            rows = max(rows, int(ref.group(2)))
            columns = max(columns, column_number(ref.group(1).decode()))
    return rows, columns


def unknown_to_calamine(scans: list[SheetScan]) -> bool:
    """True when a sheet holds an error value calamine refuses (``#SPILL!``…)."""
    return any(
        lost.kind == "error" and lost.text not in CALAMINE_ERRORS
        for scan in scans
        for lost in scan.lost
    )


def readable_copy(archive: zipfile.ZipFile, parts: set[str]) -> io.BytesIO:
    """The workbook in memory with every error value calamine refuses written ``#N/A``
    (the scan has kept the real one): the user's file is never touched."""
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename in parts:
                data = _ERROR_VALUE.sub(_known_error, data)
            out.writestr(info, data)
    copy.seek(0)
    return copy


def _known_error(match: re.Match[bytes]) -> bytes:
    value = match.group(2)
    known = _text(value) in CALAMINE_ERRORS
    return match.group(1) + (value if known else b"#N/A") + match.group(3)
