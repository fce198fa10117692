"""What an .ods workbook's sheets hold, found by streaming its ``content.xml`` before
calamine reads it (as :mod:`salespipe.xlsx_scan` does for .xlsx).

An .ods row or cell can say it repeats (``table:number-rows-repeated``,
``table:number-columns-repeated``): one value after a cell repeated 16 383 times, in a
row repeated a million times, is a 2 KB file that calamine would build as a grid of 17
billion cells. And python-calamine reads an error cell (LibreOffice saves ``#DIV/0!``
as ``calcext:value-type="error"`` with an empty string value) and a formula saved without
its value as blanks.

:func:`scan_ods` walks the start tags of tables, rows and cells once, in chunks, and
gives each sheet's exact extent (the last row and column holding a value, repeats
counted, as calamine counts them) and its lost cells, capped as every format's are: a
repeated lost cell is counted by its area, never unrolled past the cap
(:meth:`salespipe.core.reading.lost_cells.LostCellCap.add_rows`).
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from salespipe.core.reading.lost_cells import LostCellCap
from salespipe.read_limits import past_limits
from salespipe.xlsx_scan import CHUNK_BYTES, LostCell
from salespipe.xlsx_scan import xml_text as _text

CONTENT = "content.xml"
_ROW_END = b"</table:table-row>"
_ROW_START = b"<table:table-row"
_TAG_START = b"<table:"
# A table's start tag (a sheet), followed by a space or its end: ``<table:table-row``
# and ``<table:table-cell`` are not (searched for literally, as they are everywhere).
_TAG_ENDS = (b" ", b">", b"/", b"\n", b"\r", b"\t")
_TABLE_STARTS = tuple(b"<table:table" + end for end in _TAG_ENDS if end != b"/")
# An attribute as quick-xml (calamine's parser) reads it: single or double quotes, spaces
# around ``=``; a value may hold ``>`` (a tag's end is found skipping quoted values).
_ATTRIBUTE = re.compile(rb"([^\s=<>/\"']+)\s*=\s*([\"'])(.*?)\2", re.S)
_TAG = re.compile(rb"[^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+>")
# Every repeat a row may hold (a bound: a match in another attribute's value only adds).
_COLUMNS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"']\s*\+?([0-9]+)")
_FORMULA_ATTRIBUTE = b"table:formula"
_FORMULA = b"formula"
# A formula with its value, as LibreOffice writes the attributes.
_FORMULA_WITH_VALUE = re.compile(rb'table:formula="[^"]*" office:value-type="')
# What makes calamine read a value (ods.rs get_datatype): one of these attributes, or a
# string cell whose text is its content.
_VALUE_ATTRIBUTES = (
    b"office:value",
    b"office:string-value",
    b"office:date-value",
    b"office:time-value",
    b"office:boolean-value",
)
_VALUE_TYPE = b"office:value-type"
_CALC_VALUE_TYPE = b"calcext:value-type"
_LOCAL_VALUE_TYPE = b":value-type"  # calcext:value-type under another prefix
_CELL_END = b"</table:table-cell>"
_MARKUP = re.compile(rb"<[^>]*>")
# A comment on the cell: its text is not what the cell shows.
_ANNOTATION = re.compile(
    rb"<office:annotation(?=[\s/>])(?:[^>]*/>|.*?</office:annotation\s*>)", re.S
)
# XML's five entities and its character references (&#233; &#xE9;), as quick-xml
# unescapes them: a sheet named with them is keyed under calamine's name.
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml\s[^?]*\?>")


@dataclass
class OdsSheet:
    """A sheet's extent (the last row and column holding a value or a lost cell) and its
    lost cells, capped: ``(kind, text)`` by position."""

    rows: int = 0
    columns: int = 0
    cap: LostCellCap[tuple[str, str]] = field(default_factory=LostCellCap)

    def lost_cells(self) -> list[LostCell]:
        """The lost cells kept, in sheet order, then the next one (:attr:`more` others
        after it)."""
        return [LostCell(row, column, *lost) for row, column, lost in self.cap.entries()]

    @property
    def more(self) -> int:
        return self.cap.more


def _blocks(archive: zipfile.ZipFile, rewritten: bool) -> Iterator[bytes]:
    """``content.xml`` as read, or (``rewritten``) as :class:`_Rewriter` rewrites it."""
    rewriter = _Rewriter() if rewritten else None
    with archive.open(CONTENT) as stream:
        while block := stream.read(CHUNK_BYTES):
            yield rewriter.feed(block) if rewriter else block
    if rewriter:
        yield rewriter.feed(b"", last=True)


def _chunks(archive: zipfile.ZipFile, rewritten: bool = False) -> Iterator[bytes]:
    """``content.xml`` in chunks that end after a row's end tag (a row is never cut). Each
    block read is searched once, with the end of the blocks before it (an end tag may
    straddle two blocks): a row of 100 MB costs one pass, not one per block."""
    pending: list[bytes] = []
    overlap = b""  # the last bytes pending, shorter than an end tag
    for block in _blocks(archive, rewritten):
        found = (overlap + block).rfind(_ROW_END)
        if found < 0:
            pending.append(block)
            overlap = (overlap + block)[1 - len(_ROW_END) :]
            continue
        cut = found + len(_ROW_END) - len(overlap)  # in block, at least 1
        yield b"".join([*pending, block[:cut]])
        pending = [block[cut:]]
        overlap = block[cut:][1 - len(_ROW_END) :]
    if rest := b"".join(pending):
        yield rest


class _HiddenMarkup(Exception):
    """A chunk holds markup whose text the byte searches would misread (:data:`_HIDDEN`)."""


class _Rewriter:
    """The XML, block by block, as quick-xml (calamine's parser) reads it, with no text
    the scan's byte searches could take for a tag: comments, processing instructions and
    declarations (DOCTYPE) left out, a CDATA section's text escaped, and ``<`` and ``>``
    escaped inside a tag's attribute values (quick-xml reads them whole), as LibreOffice
    writes them. Memory stays one block: a construct left open across blocks is carried
    on, not kept."""

    _OPENERS = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))

    def __init__(self) -> None:
        self.closing = b""  # the end of the comment, CDATA or instruction being read
        self.cdata = False
        self.quote = b""  # in a tag: the quote of the value being read, or _OUTSIDE
        self.declaration = 0  # in a declaration: its depth of < and >
        self.pending = b""  # the last bytes of a block that may start or end a construct

    def feed(self, block: bytes, last: bool = False) -> bytes:
        text, self.pending = self.pending + block, b""
        out: list[bytes] = []
        at = 0
        while at < len(text):
            if self.closing:
                found = text.find(self.closing, at)
                stop = found if found >= 0 else max(at, len(text) - len(self.closing) + 1)
                if self.cdata:
                    out.append(_escaped(text[at:stop]))
                if found < 0:
                    self.pending = b"" if last else text[stop:]
                    break
                at, self.closing = found + len(self.closing), b""
            elif self.quote:
                at = self._tag(text, at, out)
            elif self.declaration:
                angle = _ANGLE.search(text, at)
                if angle is None:
                    break
                self.declaration += 1 if angle.group() == b"<" else -1
                at = angle.end()
            else:
                start = text.find(b"<", at)
                if start < 0:
                    out.append(text[at:])
                    break
                out.append(text[at:start])
                if len(text) - start < len(b"<![CDATA[") and not last:
                    self.pending = text[start:]
                    break
                at = self._open(text, start, out)
        return b"".join(out)

    def _open(self, text: bytes, start: int, out: list[bytes]) -> int:
        for opener, closing in self._OPENERS:
            if text.startswith(opener, start):
                self.closing, self.cdata = closing, opener == b"<![CDATA["
                return start + len(opener)
        if text.startswith(b"<!", start):
            self.declaration = 1
            return start + 2
        out.append(b"<")
        self.quote = _OUTSIDE
        return start + 1

    def _tag(self, text: bytes, at: int, out: list[bytes]) -> int:
        """Copies the tag from ``at`` to its next quote or ``>`` (outside a value) or to
        the value's closing quote (inside one, ``>`` escaped too), ``<`` escaped."""
        if self.quote == _OUTSIDE:
            found = _TAG_STOP.search(text, at)
            stop = found.start() if found else len(text)
        else:
            stop = text.find(self.quote, at)
            stop = len(text) if stop < 0 else stop
        piece = text[at:stop].replace(b"<", b"&lt;")
        out.append(piece if self.quote == _OUTSIDE else piece.replace(b">", b"&gt;"))
        if stop < len(text):
            mark = text[stop : stop + 1]
            out.append(mark)
            if self.quote != _OUTSIDE:  # the value's closing quote
                self.quote = _OUTSIDE
            else:  # a value's opening quote, or the tag's end
                self.quote = b"" if mark == b">" else mark
            stop += 1
        return stop


_OUTSIDE = b"\0"  # in a tag, outside its attribute values
_TAG_STOP = re.compile(rb"[\"'>]")
_ANGLE = re.compile(rb"[<>]")


def _escaped(text: bytes) -> bytes:
    return text.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")


def scan_ods(archive: zipfile.ZipFile) -> dict[str, OdsSheet]:
    """``{sheet name: its extent and lost cells}``; empty without a ``content.xml``.

    Most rows are counted with byte searches only: a row holding no value is skipped with
    its repeats; a row without error cells or formulas lacking a value has at most as
    many columns as its cells and their repeats, once the empty cells that end it are
    set aside. That bound can exceed the last value (an empty cell with a style before
    the row's end): when it is past a limit, the sheets are scanned again cell by cell,
    exactly.
    """
    if CONTENT not in archive.namelist():
        return {}
    rewritten = False
    try:
        sheets = _scan(archive, exact=False, rewritten=False)
    except _HiddenMarkup:  # not as LibreOffice writes: read again, rewritten
        rewritten = True
        sheets = _scan(archive, exact=False, rewritten=True)
    if any(past_limits(sheet.rows, sheet.columns) for sheet in sheets.values()):
        sheets = _scan(archive, exact=True, rewritten=rewritten)
    return sheets


def _scan(archive: zipfile.ZipFile, exact: bool, rewritten: bool) -> dict[str, OdsSheet]:
    """The sheets; :class:`_HiddenMarkup` when not ``rewritten`` and the XML holds markup
    the byte searches would misread."""
    sheets: dict[str, OdsSheet] = {}
    sheet = OdsSheet()
    row = 0  # rows before the current one
    declared = rewritten  # the XML declaration <?xml …?> passed
    for chunk in _chunks(archive, rewritten):
        searched = _Searched(chunk)
        if not rewritten and _hides_markup(searched, 0 if declared else _declaration_end(chunk)):
            raise _HiddenMarkup
        declared = True
        row_starts = (
            len(searched.positions(_ROW_START))
            - len(searched.positions(b"<table:table-row-group"))
            - len(searched.positions(b"<table:table-rows"))
        )
        holds = _Holds(
            odd_rows=row_starts != len(searched.positions(_ROW_END)),
            lost=_may_lose_cells(chunk, len(searched.positions(_FORMULA_ATTRIBUTE))),
            exact=exact,
        )
        tables = sorted(
            position for tag in _TABLE_STARTS for position in searched.positions(tag).tolist()
        )
        for index, (begin, stop) in enumerate(
            zip([0, *tables], [*tables, len(chunk)], strict=True)
        ):
            if index:  # a table starts: a new sheet
                named = _attributes(chunk[begin : _tag_end(chunk, begin)]).get(b"table:name")
                sheet, row = OdsSheet(), 0
                sheets[_text(named or b"")] = sheet
            part = chunk[begin:stop] if tables else chunk
            if holds.exact or holds.lost or holds.odd_rows:
                for text in part.split(_ROW_END):
                    row = _scan_row(sheet, row, text, holds)
            else:
                row = _scan_rows(sheet, row, searched.within(begin, stop), holds)
    return sheets


def _declaration_end(chunk: bytes) -> int:
    """Where the XML declaration (``<?xml version="1.0" encoding="UTF-8"?>``) ends."""
    found = _DECLARATION.match(chunk)
    return found.end() if found else 0


def _hides_markup(searched: _Searched, start: int) -> bool:
    """Whether the chunk, from ``start``, may hold text the byte searches would take for a
    tag (a ``</table:table-row>`` or ``<table:``): a comment, CDATA section, processing
    instruction or declaration (quick-xml, calamine's parser, skips them or reads them as
    text), or a ``<`` or ``>`` in an attribute value (quick-xml reads ``a="<"`` as a
    value; XML forbids it). Each ``<`` must start a tag that ends at the first ``>`` after
    it, before the next ``<``, its quotes closed. Checked with numpy over the chunk at once
    (:func:`_quotes_paired` for LibreOffice's XML, :func:`_quotes_closed` otherwise)."""
    opens, closes = searched.positions(b"<"), searched.positions(b">")
    opens, closes = opens[opens >= start], closes[closes >= start]
    if not len(opens):
        return False
    alternate = (
        len(opens) == len(closes)
        and not np.any(closes < opens)
        and not np.any(opens[1:] < closes[:-1])
    )
    if alternate:  # no ">" in the text: each tag ends at the next ">"
        ends = closes
    else:
        following = np.searchsorted(closes, opens)
        if following[-1] == len(closes):  # a tag left open
            return True
        ends = closes[following]
        if np.any(opens[1:] < ends[:-1]):  # a "<" before a tag's first ">"
            return True
    kinds = searched.text[opens + 1]
    if np.any((kinds == ord("!")) | (kinds == ord("?"))):
        return True
    if alternate and b"'" not in searched.chunk and _quotes_paired(searched, start, opens, ends):
        return False
    return not _quotes_closed(searched, opens, ends)


def _quotes_paired(
    searched: _Searched, start: int, opens: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]
) -> bool:
    """Whether each ``"`` is in a tag, paired with the next one in the same tag: the XML
    LibreOffice writes (it escapes ``<``, ``>``, ``"`` and ``'`` in text and values)."""
    quotes = searched.positions(b'"')
    quotes = quotes[quotes >= start]
    tags = np.searchsorted(ends, quotes)  # the tag each quote is in, if in one
    if len(quotes) % 2 or np.any(tags == len(ends)):
        return False
    return not (np.any(opens[tags] > quotes) or np.any(tags[0::2] != tags[1::2]))


