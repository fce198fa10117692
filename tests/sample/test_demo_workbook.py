"""The demo workbook: its sheets, headers, deals, messy cells, determinism and languages."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.model import StageTable
from salespipe.core.reading.pipeline import load_pipeline
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS
from salespipe.files import read_grids
from salespipe.sample import DEMO_DEAL_FIELDS, DemoInfo, build_demo_workbook

AS_OF = date(2026, 3, 16)
STAGES = StageTable.default()
EXPECTED_KINDS = {
    "amount_text",
    "amount_k",
    "amount_unreadable",
    "date_text",
    "date_invalid",
    "stage_typo",
    "stage_case",
    "stage_unknown",
    "email_invalid",
    "probability_out_of_range",
    "duplicate_id",
    "won_without_close_date",
    "blank_row",
    "total_row",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoInfo, openpyxl.Workbook]:
    """The French demo workbook, built once, and reopened with openpyxl."""
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    info = build_demo_workbook(path, AS_OF)
    return info, openpyxl.load_workbook(path)


def _sheet(workbook: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = workbook[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _column(field: str) -> int:
    return DEMO_DEAL_FIELDS.index(field) + 1


def _deal_values(info: DemoInfo, ws: Worksheet, field: str) -> list[Any]:
    """The values of one Pipeline column, deal rows only (blank and totals rows left out)."""
    blank = {m.row for m in info.messy if m.kind == "blank_row"}
    return [
        ws.cell(row=row, column=_column(field)).value
        for row in range(info.first_row, info.last_row + 1)
        if row not in blank
    ]


def _all_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def test_three_sheets(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    assert workbook.sheetnames == ["Pipeline", "Étapes", "Plan d'actions"]
    assert info.sheets == ("Pipeline", "Étapes", "Plan d'actions")


def test_pipeline_title_and_headers_on_row_3(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    assert ws["A1"].value == f"Pipeline commercial — {info.company}"
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    assert all(cell.value is None for cell in ws[2])
    headers = [ws.cell(row=3, column=c).value for c in range(1, 22)]
    assert info.header_row == 3
    assert headers == [DEAL_HEADERS[f][0] for f in DEMO_DEAL_FIELDS]
    assert headers[:3] == ["ID", "Affaire", "Société"] and headers[-1] == "Notes"
    assert ws.cell(row=3, column=22).value is None
    assert ws.freeze_panes == "A4"
    assert ws["A3"].font.bold


def test_deal_rows_count(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    rows = [
        r
        for r in ws.iter_rows(min_row=info.first_row, max_row=info.total_row - 1, values_only=True)
        if any(v is not None for v in r)
    ]
    assert len(rows) == info.deal_rows
    assert 220 <= info.deal_rows <= 260
    assert info.open_deals + info.won_deals + info.lost_deals == info.deal_rows
    assert ws.max_row == info.total_row


def test_every_default_stage_and_status(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    stages = set(_deal_values(info, ws, "stage"))
    statuses = _deal_values(info, ws, "status")
    won = STAGES.won_stage
    assert won is not None
    assert {s.name for s in STAGES.open_stages} | {won.name} <= stages
    assert {"en cours", "gagné", "perdu"} == set(statuses)
    lost_at = {
        s for s, st in zip(_deal_values(info, ws, "stage"), statuses, strict=True) if st == "perdu"
    }
    assert lost_at and lost_at <= {s.name for s in STAGES.open_stages}
    assert statuses.count("gagné") == info.won_deals
    reasons = {r for r in _deal_values(info, ws, "lost_reason") if r}
    assert reasons == {"prix", "concurrent", "pas de budget", "projet reporté"}


def test_stage_sheet(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    _, workbook = demo
    ws = _sheet(workbook, "Étapes")
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [label for label, _ in STAGE_HEADERS.values()]
    assert [r[0] for r in rows[1:]] == list(STAGES.names)
    assert [r[2] for r in rows[1:]] == [s.probability for s in STAGES.stages]
    assert ws["C2"].number_format == "0%"
    by_name = {r[0]: r[4] for r in rows[1:]}
    assert by_name["Négociation"] == "J+2, J+5, J+12"
    assert by_name["Suspect"] == "+0, +1, +3, +7, +7, +7, +7, +90"
    assert by_name["Gagné"] is None and by_name["Perdu"] is None


def test_action_plan(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Plan d'actions")
    rows: list[tuple[Any, ...]] = list(ws.iter_rows(values_only=True))
    fixed = [label for key, (label, _) in ACTION_HEADERS.items() if key != "year"]
    assert list(rows[0][:11]) == fixed
    assert list(rows[0][11:]) == [f"S{w}" for w in range(1, 53)]
    actions = rows[1:]
    assert len(actions) == info.actions and 8 <= info.actions <= 10
    assert all(0 <= a[3] <= 15_000 for a in actions)
    assert {a[2] for a in actions} <= {*info.owners, "Marketing"}
    assert {a[9] for a in actions} == {"Business as usual", "Levier de croissance"}
    assert any("x" in a[11:] for a in actions)
    assert any(isinstance(a[4], str) and a[4].startswith("S") for a in actions)
    assert any(isinstance(a[4], int) for a in actions)
    sources = set(_deal_values(info, _sheet(workbook, "Pipeline"), "source"))
    assert sources <= {a[0] for a in actions}


def test_realistic_values(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    amounts = [a for a in _deal_values(info, ws, "amount") if isinstance(a, int | float)]
    assert len(amounts) > 200 and all(3_000 <= a <= 121_000 for a in amounts)
    assert set(_deal_values(info, ws, "owner")) == set(info.owners)
    assert len(info.owners) == 4
    assert set(_deal_values(info, ws, "segment")) == {"A", "B", "C"}
    assert {"froid", "tiède", "chaud"} <= set(_deal_values(info, ws, "temperature"))
    phones = [p for p in _deal_values(info, ws, "phone") if p]
    assert any(p.startswith("+33 ") for p in phones) and any(" " not in p for p in phones)
    created = [d for d in _deal_values(info, ws, "created") if isinstance(d, datetime)]
    assert min(created).date() >= date(2025, 3, 16) and max(created).date() <= AS_OF
    for column in ("amount", "created"):
        cells = [ws.cell(row=r, column=_column(column)) for r in range(4, info.last_row + 1)]
        typed = [c for c in cells if isinstance(c.value, int | float | datetime)]
        assert typed and all(c.number_format in ('#,##0 "€"', "DD/MM/YYYY") for c in typed)


def test_followup_cases(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    status = _deal_values(info, ws, "status")
    nexts = _deal_values(info, ws, "next_followup")
    touches = _deal_values(info, ws, "touches")
    open_rows = [i for i, s in enumerate(status) if s == "en cours"]
    overdue = [i for i in open_rows if isinstance(nexts[i], datetime) and nexts[i].date() < AS_OF]
    assert overdue
    assert any(nexts[i] is None for i in open_rows)
    assert any(touches[i] >= 7 and nexts[i] is None for i in open_rows)
    assert all(0 <= t <= 9 for t in touches)
    probabilities = [p for p in _deal_values(info, ws, "probability") if isinstance(p, float)]
    assert probabilities and all(0 < p < 1 for p in probabilities)


def test_messy_cells_are_where_demo_info_says(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    assert set(info.messy_kinds) == EXPECTED_KINDS
    assert 15 <= info.messy_count <= 20
    assert len({m.row for m in info.messy}) == info.messy_count  # one per row
    for cell in info.messy:
        if cell.kind == "blank_row":
            assert all(c.value is None for c in ws[cell.row])
            continue
        assert cell.field is not None
        assert ws.cell(row=cell.row, column=_column(cell.field)).value == cell.value, cell
        assert cell.column == DEAL_HEADERS[cell.field][0]


def test_special_messy_rows(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, workbook = demo
    ws = _sheet(workbook, "Pipeline")
    by_kind = {m.kind: m for m in info.messy}
    duplicate = by_kind["duplicate_id"]
    earlier = [ws.cell(row=r, column=1).value for r in range(info.first_row, duplicate.row)]
    assert duplicate.value in earlier
    won = by_kind["won_without_close_date"]
    assert ws.cell(row=won.row, column=_column("stage")).value == "Gagné"
    assert ws.cell(row=won.row, column=_column("status")).value == "gagné"
    total = by_kind["total_row"]
    assert total.row == info.total_row == info.last_row + 1
    formula = ws.cell(row=total.row, column=_column("amount")).value
    assert formula == f"=SUM(J{info.first_row}:J{info.last_row})"
    assert info.first_row < by_kind["blank_row"].row < info.last_row
    assert by_kind["amount_unreadable"].value == "à voir"
    assert by_kind["stage_typo"].value == "Negociaton"
    assert by_kind["probability_out_of_range"].value == "150 %"
    assert str(by_kind["email_invalid"].value).endswith("@")
    assert str(by_kind["date_invalid"].value).startswith("31/02/")


def test_expected_issue_codes(demo: tuple[DemoInfo, openpyxl.Workbook]) -> None:
    info, _ = demo
    codes = dict((code, row) for row, code in info.expected_issues)
    assert set(codes) == {
        "bad_amount",
        "bad_date",
        "stage_corrected",
        "unknown_stage",
        "invalid_email",
        "probability_out_of_range",
        "duplicate_id",
        "won_without_close_date",
        "totals_row",
    }
    valid = {"amount_text", "amount_k", "date_text", "stage_case", "blank_row"}
    assert all((m.issue is None) == (m.kind in valid) for m in info.messy)


def test_salespipe_reports_exactly_the_planted_issues(tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    info = build_demo_workbook(path, AS_OF, seed=7)
    pipeline = load_pipeline(read_grids(path), "demo")
    assert tuple(sorted((i.row, i.code) for i in pipeline.issues)) == info.expected_issues
    assert len(pipeline.deals) == info.deal_rows - 1  # the duplicate-ID row is left out
    assert len(pipeline.actions) == info.actions


def test_deterministic(tmp_path: Path) -> None:
    first = build_demo_workbook(tmp_path / "a.xlsx", AS_OF, seed=11)
    second = build_demo_workbook(tmp_path / "b.xlsx", AS_OF, seed=11)
    other = build_demo_workbook(tmp_path / "c.xlsx", AS_OF, seed=12)
    assert _all_values(first.path) == _all_values(second.path)
    assert first.messy == second.messy
    assert _all_values(first.path) != _all_values(other.path)


def test_english_headers(tmp_path: Path) -> None:
    info = build_demo_workbook(tmp_path / "en.xlsx", AS_OF, lang="en")
    workbook = openpyxl.load_workbook(info.path)
    assert workbook.sheetnames == ["Pipeline", "Stages", "Action plan"]
    ws = _sheet(workbook, "Pipeline")
    assert [ws.cell(row=3, column=c).value for c in range(1, 22)] == [
        DEAL_HEADERS[f][1] for f in DEMO_DEAL_FIELDS
    ]
    assert ws["A1"].value == f"Sales pipeline — {info.company}"
    assert set(_deal_values(info, ws, "status")) == {"open", "won", "lost"}
    assert _sheet(workbook, "Stages")["A1"].value == "Stage"
    actions = _sheet(workbook, "Action plan")
    assert actions["A1"].value == "Action" and actions.cell(row=1, column=12).value == "W1"
    assert all(m.column is None or m.column == DEAL_HEADERS[m.field or ""][1] for m in info.messy)


def test_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lang"):
        build_demo_workbook(tmp_path / "x.xlsx", AS_OF, lang="de")
