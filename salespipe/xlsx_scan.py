"""What an .xlsx or .xlsm sheet holds, found by streaming its XML before calamine reads it.

calamine builds each sheet as one dense grid from A1 to the last cell holding a value:
one value at XFD1048576 in a 1.5 KB file asks for 17 billion cells and aborts the
process. And python-calamine reads an error cell (``#REF!``, ``#N/A``…) and a formula
saved without its value as a blank, so the cell would vanish without a word.

This module reads the sheet's XML once, in chunks, and cheaply:

- :func:`scan_sheet` gives an upper bound of the sheet's extent (the largest row and
  the widest column of the cell references: calamine places a cell by its reference,
  whatever its row element says; a sheet with a cell written otherwise, without a
  reference or with a lowercase one, gets its exact extent) and the cells calamine
  would lose (error cells, formulas without a value). The XML is inflated with
  :mod:`zlib` straight from the archive, a megabyte at a time, and searched with numpy
  (one vectorised comparison per byte of a pattern; the row numbers of the references
  read as 8-byte integers); regular expressions only run on the cells that hold a
  formula or an error, and on the last row element of each chunk. At 100 000 deals ×
  20 columns (105 MB of XML) it costs about 0.4 s of CPU (docs/benchmarks.md);
- :func:`exact_extent` gives the true extent (only cells holding a value count, as for
  calamine, each placed as calamine places it), one regular expression per cell:
  called only when the bound is past a limit, so that a sheet with formatting far away
  but data near A1 is still read.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

import numpy as np
import numpy.typing as npt

from salespipe.core.reading.lost_cells import LostCellCap

#: The most XML inflated at once: a megabyte. Measured on the first scan of a process
#: (100 000 deals): a quarter of that is slower (0.43 s against 0.37 s of CPU: the
#: allocator maps and unmaps the memory of each small block again, a page fault per 4 KB),
#: and 4 MB hardly faster for four times the memory.
CHUNK_BYTES = 1024 * 1024
#: The longest chunk searched (a longer row is cut between two cells).
_MAX_CHUNK_BYTES = 16 * CHUNK_BYTES
#: The compressed bytes read from the file at once.
_READ_BYTES = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, name and extra field lengths

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_LAST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,10})"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
#: A cell's start tag (``<c r="A1"``, ``<c>``, ``<x:c/>``), not ``<col>`` or ``<cfRule>``.
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s/>]")
#: What places a cell (exact_extent): a row's start tag, its end tag, a cell.
_PLACED = re.compile(
    rb"<(?:\w+:)?row\b([^>]*?)(/?)>|</(?:\w+:)?row>"
    rb"|<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)",
    re.DOTALL,
)
_ROW_NUMBER = re.compile(rb"""(?:^|\s)r\s*=\s*["']([0-9]{1,10})["']""")
_ANY_REF = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])([A-Za-z]{1,3})([0-9]{1,10})\1""")
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
_XML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
#: An entity or a character reference (``&#232;``, ``&#xE8;``), as the XML part writes them.
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")


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
    """An upper bound of a sheet's extent (rows, columns) and the cells calamine loses:
    at most MAX_LOST_CELLS, then the next one, followed by ``more`` others
    (:class:`salespipe.core.reading.lost_cells.LostCellCap`)."""

    rows: int = 0
    columns: int = 0
    lost: list[LostCell] = field(default_factory=list)
    more: int = 0
    #: ``more`` by column (:attr:`salespipe.core.reading.lost_cells.LostCellCap.more_columns`).
    more_columns: dict[int, int] = field(default_factory=dict)

    @staticmethod
    def capped(rows: int, columns: int, cells: Iterable[LostCell]) -> SheetScan:
        """A scan whose lost ``cells`` (in sheet order) are capped."""
        cap: LostCellCap[LostCell] = LostCellCap()
        for cell in cells:
            cap.add(cell.row, cell.column, cell)
        return SheetScan(rows, columns, cap.cells(), cap.more, cap.more_columns)


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


def _inflated(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes, at most CHUNK_BYTES at a time. A deflated part (every sheet Excel,
    LibreOffice and openpyxl write) is inflated by zlib straight from the file: zipfile's
    reader adds a CRC-32 and small reads, a third of the cost. Like zipfile, never more
    than the size the archive declares (check_parts has bounded it)."""
    info = archive.getinfo(part)
    source = archive.fp
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1 or source is None:
        with archive.open(info) as stream:  # stored, another method, or encrypted
            while block := stream.read(CHUNK_BYTES):
                yield block
        return
    archive.open(info).close()  # zipfile's checks of the local header (BadZipFile)
    source.seek(info.header_offset)
    _, name_length, extra_length = _LOCAL_HEADER.unpack(source.read(_LOCAL_HEADER.size))
    position = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    compressed, left = info.compress_size, info.file_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # a damaged stream: zlib.error
    while compressed > 0 and left > 0:
        source.seek(position)  # the archive's file is shared: seek before each read
        data = source.read(min(_READ_BYTES, compressed))
        if not data:
            break
        position += len(data)
        compressed -= len(data)
        while data and left > 0:
            block = inflater.decompress(data, min(CHUNK_BYTES, left))
            data = inflater.unconsumed_tail
            left -= len(block)
            yield block