def _quotes_closed(
    searched: _Searched, opens: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]
) -> bool:
    """Whether each tag (``opens[i]`` to ``ends[i]``) ends at its first ``>``, quotes
    closed, whatever the text between the tags holds: an even count of ``"`` in the tags
    without an apostrophe, the others matched one by one."""
    text = searched.text[: len(searched.chunk)]
    bounds = np.empty(2 * len(opens), np.intp)
    bounds[0::2], bounds[1::2] = opens, ends  # increasing: the tags and the text after
    odd = np.add.reduceat(text == ord('"'), bounds)[0::2] % 2 == 1
    quoted = np.add.reduceat(text == ord("'"), bounds)[0::2] > 0
    for begin, end in zip(opens[quoted].tolist(), ends[quoted].tolist(), strict=True):
        if _tag_end(searched.chunk, begin) != end + 1:
            return False
    return not np.any(odd & ~quoted)


def _row_start(text: bytes, position: int) -> int:
    """Where the next row's start tag is, from ``position``; -1 if none. A group of rows
    (``<table:table-row-group>``, ``<table:table-rows>``) is not a row."""
    while (found := text.find(_ROW_START, position)) >= 0:
        if text[found + len(_ROW_START) : found + len(_ROW_START) + 1] in _TAG_ENDS:
            return found
        position = found + 1
    return -1


