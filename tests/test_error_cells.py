"""Excel error cells and formulas saved without a value: python-calamine reads them as
blanks, so they vanished without a word; each is now a data-quality issue naming its
sheet, row, column and value, and its row is still counted."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from salespipe import ods_scan, xls_scan
from salespipe.cli import main
from salespipe.cli.exit_codes import ERROR, OK
from salespipe.core.errors import SourceError
from salespipe.core.reading.lost_cells import ErrorCell, LostCellCap, MoreLostCells
from salespipe.files import read_grids
from tests import raw_ods as ods
from tests import raw_xlsb as xlsb
from tests.raw_xlsx import (
    error_cell,
    formula_cell,
    header_row,
    number_cell,
    text_cell,
    write_raw_xlsx,
)
from tests.template.libreoffice import convert, make_profile

ERRORS = ("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")


def report_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    with pytest.raises(SystemExit) as info:
        main(["report", str(path), "--format", "json", "--as-of", "2026-11-01", "--lang", "en"])
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert (info.value.code or 0, err) == (0, "")
    return json.loads(out)


def assert_the_error_amount_is_reported(report: dict, error: str) -> None:
    """The two-deal sheet whose first amount is ``error``: both deals kept, the second's
    7 000 € open, one ``excel_error`` issue naming row 2's amount cell and the error."""
    assert report["accounts"][0]["used"] == 2
    assert report["summary"]["open_amount"] == 7000
    assert [i for i in report["issues"] if i["code"] == "excel_error"] == [{
        "sheet": "Pipeline", "row": 2, "column": "Montant HT", "value": error,
        "code": "excel_error", "severity": "warning",
        "message": f"Sheet 'Pipeline', row 2, column 'Montant HT': error cell '{error}' "
                   "ignored; fix the cell's formula",
    }]  # fmt: skip


@pytest.mark.parametrize("error", ERRORS)
def test_an_error_amount_is_an_issue_naming_its_cell_and_the_deal_is_kept(
    error: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_raw_xlsx(tmp_path / "errors.xlsx", {
        1: header_row("Affaire", "Société", "Montant HT", "Étape"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), error_cell("C2", error),
            text_cell("D2", "Négociation")],
        3: [text_cell("A3", "ERP"), text_cell("B3", "Beta"), number_cell("C3", 7000.0),
            text_cell("D3", "Négociation")],
    })  # fmt: skip
    assert_the_error_amount_is_reported(report_json(path, capsys), error)


def test_an_error_in_a_text_column_is_not_taken_for_a_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_raw_xlsx(tmp_path / "errors.xlsx", {
        1: header_row("Affaire", "Société", "Montant HT", "Étape"),
        2: [text_cell("A2", "Site"), error_cell("B2", "#REF!", "Clients!B7"),
            number_cell("C2", 5000.0), text_cell("D2", "Négociation")],
    })  # fmt: skip
    report = report_json(path, capsys)
    issues = [(i["row"], i["column"], i["value"], i["code"]) for i in report["issues"]]
    assert (2, "Société", "#REF!", "excel_error") in issues
    assert report["summary"]["open_amount"] == 5000


def test_formulas_saved_without_their_value_are_issues_with_the_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script (openpyxl) writes formulas and no values; the last column is read even
    though calamine's grid stops before it."""
    path = write_raw_xlsx(tmp_path / "formulas.xlsx", {
        1: header_row("Affaire", "Société", "Étape", "Montant HT"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), text_cell("C2", "Négociation"),
            formula_cell("D2", "SUM(E2:F2)")],
    })  # fmt: skip
    report = report_json(path, capsys)
    assert [(i["row"], i["column"], i["value"], i["code"]) for i in report["issues"]
            if i["code"] == "formula_without_value"] == [
        (2, "Montant HT", "=SUM(E2:F2)", "formula_without_value")
    ]  # fmt: skip
    assert report["accounts"][0]["used"] == 1


