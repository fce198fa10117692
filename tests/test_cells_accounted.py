"""Cells that were lost without a word (issue 15): a mapping naming a column outside the
sheet or a misspelled table, a second header row counted as a deal, -0 exported as
"-0.00", an owner « - » that blocked the export but never got a row in owners.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.support.cli_run import run

HEADER = "ID;Affaire;Société;Commercial;Étape;Statut;Montant HT"
DEALS = [
    "A1;Site;ACME;Marie;Négociation;en cours;5000",
    "A2;ERP;Beta;Marie;Négociation;en cours;7000",
]


def write(path: Path, *lines: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("mapping", "error"),
    [
        ('[deals]\namount = "ZZZ"\n',
         "Error: Sheet 'p': mapped column ZZZ is outside the sheet (last filled column: G)"),
        ('[dealz]\namount = "Montant HT"\n',
         "Error: Column mapping: unknown table [dealz]; possible tables: deals, stages, "
         "actions, sheets"),
    ],
)  # fmt: skip
def test_a_mapping_that_would_blank_every_amount_is_refused(
    mapping: str, error: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "p.csv", HEADER, *DEALS)
    (tmp_path / "m.toml").write_text(mapping, encoding="utf-8")
    code, out, err = run(["report", str(source), "--mapping", str(tmp_path / "m.toml")], capsys)
    assert (code, out, err.strip()) == (1, "", error)


def test_a_mapped_letter_inside_the_sheet_is_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "p.csv", HEADER, *DEALS)
    (tmp_path / "m.toml").write_text('[deals]\namount = "G"\n', encoding="utf-8")
    code, out, _ = run(["report", str(source), "--mapping", str(tmp_path / "m.toml"),
                        "--format", "json", "--as-of", "2026-11-01"], capsys)  # fmt: skip
    assert code == 0 and json.loads(out)["summary"]["open_amount"] == 12000


def test_an_english_header_row_under_the_french_one_is_a_header_not_a_deal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "p.csv", HEADER, "ID;Deal;Company;Owner;Stage;Status;Amount",
                   *DEALS)  # fmt: skip
    code, out, _ = run(["report", str(source), "--format", "json", "--as-of", "2026-11-01"],
                       capsys)  # fmt: skip
    assert code == 0
    report = json.loads(out)
    account = report["accounts"][0]
    assert (account["read"], account["used"], account["headers"]) == (3, 2, 1)
    assert [(i["row"], i["code"]) for i in report["issues"]] == [(2, "repeated_header")]


def test_minus_zero_is_exported_as_zero_and_an_owner_dash_gets_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "p.csv", HEADER, "A1;Site;ACME;Marie;Négociation;en cours;-0",
                   "A2;ERP;Beta;-;Négociation;en cours;7000")  # fmt: skip
    out = tmp_path / "out"
    args = ["export", str(source), "--crm", "hubspot", "-o", str(out), "--as-of", "2026-11-01"]
    code, _, _ = run(args, capsys)
    assert code != 0  # the maps to fill
    owners = (out / "owners.csv").read_text("utf-8-sig").splitlines()
    assert owners == ["owner;email;crm_user", "Marie;;Marie", "'-;;'-"]
    (out / "owners.csv").write_text(
        "owner;email;crm_user\nMarie;marie@acme.fr;Marie\n'-;lea@acme.fr;Léa\n", "utf-8"
    )
    code, _, err = run(args, capsys)
    assert (code, err) == (0, "")
    with (out / "hubspot_deals.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Amount"] for r in rows] == ["0.00", "7000.00"]
    assert [r["Deal owner"] for r in rows] == ["marie@acme.fr", "lea@acme.fr"]


def test_the_second_level_of_a_merged_header_is_a_header_not_a_deal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Montant » merged over « HT | TTC », « Dates » over « Création | Clôture »."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Pipeline"
    sheet.append(["Affaire", "Société", "Étape", "Montant", None, "Dates", None])
    sheet.append([None, None, None, "HT", "TTC", "Création", "Clôture prévue"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"):
        sheet.merge_cells(cells)
    sheet.append(["Site", "ACME", "Négociation", 5000, 6000, "01/09/2026", "01/12/2026"])
    workbook.save(tmp_path / "merged.xlsx")
    code, out, _ = run(["report", str(tmp_path / "merged.xlsx"), "--format", "json",
                        "--as-of", "2026-11-01"], capsys)  # fmt: skip
    assert code == 0
    report = json.loads(out)
    account = report["accounts"][0]
    assert (account["read"], account["used"], account["headers"]) == (2, 1, 1)
    assert [(i["row"], i["code"]) for i in report["issues"]] == [(2, "repeated_header")]
    assert report["summary"]["open_amount"] == 5000
