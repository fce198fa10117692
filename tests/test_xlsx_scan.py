"""The pre-read scan of an .xlsx sheet (salespipe.xlsx_scan) finds the same extent and the
same lost cells however its XML falls into chunks: the XML is inflated a block at a time
and searched a chunk at a time, so a pattern (``t="e"``, ``<f>``, ``</row>``, a cell
reference) cut between two blocks must still be found. The tests shrink the blocks to a
few bytes so that every pattern is cut somewhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from salespipe import xlsx_scan
from salespipe.core.errors import SourceError
from salespipe.files import read_grids
from salespipe.xlsx_scan import LostCell, SheetScan, exact_extent, scan_sheet
from tests.raw_xlsx import (
    error_cell,
    formula_cell,
    header_row,
    number_cell,
    styled_cell,
    text_cell,
    write_raw_xlsx,
)

SHEET = "xl/worksheets/sheet1.xml"
#: Blocks of 1 byte to a megabyte: every pattern of the sheets below is cut at some size.
BLOCK_SIZES = (1, 2, 3, 5, 7, 64, xlsx_scan.CHUNK_BYTES)


def scanned(path: Path, block: int, monkeypatch: pytest.MonkeyPatch) -> SheetScan:
    monkeypatch.setattr(xlsx_scan, "CHUNK_BYTES", block)
    with zipfile.ZipFile(path) as archive:
        return scan_sheet(archive, SHEET)


def rewrite_sheet(path: Path, old: bytes, new: bytes, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """``path`` with ``old`` replaced by ``new`` in its sheet's XML, the sheet stored with
    ``method``: XML that tests.raw_xlsx does not write (a prefix, an unescaped ``>``)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in parts.items():
            if info.filename == SHEET:
                archive.writestr(info.filename, data.replace(old, new), compress_type=method)
            else:
                archive.writestr(info, data)
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Error cells, formulas without a value, a column past Z and one past ZZ."""
    return write_raw_xlsx(tmp_path / "mixed.xlsx", {
        1: header_row("Affaire", "Montant HT"),
        2: [text_cell("A2", "Site"), error_cell("B2", "#REF!")],
        3: [text_cell("A3", "ERP"), formula_cell("AB3", "SUM(B2:B3)")],
        5: [number_cell("B5", 7000.0), error_cell("AMJ5", "#N/A"), styled_cell("XFD5")],
    })  # fmt: skip


@pytest.mark.parametrize("block", BLOCK_SIZES)
def test_the_same_extent_and_lost_cells_whatever_the_block_size(
    block: int, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows: the last row element is 5. Columns: XFD (16 384) is the widest reference, a
    cell only formatted included (a bound). Lost: B2 (#REF!), AB3 (column 28, a formula
    without value), AMJ5 (column 1 024, #N/A); the formulas of the error cells have their
    cached error, so they are not lost as formulas."""
    assert scanned(mixed, block, monkeypatch) == SheetScan(
        rows=5,
        columns=16_384,
        lost=[
            LostCell(2, 2, "error", "#REF!"),
            LostCell(3, 28, "formula", "=SUM(B2:B3)"),
            LostCell(5, 1024, "error", "#N/A"),
        ],
    )