def test_a_row_of_error_cells_only_is_a_blank_row_not_a_deal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lookup dragged down past the data shows #N/A on empty rows: counted as blank."""
    path = write_raw_xlsx(tmp_path / "errors.xlsx", {
        1: header_row("Affaire", "Société", "Montant HT", "Étape"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), number_cell("C2", 5000.0),
            text_cell("D2", "Négociation")],
        3: [error_cell("A3", "#N/A"), error_cell("B3", "#N/A"), formula_cell("C3", "B3*2")],
        4: [text_cell("A4", "ERP"), text_cell("B4", "Beta"), number_cell("C4", 7000.0),
            text_cell("D4", "Négociation")],
    })  # fmt: skip
    report = report_json(path, capsys)
    account = report["accounts"][0]
    assert (account["read"], account["used"], account["blank"]) == (3, 2, 1)
    assert report["summary"]["open_amount"] == 12000


# .ods: LibreOffice saves an error as an empty string value with calcext:value-type="error"
# and the error in the cell's text; python-calamine reads it as blank.


@pytest.mark.parametrize("error", ("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "Err:502"))
def test_an_error_amount_in_an_ods_is_an_issue_naming_its_cell(
    error: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ods.write_raw_ods(tmp_path / "errors.ods", {"Pipeline": [
        ods.header_row("Affaire", "Société", "Montant HT", "Étape"),
        ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.error_cell(error),
                ods.text_cell("Négociation")),
        ods.row(ods.text_cell("ERP"), ods.text_cell("Beta"), ods.number_cell(7000.0),
                ods.text_cell("Négociation")),
    ]})  # fmt: skip
    assert_the_error_amount_is_reported(report_json(path, capsys), error)


def test_an_ods_formula_without_value_and_repeated_errors_are_issues_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A formula a script wrote without its value (its ``of:`` namespace dropped), after
    cells repeated by ``table:number-columns-repeated``; two rows of #N/A only, written
    as one row repeated twice, are two blank rows."""
    path = ods.write_raw_ods(tmp_path / "formulas.ods", {"Pipeline": [
        ods.header_row("Affaire", "Société", "Étape", "Montant HT"),
        ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.text_cell("Négociation"),
                ods.formula_cell("of:=SUM([.E2:.F2])")),
        ods.row(ods.error_cell("#N/A"), ods.error_cell("#N/A"), repeated=2),
        ods.row(ods.text_cell("Négociation", columns=3), ods.number_cell(7000.0)),
    ]})  # fmt: skip
    report = report_json(path, capsys)
    issues = [(i["row"], i["column"], i["value"], i["code"]) for i in report["issues"]
              if i["code"] in ("formula_without_value", "excel_error")]  # fmt: skip
    assert issues == [(2, "Montant HT", "=SUM([.E2:.F2])", "formula_without_value")]
    account = report["accounts"][0]
    assert (account["read"], account["used"], account["blank"]) == (4, 2, 2)
    assert report["summary"]["open_amount"] == 7000


@pytest.mark.parametrize("quoting", [q for q in ods.QUOTINGS if q != "double"])
def test_ods_error_cells_and_formulas_in_any_quoting_are_issues(
    quoting: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attributes in single quotes, with spaces around ``=`` or after one holding ``>``:
    the error cell and the formula without value are still seen (they were read as
    blanks, without a word)."""
    path = ods.write_raw_ods(tmp_path / "quoted.ods", {"Pipeline": [
        ods.header_row("Affaire", "Société", "Étape", "Montant HT"),
        ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.text_cell("Négociation"),
                ods.formula_cell("of:=SUM([.E2:.F2])")),
        ods.row(ods.text_cell("ERP"), ods.text_cell("Beta"), ods.text_cell("Négociation"),
                ods.error_cell("#DIV/0!")),
        ods.row(ods.text_cell("CRM"), ods.text_cell("Gamma"), ods.text_cell("Négociation"),
                ods.number_cell(7000.0)),
    ]}, quoting)  # fmt: skip
    report = report_json(path, capsys)
    issues = [(i["row"], i["column"], i["value"], i["code"]) for i in report["issues"]
              if i["code"] in ("formula_without_value", "excel_error")]  # fmt: skip
    assert issues == [
        (2, "Montant HT", "=SUM([.E2:.F2])", "formula_without_value"),
        (3, "Montant HT", "#DIV/0!", "excel_error"),
    ]
    assert report["summary"]["open_amount"] == 7000


def test_an_ods_error_cell_with_a_comment_reports_the_error_not_the_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The comment (its date and text) is saved inside the cell, before the error shown:
    the issue gave '2026-12-06T00:00:00à vérifier#DIV/0!'."""
    path = ods.write_raw_ods(tmp_path / "comment.ods", {"Pipeline": [
        ods.header_row("Affaire", "Société", "Étape", "Montant HT"),
        ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.text_cell("Négociation"),
                ods.error_cell("#DIV/0!", comment="à vérifier")),
    ]})  # fmt: skip
    report = report_json(path, capsys)
    assert [(i["row"], i["column"], i["value"]) for i in report["issues"]
            if i["code"] == "excel_error"] == [(2, "Montant HT", "#DIV/0!")]  # fmt: skip


def test_an_ods_sheet_named_with_character_references_keeps_its_error_cells(
    tmp_path: Path,
) -> None:
    """``table:name="Deals d&#x27;&#233;t&#233;…"`` is calamine's « Deals d'été… »: the scan
    keys the sheet under that name too (its error cells were lost, read as blanks)."""
    path = ods.write_raw_ods(tmp_path / "named.ods", {"Deals d'été <T4> & co": [
        ods.header_row("Affaire", "Montant HT"),
        ods.row(ods.text_cell("Site"), ods.error_cell("#DIV/0!")),
    ]}, named="references")  # fmt: skip
    written = b'table:name="Deals d&#x27;&#233;t&#233; &#60;T4&#x3E; &#x26; co"'
    assert written in zipfile.ZipFile(path).read("content.xml")
    grid = read_grids(path)["Deals d'été <T4> & co"]
    assert (grid[1][1], type(grid[1][1])) == ("#DIV/0!", ErrorCell)


def test_an_ods_error_cell_repeated_over_rows_and_columns_is_capped_in_sheet_order(
    tmp_path: Path,
) -> None:
    """An error cell repeated 300 rows × 50 columns (one XML element, B3:AY302) is 15 000
    lost cells, capped as in every format: the first 1 000 in sheet order (rows 3 to 22,
    50 a row), then B23 counting the 13 999 others, left blank as calamine read them; the
    cells around them as calamine read them (the rectangle was unrolled whole before: an
    error repeated 2 000 × 2 000 times took 11 s and 1.6 GB)."""
    repeated = ods.error_cell("#N/A", columns=50)
    path = ods.write_raw_ods(tmp_path / "repeated.ods", {"Pipeline": [
        ods.header_row("Affaire", "Montant HT"),
        ods.row(ods.text_cell("Site"), ods.number_cell(5000.0)),
        ods.row(ods.text_cell("ERP"), repeated, ods.text_cell("fin"), repeated=300),
    ]})  # fmt: skip
    grid = read_grids(path)["Pipeline"]
    assert len(grid) == 302 and {len(row) for row in grid[2:]} == {52}
    assert grid[1][:2] == ["Site", 5000.0]
    for row in grid[2:]:
        assert row[0] == "ERP" and row[51] == "fin"
    for row in grid[2:22]:
        assert all(type(cell) is ErrorCell and cell == "#N/A" for cell in row[1:51])
    more = grid[22][1]
    assert (type(more), more, more.more) == (MoreLostCells, "#N/A", 13_999)
    assert grid[22][2:51] == [""] * 49
    assert all(row[1:51] == [""] * 50 for row in grid[23:])


# .xls: written by the real LibreOffice from formulas that give each error (one soffice
# run for the module); calamine reads the errors as blanks, xlrd gives their codes.

XLS_FORMULAS = (("=1/0", "#DIV/0!"), ("=NA()", "#N/A"), ("=#REF!+1", "#REF!"),
                ('="a"+1', "#VALUE!"), ("=NOSUCHFUNCTION(1)", "#NAME?"))  # fmt: skip


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``errors.xls`` (the errors of XLS_FORMULAS, then a typed #N/A) and ``plain.xls``."""
    folder = tmp_path_factory.mktemp("xls")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Pipeline"
    sheet.append(["Affaire", "Société", "Montant HT", "Étape"])
    for number, (formula, _) in enumerate(XLS_FORMULAS):
        sheet.append([f"Deal {number}", "ACME", formula, "Négociation"])
    sheet.append(["ERP", "#N/A", 7000, "Négociation"])  # an error typed as a value
    workbook.save(folder / "errors.xlsx")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Affaire", "Montant HT"])
    sheet.append(["Site", 5000])
    workbook.save(folder / "plain.xlsx")
    sources = [folder / "errors.xlsx", folder / "plain.xlsx"]
    converted = convert(sources, folder / "out", make_profile(folder), "xls")
    return {source.stem: converted[source] for source in sources}


def test_error_cells_in_an_xls_are_issues_naming_their_cells(
    xls_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    errors_xls = xls_files["errors"]
    before = errors_xls.read_bytes()
    report = report_json(errors_xls, capsys)
    issues = [(i["row"], i["column"], i["value"]) for i in report["issues"]
              if i["code"] == "excel_error"]  # fmt: skip
    assert issues == [
        *((row, "Montant HT", error) for row, (_, error) in enumerate(XLS_FORMULAS, start=2)),
        (7, "Société", "#N/A"),
    ]
    assert report["accounts"][0]["used"] == 6
    assert report["summary"]["open_amount"] == 7000
    assert errors_xls.read_bytes() == before


def test_an_xls_without_error_cells_is_not_parsed_twice(xls_files: dict[str, Path]) -> None:
    """The records that hold an error are searched for first: a workbook without any is
    left to calamine alone (xlrd would triple the read)."""
    data = xls_files["plain"].read_bytes()
    stream = xls_scan.workbook_stream(data)
    assert not xls_scan.may_hold_errors(stream)
    assert xls_scan.scan_xls(data, stream) == {}
    assert xls_scan.may_hold_errors(xls_scan.workbook_stream(xls_files["errors"].read_bytes()))


# .xlsb: written record by record (tests/raw_xlsb.py); an error typed as a value
# (BrtCellError) and a formula giving an error (BrtFmlaError), both blank in calamine.


@pytest.mark.parametrize("error", ("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!"))
def test_error_cells_in_an_xlsb_are_issues_naming_their_cells(
    error: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = xlsb.write_raw_xlsb(tmp_path / "errors.xlsb", {
        1: xlsb.header_cells("Affaire", "Société", "Montant HT", "Étape"),
        2: [xlsb.text_cell(1, "Site"), xlsb.text_cell(2, "ACME"),
            xlsb.formula_error_cell(3, error), xlsb.text_cell(4, "Négociation")],
        3: [xlsb.text_cell(1, "ERP"), xlsb.error_cell(2, "#N/A"), xlsb.number_cell(3, 7000.0),
            xlsb.text_cell(4, "Négociation")],
    })  # fmt: skip
    report = report_json(path, capsys)
    issues = [(i["row"], i["column"], i["value"]) for i in report["issues"]
              if i["code"] == "excel_error"]  # fmt: skip
    assert issues == [(2, "Montant HT", error), (3, "Société", "#N/A")]
    assert report["accounts"][0]["used"] == 2
    assert report["summary"]["open_amount"] == 7000


@pytest.mark.parametrize("kind", ("xlsb", "ods"))
def test_error_cells_of_a_workbook_renamed_csv_are_issues(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An .xlsb or .ods saved as .csv is read as what it is, its error cell included."""
    path = tmp_path / "pipeline.csv"
    if kind == "xlsb":
        xlsb.write_raw_xlsb(path, {
            1: xlsb.header_cells("Affaire", "Société", "Montant HT", "Étape"),
            2: [xlsb.text_cell(1, "Site"), xlsb.text_cell(2, "ACME"),
                xlsb.error_cell(3, "#DIV/0!"), xlsb.text_cell(4, "Négociation")],
        })  # fmt: skip
    else:
        ods.write_raw_ods(path, {"Pipeline": [
            ods.header_row("Affaire", "Société", "Montant HT", "Étape"),
            ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.error_cell("#DIV/0!"),
                    ods.text_cell("Négociation")),
        ]})  # fmt: skip
    issues = [(i["row"], i["column"], i["value"]) for i in report_json(path, capsys)["issues"]
              if i["code"] == "excel_error"]  # fmt: skip
    assert issues == [(2, "Montant HT", "#DIV/0!")]


def test_a_sheet_details_its_first_thousand_lost_cells_then_counts_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 203 deals whose amount is an error, each record written 3 times (calamine keeps
    one cell per position): 1 000 issues (rows 2 to 1 001), then one for row 1 002 that
    counts the 202 others (rows 1 003 to 1 204), in English and in French."""
    rows = {1: xlsb.header_cells("Affaire", "Société", "Montant HT", "Étape")}
    for number in range(2, 1205):
        rows[number] = [xlsb.text_cell(1, f"Affaire {number}"), xlsb.text_cell(2, "ACME"),
                        *[xlsb.error_cell(3, "#N/A")] * 3,
                        xlsb.text_cell(4, "Négociation")]  # fmt: skip
    path = xlsb.write_raw_xlsb(tmp_path / "many.xlsb", rows)
    issues = report_json(path, capsys)["issues"]
    detailed = [i["row"] for i in issues if i["code"] == "excel_error"]
    assert detailed == list(range(2, 1002))
    assert [(i["row"], i["column"], i["value"], i["message"]) for i in issues
            if i["code"] == "lost_cells_more"] == [(
        1002, "Montant HT", "#N/A",
        "Sheet 'Pipeline', row 1002, column 'Montant HT': error cell or formula without a "
        "value '#N/A' ignored; 202 more cells of the sheet are too, ignored without being "
        "detailed (past the first 1 000, or in a row left out): fix them in "
        "the workbook",
    )]  # fmt: skip
    with pytest.raises(SystemExit):
        main(["report", str(path), "--format", "json", "--as-of", "2026-11-01", "--lang", "fr"])
        raise SystemExit(0)
    french = [i["message"] for i in json.loads(capsys.readouterr().out)["issues"]
              if i["code"] == "lost_cells_more"]  # fmt: skip
    assert french == [
        "Feuille « Pipeline », ligne 1002, colonne « Montant HT » : cellule en erreur ou "
        "formule sans valeur « #N/A » ignorée ; 202 autres cellules de la feuille sont dans "
        "ce cas, ignorées sans être détaillées (après les 1 000 premières, ou dans une ligne "
        "écartée) : corrigez-les dans le classeur"
    ]


def test_the_cap_keeps_the_first_positions_each_once_and_counts_the_rest() -> None:
    """Limit 2: A1 met twice keeps its last cell; C1 is the next one; D1 (twice in a
    row) and E1 are the 2 more."""
    cap: LostCellCap[str] = LostCellCap(limit=2)
    for row, column, cell in [(1, 1, "a"), (1, 2, "b"), (1, 1, "a2"), (1, 3, "c"),
                              (1, 4, "d"), (1, 4, "d"), (1, 5, "e")]:  # fmt: skip
        cap.add(row, column, cell)
    assert (cap.entries(), cap.more) == ([(1, 1, "a2"), (1, 2, "b"), (1, 3, "c")], 2)


def test_without_xlrd_an_xlsx_is_read_and_an_xls_names_the_extra_to_install(
    xls_files: dict[str, Path], tmp_path: Path
) -> None:
    """An install upgraded without its new dependency (``pip install -U salespipe``):
    xlrd is imported only for an .xls, which says what to install in one line."""
    xlsx = write_raw_xlsx(tmp_path / "plain.xlsx", {
        1: header_row("Affaire", "Montant HT"), 2: [text_cell("A2", "Site"),
                                                    number_cell("B2", 5000.0)],
    })  # fmt: skip
    program = (
        "import sys\nsys.modules['xlrd'] = None\nfrom salespipe.cli import main\n"
        "main(['report', sys.argv[1], '--lang', 'en', '--as-of', '2026-11-01'])"
    )
    results = [
        subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True,
                       text=True, timeout=120)
        for path in (xlsx, xls_files["plain"])
    ]  # fmt: skip
    assert (results[0].returncode, results[0].stderr) == (OK, "")
    assert (results[1].returncode, results[1].stderr.strip()) == (
        ERROR,
        'This command needs xlrd, which is not installed: pip install "salespipe[cli]"',
    )


def test_the_cap_counts_repeated_rows_and_cells_by_area_in_sheet_order() -> None:
    """Limit 3; rows 2 to 4 alike, each with a cell repeated over B:C and one in E: B2,
    C2, E2 kept, B3 the next one, the 5 others (E3, B4, C4, E4 and C3) only counted."""
    cap: LostCellCap[str] = LostCellCap(limit=3)
    cap.add_rows(2, 3, [(2, 2, "a"), (5, 1, "b")])
    assert (cap.entries(), cap.more) == ([(2, 2, "a"), (2, 3, "a"), (2, 5, "b"), (3, 2, "a")], 5)


def _same_sheet_as_xlsx_and_ods(folder: Path) -> tuple[Path, Path]:
    """Rows 2 to 51: ``#N/A`` in A:E (in the .ods one cell repeated over 5 columns, its
    row repeated 50 times); rows 52 to 751: deal n, ACME, Négociation, ``#N/A`` in Montant
    HT and Probabilité (in the .ods one cell repeated over 2 columns): 1 650 lost cells."""
    headers = ("Affaire", "Société", "Étape", "Montant HT", "Probabilité")
    ods_path = ods.write_raw_ods(folder / "same.ods", {"Pipeline": [
        ods.header_row(*headers),
        ods.row(ods.error_cell("#N/A", "of:=NA()", columns=5), repeated=50),
        *(ods.row(ods.text_cell(f"Affaire {n}"), ods.text_cell("ACME"),
                  ods.text_cell("Négociation"), ods.error_cell("#N/A", "of:=NA()", columns=2))
          for n in range(52, 752)),
    ]})  # fmt: skip
    rows = {1: header_row(*headers)}
    for n in range(2, 52):
        rows[n] = [error_cell(f"{column}{n}", "#N/A", "NA()") for column in "ABCDE"]
    for n in range(52, 752):
        rows[n] = [text_cell(f"A{n}", f"Affaire {n}"), text_cell(f"B{n}", "ACME"),
                   text_cell(f"C{n}", "Négociation"), error_cell(f"D{n}", "#N/A", "NA()"),
                   error_cell(f"E{n}", "#N/A", "NA()")]  # fmt: skip
    return write_raw_xlsx(folder / "same.xlsx", rows), ods_path


def test_the_same_sheet_in_xlsx_and_ods_gives_the_same_capped_issues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 650 lost cells: the first 1 000 kept (the 250 of the 50 blank rows, then rows 52
    to 426 in Montant HT and Probabilité), then D427, then 649 others (E427 to E751:
    1 + 2 × 324), in both formats; the 50 rows of errors only are blank rows. The 750 read
    are detailed; the one count names A2, the first of the 900 others (250 in the blank
    rows, D427 and the 649 after it), and counts 899 more. The .ods gave one issue per
    cell before."""
    xlsx_path, ods_path = _same_sheet_as_xlsx_and_ods(tmp_path)
    xlsx_report, ods_report = report_json(xlsx_path, capsys), report_json(ods_path, capsys)
    assert ods_report["issues"] == xlsx_report["issues"]
    assert ods_report["accounts"] == xlsx_report["accounts"]
    assert (ods_report["accounts"][0]["blank"], ods_report["accounts"][0]["used"]) == (50, 700)
    lost = [(i["row"], i["column"]) for i in ods_report["issues"] if i["code"] == "excel_error"]
    assert lost == [(row, column) for row in range(52, 427)
                    for column in ("Montant HT", "Probabilité")]  # fmt: skip
    assert [i for i in ods_report["issues"] if i["code"] == "lost_cells_more"] == [{
        "sheet": "Pipeline", "row": 2, "column": "Affaire", "value": "#N/A",
        "code": "lost_cells_more", "severity": "warning",
        "message": "Sheet 'Pipeline', row 2, column 'Affaire': error cell or formula "
                   "without a value '#N/A' ignored; 899 more cells of the sheet are too, "
                   "ignored without being detailed (past the first 1 000, or in a row left "
                   "out): fix them in the workbook",
    }]  # fmt: skip


def test_capped_ods_lost_cells_are_named_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ods_path = _same_sheet_as_xlsx_and_ods(tmp_path)
    with pytest.raises(SystemExit):
        main(["report", str(ods_path), "--format", "json", "--as-of", "2026-11-01", "--lang", "fr"])
        raise SystemExit(0)
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [i["message"] for i in issues if i["row"] in (2, 52, 427)] == [
        "Feuille « Pipeline », ligne 2, colonne « Affaire » : cellule en erreur ou formule "
        "sans valeur « #N/A » ignorée ; 899 autres cellules de la feuille sont dans ce cas, "
        "ignorées sans être détaillées (après les 1 000 premières, ou dans une ligne écartée) "
        ": corrigez-les dans le classeur",
        "Feuille « Pipeline », ligne 52, colonne « Montant HT » : cellule en erreur « #N/A » "
        "ignorée ; corrigez la formule de la cellule",
        "Feuille « Pipeline », ligne 52, colonne « Probabilité » : cellule en erreur « #N/A » "
        "ignorée ; corrigez la formule de la cellule",
    ]


def test_an_ods_error_repeated_over_a_billion_cells_is_counted_not_unrolled(
    tmp_path: Path,
) -> None:
    """One error cell repeated over 16 000 columns × 1 000 000 rows (a 1 KB file): the
    scan keeps 1 001 cells and counts 15 999 998 999 more, in well under 5 MB; the sheet
    is then refused as too large."""
    path = ods.write_raw_ods(tmp_path / "huge.ods", {"Pipeline": [
        ods.header_row("Affaire", "Montant HT"),
        ods.row(ods.error_cell("#N/A", columns=16_000), repeated=1_000_000),
    ]})  # fmt: skip
    tracemalloc.start()
    try:
        with zipfile.ZipFile(path) as archive:
            sheet = ods_scan.scan_ods(archive)["Pipeline"]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    lost = sheet.lost_cells()
    assert (sheet.rows, sheet.columns) == (1_000_001, 16_000)
    assert (len(lost), lost[-1].row, lost[-1].column, sheet.more) == (
        1001,
        2,
        1001,
        16_000 * 1_000_000 - 1001,
    )
    assert peak < 5_000_000  # 0.23 MB measured
    with pytest.raises(SourceError) as refused:
        read_grids(path)
    assert refused.value.code == "sheet_too_large"