def _last_row_start(text: bytes) -> int:
    """Where the last row's start tag is; -1 if none."""
    end = len(text)
    while (found := text.rfind(_ROW_START, 0, end)) >= 0:
        if text[found + len(_ROW_START) : found + len(_ROW_START) + 1] in _TAG_ENDS:
            return found
        end = found + len(_ROW_START) - 1
    return -1


def _row_starts(chunk: bytes) -> int:
    """How many rows start in ``chunk``."""
    groups = chunk.count(b"<table:table-row-group") + chunk.count(b"<table:table-rows")
    return chunk.count(_ROW_START) - groups


@dataclass(frozen=True)
class _Holds:
    """What a chunk holds, which decides how much each of its rows needs looking at."""

    odd_rows: bool  # a row written ``<table:table-row/>``, before another row
    lost: bool  # maybe an error cell or a formula without its value
    exact: bool  # every cell looked at


def _scan_row(sheet: OdsSheet, row: int, text: bytes, holds: _Holds) -> int:
    """Counts one row (``text`` up to its end tag) into ``sheet``; the rows after it."""
    start = _row_start(text, 0)
    if start < 0:
        return row
    if holds.odd_rows and (last := _last_row_start(text)) > start:
        # rows written <table:table-row/> before the last: counted at once unless repeated
        if text.find(b"repeated", start, last) < 0:
            row += _row_starts(text[start:last])
            start = last
        while (following := _row_start(text, start + 1)) >= 0:
            row += _repeats(b"table:number-rows-repeated", text[start : _tag_end(text, start)])
            start = following
    tag_end = _tag_end(text, start)
    repeats = _repeats(b"table:number-rows-repeated", text[start:tag_end])
    if b"value" not in text and b"formula" not in text:  # nothing calamine reads
        return row + repeats
    end = _trim_empty_cells(text, len(text))
    if holds.exact or (holds.lost and (_may_be_error(text) or _FORMULA_ATTRIBUTE in text)):
        columns = _scan_cells(sheet, row, repeats, text, tag_end, end)
    else:  # a bound: every cell (and covered cell) counted, with its repeats
        columns = text.count(b"<table:", tag_end, end)  # end tags are </table:…
        if text.find(b"repeated", tag_end, end) >= 0:
            columns += sum(
                int(times) - 1 for times in _COLUMNS_REPEATED.findall(text, tag_end, end)
            )
    if columns:
        sheet.rows = row + repeats
        sheet.columns = max(sheet.columns, columns)
    return row + repeats


