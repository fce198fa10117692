"""A1 notation for the Sheets emulator: column letters, range strings, sheet-name quoting.

Only syntax lives here; resolving a name against a spreadsheet's sheets and named ranges
is :mod:`sheets_model`'s job. Rows and columns are 0-based and end-exclusive
inside the emulator (like the API's ``GridRange``) and 1-based in A1 text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL_PART = re.compile(r"^\$?([A-Za-z]*)\$?([0-9]*)$")
_LOOKS_LIKE_CELL = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_LOOKS_LIKE_R1C1 = re.compile(r"^[Rr][0-9]*[Cc][0-9]*$")
_BARE_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_COLUMNS = 18278  # column ZZZ


def column_letters(index: int) -> str:
    """``0 -> "A"``, ``25 -> "Z"``, ``26 -> "AA"``."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """``"A" -> 0``, ``"aa" -> 26``."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def quote_title(title: str) -> str:
    """A sheet title as Google echoes it: bare when unambiguous, else quoted.

    Google's A1 guide only says that names with spaces or special characters need
    quotes; this rule, inferred to fit every answer recorded from Google: quote when the
    title is not ``[A-Za-z_][A-Za-z0-9_]*`` or reads like a cell or R1C1 reference;
    double embedded quotes.
    """
    plain = _BARE_TITLE.match(title) and not (
        _LOOKS_LIKE_CELL.match(title) or _LOOKS_LIKE_R1C1.match(title)
    )
    return title if plain else "'" + title.replace("'", "''") + "'"


def split_sheet_name(text: str) -> tuple[str | None, str, bool]:
    """Split ``'It''s'!A1:B2`` into (``It's``, ``A1:B2``, quoted).

    Returns (None, text, False) when there is no quoted name and no ``!``; an
    unquoted name is everything before the last ``!``. Raises ValueError on an
    unterminated quote.
    """
    if text.startswith("'"):
        i, name = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    name.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(name), "", True
                if rest.startswith("!"):
                    return "".join(name), rest[1:], True
                raise ValueError(text)
            name.append(text[i])
            i += 1
        raise ValueError(text)
    if "!" in text:
        name, _, cells = text.rpartition("!")
        return name, cells, False
    return None, text, False


@dataclass(frozen=True)
class CellRef:
    """One side of an A1 range; a missing part (``A`` or ``5``) is None."""

    row: int | None
    col: int | None


def parse_cell_part(part: str) -> CellRef | None:
    """``B12`` -> CellRef(11, 1); ``B`` -> CellRef(None, 1); ``12`` -> CellRef(11, None)."""
    m = _CELL_PART.match(part)
    if not m or not (m.group(1) or m.group(2)):
        return None
    letters, digits = m.groups()
    if letters and len(letters) > 3:
        return None
    row = int(digits) - 1 if digits else None
    if row is not None and row < 0:
        return None
    return CellRef(row, column_index(letters) if letters else None)


def parse_cells(text: str) -> tuple[CellRef, CellRef] | None:
    """``A1:B2``, ``A:A``, ``1:2``, ``A1:C``, ``A1`` -> its two corners, or None if not A1."""
    parts = text.split(":")
    if len(parts) == 1:
        ref = parse_cell_part(parts[0])
        if ref is None or ref.row is None or ref.col is None:
            return None
        return ref, ref
    if len(parts) != 2:
        return None
    first, second = parse_cell_part(parts[0]), parse_cell_part(parts[1])
    if first is None or second is None:
        return None
    return first, second


def looks_like_cells(text: str) -> bool:
    """True if ``text`` parses as an A1 cell range (without a sheet name)."""
    return parse_cells(text) is not None


def box_a1(r0: int, c0: int, r1: int, c1: int) -> str:
    """End-exclusive box -> ``A1`` for one cell, else ``A1:B2``."""
    start = f"{column_letters(c0)}{r0 + 1}"
    if r1 - r0 == 1 and c1 - c0 == 1:
        return start
    return f"{start}:{column_letters(c1 - 1)}{r1}"
