"""`salespipe template` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main, options
from salespipe.cli.exit_codes import USAGE
from salespipe.template import template_path

RULE = options.user_lang  # before conftest's autouse fixture replaces it
ROOT = Path(__file__).resolve().parents[2]


def test_template_writes_the_french_workbook_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.xlsx"
    main(["template", "-o", str(target), "--lang", "fr"])
    assert f"Modèle écrit dans {target}" in capsys.readouterr().err
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
    main(["template", "-o", str(target), "--force", "--lang", "fr"])
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


@pytest.mark.parametrize(
    ("args", "name", "says"),
    [
        ([], "plan.ods", "the template is an .xlsx workbook"),
        ([], "plan.csv", "the template is an .xlsx workbook"),
        ([], "plan", "the template is an .xlsx workbook"),
        ([], "plan.xlsm", "an .xlsm name asks for the macro-enabled workbook; add --xlsm"),
        (["--xlsm"], "plan.xlsx", "with --xlsm the template is a macro-enabled workbook"),
        (["--xlsm"], "plan.ods", "give a name ending in .xlsm"),
    ],
)
def test_a_name_whose_extension_does_not_match_what_is_written_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], name: str, says: str
) -> None:
    """What is written is an .xlsx workbook, or an .xlsm one with --xlsm: another extension
    would make Excel refuse the file (or LibreOffice read it as what it is not)."""
    with pytest.raises(SystemExit) as done:
        main(["template", "-o", str(tmp_path / name), "--lang", "en", *args])
    assert done.value.code == USAGE
    assert says in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_refusal_is_in_french_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "user_lang", RULE)  # the real rule, undoing conftest's English
    monkeypatch.setenv("LANG", "C.UTF-8")  # a server's usual locale: no language in it
    with pytest.raises(SystemExit):
        main(["template", "-o", str(tmp_path / "plan.ods")])
    assert "le modèle est un classeur .xlsx ; donnez un nom en .xlsx" in capsys.readouterr().err


def test_xlsm_writes_the_macro_enabled_workbook_under_its_default_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    main(["template", "--xlsm", "--lang", "en"])
    target = tmp_path / "action_plan.xlsm"
    assert "Template written to action_plan.xlsm" in capsys.readouterr().err
    book = openpyxl.load_workbook(target, keep_vba=True)
    assert book.vba_archive is not None and "xl/vbaProject.bin" in book.vba_archive.namelist()
    assert book["xlwings.conf"]["B1"].value == "xlplugin.udfs"
    assert [p.name for p in tmp_path.iterdir()] == ["action_plan.xlsm"]
