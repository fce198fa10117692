"""`salespipe template` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main
from salespipe.template import template_path

ROOT = Path(__file__).resolve().parents[2]


def test_template_writes_the_french_workbook_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.xlsx"
    main(["template", "-o", str(target)])
    assert f"Template written to {target}" in capsys.readouterr().err
    assert openpyxl.load_workbook(target).sheetnames[:4] == [
        "Mode d'emploi",
        "Pipeline",
        "Étapes",
        "Plan d'actions",
    ]
    target.write_bytes(b"what the user typed")
    with pytest.raises(SystemExit) as stopped:
        main(["template", "-o", str(target)])
    assert stopped.value.code == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert target.read_bytes() == b"what the user typed"
    main(["template", "-o", str(target), "--force"])
    assert openpyxl.load_workbook(target).sheetnames[:2] == ["Mode d'emploi", "Pipeline"]


def test_template_in_english_with_the_sample(tmp_path: Path) -> None:
    target = tmp_path / "sample.xlsx"
    main(["template", "-o", str(target), "--lang", "en", "--sample", "--as-of", "23/11/2026"])
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[:6] == [
        "How to use",
        "Pipeline",
        "Stages",
        "Action plan",
        "Follow-ups",
        "Dashboard",
    ]
    ws = wb["Pipeline"]
    assert ws["B1"].value == "Deal" and ws["A2"].value == "AFF-0001"
    assert ws["A241"].value == "AFF-0240" and ws["A242"].value is None
    assert wb["Settings"]["B4"].value == 400_000


def test_the_shipped_template_is_found_at_run_time() -> None:
    assert template_path() == ROOT / "templates" / "action_plan.xlsx"


@pytest.mark.parametrize("name", ["plan.xlsm", "plan.ods", "plan.csv", "plan"])
def test_a_name_that_is_not_xlsx_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """What is written is always an .xlsx workbook: another extension would make Excel refuse
    the file (or LibreOffice read it as what it is not)."""
    with pytest.raises(SystemExit) as done:
        main(["template", "-o", str(tmp_path / name)])
    assert done.value.code == 2
    assert "the template is an .xlsx workbook" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
