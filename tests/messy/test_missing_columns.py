"""A sheet whose figures' columns have names no alias knows: every output says so first,
with the columns seen and the mapping to paste; pasting it gives the right figures.

The workbook « Suivi 2026 » (title row, header on row 3): « Client », « Projet » are
known, « Combien », « Où on en est », « Pour quand » are not. Worked by hand, as of
01/12/2026, once mapped: ACME 12 000 € in Négociation (80 %) closing 15/12/2026, Beta
8 500 € won on 03/11/2026; open pipeline 12 000 €, weighted 9 600 €, won 8 500 €, the
quarter's forecast 9 600 + 8 500 = 18 100 €. Unmapped, every amount is 0 €.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main

AS_OF = "2026-12-01"
MAPPING = (
    "[deals]\n"
    'amount = "Combien"\n'
    'stage = "Où on en est"\n'
    'expected_close = "Pour quand"\n'
    "\n"
    "[sheets]\n"
    'deals = "Suivi 2026"\n'
)


def unrecognised_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Suivi 2026"
    ws.append(["Suivi commercial 2026"])
    ws.append([])
    ws.append(["Client", "Projet", "Combien", "Où on en est", "Pour quand", "Suivi par"])
    ws.append(["ACME", "Site web", 12000, "Négociation", date(2026, 12, 15), "Paul"])
    ws.append(["Beta", "ERP", 8500, "Gagné", date(2026, 11, 3), "Anne"])
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return unrecognised_sheet(tmp_path / "suivi.xlsx")


def _run(capsys: pytest.CaptureFixture[str], *args: str, blocked: bool = False) -> str:
    """The command's output; it succeeded (``blocked``: it may stop for maps to fill)."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
        raise SystemExit(0)
    assert info.value.code in (0, None) or (blocked and info.value.code != 1)
    return capsys.readouterr().out


def test_the_text_report_starts_with_the_warning_and_the_mapping(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "report", str(book), "--as-of", AS_OF, "--lang", "fr")
    lines = out.splitlines()
    assert lines[0].startswith("ATTENTION : colonnes introuvables dans la feuille « Suivi 2026 »")
    head = "\n".join(lines[:14])
    flat = " ".join(head.split())
    assert "Montant HT, Étape, Date de clôture prévue" in flat
    assert "« Combien », « Où on en est », « Pour quand »" in flat
    assert "\n".join(line.strip() for line in lines[:20]).count(MAPPING.strip()) == 1
    assert "Pipeline en cours : 0 €" in out  # the figures it warns about
    assert all(len(line) <= 79 for line in lines[:6])


def test_the_english_report_too(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "report", str(book), "--as-of", AS_OF, "--lang", "en")
    assert out.startswith("WARNING: columns not found in sheet 'Suivi 2026': Amount, Stage,")
    assert "Paste into a file mapping.toml" in out.split("Pipeline report")[0]


def test_the_json_report_has_it_as_its_first_field(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "report", str(book), "--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    assert next(iter(data)) == "missing_columns"
    missing = data["missing_columns"]
    assert missing["fields"] == ["amount", "stage", "expected_close"]
    assert missing["columns_seen"] == [
        "Client", "Projet", "Combien", "Où on en est", "Pour quand", "Suivi par"
    ]  # fmt: skip
    assert missing["mapping"] == MAPPING
    assert missing["header_row"] == 3


def test_a_recognised_sheet_has_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.workbooks import write_small_pipeline

    book = write_small_pipeline(tmp_path / "small.xlsx")
    data = json.loads(_run(capsys, "report", str(book), "--as-of", AS_OF, "--format", "json"))
    assert data["missing_columns"] is None


def test_the_xlsx_summary_starts_with_it(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport.xlsx"
    _run(capsys, "report", str(book), "--as-of", AS_OF, "--format", "xlsx", "-o", str(out),
         "--lang", "fr")  # fmt: skip
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, max_row=4, values_only=True))
    assert rows[0][0] == "ATTENTION"
    assert str(rows[0][1]).startswith("ATTENTION : colonnes introuvables")
    assert rows[1][1] == ("« Client », « Projet », « Combien », « Où on en est », "
                          "« Pour quand », « Suivi par »")  # fmt: skip
    assert rows[2][1] + "\n" == MAPPING


def test_the_sync_line_and_its_dashboard_say_it(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "sortie.xlsx"
    out = _run(capsys, "sync", str(book), "-o", str(output), "--as-of", AS_OF, "--lang", "fr",
               "--no-history")  # fmt: skip
    assert out.startswith("ATTENTION : colonnes introuvables dans la feuille « Suivi 2026 »")
    assert MAPPING.strip() in "\n".join(line.strip() for line in out.splitlines())
    board = openpyxl.load_workbook(output)["Tableau de bord"]
    assert board["A2"].value == "ATTENTION"


def test_the_export_summary_starts_with_it(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "export", str(book), "--crm", "hubspot", "-o", str(tmp_path / "crm"),
               "--as-of", AS_OF, "--lang", "en", blocked=True)  # fmt: skip
    assert out.startswith("WARNING: columns not found in sheet 'Suivi 2026'")
    assert 'amount = "Combien"' in out.split("HubSpot export")[0]


def test_pasting_the_mapping_gives_the_figures(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mapping.toml"
    data = json.loads(_run(capsys, "report", str(book), "--as-of", AS_OF, "--format", "json"))
    mapping.write_text(data["missing_columns"]["mapping"], encoding="utf-8")
    args = ("report", str(book), "--as-of", AS_OF, "--format", "json", "--mapping", str(mapping))
    mapped = json.loads(_run(capsys, *args))
    assert mapped["missing_columns"] is None
    summary = mapped["summary"]
    assert (summary["open_amount"], summary["weighted_open"]) == (12_000, 9_600)
    assert (summary["won_amount"], summary["period_forecast"]) == (8_500, 18_100)


def test_a_column_with_nothing_like_it_gets_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pipeline"
    ws.append(["Société", "Affaire", "Étape", "Montant HT", "Remarque"])
    ws.append(["ACME", "Site", "Négociation", 1000, "à voir"])
    book = tmp_path / "sans_date.xlsx"
    wb.save(book)
    data = json.loads(_run(capsys, "report", str(book), "--as-of", AS_OF, "--format", "json",
                           "--lang", "fr"))  # fmt: skip
    missing = data["missing_columns"]
    assert missing["fields"] == ["expected_close"]
    assert 'expected_close = "nom de votre colonne"' in missing["mapping"]
