"""CSV files as people have them (salespipe.files.read_csv_grid, salespipe.csv_dialect):
each case below stopped the run with "Unexpected error … This is a bug", or read the
file with the wrong delimiter or quote, before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from salespipe.cli import main
from salespipe.csv_dialect import delimiter
from salespipe.files import read_csv_grid
from tests.workbooks import write_small_pipeline

HEADER = ["ID", "Affaire", "Société", "Commercial", "Étape", "Statut", "Montant HT"]
DEALS = [
    ["A1", "Site", "ACME", "Marie", "Négociation", "en cours", "5000"],
    ["A2", "ERP", "Beta", "Marie", "Négociation", "en cours", "7000"],
]


def lines(rows: list[list[str]], sep: str = ";") -> list[str]:
    return [sep.join(row) for row in rows]


def report(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    with pytest.raises(SystemExit) as info:
        main(["report", str(path), "--format", "json", "--as-of", "2026-11-01", "--lang", "en"])
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert (info.value.code or 0, err) == (0, "")
    return json.loads(out)


def test_cr_only_line_ends_of_excel_csv_macintosh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("\r".join(lines([HEADER, *DEALS])).encode("cp1252"))
    result = report(path, capsys)
    assert (result["accounts"][0]["used"], result["summary"]["open_amount"]) == (2, 12000)


def test_utf16_with_bom_of_excel_unicode_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("\r\n".join(lines([HEADER, *DEALS], "\t")).encode("utf-16"))
    assert read_csv_grid(path.read_bytes())[1] == DEALS[0]
    assert report(path, capsys)["summary"]["open_amount"] == 12000


def test_a_field_longer_than_the_csv_modules_default_limit_is_read_whole(tmp_path: Path) -> None:
    notes = "x" * 200_000  # the csv module's default limit is 131 072 characters
    data = "\r\n".join(lines([[*HEADER, "Notes"], [*DEALS[0], notes]])).encode()
    assert read_csv_grid(data)[1][-1] == notes


def test_a_workbook_renamed_csv_is_read_as_the_workbook_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = write_small_pipeline(tmp_path / "pipeline.xlsx")
    renamed = tmp_path / "pipeline.csv"
    shutil.copy(workbook, renamed)
    assert report(renamed, capsys)["accounts"] == report(workbook, capsys)["accounts"]


def test_a_quoted_paragraph_with_commas_does_not_make_a_semicolon_file_comma_separated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paragraph = '"Appel du 3/10, relance, devis, puis:\nrdv, démo, essai,\ncontrat, signé, OK"'
    rows = lines([[*HEADER, "Notes"], [*DEALS[0], paragraph], [*DEALS[1], "a, b, c"]])
    path = tmp_path / "notes.csv"
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    assert delimiter(path.read_text("utf-8")) == ";"
    grid = read_csv_grid(path.read_bytes())
    assert grid[1][-1] == paragraph.strip('"') and len(grid) == 3
    assert report(path, capsys)["summary"]["open_amount"] == 12000


def test_cells_wrapped_in_apostrophes_keep_them_and_a_later_apostrophe_swallows_nothing(
    tmp_path: Path,
) -> None:
    data = "\r\n".join(
        lines([HEADER, ["'A1'", "'Site'", "'ACME'", "'Marie'", "'Négociation'", "'en cours'",
                        "5000"],
               ["A2", "ERP", "'t Hooft BV", "Marie", "Négociation", "en cours", "7000"]])
    ).encode()  # fmt: skip
    grid = read_csv_grid(data)
    assert grid[1][:3] == ["'A1'", "'Site'", "'ACME'"]
    assert grid[2] == ["A2", "ERP", "'t Hooft BV", "Marie", "Négociation", "en cours", "7000"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),  # decimal commas in a semicolon file
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ("une colonne\nx\ny\n", ";"),
        ('"a;b",c,d\n"1;2",3,4\n', ","),  # semicolons inside quotes do not count
    ],
)
def test_the_delimiter_is_the_one_found_alike_on_most_records(text: str, expected: str) -> None:
    assert delimiter(text) == expected
