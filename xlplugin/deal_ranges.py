"""Core objects from UDF arguments: stage tables, deals from columns, deals from a table.

Every cell goes through the core parsers (``parse_column`` with ``parse_amount``,
``parse_date``, ``parse_percent``; ``parse_deals`` for stage and status), so a UDF
reads a cell exactly as ``salespipe report`` does.

Column arguments describe one deal per row. The stage and status cells are
reconciled by ``parse_deals`` itself, run on the few distinct (stage, status)
pairs of the columns rather than on every row: the same typo tolerance, the
same status-from-stage rule, at a fraction of the cost on 10 000 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from salespipe.core.errors import TableNotFoundError
from salespipe.core.metrics.cadence import parse_cadence
from salespipe.core.model import Deal, StageTable, Status
from salespipe.core.quality import Issue
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.parsing import (
    CellError,
    is_blank,
    parse_amount,
    parse_column,
    parse_date,
    parse_percent,
    parse_text,
)
from salespipe.core.reading.pipeline import with_outcome_stages
from salespipe.core.reading.rows import Parsed
from salespipe.core.reading.stages import parse_stages
from salespipe.core.reading.tables import (
    DEAL_HEADERS,
    Column,
    LocatedTable,
    TableKind,
    locate_table,
    not_found_params,
)
from salespipe.core.texts import Bilingual, both
from xlplugin.arguments import CellRange, same_size, table_grid
from xlplugin.failures import ArgumentError, cause

#: Issue codes that make a UDF refuse its input: a cell it cannot read. Other issues
#: leave the figures as ``salespipe report`` computes them: a stage the stage table does
#: not list leaves its deal without a stage (out of the forecast and the funnel), an
#: unknown status is taken as the stage implies (else open), as in the core; DATA_QUALITY
#: lists them.
REFUSED = frozenset(
    {
        "bad_amount",
        "negative_amount",
        "bad_number",
        "bad_date",
        "bad_probability",
        "probability_out_of_range",
        "bad_integer",
        "bad_cadence",
    }
)

STAGES_LABEL = "stage_table"


def _where(label: str, found: Issue) -> Bilingual:
    if found.column:
        return both("excel.where.column", label=label, row=found.row, column=found.column)
    return both("excel.where.row", label=label, row=found.row)


def refuse_unreadable(issues: Sequence[Issue], label: str) -> None:
    """Raise ArgumentError for the first issue whose code is in :data:`REFUSED`."""
    found = next((i for i in issues if i.code in REFUSED), None)
    if found is not None:
        why = cause(found.code, found.value, **dict(found.params))
        raise ArgumentError("udf_unreadable", where=_where(label, found), why=why)


def locate(grid: list[list[Any]], kind: TableKind, label: str) -> LocatedTable:
    """The table of ``kind`` in ``grid`` (row 1 = the range's first row)."""
    try:
        return locate_table(grid, kind, label)
    except TableNotFoundError as exc:
        required = not_found_params(label, kind)["required"]
        raise ArgumentError("udf_no_header", label=label, required=required) from exc


def stage_table(value: Any) -> StageTable:
    """The stages of a range laid out like the Étapes sheet; the default stages for None."""
    if value is None:
        return StageTable.default()
    table = locate(table_grid(value, STAGES_LABEL), "stages", STAGES_LABEL)
    parsed = parse_stages(table, parse_cadence)
    refuse_unreadable(parsed.issues, STAGES_LABEL)
    if not parsed.records:
        raise ArgumentError("udf_no_stages", label=STAGES_LABEL)
    return with_outcome_stages(parsed.records)


def known_stages(stages: StageTable) -> str:
    """The stage names, comma-separated, for a message that lists the known stages."""
    return ", ".join(stages.names)


def deals_from_table(value: Any, label: str, stages: StageTable) -> Parsed[Deal]:
    """The deals of a range holding a pipeline table with its header row.

    Unreadable cells do not stop it: as in the CLI, they are left out and reported
    in ``issues`` (what DATA_QUALITY shows).
    """
    return parse_deals(locate(table_grid(value, label), "deals", label), stages)


# --- deals from columns ---------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """What one cell of a stage-or-probability column holds."""

    stage: str | None
    probability: float | None


def _kind_of(value: Any) -> _Kind:
    """A probability (``30 %``, ``0,3``, ``0.3``, ``30``) or else a stage name.

    Raises CellError for a number out of range or a date.
    """
    if isinstance(value, str):
        try:
            return _Kind(None, parse_percent(value))
        except CellError:
            return _Kind(" ".join(value.split()), None)
    if isinstance(value, int | float):
        return _Kind(None, parse_percent(value))
    raise CellError("bad_probability")


def _classify(column: CellRange, value: Any, probabilities: bool) -> _Kind:
    if not probabilities:
        return _Kind(parse_text(value), None)
    try:
        return _kind_of(value)
    except CellError as exc:
        raise column.fail(column.values.index(value), exc.code, value, **exc.params) from exc


def _column_kinds(
    column: CellRange, probabilities: bool
) -> tuple[list[str | None], list[float | None]]:
    """The stage name and the probability in each cell of ``column`` (at most one each).

    Each distinct value is classified once: a column repeats a handful of stages.
    """
    kinds: dict[Any, _Kind] = {}
    for value in set(column.values):
        if not is_blank(value):
            kinds[value] = _classify(column, value, probabilities)
    if True in kinds or False in kinds:  # a set merges TRUE with 1.0: look closer
        booleans = [i for i, v in enumerate(column.values) if type(v) is bool]
        if booleans:
            raise ArgumentError("udf_unexpected_boolean", where=column.where(booleans[0]))
    found = [kinds.get(v) for v in column.values]
    return (
        [None if k is None else k.stage for k in found],
        [None if k is None else k.probability for k in found],
    )


_CLASH = object()


def _merged(current: list[Any] | None, new: list[Any], column: CellRange, clash: str) -> list[Any]:
    """The values of ``new`` laid over ``current``; a row filled in both is refused with the
    message code ``clash``."""
    if current is None:
        return new
    out = [
        a if b is None else b if a is None else _CLASH for a, b in zip(current, new, strict=True)
    ]
    if _CLASH in out:
        raise ArgumentError(clash, where=column.where(out.index(_CLASH)))
    return out


@dataclass
class _StageCells:
    """Per row of the columns: the stage name and the probability."""

    names: list[str | None]
    chances: list[float | None]


def _stage_cells(columns: Sequence[CellRange], length: int, probabilities: bool) -> _StageCells:
    """With two columns (stage and probability side by side) a row may hold one of each;
    two stages or two probabilities in one row are refused. ``probabilities=False``:
    every filled cell is a stage name."""
    names: list[Any] | None = None
    chances: list[Any] | None = None
    for column in columns:
        column_names, column_chances = _column_kinds(column, probabilities)
        column_names = _padded(column_names, length)
        names = _merged(names, column_names, column, "udf_two_stages")
        chances = _merged(chances, _padded(column_chances, length), column, "udf_two_probabilities")
    blank: list[Any] = [None] * length
    return _StageCells(names or blank, chances or blank)


def _mini_table(pairs: list[tuple[str | None, Any]]) -> LocatedTable:
    """A pipeline table of one row per distinct (stage, status) pair, for parse_deals."""
    columns = {
        name: Column(index, DEAL_HEADERS[name][0], name)
        for index, name in enumerate(("deal_id", "stage", "status"))
    }
    rows: list[tuple[int, Sequence[Any]]] = [
        (k + 1, (f"r{k + 1}", stage, status)) for k, (stage, status) in enumerate(pairs)
    ]
    return LocatedTable("colonnes", "deals", 0, columns, rows)


def _resolve(
    stages: StageTable, cells: _StageCells, statuses: list[Any]
) -> list[tuple[str | None, Status]]:
    """(canonical stage, status) of every row, as parse_deals reconciles them."""
    keys = list(zip(cells.names, statuses, strict=True))
    pairs = list(dict.fromkeys(keys))
    parsed = parse_deals(_mini_table(pairs), stages)
    resolved = zip(pairs, parsed.records, strict=True)
    answer = {pair: (deal.stage, deal.status) for pair, deal in resolved}
    return [answer[key] for key in keys]


def _padded(values: list[Any], length: int) -> list[Any]:
    return values + [None] * (length - len(values)) if len(values) < length else values


_BLANK_ROW = (None,) * 6


def deals_from_columns(
    stages: StageTable,
    *,
    amounts: CellRange | None = None,
    stage_or_probability: Sequence[CellRange] = (),
    statuses: CellRange | None = None,
    closes: CellRange | None = None,
    created: CellRange | None = None,
    status_word: str | None = None,
    probabilities: bool = True,
    overrides: CellRange | None = None,
) -> list[Deal]:
    """One deal per row of the given columns (all of the same size); blank rows skipped.

    ``status_word`` stands for every row's status when ``statuses`` is not given
    (e.g. ``"gagné"``); without either, the status follows the stage (Gagné, Perdu)
    or is open. ``probabilities=False``: the stage columns hold stage names only.
    Raises ArgumentError naming the argument and row of the first cell that cannot
    be read, or of an unknown stage or status.
    """
    given = same_size(amounts, *stage_or_probability, statuses, closes, created, overrides)
    length = max((len(r.values) for r in given), default=0)
    blank = [None] * length
    amount = _padded(amounts.parsed(parse_amount), length) if amounts else blank
    close = _padded(closes.parsed(parse_date), length) if closes else blank
    start = _padded(created.parsed(parse_date), length) if created else blank
    cells = _stage_cells(stage_or_probability, length, probabilities)
    if overrides is not None:
        # As the core reads the Probabilité column: an unreadable or out-of-range cell
        # is no override (the stage's probability counts), and DATA_QUALITY reports it.
        typed = _padded(parse_column(overrides.values, parse_percent)[0], length)
        cells.chances = _merged(cells.chances, typed, overrides, "udf_two_probabilities")
    status = _padded(statuses.parsed(parse_text), length) if statuses else blank
    rows = zip(amount, close, start, cells.names, cells.chances, status, strict=True)
    filled = [row != _BLANK_ROW for row in rows]
    if status_word is not None and statuses is None:
        status = [status_word if f else None for f in filled]
    resolved = _resolve(stages, cells, status)
    return [
        Deal(
            i + 1,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            stage,
            state,
            amount[i],
            cells.chances[i],
            start[i],
            close[i],
        )  # positional: Deal's field order
        for i, (stage, state) in enumerate(resolved)
        if filled[i]
    ]
