"""The headline columns a pipeline table lacks, said loudly with the mapping line to paste.

The amount, the stage (or status) and the expected close date drive the headline figures:
without the amount every sum is 0 €, without the stage every deal sits nowhere in the
funnel, without the close date nothing falls in a period. When the header row found has
none of a group, :func:`missing_columns` names the fields, the columns seen and, for each
field, the line of a ``--mapping`` TOML file that would name it: the unrecognised column
whose cells look like that field (numbers, dates, stage or status words), else a
placeholder the user replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from salespipe.core.model import StageTable, fold
from salespipe.core.reading.parsing import CellError, is_blank, parse_amount, parse_date
from salespipe.core.reading.tables import LocatedTable
from salespipe.core.reading.vocabulary import STATUS_WORDS
from salespipe.core.texts import Bilingual, entry, index, text

#: The groups of fields that drive the headline figures: a group is found when one of
#: its fields is; the first field of a group is the one suggested.
HEADLINE_FIELDS: tuple[tuple[str, ...], ...] = (
    ("amount",),
    ("stage", "status"),
    ("expected_close",),
)

#: Data rows looked at to suggest a column (enough to tell numbers from dates and words).
_SAMPLE_ROWS = 50
#: Share of a column's filled cells that must look like the field to suggest it.
_SHARE = 0.6


@dataclass(frozen=True)
class MissingColumns:
    """Fields of :data:`HEADLINE_FIELDS` not found in the pipeline table of ``sheet``.

    ``seen`` are the headers of its header row (row ``header_row``) as typed;
    ``suggested`` pairs each missing field with the column whose cells look like it, or
    None when no column does (its mapping line then holds a placeholder).
    """

    sheet: str
    header_row: int
    fields: tuple[str, ...]
    seen: tuple[str, ...]
    suggested: tuple[tuple[str, str | None], ...]

    def mapping(self, lang: str = "fr") -> list[str]:
        """The lines of the TOML mapping to paste: ``[deals]``, one ``field = "column"``
        each, then ``[sheets]`` naming the sheet."""
        placeholder = text("missing_columns.placeholder", lang)
        lines = ["[deals]"]
        lines += [f"{f} = {_toml_string(column or placeholder)}" for f, column in self.suggested]
        if self.sheet:
            lines += ["", "[sheets]", f"deals = {_toml_string(self.sheet)}"]
        return lines

    def warning(self, lang: str = "fr") -> str:
        """The one sentence: which columns of which sheet, and what it makes wrong."""
        names = Bilingual(*(", ".join(_field_label(f, i) for f in self.fields) for i in (0, 1)))
        return text("missing_columns", lang, sheet=self.sheet, fields=names)

    def seen_text(self, lang: str = "fr") -> str:
        """The headers of the header row, quoted, comma-separated."""
        quoted = entry("columns.quoted")[index(lang)]
        return ", ".join(quoted.format(name=h) for h in self.seen) or "-"

    def lines(self, lang: str = "fr") -> list[str]:
        """The warning, in ``lang``: what is missing and why it matters, the columns
        seen, then the mapping to paste (indented)."""
        return [
            self.warning(lang),
            text("missing_columns.seen", lang, row=self.header_row, columns=self.seen_text(lang)),
            text("missing_columns.paste", lang),
            *(f"    {line}" if line else "" for line in self.mapping(lang)),
        ]

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON form: fields, columns seen, the mapping as a TOML text, the message."""
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "fields": list(self.fields),
            "columns_seen": list(self.seen),
            "mapping": "\n".join(self.mapping(lang)) + "\n",
            "message": "\n".join(self.lines(lang)),
        }


def _field_label(field: str, i: int) -> str:
    return entry(f"column.deals.{field}")[i]


def missing_columns(table: LocatedTable, stages: StageTable) -> MissingColumns | None:
    """What of the headline fields ``table`` lacks, or None when it has them all."""
    missing = [group[0] for group in HEADLINE_FIELDS if not any(f in table.columns for f in group)]
    if not missing:
        return None
    used = {c.index for c in table.columns.values()}
    free = [i for i, h in enumerate(table.headers) if h and i not in used]
    sample = [row for _, row in table.rows[:_SAMPLE_ROWS] if not all(is_blank(v) for v in row)]
    suggested: list[tuple[str, str | None]] = []
    for field in missing:
        index_ = _candidate(field, free, sample, stages)
        if index_ is not None:
            free.remove(index_)
        suggested.append((field, table.headers[index_] if index_ is not None else None))
    return MissingColumns(
        sheet=table.sheet,
        header_row=table.header_row,
        fields=tuple(missing),
        seen=tuple(h for h in table.headers if h),
        suggested=tuple(suggested),
    )


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes and backslashes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _candidate(
    field: str, free: Sequence[int], sample: Sequence[Sequence[Any]], stages: StageTable
) -> int | None:
    """The first free column whose filled cells mostly look like ``field``."""
    looks: Callable[[Any], bool]
    if field == "amount":
        looks = _is_amount
    elif field == "expected_close":
        looks = _is_date
    else:
        words = {*stages.labels(), *STATUS_WORDS}

        def looks(value: Any) -> bool:
            return isinstance(value, str) and fold(value) in words

    for column in free:
        values = [r[column] for r in sample if column < len(r) and not is_blank(r[column])]
        if values and sum(looks(v) for v in values) >= _SHARE * len(values):
            return column
    return None


def _is_amount(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        amount = parse_amount(value)
    except CellError:
        return False
    return amount is not None and amount >= 1


def _is_date(value: Any) -> bool:
    """A date, or text that reads as one; a bare number is an amount, not a date serial."""
    if isinstance(value, int | float):
        return False
    try:
        return parse_date(value) is not None
    except CellError:
        return False