def _end_tag(block: bytes, name: bytes) -> int:
    """The index just past the block's last end tag of ``name`` (``</row>``, ``</x:row>``
    for ``row``), -1 if it has none."""
    end = len(block)
    while (found := block.rfind(name + b">", 0, end)) >= 0:
        tag = block.rfind(b"</", max(0, found - 64), found)  # a prefix is a few letters
        prefix = block[tag + 2 : found] if tag >= 0 else b"-"
        if not prefix or (prefix[-1:] == b":" and prefix[:-1].isalnum()):
            return found + len(name) + 1
        end = found + len(name)
    return -1


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML in chunks of about CHUNK_BYTES that end after a row's end tag: a
    cut never splits a cell or a pattern searched. A row longer than _MAX_CHUNK_BYTES is
    cut after a cell's end tag, and a cell longer than that (not a sheet Excel writes)
    anywhere: the memory stays bounded."""
    pending: list[bytes | memoryview] = []  # memoryviews: no copy before the join
    size = 0
    for block in _inflated(archive, part):
        cut = _end_tag(block, b"row")
        if cut < 0 and size + len(block) > _MAX_CHUNK_BYTES:  # a long row: cut between cells
            block, pending, size = b"".join([*pending, block]), [], 0
            cut = _end_tag(block, b"c")
            cut = len(block) if cut < 0 else cut
        if cut < 0:
            pending.append(block)
            size += len(block)
            continue
        pending.append(memoryview(block)[:cut])
        yield b"".join(pending)
        pending, size = [block[cut:]], len(block) - cut
    if rest := b"".join(pending):
        yield rest


class _Searcher:
    """Chunks of XML searched as arrays of bytes with numpy: a pattern is found with one
    vectorised comparison per byte (several times faster than ``bytes.find``), the
    comparisons shared between patterns, into arrays kept from chunk to chunk (a new
    array per comparison costs more than the comparison: its pages are mapped anew)."""

    def __init__(self) -> None:
        self.chunk = b""
        self.text = np.zeros(0, np.uint8)
        self._arrays: dict[int, npt.NDArray[np.bool_]] = {}
        self._done: set[int] = set()
        self._letters = np.zeros(0, np.uint8)

    def search(self, chunk: bytes) -> None:
        """Search ``chunk`` from now on."""
        self.chunk = chunk
        self.text = np.frombuffer(chunk, np.uint8)
        self._done.clear()
        if len(self._letters) < len(chunk):
            self._letters = np.empty(max(len(chunk), 2 * CHUNK_BYTES), np.uint8)

    def _array(self, key: int, length: int) -> npt.NDArray[np.bool_]:
        kept = self._arrays.get(key)
        if kept is None or len(kept) < length:
            kept = self._arrays[key] = np.empty(max(length, 2 * CHUNK_BYTES), np.bool_)
        return kept[:length]

    def _is(self, byte: int) -> npt.NDArray[np.bool_]:
        """Where the chunk holds ``byte`` (0: a capital letter)."""
        equal = self._array(byte, len(self.text))
        if byte not in self._done:
            if byte:
                np.equal(self.text, byte, out=equal)
            else:  # A-Z: the byte minus 65 (wrapping) is below 26
                shifted = self._letters[: len(self.text)]
                np.subtract(self.text, np.uint8(65), out=shifted)
                np.less(shifted, 26, out=equal)
            self._done.add(byte)
        return equal

    def starts(self, pattern: bytes) -> npt.NDArray[np.bool_]:
        """Where ``pattern`` starts (a mask over the chunk, shortened by the pattern's
        length; valid until the next call); a 0 byte in the pattern is a capital letter."""
        length = len(self.text) - len(pattern) + 1
        if length <= 0:
            return np.zeros(0, np.bool_)
        found = self._array(-1, length)
        np.copyto(found, self._is(pattern[0])[:length])
        for at, byte in enumerate(pattern[1:], 1):
            np.logical_and(found, self._is(byte)[at : at + length], out=found)
        return found

    def suspects(self) -> list[int]:
        """The positions of ``<f``, ``:f`` (a formula, ``<x:f>`` with a prefix) and ``t="e``
        (an error cell), in order: a cell calamine loses holds one of them."""
        found = []
        for pattern in (b"<f", b":f", b't="e'):
            if (starts := self.starts(pattern)).any():  # rare: positions only then
                found.append(np.flatnonzero(starts))
        return np.unique(np.concatenate(found)).tolist() if found else []

    def largest_reference_row(self) -> int | None:
        """The largest row number among the chunk's cell references (calamine places a
        cell by its reference, not by its row element), 0 if none; None when a cell's start
        tag is not ``<c r="`` and a capital (a cell without a reference, a prefix, a
        lowercase or single-quoted reference): calamine places those from the row element
        and the cells before, which :func:`exact_extent` follows."""
        tags = np.flatnonzero(self.starts(b"<c"))  # cells, and <cols>, <cfRule>…
        text = self.text
        if len(tags) and int(tags[-1]) + 24 > len(text):  # a tag at the chunk's very end
            text = np.concatenate((text, np.zeros(24, np.uint8)))
        # 8 bytes from each position as a big-endian integer, read through a strided view
        words = np.ndarray((max(len(text) - 7, 0),), ">u8", text.data, strides=(1,))
        heads = words[tags]  # <c r="A1
        regular = ((heads >> _U64_16) == _REF_HEAD) & _is_capital((heads >> _U64_8) & _BYTE)
        found = int(np.count_nonzero(regular))
        maybe_irregular = found != len(tags) or self.starts(b":c").any()  # <cols>, <x:c
        if maybe_irregular and len(_CELL_START.findall(self.chunk)) != found:  # rare: exactly
            return None
        if not found:
            return 0
        first, heads = tags[regular] + 6, heads[regular]  # the references' first letters
        second = _is_capital(heads & _BYTE)
        if second.any():  # past Z: the row's first digit is 1 or 2 bytes further
            third = _is_capital(text[first + 2].astype(np.uint64))
            digits = words[first + 1 + second + (second & third)]
        else:
            digits = words[first + 1]
        if not _is_digit_1_9(digits >> _U64_56).all():  # a leading 0, a lowercase letter…
            return None
        # the longest rows end last: their closing quote, the first byte of the eight
        # equal to ``"`` (exactly, bytewise: no carry), is the lowest bit; none in eight
        # bytes, the longest of all (0). Among rows as long, the largest is the largest
        # integer (the same quote follows them).
        quoted = digits ^ _QUOTES
        quotes = ~(((quoted & _LOW7) + _LOW7) | quoted) & _HIGH
        ends = np.frexp(quotes.astype(np.float64))[1]  # the quote's bit, 0 if none
        end = int(ends.min())
        best = digits[ends == end].max().item().to_bytes(8, "big")
        number = best[: len(best) - len(best.lstrip(b"0123456789"))]
        if not end or len(number) != (64 - end) // 8:  # 8 digits, or not a row number
            return None
        return int(number)

    def widest_column(self) -> int:
        """The widest column among the cell references past Z (`` r="AB12"``, at most
        three letters then a digit), 0 if none."""
        starts = np.flatnonzero(self.starts(b' r="\0\0'))  # rare: past Z only
        if not len(starts):
            return 0
        last = len(self.text) - 1
        first, second, third, fourth = (  # a byte past the chunk's end is 0, no letter
            np.where(starts + at <= last, self.text[np.minimum(starts + at, last)], 0).astype(
                np.int64
            )
            for at in (4, 5, 6, 7)
        )
        pair = (first - 64) * 26 + second - 64
        three = _is_upper(third) & _is_digit(fourth)
        if three.any():
            return int((pair * 26 + third - 64)[three].max())
        two = _is_digit(third)
        return int(pair[two].max()) if two.any() else 0


_REF_HEAD = np.uint64(int.from_bytes(b'<c r="', "big"))
_U64_8, _U64_16, _U64_56, _BYTE = (np.uint64(n) for n in (8, 16, 56, 0xFF))
_QUOTES, _LOW7, _HIGH = (
    np.uint64(int.from_bytes(byte * 8, "big")) for byte in (b'"', b"\x7f", b"\x80")
)


def _is_digit_1_9(byte: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    return (byte - np.uint64(49)) < np.uint64(9)  # 1-9: a row number's first digit


def _is_capital(byte: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    return (byte - np.uint64(65)) < np.uint64(26)  # A-Z (a byte below wraps around)


def _is_upper(byte: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    return (byte >= 65) & (byte <= 90)  # A-Z


def _is_digit(byte: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    return (byte >= 48) & (byte <= 57)  # 0-9


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """The bound of the sheet's extent and its lost cells, in one pass over the XML."""
    scan = SheetScan()
    cap: LostCellCap[LostCell] = LostCellCap()
    widest = rows_seen = 0
    placed_by_calamine = False  # a cell without a regular reference: placed as calamine does
    searched = _Searcher()
    for chunk in _chunks(archive, part):
        searched.search(chunk)
        rows_seen += int(np.count_nonzero(searched.starts(b"row>")))  # </row>, </x:row>
        last = chunk.rfind(b"row ")
        if last >= 0 and (match := _LAST_ROW.search(chunk, max(0, last - 16))):
            scan.rows = max(scan.rows, int(match.group(1)))
        if (row := searched.largest_reference_row()) is None:
            placed_by_calamine = True
        else:
            scan.rows = max(scan.rows, row)
        widest = max(widest, searched.widest_column())
        if len(suspects := searched.suspects()):  # rare but in the template's formulas
            for lost in _lost_cells(chunk, suspects):
                cap.add(lost.row, lost.column, lost)
    scan.rows = max(scan.rows, rows_seen)
    scan.columns = max(widest, 26)
    scan.lost, scan.more, scan.more_columns = cap.cells(), cap.more, cap.more_columns
    if placed_by_calamine:  # rare (a writer leaving references out, a hostile file)
        rows, columns = exact_extent(archive, part)
        scan.rows, scan.columns = max(scan.rows, rows), max(scan.columns, columns)
    return scan


