"""The big tables' rows written as the sheet XML's text (salespipe/formats/xlsx_rows.py)
give the workbook openpyxl's cells gave: the same parts byte for byte, and, read back, every
cell's value, type, number format and boldness, each sheet's frozen header, filter,
dimensions and column widths.

« Before » is the previous way, kept here only: a cell per value (``StreamedCells``) handed
to openpyxl's write-only ``sheet.append``."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from python_calamine import CalamineWorkbook

import salespipe.formats.xlsx as report_xlsx
import sheets_sync.sources.local as local_source
from salespipe.cli import main
from salespipe.formats.xlsx_cells import StreamedCells
from salespipe.formats.xlsx_rows import create_sheet
from salespipe.sample import build_demo_workbook
from tests.support.bench_modules import make_data
from tests.template.libreoffice import convert, make_profile
from tests.template.ooxml_schemas import schema_errors

AS_OF = "2026-11-23"
#: written at save time: the only part that differs between two saves
TIMESTAMPED = {"docProps/core.xml"}


class CellPerValueSheet(WriteOnlyWorksheet):
    """The rows as they were written before: a cell per value, ``sheet.append``."""

    def __init__(self, parent: Any, title: str) -> None:
        super().__init__(parent, title)
        self.cells = StreamedCells(self)

    def append_cells(self, row: Sequence[Any]) -> None:
        self.append(row)

    def append_row(self, values: Sequence[Any], formats: Sequence[str | None] = ()) -> None:
        count = max(len(values), len(formats))
        self.append(
            [
                self.cells.cell(
                    col,
                    values[col - 1] if col <= len(values) else None,
                    formats[col - 1] if col <= len(formats) else None,
                )
                for col in range(1, count + 1)
            ]
        )


def _cell_per_value_sheet(workbook: Any, title: str) -> CellPerValueSheet:
    sheet = CellPerValueSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


def _both(monkeypatch: pytest.MonkeyPatch, write: Any, out: Path) -> tuple[Path, Path]:
    """``write(path)`` run with the rows as text, then with a cell per value."""
    after, before = out / "after.xlsx", out / "before.xlsx"
    write(after)
    with monkeypatch.context() as patch:
        patch.setattr(report_xlsx, "create_sheet", _cell_per_value_sheet)
        patch.setattr(local_source, "create_sheet", _cell_per_value_sheet)
        write(before)
    return before, after


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _cells(path: Path) -> Iterator[tuple[Any, ...]]:
    """What a person sees in every cell and sheet, as openpyxl reads it back."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        yield (sheet.title, sheet.freeze_panes, sheet.auto_filter.ref, sheet.dimensions)
        yield tuple((k, d.width) for k, d in sorted(sheet.column_dimensions.items()))
        yield tuple((k, d.height) for k, d in sorted(sheet.row_dimensions.items()))
        for row in sheet.iter_rows():
            for cell in row:
                yield (
                    sheet.title, cell.coordinate, cell.value, cell.data_type,
                    cell.number_format, bool(cell.font.b), cell.alignment.wrap_text,
                )  # fmt: skip


def assert_same_workbook(
    before: Path, after: Path, *, may_differ: frozenset[str] = frozenset()
) -> None:
    """The same parts, byte for byte but the timestamp and ``may_differ``; the same cells."""
    old, new = _parts(before), _parts(after)
    assert sorted(new) == sorted(old)
    differing = [name for name in old if old[name] != new[name] and name not in TIMESTAMPED]
    assert sorted(differing) == sorted(may_differ & set(old))
    assert list(_cells(after)) == list(_cells(before))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("inputs")
    demo = base / "suivi.xlsx"
    build_demo_workbook(demo, date(2026, 11, 23))
    deals = make_data().write_deals_workbook(base / "deals2000.xlsx", 2000, seed=1)
    return {"demo": demo, "deals2000": deals}


def _report(source: Path, lang: str) -> Any:
    def write(target: Path) -> None:
        args = ["report", str(source), "--as-of", AS_OF, "--target", "1000000"]
        with pytest.raises(SystemExit) as done:
            main([*args, "--format", "xlsx", "-o", str(target), "--lang", lang])
            raise SystemExit(0)
        assert done.value.code in (0, None)

    return write


def _sync(source: Path) -> Any:
    def write(target: Path) -> None:
        args = ["sync", str(source), "-o", str(target), "--as-of", AS_OF, "--no-history"]
        with pytest.raises(SystemExit) as done:
            main([*args, "--target", "1000000"])
            raise SystemExit(0)
        assert done.value.code in (0, None)

    return write


