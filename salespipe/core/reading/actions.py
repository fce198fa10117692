"""The action plan (Plan d'actions sheet): one action per row, with an optional week grid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salespipe.core.model import Action
from salespipe.core.quality import Issue, Severity
from salespipe.core.reading.parsing import (
    parse_amount,
    parse_int,
    parse_mark,
    parse_number,
    parse_text,
    parse_week,
)
from salespipe.core.reading.rows import Parsed, RowAccount, RowReader, cell, data_rows
from salespipe.core.reading.tables import LocatedTable


def parse_actions(table: LocatedTable) -> Parsed[Action]:
    """Action-plan rows from a located Plan d'actions table (with an optional week grid)."""
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = RowReader(table, issues)
    actions: list[Action] = []
    for row in data_rows(reader, account):
        actions.append(_parse_action(reader, row))
        account.used += 1
    return Parsed(actions, issues, account, table)


def _parse_action(reader: RowReader, row: Sequence[Any]) -> Action:
    name = reader.get("action", parse_text)
    if name is None:
        reader.report("action", None, "missing_action", Severity.WARNING)
    start = reader.get("start_week", parse_week)
    end = reader.get("end_week", parse_week)
    if start is not None and end is not None and end < start:
        # « S50 à S3 »: the range runs into the next year (core.metrics.action_weeks)
        reader.report("end_week", end, "week_range_wraps", Severity.INFO, start=start)
    grid = tuple(
        sorted(w for i, w in reader.table.week_columns.items() if parse_mark(cell(row, i)))
    )
    year = reader.get("year", parse_int)
    return Action(
        row=reader.row_number,
        action=name or f"(ligne {reader.row_number})",
        type=reader.get("type", parse_text),
        owner=reader.get("owner", parse_text),
        budget=reader.get("budget", parse_amount),
        start_week=start,
        end_week=end,
        weeks=grid,
        year=year,
        target=reader.get("target", parse_text),
        planned_count=reader.get("planned_count", parse_number),
        done_count=reader.get("done_count", parse_number),
        lever=reader.get("lever", parse_text),
        expected_revenue=reader.get("expected_revenue", parse_amount),
    )