class _Searched:
    """A chunk searched with numpy: a pattern's first and last bytes compared over the
    whole chunk (one comparison per byte), then eight bytes at once where both match."""

    def __init__(self, chunk: bytes) -> None:
        self.chunk = chunk
        self.text = np.frombuffer(chunk + bytes(8), np.uint8)
        # the 8 bytes starting at each position, little-endian (one compare for 8 bytes)
        self.words = np.ndarray((len(chunk) + 1,), "<u8", self.text.data, strides=(1,))
        self.begin, self.stop = 0, len(chunk)
        self._found: dict[bytes, npt.NDArray[np.intp]] = {}

    def within(self, begin: int, stop: int) -> _Searched:
        """The same chunk, searched in ``[begin, stop)`` only (a sheet's part)."""
        part = copy.copy(self)
        part.begin, part.stop = begin, stop
        return part

    def positions(self, needle: bytes) -> npt.NDArray[np.intp]:
        """Where ``needle`` starts (all of it between begin and stop), in order."""
        found = self._all(needle)
        return found[
            np.searchsorted(found, self.begin) : np.searchsorted(
                found, self.stop - len(needle), "right"
            )
        ]

    def _all(self, needle: bytes) -> npt.NDArray[np.intp]:
        if needle not in self._found:
            self._found[needle] = self._positions(needle)
        return self._found[needle]

    def _positions(self, needle: bytes) -> npt.NDArray[np.intp]:
        text = self.text[: len(self.chunk)]
        if len(needle) == 1:  # one byte: compared over the whole chunk at once
            return np.flatnonzero(text == needle[0])
        skip = 0
        if needle.startswith(b"<"):  # markup: among the "<" found, or the tags found
            skip = len(_TAG_START) if needle.startswith(_TAG_START) and needle != _TAG_START else 1
            found = self._all(_TAG_START if skip > 1 else b"<")
        elif needle == _FORMULA_ATTRIBUTE:  # among the formulas found
            found = self._all(_FORMULA)
            found = found[found >= len(b"table:")] - len(b"table:")
        else:  # its first and last bytes compared over the whole chunk at once
            first = text[: max(len(text) - len(needle) + 1, 0)] == needle[0]
            first &= text[len(needle) - 1 :] == needle[-1]
            found = np.flatnonzero(first)
        found = found[found <= len(self.chunk) - len(needle)]
        if skip:
            found = found[self.text[found + len(needle) - 1] == needle[-1]]  # few pass
        for at in range(skip, len(needle), 8):
            piece = needle[at : at + 8]
            words = self.words[found + at]
            if len(piece) < 8:
                words = words & np.uint64((1 << (8 * len(piece))) - 1)
            found = found[words == np.uint64(int.from_bytes(piece, "little"))]
        return found