@pytest.mark.parametrize(("name", "lang"), [("demo", "fr"), ("demo", "en"), ("deals2000", "fr")])
def test_the_report_workbook_is_the_one_openpyxl_cells_gave(
    inputs: dict[str, Path], name: str, lang: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before, after = _both(monkeypatch, _report(inputs[name], lang), tmp_path)
    assert_same_workbook(before, after)
    # the tables are there, not empty: 2 000 deals give hundreds of follow-up rows
    book = CalamineWorkbook.from_path(str(after))
    sizes = [len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names]
    assert len(sizes) == 6 and min(sizes) >= 2
    if name == "deals2000":
        assert max(sizes) > 1000


@pytest.mark.parametrize("name", ["demo", "deals2000"])
def test_the_sync_output_is_the_one_openpyxl_cells_gave(
    inputs: dict[str, Path], name: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before, after = _both(monkeypatch, _sync(inputs[name]), tmp_path)
    assert_same_workbook(before, after)


#: Every kind of value a table may hold, the awkward ones first.
ODD_ROWS: list[list[Any]] = [
    [
        "a & <b> > c",
        "  espace devant",
        "derrière ",
        "\u00e9t\u00e9 \u2603 \U0001f600",
        "\xa0insécable",
    ],
    ["Bell\x07", "_x001B_", "ligne\nsuivante", "tab\tulation", "retour\rchariot"],
    ["=SUM(A1:A2)", "=", "#N/A", "#DIV/0!", ""],
    [0, -1, 2.5, 0.1 + 0.2, 1e20],
    [12345678901234567890, 1e-05, True, False, None],
    [date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5), date(1900, 1, 1), date(1900, 3, 1), None],
    ["x" * 61, "y" * 40000, float("nan"), float("inf"), Decimal("1.5")],
    [None, None, None, None, None],
    [],
    ["seul"],
]


def _odd_workbook(path: Path, make_sheet: Any) -> None:
    book = Workbook(write_only=True)
    sheet = make_sheet(book, "Valeurs")
    sheet.row_dimensions[9].height = 30
    sheet.append_cells(["A", "B", "C", "D", "E"])
    formats = [None, '#,##0.00 "€"', "0.0%", "DD/MM/YYYY", "mmm yyyy", "0"]
    for row in ODD_ROWS:
        sheet.append_row(row, formats)
    for row in ODD_ROWS:
        sheet.append_row(row)
    sheet.auto_filter.ref = "A1:E21"
    book.save(path)


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")
def test_odd_values_are_written_as_openpyxl_wrote_them(tmp_path: Path) -> None:
    """Text to escape, spaces to keep, controls shown, formulas kept as text, error codes,
    numbers of every shape, dates around 1900-03-01, empty formatted cells, a 61-character
    text (wrapped) and a 40 000-character one (cut to 32 767), values openpyxl's row writer
    takes over (not finite, Decimal, a row with a height)."""
    _odd_workbook(tmp_path / "after.xlsx", create_sheet)
    _odd_workbook(tmp_path / "before.xlsx", _cell_per_value_sheet)
    # A date in a column formatted for numbers registers openpyxl's default date formats
    # in another order: the same formats under other ids in styles.xml (the cells' formats,
    # compared as read back, are the same).
    styles = frozenset({"xl/styles.xml"})
    assert_same_workbook(tmp_path / "before.xlsx", tmp_path / "after.xlsx", may_differ=styles)
    rows = (
        CalamineWorkbook.from_path(str(tmp_path / "after.xlsx"))
        .get_sheet_by_name("Valeurs")
        .to_python()
    )
    plain = rows[1 + len(ODD_ROWS) :]  # the second time, without number formats
    assert plain[0][:4] == ["a & <b> > c", "  espace devant", "derrière ", "été ☃ 😀"]
    assert plain[1][:5] == [
        "Bell\u2407",
        "_x001B_",
        "ligne\nsuivante",
        "tab\tulation",
        "retour\rchariot",
    ]
    assert plain[2][:2] == ["=SUM(A1:A2)", "="]
    assert plain[3] == [0, -1, 2.5, pytest.approx(0.3), 1e20]
    assert plain[5][:2] == [date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5)]
    assert len(plain[6][1]) == 32767


