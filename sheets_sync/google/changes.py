"""What a write must send: the cells of a managed tab that differ from the tab as it is.

The job reads every managed tab whole in the run's one values.batchGet (unformatted,
dates as serial numbers: the very values a RAW write sends), so the write compares cell
by cell and sends only rectangles of changed cells. A row that did not change costs
nothing; a tab that did not change, no write at all.

Rows that moved (« Relances » is sorted by due date: a deal followed up today leaves its
place, every line in between shifts by one) would make every line in between a change;
:func:`row_moves` finds the rows deleted and inserted instead, so that only the moved
lines are written. No Google library here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from sheets_sync.google.values import Grid, SheetValue


@dataclass(frozen=True)
class Block:
    """A rectangle of cells to write: its top-left cell (0-based) and its rows, each
    ``width`` cells long (``""`` blanks a cell)."""

    row: int
    col: int
    rows: list[list[SheetValue]]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def same(a: Any, b: Any) -> bool:
    """Whether a cell read back equals the value to write: ``""`` and a missing cell are
    both blank, 3 and 3.0 the same number, but True is not 1 and "1" is not 1."""
    a, b = ("" if a is None else a), ("" if b is None else b)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, str) != isinstance(b, str):
        return False
    return bool(a == b)


def _cell(row: Sequence[Any], c: int) -> Any:
    return row[c] if c < len(row) and row[c] is not None else ""


def _span(old: Sequence[Any], new: Sequence[Any]) -> tuple[int, int] | None:
    """First and past-last changed column of one row, None when the row is unchanged."""
    width = max(len(old), len(new))
    first = last = -1
    for c in range(width):
        if not same(_cell(old, c), _cell(new, c)):
            if first < 0:
                first = c
            last = c
    return None if first < 0 else (first, last + 1)


def changed_blocks(old: Sequence[Sequence[Any]], new: Grid) -> list[Block]:
    """The rectangles that turn ``old`` (the tab as read) into ``new``: consecutive changed
    rows form one block spanning their changed columns; rows of ``old`` past the end of
    ``new`` are blanked."""
    blocks: list[Block] = []
    start, lo, hi = -1, 0, 0

    def close(end: int) -> None:
        rows = [
            [_cell(new[r] if r < len(new) else (), c) for c in range(lo, hi)]
            for r in range(start, end)
        ]
        blocks.append(Block(start, lo, rows))

    for r in range(max(len(old), len(new))):
        before = old[r] if r < len(old) else ()
        after = new[r] if r < len(new) else ()
        span = None if list(before) == list(after) else _span(before, after)
        if span is None:
            if start >= 0:
                close(r)
                start = -1
            continue
        if start < 0:
            start, lo, hi = r, span[0], span[1]
        else:
            lo, hi = min(lo, span[0]), max(hi, span[1])
    if start >= 0:
        close(max(len(old), len(new)))
    return blocks


def typed_over_text(old: Sequence[Sequence[Any]], blocks: Sequence[Block]) -> bool:
    """Whether a block puts a number where the tab holds text: a tab an earlier version
    wrote with dates as text (``23/11/2026``), whose cells need their formats now."""
    for block in blocks:
        for i, row in enumerate(block.rows):
            r = block.row + i
            before = old[r] if r < len(old) else ()
            for j, value in enumerate(row):
                was = _cell(before, block.col + j)
                if isinstance(was, str) and was != "" and _is_number(value):
                    return True
    return False


def touched_columns(blocks: Sequence[Block]) -> set[int]:
    """The columns a write changes."""
    return {c for b in blocks if b.rows for c in range(b.col, b.col + b.width)}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: A row move: ("delete" or "insert", first row, past-last row), in the tab's rows as they
#: are when the move is made; moves are listed bottom-up, so each index holds as read.
Move = tuple[str, int, int]


@dataclass(frozen=True)
class Moves:
    """Rows to delete and insert (blank), then the rectangles to write over the result."""

    moves: list[Move]
    blocks: list[Block]


def _key(row: Sequence[Any]) -> tuple[Any, ...]:
    """A row as compared: trailing blanks dropped, None as ``""``, booleans apart."""
    cells = ["" if v is None else (("bool", v) if isinstance(v, bool) else v) for v in row]
    while cells and cells[-1] == "":
        cells.pop()
    return tuple(cells)


def row_moves(old: Sequence[Sequence[Any]], new: Grid) -> Moves:
    """Deletions and insertions of whole rows that bring the rows ``old`` and ``new`` share
    back in line (difflib's longest matching blocks), and the rectangles left to write.

    Where a run of old rows is replaced by a run of new ones, as many as both have are
    written over in place; only the difference is deleted or inserted. No moves when no
    row below the header stays (Google refuses to delete every row below the frozen one,
    and rewriting costs less then)."""
    a, b = [_key(r) for r in old], [_key(r) for r in new]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    opcodes = matcher.get_opcodes()
    if not any(tag == "equal" and i2 > max(i1, 1) for tag, i1, i2, _, _ in opcodes):
        return Moves([], changed_blocks(old, new))
    moves: list[Move] = []
    lined_up: list[Sequence[Any]] = []  # ``old`` after the moves
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            lined_up.extend(old[i1:i2])
            continue
        common = min(i2 - i1, j2 - j1)
        lined_up.extend(old[i1 : i1 + common])
        if i2 - i1 > common:
            moves.append(("delete", i1 + common, i2))
        elif j2 - j1 > common:
            moves.append(("insert", i1 + common, i1 + common + (j2 - j1 - common)))
            lined_up.extend([] for _ in range(j2 - j1 - common))
    moves.reverse()  # bottom-up: an index below a move is never used after it
    return Moves(moves, changed_blocks(lined_up, new))


def cells(blocks: Sequence[Block]) -> int:
    """How many cells the blocks write."""
    return sum(len(b.rows) * b.width for b in blocks)
