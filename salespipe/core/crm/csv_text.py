"""CSV text for CRM importers and for people: quoting, formula escaping, file splitting.

Everything here writes to text streams or returns strings; encoding and files
are the adapter's business. Two flavours:

- **import files** follow the CRM profile: its delimiter (comma everywhere),
  line ending (LF), every field quoted with embedded quotes doubled (RFC 4180,
  as OWASP and ASVS 1.2.10 ask), the values already typed and escaped by
  :mod:`salespipe.core.crm.plan`;
- **files for people** (rejects, warnings, the two maps) are opened in French
  Excel: ``;``-separated, CRLF, and *every* cell that starts with a formula
  character gets the OWASP ``'`` prefix, whatever it holds.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, TextIO

from salespipe.core.crm.cleaning import FORMULA_TRIGGERS
from salespipe.core.crm.profiles import CrmProfile

#: Patterns of spreadsheet payloads found inside a value: DDE calls (``cmd|' /C calc'!A0``),
#: functions that reach the network or other files, and a formula after a separator,
#: which a spreadsheet splitting on that separator would see as a new cell.
_PAYLOAD = re.compile(
    r"""(?ix)
    \b(?:cmd|powershell|mshta|rundll32|regsvr32|certutil|msexcel|excel)\s*\|
    | \bdde(?:auto)?\s*\(
    | \b(?:hyperlink|webservice|importxml|importdata|importhtml|importfeed|importrange|image
         |filterxml|call|register|exec)\s*\(
    | [,;\t|"]\s*[=+@]\s*[a-z(]
    """
)


def starts_formula(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula (OWASP's list)."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


def looks_like_payload(text: str) -> bool:
    """True for text holding a DDE or formula pattern anywhere (flagged, not altered)."""
    return ("|" in text or "(" in text or "=" in text or "@" in text or "+" in text) and bool(
        _PAYLOAD.search(text)
    )


def escape_formula(text: str) -> str:
    """OWASP's ``'`` prefix for text that starts with a formula character."""
    return "'" + text if text and text[0] in FORMULA_TRIGGERS else text


# --- import files ------------------------------------------------------------------------


def _writer(stream: TextIO, profile: CrmProfile) -> Any:
    return csv.writer(
        stream,
        delimiter=profile.delimiter,
        quotechar='"',
        doublequote=True,
        quoting=csv.QUOTE_ALL,
        lineterminator=profile.lineterminator,
    )


def write_import_csv(
    stream: TextIO,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    profile: CrmProfile,
) -> None:
    """Write ``headers`` and ``rows`` (final strings) to ``stream`` in ``profile``'s CSV."""
    writer = _writer(stream, profile)
    writer.writerow(headers)
    writer.writerows(rows)


_BLOCK = 2000  # rows rendered at once when measuring a file's size


def render_parts(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    profile: CrmProfile,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> list[tuple[str, int]]:
    """The CSV text of each file ``rows`` must be split into, with its row count.

    A file holds at most ``max_rows`` data rows and ``max_bytes`` bytes once
    encoded in the profile's encoding, header included (defaults: the profile's
    caps). Always at least one part, possibly with the header only.
    """
    max_rows = max_rows or profile.max_rows or sys.maxsize
    max_bytes = max_bytes or profile.max_bytes
    header_text = _render([headers], profile)
    parts: list[tuple[str, int]] = []
    current: list[str] = [header_text]
    size, count = _size(header_text, profile), 0
    for block in _blocks(rows, profile, max_rows, max_bytes):
        text, block_rows, block_size = block
        too_big = bool(max_bytes) and size + block_size > (max_bytes or 0)
        if count and (count + block_rows > max_rows or too_big):
            parts.append(("".join(current), count))
            current, size, count = [header_text], _size(header_text, profile), 0
        current.append(text)
        size += block_size
        count += block_rows
    if count or not parts:
        parts.append(("".join(current), count))
    return parts


def _blocks(
    rows: Iterable[Sequence[str]], profile: CrmProfile, max_rows: int, max_bytes: int | None
) -> Iterable[tuple[str, int, int]]:
    """(text, row count, encoded size) of consecutive runs of rows; runs are cut so
    that none alone can overflow a part (a single oversized row stands alone)."""
    step = min(_BLOCK, max_rows)
    iterator = iter(rows)
    while chunk := list(islice(iterator, step)):
        text = _render(chunk, profile)
        size = _size(text, profile)
        if max_bytes and size > max_bytes // 4 and len(chunk) > 1:
            for row in chunk:  # near the cap: row by row, so that parts fill up exactly
                line = _render([row], profile)
                yield line, 1, _size(line, profile)
        else:
            yield text, len(chunk), size


def _render(rows: Sequence[Sequence[str]], profile: CrmProfile) -> str:
    """``rows`` as the ``csv`` module writes them with :func:`_writer`, byte for byte.

    Every field quoted: when no field holds a quote, a row is its fields joined by
    ``","`` between two quotes, which ``str.join`` builds five times faster than the
    ``csv`` writer. The quote count tells: n fields without a quote make 2n of them, so
    rows with a quote inside, an empty row or a value that is not text go to the writer.
    """
    if rows:
        delimiter, end = profile.delimiter, profile.lineterminator
        join = f'"{delimiter}"'.join
        try:
            text = '"' + f'"{end}"'.join(map(join, rows)) + '"' + end
        except TypeError:  # a value that is not a str: the writer's str()
            text = ""
        fields = sum(map(len, rows))
        if text and text.count('"') == 2 * fields:
            return text
    buffer = io.StringIO()
    _writer(buffer, profile).writerows(rows)
    return buffer.getvalue()


def _size(text: str, profile: CrmProfile) -> int:
    return len(text) if text.isascii() else len(text.encode(profile.encoding))


# --- files for people ------------------------------------------------------------------


def sheet_cell(value: Any) -> str:
    """A value as text safe to open in a spreadsheet (OWASP ``'`` prefix when needed).

    Text that already starts with ``'`` and a formula character or another ``'`` gets
    the prefix too, so that reading the prefix off (:func:`is_escaped`) gives back the
    value as it was: ``'=x`` is written ``''=x``, ``'t Hooft`` as it is."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if is_escaped(text) else escape_formula(text)


def is_escaped(text: str) -> bool:
    """True when ``text``, read from a file for people, starts with the ``'`` that
    :func:`sheet_cell` added: ``'`` then a formula character or another ``'``."""
    return len(text) > 1 and text[0] == "'" and (text[1] in FORMULA_TRIGGERS or text[1] == "'")


def write_sheet_csv(stream: TextIO, rows: Iterable[Sequence[Any]]) -> None:
    """Rows (header first) as French Excel opens them: ``;``, CRLF, every cell escaped.

    Open the stream with ``encoding="utf-8-sig"`` so that Excel sees UTF-8.
    """
    writer = csv.writer(stream, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows([sheet_cell(v) for v in row] for row in rows)