def test_a_sheet_without_rows_is_openpyxls(tmp_path: Path) -> None:
    for name, make in (("after.xlsx", create_sheet), ("before.xlsx", _cell_per_value_sheet)):
        book = Workbook(write_only=True)
        make(book, "Vide").row_dimensions[1].height = 30
        book.save(tmp_path / name)
    assert_same_workbook(tmp_path / "before.xlsx", tmp_path / "after.xlsx")


def test_a_text_xml_cannot_hold_is_written_with_a_replacement_character(tmp_path: Path) -> None:
    """U+FFFE, U+FFFF and a lone surrogate made lxml refuse the whole workbook (« All
    strings must be XML compatible »): each is written as « \ufffd », the rest kept."""
    book = Workbook(write_only=True)
    sheet = create_sheet(book, "S")
    sheet.append_row(["a\ud800b", "c\ufffe", "\uffffd"])
    book.save(tmp_path / "s.xlsx")
    rows = CalamineWorkbook.from_path(tmp_path / "s.xlsx").get_sheet_by_name("S").to_python()
    assert rows == [["a\ufffdb", "c\ufffd", "\ufffdd"]]


@pytest.fixture(scope="module")
def written(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo's report workbook and sync output, as salespipe writes them now."""
    out = tmp_path_factory.mktemp("written")
    report, sync = out / "rapport.xlsx", out / "suivi-salespipe.xlsx"
    _report(inputs["demo"], "fr")(report)
    _sync(inputs["demo"])(sync)
    return [report, sync]


def test_the_sheets_are_valid_against_the_ooxml_schemas(written: list[Path]) -> None:
    for path in written:
        assert schema_errors(path) == {}, path.name


def test_libreoffice_opens_them_and_reads_every_cell(written: list[Path], tmp_path: Path) -> None:
    """LibreOffice Calc opens each workbook and saves it again: every sheet, every cell read
    back from its copy as from the original (python-calamine on both)."""
    copies = convert(written, tmp_path / "out", make_profile(tmp_path / "profile"), "xlsx")
    for original, copy in copies.items():
        ours, theirs = (
            CalamineWorkbook.from_path(str(original)),
            CalamineWorkbook.from_path(str(copy)),
        )
        assert theirs.sheet_names == ours.sheet_names
        for name in ours.sheet_names:
            mine = _rounded(ours.get_sheet_by_name(name).to_python())
            assert len(mine) > 1
            assert _rounded(theirs.get_sheet_by_name(name).to_python()) == mine, name


def _rounded(rows: list[list[Any]]) -> list[list[Any]]:
    """LibreOffice keeps 15 significant digits (0.4482758620689655 → 0.448275862068966)."""
    return [[float(f"{v:.14g}") if isinstance(v, float) else v for v in row] for row in rows]


def test_sheet_append_still_works_between_rows_as_text(tmp_path: Path) -> None:
    """``sheet.append``, openpyxl's way, on an XmlRowsSheet: its row in its place."""
    for name, make in (("after.xlsx", create_sheet), ("before.xlsx", _cell_per_value_sheet)):
        book = Workbook(write_only=True)
        sheet = make(book, "S")
        sheet.append(["Titre", "Montant"])
        sheet.append_row(["A", 1.5], [None, "0.00"])
        sheet.append(("B", date(2026, 1, 2)))
        book.save(tmp_path / name)
    assert_same_workbook(tmp_path / "before.xlsx", tmp_path / "after.xlsx")
    rows = CalamineWorkbook.from_path(str(tmp_path / "after.xlsx")).get_sheet_by_name("S")
    assert rows.to_python() == [["Titre", "Montant"], ["A", 1.5], ["B", date(2026, 1, 2)]]


def test_append_refuses_what_a_write_only_sheet_refuses() -> None:
    sheet = create_sheet(Workbook(write_only=True), "S")
    for row in ({"A": 1}, "abc"):  # openpyxl's append raises on both; list() would not
        with pytest.raises(TypeError):
            sheet.append(row)


def test_the_rows_file_of_a_workbook_never_saved_is_removed(tmp_path: Path) -> None:
    # a save that failed leaves the sheet unsaved: its rows file goes with it, not at the
    # end of a process that may run for days (sync --every)
    import gc

    workbook = Workbook(write_only=True)
    sheet = create_sheet(workbook, "S")
    sheet.append_row(["Site", 5000.0])
    rows_path = Path(sheet._rows_path or "")
    assert rows_path.exists()
    del workbook, sheet
    gc.collect()
    assert not rows_path.exists()
