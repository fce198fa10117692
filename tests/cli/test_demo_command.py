"""`salespipe demo` as a user runs it: the sample workbook written, then its report."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main

#: The report's first lines on the French demo workbook as of 23/11/2026: every sheet's
#: row accounting (the demo's blank, totals and rejected rows), then the headline.
#: By hand: 548 100 € forecast = 435 400 € won in the quarter + 112 700 € weighted open;
#: 435 400 / 400 000 = 108.9 %, 548 100 / 400 000 = 137.0 %, 35 400 € above the target.
EXPECTED_HEAD = """\
Pipeline report — {name} (as of 2026-11-23)
  {stages}: 7 read = 7 used + 0 rejected + 0 totals rows + 0 blank
  Pipeline: 242 read = 239 used + 1 rejected + 1 totals row + 1 blank
  {actions}: 9 read = 9 used + 0 rejected + 0 totals rows + 0 blank

Headline
  Deals: 239 (123 open, 52 won, 64 lost)
  Open pipeline: €3,512,600 (weighted €1,204,825)
  Won: €1,306,500    Win rate: 44.8%
  Weighted forecast 2026-10-01 – 2026-12-31: €548,100
  Target: €400,000; won in the period €435,400 (attainment 108.9%), forecast 137.0% of target
  Target reached: €35,400 above it
"""


def test_demo_builds_a_workbook_and_reports_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.xlsx"
    main(["demo", "--workbook", str(path), "--as-of", "2026-11-23", "--format", "json"])
    captured = capsys.readouterr()
    assert path.exists()
    data = json.loads(captured.out)
    assert data["summary"]["deals"] == 239
    # 435 400 € won in the quarter against the default 400 000 € target.
    assert data["summary"]["target_reached"] is True
    assert data["summary"]["remaining_target"] == -35_400
    assert data["summary"]["coverage"] is None
    assert data["summary"]["overdue_followups"] > 0
    assert {i["code"] for i in data["issues"]} >= {"bad_amount", "unknown_stage", "totals_row"}
    assert f"Sample workbook written to {path}" in captured.err


def test_demo_text_report_exact_first_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "out" / "demo.xlsx"  # as in the README: the folder is made
    main(["demo", "--workbook", str(path), "--as-of", "2026-11-23"])
    captured = capsys.readouterr()
    head = EXPECTED_HEAD.format(name="demo.xlsx", stages="Étapes", actions="Plan d'actions")
    assert captured.out.startswith(head)
    assert captured.err == f"Sample workbook written to {path}\n"


def test_demo_workbook_in_english_gives_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sample.xlsx"
    main(["demo", "--workbook", str(path), "--as-of", "2026-11-23", "--workbook-lang", "en"])
    out = capsys.readouterr().out
    head = EXPECTED_HEAD.format(name="sample.xlsx", stages="Stages", actions="Action plan")
    assert out.startswith(head)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Pipeline", "Stages", "Action plan"]
    headers = [cell.value for cell in workbook["Pipeline"][3]]
    assert headers[:3] == ["ID", "Deal", "Company"]


def test_demo_does_not_replace_an_existing_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mon-pipeline.xlsx"
    path.write_bytes(b"my own data")
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--workbook", str(path)])
    assert exited.value.code == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert path.read_bytes() == b"my own data"
    main(["demo", "--workbook", str(path), "--force", "--as-of", "2026-11-23", "--format", "json"])
    assert path.read_bytes() != b"my own data"