def _lost_cells(chunk: bytes, suspects: list[int]) -> Iterator[LostCell]:
    """Error cells and formulas saved without a value in ``chunk``, in order: only the
    cells holding a suspect position are parsed, each once, each from the last ``<c``
    before it (a cell's start)."""
    parsed = 0  # the end of the last cell parsed
    for suspect in suspects:
        while parsed <= suspect:
            match = _CELL.search(chunk, max(parsed, chunk.rfind(b"<c", parsed, suspect)))
            if match is None:  # no cell from there to the chunk's end
                return
            parsed = match.end()
            if lost := _lost_cell(match):
                yield lost


def _lost_cell(match: re.Match[bytes]) -> LostCell | None:
    """The cell ``match`` if calamine loses it: an error cell or a formula without value."""
    attributes, body = match.group(1), match.group(2) or b""
    kind_match = _TYPE.search(attributes)
    kind = kind_match.group(1) if kind_match else b"n"
    value = _VALUE.search(body)
    if kind == b"e" and value:
        kind_text = ("error", xml_text(value.group(1)))
    elif kind != b"str" and not (value and value.group(1)) and b"<is>" not in body:
        formula = _FORMULA.search(body)
        if formula is None:
            return None
        kind_text = ("formula", "=" + xml_text(formula.group(1) or b""))
    else:
        return None
    ref = _REF.search(attributes)
    if ref is None:  # a cell without a reference is rare: it cannot be placed, so it is left out
        return None
    return LostCell(int(ref.group(2)), column_number(ref.group(1).decode()), *kind_text)


