"""Lost cells (error values, formulas without their value) wherever they land: a sheet's
count past the first 1 000 is reported once even when the cell carrying it is in a row
left out or a column not read, and a lost stage or status names its value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salespipe.cli import main
from tests import raw_ods as ods
from tests.raw_xlsx import error_cell, header_row, number_cell, text_cell, write_raw_xlsx

HEADERS = ("Affaire", "Société", "Montant HT", "Étape")


def report(path: Path, capsys: pytest.CaptureFixture[str], lang: str = "en") -> dict:
    with pytest.raises(SystemExit) as info:
        main(["report", str(path), "--format", "json", "--as-of", "2026-11-01", "--lang", lang])
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert (info.value.code or 0, err) == (0, "")
    return json.loads(out)


def codes(issues: list[dict], *wanted: str) -> list[tuple[int, str | None, str, str]]:
    return [(i["row"], i["column"], i["value"], i["code"]) for i in issues if i["code"] in wanted]


def _identical_rows(folder: Path, kind: str) -> Path:
    """1 203 identical rows (no ID): Site, ACME, ``#N/A`` in Montant HT, Négociation."""
    if kind == "ods":
        return ods.write_raw_ods(folder / "same.ods", {"Pipeline": [
            ods.header_row(*HEADERS),
            ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.error_cell("#N/A"),
                    ods.text_cell("Négociation"), repeated=1203),
        ]})  # fmt: skip
    rows = {1: header_row(*HEADERS)}
    for n in range(2, 1205):
        rows[n] = [text_cell(f"A{n}", "Site"), text_cell(f"B{n}", "ACME"),
                   error_cell(f"C{n}", "#N/A"), text_cell(f"D{n}", "Négociation")]  # fmt: skip
    return write_raw_xlsx(folder / "same.xlsx", rows)


@pytest.mark.parametrize("kind", ("xlsx", "ods"))
def test_identical_rows_of_errors_still_say_how_many_more_there_are(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer's case: rows 3 to 1 204 repeat row 2 and are left out as duplicates,
    the cell carrying the count (row 1 002) among them. Before: one ``excel_error`` and no
    ``lost_cells_more``, the 1 202 others never said. Now row 2's is detailed and the
    count names row 3 (the first without an issue of its own) and the 1 201 after it:
    1 + 1 + 1 201 = 1 203. The row accounting is unchanged: 1 used, 1 202 rejected."""
    result = report(_identical_rows(tmp_path, kind), capsys)
    account = result["accounts"][0]
    assert (account["read"], account["used"], account["rejected"]) == (1203, 1, 1202)
    issues = result["issues"]
    assert codes(issues, "excel_error") == [(2, "Montant HT", "#N/A", "excel_error")]
    assert [(i["row"], i["column"], i["value"], i["message"]) for i in issues
            if i["code"] == "lost_cells_more"] == [(
        3, "Montant HT", "#N/A",
        "Sheet 'Pipeline', row 3, column 'Montant HT': error cell or formula without a "
        "value '#N/A' ignored; 1201 more cells of the sheet are too, ignored without being "
        "detailed (past the first 1 000, or in a row left out): fix them in "
        "the workbook",
    )]  # fmt: skip
    french = [i["message"] for i in report(tmp_path / f"same.{kind}", capsys, "fr")["issues"]
              if i["code"] == "lost_cells_more"]  # fmt: skip
    assert french == [
        "Feuille « Pipeline », ligne 3, colonne « Montant HT » : cellule en erreur ou formule "
        "sans valeur « #N/A » ignorée ; 1201 autres cellules de la feuille sont dans ce cas, "
        "ignorées sans être détaillées (après les 1 000 premières, ou dans une ligne écartée) "
        ": corrigez-les dans le classeur"
    ]


def test_errors_in_a_column_not_read_are_not_counted_those_read_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 100 deals whose « Calcul » column (not read: it changes no figure) shows ``#N/A``,
    then 2 deals whose amount is ``#DIV/0!``, the 1 101st and 1 102nd lost cells, past the
    cap. Before: no issue at all, the cell carrying the count (E1002) being in « Calcul ».
    Now one count for the 2 amounts, on the first cell past the 1 000; the 1 100 cells of
    « Calcul » are neither detailed nor counted, as below the cap."""
    rows = {1: header_row(*HEADERS, "Calcul")}
    for n in range(2, 1102):
        rows[n] = [text_cell(f"A{n}", f"Affaire {n}"), text_cell(f"B{n}", "ACME"),
                   number_cell(f"C{n}", 1000.0), text_cell(f"D{n}", "Négociation"),
                   error_cell(f"E{n}", "#N/A")]  # fmt: skip
    for n in (1102, 1103):
        rows[n] = [text_cell(f"A{n}", f"Affaire {n}"), text_cell(f"B{n}", "ACME"),
                   error_cell(f"C{n}", "#DIV/0!"), text_cell(f"D{n}", "Négociation")]  # fmt: skip
    result = report(write_raw_xlsx(tmp_path / "calcul.xlsx", rows), capsys)
    assert result["accounts"][0]["used"] == 1102
    assert result["summary"]["open_amount"] == 1_100_000
    issues = result["issues"]
    assert codes(issues, "excel_error", "lost_cells_more") == [
        (1002, "Calcul", "#N/A", "lost_cells_more")
    ]
    assert [i["message"] for i in issues if i["code"] == "lost_cells_more"] == [
        "Sheet 'Pipeline', row 1002, column 'Calcul': error cell or formula without a value "
        "'#N/A' ignored; 2 more cells of the sheet are too, ignored without being detailed "
        "(past the first 1 000, or in a row left out): fix them in the workbook"
    ]


def test_errors_only_in_a_column_not_read_give_no_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 100 ``#N/A`` in « Calcul » only (a helper column, as the template has): no issue,
    as with 10 of them."""
    rows = {1: header_row(*HEADERS, "Calcul")}
    for n in range(2, 1102):
        rows[n] = [text_cell(f"A{n}", f"Affaire {n}"), text_cell(f"B{n}", "ACME"),
                   number_cell(f"C{n}", 1000.0), text_cell(f"D{n}", "Négociation"),
                   error_cell(f"E{n}", "#N/A")]  # fmt: skip
    result = report(write_raw_xlsx(tmp_path / "calcul.xlsx", rows), capsys)
    assert result["issues"] == []
    assert result["accounts"][0]["used"] == 1100


def test_a_sheet_under_the_cap_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 lost cells, one in a row of errors only (a blank row), one in a column not
    read: under the cap, only the amount's is an issue, as before, and no count."""
    path = write_raw_xlsx(tmp_path / "few.xlsx", {
        1: header_row(*HEADERS, "Calcul"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), error_cell("C2", "#REF!"),
            text_cell("D2", "Négociation"), error_cell("E2", "#N/A")],
        3: [error_cell("A3", "#N/A")],
        4: [text_cell("A4", "ERP"), text_cell("B4", "Beta"), number_cell("C4", 7000.0),
            text_cell("D4", "Négociation")],
    })  # fmt: skip
    result = report(path, capsys)
    assert codes(result["issues"], "excel_error", "lost_cells_more") == [
        (2, "Montant HT", "#REF!", "excel_error")
    ]
    account = result["accounts"][0]
    assert (account["read"], account["used"], account["blank"]) == (3, 2, 1)


