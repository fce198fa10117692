"""The demo workbook, written with openpyxl: the company's sheets as a French PME keeps them.

:func:`build_demo_workbook` writes three sheets: « Pipeline » (a merged title row, a
blank row, the headers on row 3, the deals of :func:`~salespipe.sample.generator.draw_deals`
spoilt by :func:`~salespipe.sample.mess.make_messy`, a blank row among them and a totals
row), « Étapes » (the default stage table) and « Plan d'actions » (the action plan with a
week grid). :class:`DemoInfo` says where everything went, each messy cell with its row
and the issue code salespipe is expected to raise.

The same seed and date give the same workbook, whatever the clock.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.model import DEFAULT_CADENCE, Cadence, StageTable
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS
from salespipe.core.report_tables import DAY as DATE_FORMAT
from salespipe.core.texts import LANGS
from salespipe.sample.company import COMPANY, OWNERS, PLAN_WEEKS, in_english
from salespipe.sample.generator import (
    DEMO_ACTION_FIELDS,
    DEMO_DEAL_FIELDS,
    SampleAction,
    SampleDeal,
    draw_actions,
    draw_deals,
)
from salespipe.sample.mess import Placed, make_messy

#: The demo's three sheets, per language.
DEMO_SHEET_NAMES = {
    "fr": ("Pipeline", "Étapes", "Plan d'actions"),
    "en": ("Pipeline", "Stages", "Action plan"),
}
PIPELINE_TITLES = {"fr": "Pipeline commercial — {company}", "en": "Sales pipeline — {company}"}
WEEK_PREFIXES = {"fr": "S", "en": "W"}
TOTAL_ROW_LABEL = "Total"

TITLE_ROW = 1
HEADER_ROW = 3
FIRST_DEAL_ROW = HEADER_ROW + 1

#: Amounts in whole euros and Excel's own percent style, as a PME formats its sheet
#: (salespipe's template writes cents and "0 %").
WHOLE_EURO_FORMAT = '#,##0 "€"'
EXCEL_PERCENT_FORMAT = "0%"

_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_MONEY_FIELDS = frozenset({"amount", "budget", "expected_revenue"})
_PERCENT_FIELDS = frozenset({"probability"})
_DEAL_WIDTHS = {
    "deal_id": 11, "name": 34, "company": 30, "contact": 20, "email": 36, "phone": 18,
    "owner": 16, "stage": 20, "status": 10, "amount": 13, "probability": 11, "created": 13,
    "expected_close": 13, "last_contact": 13, "next_followup": 13, "touches": 9,
    "source": 24, "segment": 9, "temperature": 12, "lost_reason": 16, "notes": 36,
}  # fmt: skip
_STAGE_WIDTHS = (22, 8, 12, 20, 44)
_ACTION_WIDTHS = (24, 15, 16, 11, 13, 12, 28, 9, 9, 20, 13)
_WEEK_WIDTH = 4.5
#: Seed 000's tighter cadence after a proposal for the proposal stages: 2, 5 and 12 days
#: after the deal entered the stage.
_LATE_STAGES = ("Proposition envoyée", "Négociation")
_LATE_CADENCE = Cadence((2, 5, 12), from_stage_entry=True)


@dataclass(frozen=True)
class MessyCell:
    """One deliberately messy cell (or whole row) of the demo Pipeline sheet.

    ``field`` is the deal field (a DEAL_HEADERS key) and ``column`` its header as
    written; both are None for a blank row. ``value`` is what was written (None
    for a cell left blank). ``issue`` is the ISSUE_TEXTS code salespipe should
    raise for it, or None when the cell is messy but still readable.
    """

    row: int
    field: str | None
    column: str | None
    value: Any
    kind: str
    issue: str | None


@dataclass(frozen=True)
class DemoInfo:
    """What :func:`build_demo_workbook` wrote.

    ``deal_rows`` counts every deal row written on the Pipeline sheet, messy ones
    and the duplicate-ID row included (not the blank row nor the totals row);
    ``open_deals``, ``won_deals`` and ``lost_deals`` split them by the status written.
    """

    path: Path
    company: str
    lang: str
    seed: int
    as_of: date
    sheets: tuple[str, str, str]
    header_row: int
    first_row: int
    last_row: int
    total_row: int
    deal_rows: int
    open_deals: int
    won_deals: int
    lost_deals: int
    owners: tuple[str, ...]
    actions: int
    messy: tuple[MessyCell, ...]

    @property
    def messy_count(self) -> int:
        """How many messy cells and rows the Pipeline sheet holds."""
        return len(self.messy)

    @property
    def messy_kinds(self) -> tuple[str, ...]:
        """The distinct kinds of mess, sorted."""
        return tuple(sorted({m.kind for m in self.messy}))

    @property
    def expected_issues(self) -> tuple[tuple[int, str], ...]:
        """(row, issue code) salespipe should report on the Pipeline sheet, by row."""
        return tuple(sorted((m.row, m.issue) for m in self.messy if m.issue))


# --- cells -----------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, column: int, name: str, value: Any, lang: str) -> None:
    """Write one value, translated if need be, with the number format its field calls for."""
    if lang == "en":
        value = in_english(name, value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and name in _MONEY_FIELDS:
        cell.number_format = WHOLE_EURO_FORMAT
    elif isinstance(value, int | float) and name in _PERCENT_FIELDS:
        cell.number_format = EXCEL_PERCENT_FORMAT


def _header_row(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    """Bold, lightly filled headers."""
    for column, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=column, value=label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _label(headers: dict[str, tuple[str, str]], name: str, lang: str) -> str:
    return headers[name][LANGS.index(lang)]


def _sheet_row(index: int, blank_after: int) -> int:
    """The sheet row of deal ``index``; one blank row follows deal ``blank_after``."""
    return FIRST_DEAL_ROW + index + (1 if index > blank_after else 0)


# --- sheets ----------------------------------------------------------------------------


def _write_pipeline(ws: Worksheet, deals: list[SampleDeal], blank_after: int, lang: str) -> int:
    """Title, headers on row 3, the deals, a blank row and a totals row; returns its row."""
    title = ws.cell(row=TITLE_ROW, column=1, value=PIPELINE_TITLES[lang].format(company=COMPANY))
    title.font = _TITLE_FONT
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=6)
    _header_row(ws, HEADER_ROW, [_label(DEAL_HEADERS, f, lang) for f in DEMO_DEAL_FIELDS])
    for index, deal in enumerate(deals):
        for column, name in enumerate(DEMO_DEAL_FIELDS, start=1):
            _put(ws, _sheet_row(index, blank_after), column, name, deal.values[name], lang)
    last = _sheet_row(len(deals) - 1, blank_after)
    total = last + 1
    amount = get_column_letter(DEMO_DEAL_FIELDS.index("amount") + 1)
    ws.cell(row=total, column=1, value=TOTAL_ROW_LABEL).font = _BOLD
    sum_cell = ws.cell(row=total, column=DEMO_DEAL_FIELDS.index("amount") + 1)
    sum_cell.value = f"=SUM({amount}{FIRST_DEAL_ROW}:{amount}{last})"
    sum_cell.number_format = WHOLE_EURO_FORMAT
    sum_cell.font = _BOLD
    ws.freeze_panes = f"A{FIRST_DEAL_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(DEMO_DEAL_FIELDS))}{last}"
    _widths(ws, [_DEAL_WIDTHS[f] for f in DEMO_DEAL_FIELDS])
    return total


def _write_stages(ws: Worksheet, lang: str) -> None:
    """The default stage table, with the J+2/J+5/J+12 cadence on the proposal stages."""
    _header_row(ws, 1, [_label(STAGE_HEADERS, f, lang) for f in STAGE_HEADERS])
    for row, stage in enumerate(StageTable.default().stages, start=2):
        cadence = None
        if not (stage.is_won or stage.is_lost):
            late = stage.name in _LATE_STAGES
            cadence = (_LATE_CADENCE if late else DEFAULT_CADENCE).text()
        values = (stage.name, stage.order, stage.probability, stage.expected_days, cadence)
        for column, (name, value) in enumerate(zip(STAGE_HEADERS, values, strict=True), start=1):
            _put(ws, row, column, name, value, lang)
    ws.freeze_panes = "A2"
    _widths(ws, _STAGE_WIDTHS)


def _write_actions(ws: Worksheet, actions: Sequence[SampleAction], lang: str) -> None:
    """The action plan: fixed columns, then a week grid S1..S52."""
    weeks = [f"{WEEK_PREFIXES[lang]}{w}" for w in range(1, PLAN_WEEKS + 1)]
    _header_row(ws, 1, [_label(ACTION_HEADERS, f, lang) for f in DEMO_ACTION_FIELDS] + weeks)
    for row, action in enumerate(actions, start=2):
        for column, name in enumerate(DEMO_ACTION_FIELDS, start=1):
            _put(ws, row, column, name, action.values[name], lang)
        for week in action.ticked_weeks:
            mark = ws.cell(row=row, column=len(DEMO_ACTION_FIELDS) + week, value="x")
            mark.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "B2"
    _widths(ws, [*_ACTION_WIDTHS, *[_WEEK_WIDTH] * PLAN_WEEKS])


# --- the workbook ----------------------------------------------------------------------


def _messy_cells(
    deals: list[SampleDeal], placed: list[Placed], blank_after: int, total_row: int, lang: str
) -> tuple[MessyCell, ...]:
    """Where each messy cell ended up in the sheet, plus the blank and totals rows."""
    cells = [
        MessyCell(
            row=_sheet_row(index, blank_after),
            field=mess.field,
            column=_label(DEAL_HEADERS, mess.field, lang),
            value=deals[index].values[mess.field],
            kind=mess.kind,
            issue=mess.issue,
        )
        for index, mess in placed
    ]
    blank_row = _sheet_row(blank_after, blank_after) + 1
    cells.append(MessyCell(blank_row, None, None, None, "blank_row", None))
    id_label = _label(DEAL_HEADERS, "deal_id", lang)
    cells.append(
        MessyCell(total_row, "deal_id", id_label, TOTAL_ROW_LABEL, "total_row", "totals_row")
    )
    return tuple(sorted(cells, key=lambda c: c.row))


def _new_workbook(lang: str) -> tuple[Workbook, list[Worksheet]]:
    """An empty workbook with the three demo sheets, named in ``lang``."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    names = DEMO_SHEET_NAMES[lang]
    first.title = names[0]
    return workbook, [first, workbook.create_sheet(names[1]), workbook.create_sheet(names[2])]