def xml_text(raw: bytes) -> str:
    """The text of an XML part's bytes as the person sees it: entities and character
    references (``'Param&#232;tres'!B9``, as openpyxl writes a formula) replaced in one
    pass; also the .ods scan's."""
    text = raw.decode("utf-8", errors="replace")
    return _REFERENCE.sub(_unescape, text) if "&" in text else text


def _unescape(found: re.Match[str]) -> str:
    name = found.group(1)
    if not name.startswith("#"):
        return _XML_ENTITIES[name]
    code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else found.group(0)


def exact_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """(rows, columns) counting only the cells that hold a value, as calamine
    does: a cell only formatted (``<c r="XFD9" s="1"/>``) does not widen the grid. Each
    cell is placed where calamine places it: at its reference (any case, any quote), else
    at the row of its row element (its ``r``, or the one after the previous row) and the
    column after the previous cell's."""
    rows = columns = 0
    row = column = 0  # calamine's next position, 0-based
    for chunk in _chunks(archive, part):
        for match in _PLACED.finditer(chunk):
            if match.group(0)[1:2] == b"/":  # </row>
                row, column = row + 1, 0
            elif match.group(2) is not None:  # <row …> or <row …/>
                if number := _ROW_NUMBER.search(match.group(1)):
                    row = int(number.group(1)) - 1
                if match.group(2):
                    row, column = row + 1, 0
            else:
                at_row, at_column = row, column
                if ref := _ANY_REF.search(match.group(3)):
                    at_row = int(ref.group(3)) - 1
                    at_column = column_number(ref.group(2).decode().upper()) - 1
                column = at_column + 1
                body = match.group(4)
                if body and (_VALUE.search(body) or b"<is>" in body or b":is>" in body):
                    rows, columns = max(rows, at_row + 1), max(columns, at_column + 1)
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
    known = xml_text(value) in CALAMINE_ERRORS
    return match.group(1) + (value if known else b"#N/A") + match.group(3)