def _lost_stage_and_status(folder: Path) -> Path:
    """Row 2: ``#N/A`` as the stage of an open deal; row 3: ``#REF!`` as the status of a
    deal at « Négociation »; row 4: a blank stage, as before."""
    return write_raw_xlsx(folder / "stage.xlsx", {
        1: header_row(*HEADERS, "Statut"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), number_cell("C2", 5000.0),
            error_cell("D2", "#N/A"), text_cell("E2", "En cours")],
        3: [text_cell("A3", "ERP"), text_cell("B3", "Beta"), number_cell("C3", 7000.0),
            text_cell("D3", "Négociation"), error_cell("E3", "#REF!")],
        4: [text_cell("A4", "CRM"), text_cell("B4", "Gamma"), number_cell("C4", 2000.0),
            text_cell("E4", "En cours")],
    })  # fmt: skip


def test_an_error_as_the_stage_names_its_value_then_the_deal_out_of_the_funnel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said « étape vide » (blank stage) without a word of the ``#N/A``; a lost
    status was read as blank without a word. Now the value first, then the consequence
    (the deal kept, out of the funnel; the status read from the stage: open)."""
    path = _lost_stage_and_status(tmp_path)
    result = report(path, capsys)
    issues = [(i["row"], i["column"], i["code"], i["message"]) for i in result["issues"]]
    assert issues == [
        (2, "Étape", "excel_error",
         "Sheet 'Pipeline', row 2, column 'Étape': error cell '#N/A' ignored; fix the "
         "cell's formula"),
        (2, "Étape", "unreadable_stage",
         "Sheet 'Pipeline', row 2, column 'Étape': unreadable stage '#N/A', read as blank; "
         "deal left out of the funnel"),
        (3, "Statut", "excel_error",
         "Sheet 'Pipeline', row 3, column 'Statut': error cell '#REF!' ignored; fix the "
         "cell's formula"),
        (4, "Étape", "missing_stage",
         "Sheet 'Pipeline', row 4, column 'Étape': blank stage; deal left out of the funnel"),
    ]  # fmt: skip
    assert result["accounts"][0]["used"] == 3
    assert result["summary"]["open_amount"] == 14000
    french = [i["message"] for i in report(path, capsys, "fr")["issues"] if i["row"] < 4]
    assert french == [
        "Feuille « Pipeline », ligne 2, colonne « Étape » : cellule en erreur « #N/A » "
        "ignorée ; corrigez la formule de la cellule",
        "Feuille « Pipeline », ligne 2, colonne « Étape » : étape illisible « #N/A », lue "
        "comme vide ; affaire hors entonnoir",
        "Feuille « Pipeline », ligne 3, colonne « Statut » : cellule en erreur « #REF! » "
        "ignorée ; corrigez la formule de la cellule",
    ]


def test_an_error_stage_is_not_taken_for_the_same_text_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« #N/A » typed as text in a stage (row 2) is an unknown stage; the error value
    ``#N/A`` (row 3) is an error cell: the two equal strings are not mixed up."""
    path = write_raw_xlsx(tmp_path / "typed.xlsx", {
        1: header_row(*HEADERS),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), number_cell("C2", 5000.0),
            text_cell("D2", "#N/A")],
        3: [text_cell("A3", "ERP"), text_cell("B3", "Beta"), number_cell("C3", 7000.0),
            error_cell("D3", "#N/A")],
    })  # fmt: skip
    assert codes(report(path, capsys)["issues"], "unknown_stage", "excel_error",
                 "unreadable_stage", "missing_stage") == [
        (2, "Étape", "#N/A", "unknown_stage"),
        (3, "Étape", "#N/A", "excel_error"),
        (3, "Étape", "#N/A", "unreadable_stage"),
    ]  # fmt: skip