def _count(
    found: npt.NDArray[np.intp], begin: npt.NDArray[np.intp], end: npt.NDArray[np.intp]
) -> npt.NDArray[np.intp]:
    """How many of ``found`` (sorted) are in each ``[begin, end)``."""
    return np.searchsorted(found, end) - np.searchsorted(found, begin)


def _scan_rows(sheet: OdsSheet, row: int, searched: _Searched, holds: _Holds) -> int:
    """Counts the rows of a sheet's part of a chunk (no error cell, no formula without
    its value, no odd row) into ``sheet`` as :func:`_scan_row` does, the common rows at
    once with numpy: one row start, no rows repeated, cells repeated only as LibreOffice
    writes it (``table:number-columns-repeated="3"``), one trailing empty cell at most
    (LibreOffice's ``<table:table-cell table:number-columns-repeated="16364"/>``, set
    aside). The other rows go through :func:`_scan_row`. The row count and columns so
    found are a bound, as :func:`_scan_row`'s: past a limit, the sheets are scanned again
    cell by cell."""
    text, chunk = searched.text, searched.chunk
    ends = searched.positions(_ROW_END)
    if not len(ends):
        return _scan_row(sheet, row, chunk[searched.begin : searched.stop], holds)
    begins = np.concatenate(([searched.begin], ends[:-1] + len(_ROW_END))).astype(np.intp)
    starts = searched.positions(_ROW_START)
    after = text[np.minimum(starts + len(_ROW_START), len(text) - 1)]
    starts = starts[np.isin(after, np.frombuffer(b"".join(_TAG_ENDS), np.uint8))]
    tags = searched.positions(_TAG_START)
    values = searched.positions(b"value")
    formulas = searched.positions(_FORMULA)
    repeated = searched.positions(b"repeated")
    one_start = _count(starts, begins, ends) == 1
    if len(starts):
        first = starts[np.minimum(np.searchsorted(starts, begins), len(starts) - 1)]
        row_start = np.where(one_start, first, ends)
    else:
        row_start = ends
    # the trailing empty cell: the last tag, a cell ending in "/>" with no value
    last_tag = tags[np.maximum(np.searchsorted(tags, ends) - 1, 0)] if len(tags) else ends
    trailing = (
        (ends >= 2)
        & (text[np.maximum(ends - 2, 0)] == ord("/"))
        & (text[np.maximum(ends - 1, 0)] == ord(">"))
        & (last_tag > row_start)
        & (_count(values, last_tag, ends) == 0)
        & (_count(formulas, last_tag, ends) == 0)
        & (_is_at(text, last_tag + 7, b"table-cell") | _is_at(text, last_tag + 7, b"covered"))
    )
    end = np.where(trailing, last_tag, ends)
    after_start = np.searchsorted(tags, row_start, "right")  # the row's first cell
    first_cell = (
        np.where(after_start < len(tags), tags[np.minimum(after_start, len(tags) - 1)], end)
        if len(tags)
        else end
    )
    first_cell = np.minimum(first_cell, end)
    before = text[np.maximum(end - 1, 0)]
    canonical, times = _columns_repeated(searched, repeated)
    more = np.concatenate(([0], np.cumsum(times[canonical] - 1)))
    counted = repeated[canonical]
    fast = (
        one_start
        & (_count(repeated[~canonical], begins, end) == 0)
        & (_count(repeated, begins, first_cell) == 0)  # none in the row's own tag
        & ~(
            trailing
            & (
                np.isin(before, _SPACES)
                | (before == ord(">")) & (text[np.maximum(end - 2, 0)] == ord("/"))
            )
        )
    )
    columns = np.searchsorted(tags, end) - np.searchsorted(tags, row_start, "right")
    columns += more[np.searchsorted(counted, end)] - more[np.searchsorted(counted, row_start)]
    valued = (_count(values, begins, ends) + _count(formulas, begins, ends) > 0) & (columns > 0)
    index = 0
    for slow in [*np.flatnonzero(~fast).tolist(), len(ends)]:
        if slow > index:  # rows index … slow - 1, counted at once
            held = np.flatnonzero(valued[index:slow])
            if len(held):
                sheet.rows = row + int(held[-1]) + 1
                sheet.columns = max(sheet.columns, int(columns[index:slow][held].max()))
            row += slow - index
        if slow < len(ends):
            row = _scan_row(sheet, row, chunk[begins[slow] : ends[slow]], holds)
        index = slow + 1
    rest = int(ends[-1]) + len(_ROW_END)
    return _scan_row(sheet, row, chunk[rest : searched.stop], holds)