def build_demo_workbook(
    path: str | Path, as_of: date, *, seed: int = 2026, lang: str = "fr"
) -> DemoInfo:
    """Write the demo workbook to ``path`` (.xlsx) and say what is in it.

    The same ``seed`` and ``as_of`` always give the same cell values; ``lang``
    ("fr" or "en") chooses the sheet names, headers and status words. Raises
    ValueError for another ``lang``.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    rng = random.Random(seed)  # one generator, drawn in this order: deals, mess, blank, plan
    deals = draw_deals(rng, as_of)
    placed = make_messy(rng, deals, as_of)
    blank_after = rng.randint(len(deals) // 3, 2 * len(deals) // 3)
    actions = draw_actions(rng, as_of)
    workbook, (pipeline, stages, plan) = _new_workbook(lang)
    total_row = _write_pipeline(pipeline, deals, blank_after, lang)
    _write_stages(stages, lang)
    _write_actions(plan, actions, lang)
    workbook.save(path)
    statuses = [d.status for d in deals]
    return DemoInfo(
        path=Path(path),
        company=COMPANY,
        lang=lang,
        seed=seed,
        as_of=as_of,
        sheets=DEMO_SHEET_NAMES[lang],
        header_row=HEADER_ROW,
        first_row=FIRST_DEAL_ROW,
        last_row=total_row - 1,
        total_row=total_row,
        deal_rows=len(deals),
        open_deals=statuses.count("open"),
        won_deals=statuses.count("won"),
        lost_deals=statuses.count("lost"),
        owners=OWNERS,
        actions=len(actions),
        messy=_messy_cells(deals, placed, blank_after, total_row, lang),
    )
