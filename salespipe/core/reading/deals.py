"""Deals from a located Pipeline table: one deal per row, every bad cell an issue.

Rows are counted in a :class:`~salespipe.core.reading.rows.RowAccount`; a row whose
ID (or whole content, without ID) repeats an earlier row is rejected. Cells are
parsed column by column, each distinct stage/status pair reconciled once
(:class:`~salespipe.core.reading.vocabulary.StageStatusResolver`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from salespipe.core.bulk import gc_paused
from salespipe.core.model import LOST, OPEN, WON, Deal, StageTable, fold
from salespipe.core.quality import Issue, Severity, issue
from salespipe.core.reading.emails import email_problems
from salespipe.core.reading.lost_cells import is_lost
from salespipe.core.reading.parsing import (
    CellError,
    is_blank,
    parse_amount,
    parse_column,
    parse_date,
    parse_int,
    parse_number,
    parse_percent,
    parse_text,
)
from salespipe.core.reading.rows import (
    TOTAL_HEADS,
    Parsed,
    RowAccount,
    RowReader,
    row_is_blank,
    skipped,
    trim_trailing_blank,
)
from salespipe.core.reading.tables import LocatedTable, is_header_row
from salespipe.core.reading.vocabulary import StageStatusResolver

# Fields read cell by cell with one parser each; stage and status are reconciled per row.
_DEAL_FIELDS: dict[str, Callable[[Any], Any]] = {
    "deal_id": parse_text,
    "name": parse_text,
    "company": parse_text,
    "contact": parse_text,
    "email": parse_text,
    "phone": parse_text,
    "owner": parse_text,
    "amount": parse_amount,
    "probability": parse_percent,
    "created": parse_date,
    "expected_close": parse_date,
    "last_contact": parse_date,
    "next_followup": parse_date,
    "touches": parse_int,
    "source": parse_text,
    "segment": parse_text,
    "temperature": parse_text,
    "lost_reason": parse_text,
    "notes": parse_text,
    "stage_entered": parse_date,
}


# Deal's positional fields around stage and status (a test checks the order).
_FIELDS_BEFORE_STAGE = ("deal_id", "name", "company", "contact", "email", "phone", "owner")
_FIELDS_AFTER_STATUS = tuple(f for f in _DEAL_FIELDS if f not in _FIELDS_BEFORE_STAGE)


def parse_deals(table: LocatedTable, stages: StageTable) -> Parsed[Deal]:
    """Deals from a located Pipeline table, every row counted in the account (see
    :mod:`salespipe.core.reading.rows`).

    Issues come sorted by row, then by column from left to right.
    """
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = RowReader(table, issues)
    with gc_paused():
        data_rows = _deal_rows(table, reader, account)
        cells = _transpose(table, data_rows)
        columns = _parse_columns(table, data_rows, cells, issues)
        deals = _build_deals(reader, stages, data_rows, cells, columns)
    account.used = len(deals)
    return Parsed(deals, _in_sheet_order(issues, table), account, table)


def _build_deals(
    reader: RowReader,
    stages: StageTable,
    rows: list[tuple[int, Sequence[Any]]],
    cells: dict[str, Sequence[Any]],
    columns: dict[str, list[Any]],
) -> list[Deal]:
    resolver = StageStatusResolver(stages)
    invalid_emails = email_problems(columns["email"])
    before = zip(*(columns[f] for f in _FIELDS_BEFORE_STAGE), strict=True)
    after = zip(*(columns[f] for f in _FIELDS_AFTER_STATUS), strict=True)
    deals: list[Deal] = []
    for position, ((row_number, row), raw_stage, raw_status, head, tail) in enumerate(
        zip(rows, cells["stage"], cells["status"], before, after, strict=True)
    ):
        reader.row, reader.row_number = row, row_number
        stage, status, findings = resolver.resolve(raw_stage, raw_status)
        for name, value, code, severity, params in findings:
            reader.report(name, value, code, severity, **params)
        if position in invalid_emails:
            email = columns["email"][position]
            reason = invalid_emails[position]
            reader.report("email", email, "invalid_email", Severity.WARNING, reason=reason)
        deal = Deal(  # type: ignore[call-arg]  # positional, in field order (tested)
            row_number, *head, stage.name if stage else None, status, *tail
        )
        _check_deal(reader, deal, stages, raw_stage)
        deals.append(deal)
    return deals


def _deal_rows(
    table: LocatedTable, reader: RowReader, account: RowAccount
) -> list[tuple[int, Sequence[Any]]]:
    """The rows holding deals; blank, totals, repeated-header and duplicate rows are
    counted and reported instead.

    The common row (a filled first cell that is neither a « Total » label nor the
    first header again) is recognised without a function call: this loop runs once
    per row of the sheet.
    """
    seen_ids: dict[str, int] = {}
    seen_rows: dict[tuple[Any, ...], int] = {}
    kept: list[tuple[int, Sequence[Any]]] = []
    header_index, header = table.folded_headers[0]
    id_column = table.columns.get("deal_id")
    id_index = id_column.index if id_column else -1
    rows = trim_trailing_blank(table.rows)
    account.read += len(rows)
    rows = _after_second_headers(rows, reader, account)
    for row_number, row in rows:
        first = row[0] if row else None
        plain = (
            type(first) is str
            and first[:1].isalnum()
            and not first[:3].lower().startswith(TOTAL_HEADS)
            and not _may_be_header(row, header_index, header)
        )
        if not plain:
            if row_is_blank(row):
                account.blank += 1
                continue
            reader.row, reader.row_number = row, row_number
            if skipped(reader, row, account):
                continue
        raw_id = row[id_index] if 0 <= id_index < len(row) else None
        reader.row, reader.row_number = row, row_number
        if _is_duplicate(reader, row, raw_id, seen_ids, seen_rows):
            account.rejected += 1
            continue
        kept.append((row_number, row))
    return kept


#: How many rows right under the header may be a second header row (another language).
_SECOND_HEADER_ROWS = 2


def _after_second_headers(
    rows: list[tuple[int, Sequence[Any]]], reader: RowReader, account: RowAccount
) -> list[tuple[int, Sequence[Any]]]:
    """``rows`` without the header rows right under the header (the English header under
    the French one, the second level of a merged header), each counted and reported as a
    repeated header, not as a deal."""
    lead = 0
    for row_number, row in rows[:_SECOND_HEADER_ROWS]:
        under = row_number == reader.table.header_row + 1  # a second level sits right under
        if not (is_header_row(reader.table, row) or (under and _is_sub_header(reader.table, row))):
            break
        reader.row, reader.row_number = row, row_number
        reader.report(None, None, "repeated_header", Severity.INFO)
        account.headers += 1
        lead += 1
    return rows[lead:]


def _is_sub_header(table: LocatedTable, row: Sequence[Any]) -> bool:
    """The second level of a two-level header (« Montant » over « HT | TTC »): no deal
    identity (ID, name and company blank), two texts or more, none a number or a date."""
    identity = [c.index for n, c in table.columns.items() if n in ("deal_id", "name", "company")]
    if any(i < len(row) and not is_blank(row[i]) for i in identity):
        return False
    filled = [v for v in row if not is_blank(v)]
    if len(filled) < 2 or not all(type(v) is str for v in filled):
        return False
    return all(_not_a_value(v) for v in filled)


def _not_a_value(text: str) -> bool:
    for parse in (parse_number, parse_date):
        try:
            if parse(text) is not None:
                return False
        except CellError:
            continue
    return True


def _may_be_header(row: Sequence[Any], index: int, folded_header: str) -> bool:
    cell = row[index] if index < len(row) else None
    return type(cell) is str and fold(cell.lstrip()[:1]) == folded_header[:1]


def _transpose(
    table: LocatedTable, rows: list[tuple[int, Sequence[Any]]]
) -> dict[str, Sequence[Any]]:
    """The raw cells of every known field, column by column (None past a short row).

    One ``zip(*rows)`` in C: several times faster than a comprehension per column on
    100 000 real rows, whose cells lie scattered in memory.
    """
    width = max((c.index for c in table.columns.values()), default=-1) + 1
    grid = [r if len(r) == width else _fit(r, width) for _, r in rows]
    transposed = list(zip(*grid, strict=True)) if grid else [()] * width
    cells: dict[str, Sequence[Any]] = {}
    for name in (*_DEAL_FIELDS, "stage", "status"):
        column = table.columns.get(name)
        cells[name] = transposed[column.index] if column else (None,) * len(rows)
    return cells


def _fit(row: Sequence[Any], width: int) -> Sequence[Any]:
    """The row cut or padded with None to ``width`` cells."""
    return row[:width] if len(row) > width else [*row, *([None] * (width - len(row)))]


def _parse_columns(
    table: LocatedTable,
    rows: list[tuple[int, Sequence[Any]]],
    cells: dict[str, Sequence[Any]],
    issues: list[Issue],
) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    for name, parse in _DEAL_FIELDS.items():
        if name not in table.columns:  # no such column: every cell blank, nothing to parse
            columns[name] = [None] * len(rows)
            continue
        columns[name], errors = parse_column(cells[name], parse)
        if errors:
            header = table.columns[name].header
            issues.extend(
                issue(table.sheet, rows[position][0], header, value, error.code, **error.params)
                for position, value, error in errors
            )
    return columns


def _in_sheet_order(issues: list[Issue], table: LocatedTable) -> list[Issue]:
    """Issues by row, then column position (row-level issues first); stable otherwise."""
    position = {c.header: c.index for c in table.columns.values()}
    return sorted(issues, key=lambda i: (i.row, position.get(i.column, -1) if i.column else -1))


def _is_duplicate(
    reader: RowReader,
    row: Sequence[Any],
    raw_id: Any,
    seen_ids: dict[str, int],
    seen_rows: dict[tuple[Any, ...], int],
) -> bool:
    """True (and reported) for a row whose ID, or whole content when it has no ID,
    was seen on an earlier row."""
    deal_id = parse_text(raw_id)
    if deal_id:
        key = deal_id.casefold()
        if key in seen_ids:
            reader.report(
                "deal_id", deal_id, "duplicate_id", Severity.ERROR, first_row=seen_ids[key]
            )
            return True
        seen_ids[key] = reader.row_number
        return False
    content = tuple(None if is_blank(v) else v for v in row)
    if content in seen_rows:
        reader.report(None, None, "duplicate_row", Severity.ERROR, first_row=seen_rows[content])
        return True
    seen_rows[content] = reader.row_number
    return False


def _check_deal(reader: RowReader, deal: Deal, stages: StageTable, raw_stage: Any) -> None:
    if not (deal.name or deal.company or deal.deal_id):
        reader.report(None, None, "missing_name", Severity.WARNING)
    if deal.stage is None and deal.status is OPEN and is_blank(raw_stage):
        if is_lost(raw_stage):  # #N/A is not blank: its own issue named it first
            reader.report("stage", raw_stage, "unreadable_stage", Severity.WARNING)
        else:
            reader.report("stage", None, "missing_stage", Severity.WARNING)
    if deal.status is WON and deal.expected_close is None:
        reader.report("expected_close", None, "won_without_close_date", Severity.WARNING)
    if deal.status is LOST:
        stage = stages.get(deal.stage) if deal.stage else None
        if stage is None or stage.is_lost:  # where it was lost is unknown
            reader.report("stage", raw_stage, "lost_stage_unknown", Severity.INFO)
    if deal.created and deal.expected_close and deal.expected_close < deal.created:
        reader.report(
            "expected_close",
            deal.expected_close.isoformat(),
            "close_before_created",
            Severity.WARNING,
        )