_COLUMNS_NAME = b"table:number-columns-"
_DIGITS = 6  # a value of at most 6 digits is read here; others by the row's parse


def _columns_repeated(
    searched: _Searched, repeated: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Which of the ``repeated`` found are ``table:number-columns-repeated="N"`` written
    as LibreOffice writes it (no space, double quotes, 1 to 6 digits), and their N (0
    for the others, which :func:`_scan_row` reads)."""
    text = searched.text
    named = repeated >= len(_COLUMNS_NAME)
    for at, byte in enumerate(_COLUMNS_NAME):
        named &= text[np.maximum(repeated - len(_COLUMNS_NAME) + at, 0)] == byte
    value = repeated + len(b'repeated="')
    limit = len(searched.chunk) - 1
    named &= (text[np.minimum(value - 2, limit)] == ord("=")) & (
        text[np.minimum(value - 1, limit)] == ord('"')
    )
    digits = np.stack(
        [text[np.minimum(value + at, limit)] for at in range(_DIGITS + 1)], axis=1
    ).astype(np.int64) - ord("0")
    is_digit = (digits >= 0) & (digits <= 9)
    length = np.argmin(is_digit, axis=1)  # the first byte that is not a digit
    after = digits[np.arange(len(repeated)), length] + ord("0")
    canonical = named & (length >= 1) & (after == ord('"')) & is_digit[:, 0]
    times = np.zeros(len(repeated), np.int64)
    for at in range(_DIGITS):
        inside = at < length
        times = np.where(inside, times * 10 + np.where(is_digit[:, at], digits[:, at], 0), times)
    return canonical, times


_SPACES = np.frombuffer(b" \t\n\r\x0b\x0c", np.uint8)  # what bytes.rstrip() strips


def _is_at(
    text: npt.NDArray[np.uint8], at: npt.NDArray[np.intp], word: bytes
) -> npt.NDArray[np.bool_]:
    """Whether ``word`` is at each of ``at`` in ``text``."""
    found = np.ones(len(at), np.bool_)
    for offset, byte in enumerate(word):
        where = at + offset
        found &= (where < len(text)) & (text[np.minimum(where, len(text) - 1)] == byte)
    return found


def _may_lose_cells(chunk: bytes, formulas: int) -> bool:
    """False when ``chunk`` holds no error cell and every formula has its value (it
    holds ``formulas`` formula attributes), as LibreOffice writes them: its rows then
    need no look at each cell."""
    if _may_be_error(chunk):
        return True
    return bool(formulas) and formulas != len(_FORMULA_WITH_VALUE.findall(chunk))


def _may_be_error(text: bytes) -> bool:
    """Whether ``text`` may hold an error cell: ``error``, or written with character
    references (``calcext:value-type="&#101;rror"`` is an error for LibreOffice)."""
    return b"error" in text or (b"&" in text and b"&#" in text)  # memchr finds "&" first


def _trim_empty_cells(text: bytes, end: int) -> int:
    """Where the row's last cells end once its trailing empty cells are set aside
    (LibreOffice ends each row with ``<table:table-cell table:number-columns-repeated=
    "16381"/>``)."""
    if not text.endswith(b"/>"):
        return end
    while (start := text.rfind(b"<table:", 0, end)) >= 0:
        tail = text[start:end].rstrip()
        if not (
            tail.endswith(b"/>")
            and (tail.startswith(b"<table:table-cell") or tail.startswith(b"<table:covered"))
            and b"value" not in tail
            and b"formula" not in tail
        ):
            break
        end = start
    return end


def _scan_cells(sheet: OdsSheet, row: int, rows: int, text: bytes, start: int, end: int) -> int:
    """The last column of the row holding a value or a lost cell; its lost cells, into
    the sheet's cap (the row repeated ``rows`` times)."""
    column = last = 0
    runs: list[tuple[int, int, tuple[str, str]]] = []  # (column, columns, (kind, text))
    while (found := text.find(b"<table:", start, end)) >= 0:
        start = _tag_end(text, found)
        tag = text[found + 7 : start - 1]
        if not (tag.startswith(b"table-cell") or tag.startswith(b"covered-table-cell")):
            continue
        attributes = _attributes(tag)
        repeats = _repeats(b"table:number-columns-repeated", attributes)
        if lost := _lost(attributes, text, start, tag.endswith(b"/")):
            runs.append((column + 1, repeats, lost))
            last = column + repeats
        elif _has_value(attributes):
            last = column + repeats
        column += repeats
    sheet.cap.add_rows(row + 1, rows, runs)
    return last


def _tag_end(text: bytes, start: int) -> int:
    """Where the start tag at ``start`` ends (after its ``>``, skipping quoted values)."""
    found = _TAG.match(text, start)
    return found.end() if found else len(text)


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    """A start tag's attributes, as quick-xml reads them (the first of a name counts)."""
    found: dict[bytes, bytes] = {}
    for match in _ATTRIBUTE.finditer(tag):
        found.setdefault(match.group(1), match.group(3))
    return found


def _repeats(name: bytes, tag: bytes | dict[bytes, bytes]) -> int:
    """The repeats a tag (its text or its attributes) gives, 1 when none or unreadable."""
    if isinstance(tag, bytes):
        if b"repeated" not in tag:
            return 1
        tag = _attributes(tag)
    value = tag.get(name, b"").strip()
    return max(1, int(value)) if value.lstrip(b"+").isdigit() else 1


def _has_value(attributes: dict[bytes, bytes]) -> bool:
    return attributes.get(_VALUE_TYPE) == b"string" or any(
        name in attributes for name in _VALUE_ATTRIBUTES
    )


def _lost(
    attributes: dict[bytes, bytes], row: bytes, end: int, empty: bool
) -> tuple[str, str] | None:
    """(kind, text) for an error cell (its text: the error shown, in ``row`` after ``end``)
    or a formula saved without a value, else None."""
    if _is_error(attributes):
        shown = b"" if empty else row[end : row.find(_CELL_END, end)]
        shown = _MARKUP.sub(b"", _ANNOTATION.sub(b"", shown))
        return "error", _text(shown).strip() or "#N/A"
    formula = attributes.get(_FORMULA_ATTRIBUTE)
    if formula is None or _VALUE_TYPE in attributes or _has_value(attributes):
        return None
    text = _text(formula)
    namespace, colon, rest = text.partition(":")  # of:=SUM(…), oooc:=…
    if colon and namespace.isalpha() and rest.startswith("="):
        text = rest
    return "formula", text if text.startswith("=") else "=" + text


def _is_error(attributes: dict[bytes, bytes]) -> bool:
    """``calcext:value-type="error"``, its prefix or its value written otherwise (another
    prefix bound to calcext's namespace, character references) as LibreOffice reads it."""
    value = attributes.get(_CALC_VALUE_TYPE)
    if value is None:  # calcext's namespace under another prefix?
        value = next(
            (found for name, found in attributes.items()
             if name.endswith(_LOCAL_VALUE_TYPE) and name != _VALUE_TYPE),
            None,
        )  # fmt: skip
        if value is None:
            return False
    return value == b"error" or (b"&" in value and _text(value) == "error")
