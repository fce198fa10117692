"""The sample's records: plain, deterministic, and the very ones the demo workbook holds."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.sample import (
    ACTIONS,
    DEMO_ACTION_FIELDS,
    DEMO_DEAL_FIELDS,
    PLAN_WEEKS,
    build_demo_workbook,
    draw_actions,
    draw_deals,
)

AS_OF = date(2026, 3, 16)


def test_deals_are_plain_records_drawn_from_the_seed() -> None:
    deals = draw_deals(random.Random(5), AS_OF)
    again = draw_deals(random.Random(5), AS_OF)
    assert [d.values for d in deals] == [d.values for d in again]
    assert len(deals) == 240
    assert all(set(d.values) == set(DEMO_DEAL_FIELDS) for d in deals)
    assert [d.values["deal_id"] for d in deals] == [f"AFF-{n:04d}" for n in range(1, 241)]
    created = [d.values["created"] for d in deals]
    assert created == sorted(created) and max(created) <= AS_OF
    assert sum(d.followup_case for d in deals) == 9


def test_actions_are_the_plan_with_done_counts() -> None:
    actions = draw_actions(random.Random(5), AS_OF)
    assert [a.values["action"] for a in actions] == [spec.name for spec in ACTIONS]
    assert all(tuple(a.values) == DEMO_ACTION_FIELDS for a in actions)
    assert all(0 <= a.values["done_count"] <= 1.1 * a.values["planned_count"] for a in actions)
    assert all(1 <= w <= PLAN_WEEKS for a in actions for w in a.ticked_weeks)


def test_the_demo_writes_the_records_but_its_messy_cells(tmp_path: Path) -> None:
    info = build_demo_workbook(tmp_path / "demo.xlsx", AS_OF, seed=3)
    deals = draw_deals(random.Random(3), AS_OF)
    sheet = openpyxl.load_workbook(info.path)["Pipeline"]
    assert isinstance(sheet, Worksheet)
    messy = {(m.row, m.field) for m in info.messy}
    blank = {m.row for m in info.messy if m.kind == "blank_row"}
    rows = [r for r in range(info.first_row, info.last_row + 1) if r not in blank]
    assert len(rows) == len(deals)
    spoilt = 0
    for row, deal in zip(rows, deals, strict=True):
        for column, field in enumerate(DEMO_DEAL_FIELDS, start=1):
            value = sheet.cell(row=row, column=column).value
            if isinstance(value, datetime):
                value = value.date()
            if (row, field) in messy:
                spoilt += 1
            else:
                assert value == deal.values[field], (row, field)
    assert spoilt == info.messy_count - 2  # all but the blank and totals rows