@pytest.mark.parametrize("block", (1, 7, 64))
def test_a_row_longer_than_a_chunk_is_cut_between_two_cells(
    block: int, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memory stays bounded on a very long row: past the longest chunk (80 bytes
    here, 16 MB in use) the row is cut after a cell's end tag, and every lost cell is
    still found."""
    expected = scanned(mixed, xlsx_scan.CHUNK_BYTES, monkeypatch)
    monkeypatch.setattr(xlsx_scan, "_MAX_CHUNK_BYTES", 80)
    assert scanned(mixed, block, monkeypatch) == expected


@pytest.mark.parametrize("block", BLOCK_SIZES)
def test_columns_past_z_are_bounded_by_the_widest_reference(
    block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two letters at most: AZ (52) is wider than AB (28), whatever their order; a sheet
    within A-Z is bounded by Z (26)."""
    two = write_raw_xlsx(tmp_path / "two.xlsx", {
        1: [text_cell("AZ1", "x"), text_cell("AB1", "y")], 2: [number_cell("C2", 1.0)],
    })  # fmt: skip
    narrow = write_raw_xlsx(tmp_path / "narrow.xlsx", {1: [text_cell("C1", "x")]})
    assert (
        scanned(two, block, monkeypatch).columns,
        scanned(narrow, block, monkeypatch).columns,
    ) == (
        52,
        26,
    )


PREFIXED = ((b"<row ", b"<x:row "), (b"</row>", b"</x:row>"), (b"<c ", b"<x:c "),
            (b"</c>", b"</x:c>"), (b"<f>", b"<x:f>"), (b"</f>", b"</x:f>"),
            (b"<v>", b"<x:v>"), (b"</v>", b"</x:v>"))  # fmt: skip


@pytest.mark.parametrize("block", BLOCK_SIZES)
def test_a_prefixed_sheet_and_an_unescaped_row_end_in_a_text(
    block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some writers prefix every element (``<x:row>``, ``<x:f>``): its error cells and
    formulas without a value are found too. A text may hold ``arrow>`` (``>`` needs no
    escaping in XML): a chunk is never cut there, so the error cell after it in the same
    row is still found whole."""
    path = write_raw_xlsx(tmp_path / "odd.xlsx", {
        1: header_row("Affaire", "Montant HT"),
        2: [text_cell("A2", "PLACEHOLDER"), error_cell("B2", "#DIV/0!")],
    })  # fmt: skip
    rewrite_sheet(path, b"PLACEHOLDER", b"arrow> <x:row>")
    assert scanned(path, block, monkeypatch).lost == [LostCell(2, 2, "error", "#DIV/0!")]
    prefixed = write_raw_xlsx(tmp_path / "prefixed.xlsx", {
        1: header_row("Affaire"), 2: [error_cell("A2", "#NAME?")],
        3: [number_cell("A3", 1.0), formula_cell("B3", "A3*2")],
    })  # fmt: skip
    for old, new in PREFIXED:
        rewrite_sheet(prefixed, old, new)
    assert scanned(prefixed, block, monkeypatch) == SheetScan(
        rows=3,
        columns=26,
        lost=[LostCell(2, 1, "error", "#NAME?"), LostCell(3, 2, "formula", "=A3*2")],
    )


@pytest.mark.parametrize("block", (1, 7, xlsx_scan.CHUNK_BYTES))
def test_formulas_outside_the_cells_are_not_cells(
    block: int, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Conditional formatting and data validation keep formulas after the cells
    (``<formula>``, ``<formula1>``): they are not cells, and the cells before are found
    as without them; formulas with their value are not lost."""
    expected = scanned(mixed, block, monkeypatch)
    rules = (
        b'</sheetData><conditionalFormatting sqref="B2:B9">'
        + b'<cfRule type="expression" priority="1"><formula>B2&gt;0</formula></cfRule>' * 50
        + b'</conditionalFormatting><dataValidations count="1"><dataValidation sqref="A2">'
        b"<formula1>$Z$1:$Z$9</formula1></dataValidation></dataValidations>"
    )
    rewrite_sheet(mixed, b"</sheetData>", rules)
    rewrite_sheet(
        mixed, b'<row r="5">', b'<row r="4"><c r="C4"><f>1+1</f><v>2</v></c></row><row r="5">'
    )
    assert scanned(mixed, block, monkeypatch) == expected


@pytest.mark.parametrize("block", (1, 7, xlsx_scan.CHUNK_BYTES))
def test_a_stored_sheet_is_scanned_as_a_deflated_one(
    block: int, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet stored without compression (some tools write them so) is read through
    zipfile's reader, with the same result."""
    deflated = scanned(mixed, block, monkeypatch)
    stored = rewrite_sheet(mixed, b"", b"", method=zipfile.ZIP_STORED)
    with zipfile.ZipFile(stored) as archive:
        assert archive.getinfo(SHEET).compress_type == zipfile.ZIP_STORED
    assert scanned(stored, block, monkeypatch) == deflated


@pytest.mark.parametrize("block", (1, 3, xlsx_scan.CHUNK_BYTES))
def test_the_exact_extent_counts_only_cells_holding_a_value(
    block: int, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AMJ5 holds #N/A; XFD5 is only formatted; AB3's formula has no value."""
    monkeypatch.setattr(xlsx_scan, "CHUNK_BYTES", block)
    with zipfile.ZipFile(mixed) as archive:
        assert exact_extent(archive, SHEET) == (5, 1024)


def raw_sheet(path: Path, sheet_data: str) -> Path:
    """An .xlsx whose sheet data is ``sheet_data`` as written, references or not."""
    write_raw_xlsx(path, {1: [text_cell("A1", "PLACEHOLDER")]})
    return rewrite_sheet(
        path, b'<row r="1">' + text_cell("A1", "PLACEHOLDER").encode() + b"</row>",
        sheet_data.encode(),
    )  # fmt: skip


#: Sheet data calamine places by a reference or by counting, and where its last value
#: lands (rows, columns), as python-calamine reads it (checked by the test below).
PLACED = {
    # a cell placed by its own reference, whatever its row element says
    "far reference": ('<row r="1"><c r="XFD1048576"><v>1</v></c></row>', (1_048_576, 16_384)),
    # rows in descending order: the first one is the lowest
    "descending": ('<row r="900"><c r="B900"><v>1</v></c></row>'
                   '<row r="2"><c r="A2"><v>1</v></c></row>', (900, 2)),
    # no references: the 40th cell is in column 40 (AN)
    "no references": ('<row r="1">' + "<c><v>1</v></c>" * 40 + "</row>", (1, 40)),
    # a row number and no cell reference: row 7
    "row number only": ('<row r="7"><c><v>1</v></c></row>', (7, 1)),
    # rows without a number follow the last one
    "rows counted": ('<row r="5"></row><row><c/><c><v>1</v></c></row>', (6, 2)),
    # after a referenced cell, the next one without is in the next column of the row
    "after a reference": ('<row r="1"><c r="C3"><v>1</v></c><c><v>2</v></c></row>', (3, 4)),
    # a lowercase reference, single quotes, a tab: all references to calamine
    "lowercase": ('<row r="1"><c r="c5"><v>1</v></c></row>', (5, 3)),
    "single quotes": ("<row r='1'><c r='D6'><v>1</v></c></row>", (6, 4)),
    "tab": ('<row r="1"><c\tr="E2"><v>1</v></c></row>', (2, 5)),
    # a leading zero makes the longest number the smaller; a letter cased otherwise
    "leading zero": ('<row r="1"><c r="A0000002"><v>1</v></c><c r="C99999"><v>1</v></c>'
                     "</row>", (99_999, 3)),
    "mixed case": ('<row r="1"><c r="A123"><v>1</v></c><c r="Xf1"><v>1</v></c></row>',
                   (123, 630)),
}  # fmt: skip


@pytest.mark.parametrize("case", PLACED)
@pytest.mark.parametrize("block", (1, 7, xlsx_scan.CHUNK_BYTES))
def test_cells_are_placed_as_calamine_places_them(
    case: str, block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound covers every cell where calamine puts it (its reference, else the row
    element and the cells before), and the exact extent is calamine's own: a value at
    XFD1048576 in a row numbered 1 made calamine ask for 17 billion cells."""
    sheet_data, (rows, columns) = PLACED[case]
    path = raw_sheet(tmp_path / "placed.xlsx", sheet_data)
    bound = scanned(path, block, monkeypatch)
    assert bound.rows >= rows and bound.columns >= columns
    with zipfile.ZipFile(path) as archive:
        assert exact_extent(archive, SHEET) == (rows, columns)
    if rows * columns < 1_000_000:  # what calamine itself reads
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pipeline")
        assert sheet.end is not None and (sheet.end[0] + 1, sheet.end[1] + 1) == (rows, columns)


def test_a_value_referenced_far_in_a_near_row_is_refused(tmp_path: Path) -> None:
    path = raw_sheet(tmp_path / "far.xlsx", PLACED["far reference"][0])
    with pytest.raises(SourceError) as info:
        read_grids(path)
    assert (info.value.code, info.value.params["cell"]) == ("sheet_too_large", "XFD1048576")


def test_a_formula_is_shown_with_its_character_references_replaced(tmp_path: Path) -> None:
    """openpyxl writes a sheet name's « è » as ``&#232;``: the formula without a value was
    shown as ``='Param&#232;tres'!B9``. An ``&amp;`` before ``#232;`` stays as typed."""
    path = write_raw_xlsx(tmp_path / "refs.xlsx", {
        1: header_row("Affaire", "Montant HT", "Note"),
        2: [text_cell("A2", "Site"), "<c r=\"B2\"><f>'Param&#232;tres'!B9*2</f></c>",
            "<c r=\"C2\"><f>\"&#xE9;t&#xE9; &amp;#232;\"</f></c>"],
    })  # fmt: skip
    assert read_grids(path)["Pipeline"][1] == ["Site", "='Paramètres'!B9*2", '="été &#232;"']
