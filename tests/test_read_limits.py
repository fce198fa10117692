"""The limits of the files read (salespipe.read_limits, docs/limits.md): a far cell, a
huge file or a zip bomb stops the read with one line naming it, before the memory is
spent; formatting far from the data does not count."""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from salespipe import ods_scan, read_limits
from salespipe.cli.exit_codes import ERROR
from salespipe.core.errors import SourceError
from salespipe.files import read_grids
from salespipe.xlsx_scan import CHUNK_BYTES, column_letters, column_number
from tests import raw_ods as ods
from tests import raw_xlsb as xlsb
from tests.raw_xlsx import header_row, number_cell, styled_cell, text_cell, write_raw_xlsx
from tests.support.cli_run import run
from tests.template.libreoffice import convert, make_profile


def two_deals(far: list[str] | None = None, far_row: int = 0) -> dict[int, list[str]]:
    rows = {
        1: header_row("Affaire", "Société", "Montant HT", "Étape"),
        2: [text_cell("A2", "Site"), text_cell("B2", "ACME"), number_cell("C2", 5000.0),
            text_cell("D2", "Négociation")],
        3: [text_cell("A3", "ERP"), text_cell("B3", "Beta"), number_cell("C3", 7000.0),
            text_cell("D3", "Négociation")],
    }  # fmt: skip
    if far:
        rows[far_row] = far
    return rows


@pytest.mark.parametrize(
    ("cell", "rows", "columns"),
    [("XFD1048576", "1 048 576", "16 384"), ("AMJ100000", "100 000", "1 024")],
)
def test_a_value_far_from_the_data_is_refused_in_one_line_naming_its_cell(
    cell: str, rows: str, columns: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    path = write_raw_xlsx(tmp_path / "far.xlsx", two_deals([text_cell(cell, "x")], row))
    before = path.read_bytes()
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"Error: far.xlsx, sheet 'Pipeline': a value at {cell} stretches the sheet to "
        f"{rows} rows × {columns} columns; salespipe reads at most 10 000 000 cells per "
        "sheet. Clear the cells far from the data (Ctrl+End goes to the last one)."
    ]
    assert path.read_bytes() == before


def test_formatting_far_from_the_data_is_not_a_value_and_the_sheet_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_raw_xlsx(tmp_path / "styled.xlsx", two_deals([styled_cell("XFD1048576")],
                                                              1048576))  # fmt: skip
    code, out, err = run(["report", str(path), "--format", "json", "--as-of", "2026-11-01"],
                         capsys)  # fmt: skip
    assert (code, err) == (0, "")
    assert json.loads(out)["accounts"][0]["used"] == 2


def test_a_value_just_inside_the_cell_limit_is_read(tmp_path: Path) -> None:
    """10 000 000 cells: 1 000 rows × 10 000 columns (NTP), one value in the far corner."""
    far = column_letters(10_000) + "1000"
    path = write_raw_xlsx(tmp_path / "edge.xlsx", two_deals([text_cell(far, "x")], 1000))
    grid = read_grids(path)["Pipeline"]
    assert (len(grid), len(grid[-1]), grid[-1][-1]) == (1000, 10_000, "x")
    over = column_letters(10_001) + "1000"
    write_raw_xlsx(tmp_path / "over.xlsx", two_deals([text_cell(over, "x")], 1000))
    with pytest.raises(SourceError) as info:
        read_grids(tmp_path / "over.xlsx")
    assert info.value.code == "sheet_too_large"


def test_column_letters_and_numbers_round_trip() -> None:
    assert [column_number(x) for x in ("A", "Z", "AA", "AMJ", "XFD")] == [1, 26, 27, 1024, 16384]
    assert all(column_number(column_letters(n)) == n for n in range(1, 16385))


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # sparse: 200 MB + 1 byte on disk in no time
        handle.truncate(read_limits.MAX_FILE_BYTES + 1)
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "Error: big.csv weighs 200 MB; salespipe reads files of at most 200 MB. "
        "Save only the sheets needed in a new workbook."
    )
    assert os.path.getsize(path) == read_limits.MAX_FILE_BYTES + 1


def test_a_part_that_inflates_past_the_limit_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb: 1 MB of zeros in the shared strings, with the limit lowered to 1 MB
    (the real limit, 1 GiB, would take seconds to compress here)."""
    path = write_raw_xlsx(tmp_path / "bomb.xlsx", two_deals())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * 1_000_001)
    monkeypatch.setattr(read_limits, "MAX_PART_BYTES", 1_000_000)
    with pytest.raises(SourceError) as info:
        read_grids(path)
    assert info.value.code == "part_too_large"
    assert info.value.params["part"] == "xl/sharedStrings.xml"


def far_ods(path: Path, *far_rows: str, quoting: str = "double") -> Path:
    return ods.write_raw_ods(path, {"Pipeline": [
        ods.header_row("Affaire", "Société", "Montant HT", "Étape"),
        ods.row(ods.text_cell("Site"), ods.text_cell("ACME"), ods.number_cell(5000.0),
                ods.text_cell("Négociation")),
        *far_rows,
    ]}, quoting)  # fmt: skip


@pytest.mark.parametrize(
    ("far_rows", "cell", "rows", "columns"),
    [
        # a value after 16 383 empty cells, in a row after 1 048 573 empty rows
        ([ods.row(ods.empty_cells(), repeated=1_048_573),
          ods.row(ods.empty_cells(16_383), ods.text_cell("x"))],
         "XFD1048576", "1 048 576", "16 384"),
        ([ods.row(ods.empty_cells(), repeated=99_997),
          ods.row(ods.empty_cells(1023), ods.text_cell("x"))],
         "AMJ100000", "100 000", "1 024"),
        # one value repeated: 2 000 rows × 10 000 columns
        ([ods.row(ods.text_cell("x", columns=10_000), repeated=2000)],
         "NTP2002", "2 002", "10 000"),
    ],
)  # fmt: skip
def test_an_ods_value_far_from_the_data_is_refused_before_calamine_builds_its_grid(
    far_rows: list[str], cell: str, rows: str, columns: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Repeated rows and cells are counted as calamine counts them, from the XML alone:
    the XFD1048576 file is 1 KB (calamine refused it with « Cell limit exceeded
    (17179852800 cells requested…) »; a value at NTP5000 took it 11 s and 3 GB)."""
    path = far_ods(tmp_path / "far.ods", *far_rows)
    before = path.read_bytes()
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"Error: far.ods, sheet 'Pipeline': a value at {cell} stretches the sheet to "
        f"{rows} rows × {columns} columns; salespipe reads at most 10 000 000 cells per "
        "sheet. Clear the cells far from the data (Ctrl+End goes to the last one)."
    ]
    assert path.read_bytes() == before


@pytest.mark.parametrize("quoting", [q for q in ods.QUOTINGS if q != "double"])
def test_ods_repeats_written_in_any_quoting_are_counted(quoting: str, tmp_path: Path) -> None:
    """Single quotes, spaces around ``=`` or a ``>`` in an earlier attribute's value are
    XML calamine reads like LibreOffice's: the repeats count (a 1 KB file claiming
    XFD1048576 made calamine allocate 5 GB; 2 002 × 10 000 repeated cells passed the
    10 000 000 limit), and a sheet just inside the limit is read whole."""
    far = far_ods(
        tmp_path / "far.ods",
        ods.row(ods.empty_cells(), repeated=1_048_573),
        ods.row(ods.empty_cells(16_383), ods.text_cell("x")),
        quoting=quoting,
    )
    repeated = far_ods(tmp_path / "repeated.ods",
                       ods.row(ods.text_cell("x", columns=10_000), repeated=2000),
                       quoting=quoting)  # fmt: skip
    for path, cell in ((far, "XFD1048576"), (repeated, "NTP2002")):
        with pytest.raises(SourceError) as info:
            read_grids(path)
        assert (info.value.code, info.value.params["cell"]) == ("sheet_too_large", cell)
    inside = far_ods(tmp_path / "inside.ods",
                     ods.row(ods.text_cell("x", columns=10_000), repeated=998),
                     quoting=quoting)  # fmt: skip
    grid = read_grids(inside)["Pipeline"]
    assert (len(grid), len(grid[-1]), grid[-1][-1], grid[1][2]) == (1000, 10_000, "x", 5000.0)


def test_an_ods_row_longer_than_a_block_is_scanned_whole(tmp_path: Path) -> None:
    """A 3 MB text cell makes a row of several blocks read, its end tag here straddling two
    of them: the row is one chunk (the cells after the long one are counted) and the
    chunks hold the whole content.xml, cut after each row's end tag."""

    def sheet(length: int) -> Path:
        return far_ods(tmp_path / "long.ods",
                       ods.row(ods.text_cell("x" * length), ods.empty_cells(9998),
                               ods.text_cell("y"), repeated=2000))  # fmt: skip

    first = zipfile.ZipFile(sheet(3 * CHUNK_BYTES)).read("content.xml")
    shift = 3 * CHUNK_BYTES - 9 - first.index(b"</table:table-row>", first.index(b"xxx"))
    path = sheet(3 * CHUNK_BYTES + shift)  # the long row's end tag at 3 MB - 9 bytes
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")
        assert content.index(b"</table:table-row>", content.index(b"xxx")) == 3 * CHUNK_BYTES - 9
        chunks = list(ods_scan._chunks(archive))
    assert b"".join(chunks) == content
    assert all(chunk.endswith(b"</table:table-row>") for chunk in chunks[:-1])
    assert len(chunks[1]) == 3 * CHUNK_BYTES + 9 - len(chunks[0])
    with pytest.raises(SourceError) as info:
        read_grids(path)
    assert info.value.params["cell"] == "NTP2002"


def test_empty_rows_and_cells_repeated_to_the_sheet_end_do_not_count(tmp_path: Path) -> None:
    """LibreOffice ends every row with its empty cells repeated to column 16 384 and the
    sheet with its empty rows repeated to row 1 048 576; a value just inside the limit
    (1 000 rows × 10 000 columns) is read."""
    path = far_ods(tmp_path / "edge.ods",
                   ods.row(ods.empty_cells(9999), ods.text_cell("x"), ods.empty_cells(6384),
                           repeated=998),
                   ods.row(ods.empty_cells(16_384), repeated=1_047_576))  # fmt: skip
    grid = read_grids(path)["Pipeline"]
    assert (len(grid), len(grid[-1]), grid[-1][-1], grid[1][2]) == (1000, 10_000, "x", 5000.0)
    over = far_ods(
        tmp_path / "over.ods", ods.row(ods.empty_cells(10_000), ods.text_cell("x"), repeated=998)
    )
    with pytest.raises(SourceError) as info:
        read_grids(over)
    assert info.value.code == "sheet_too_large"
    assert info.value.params["cell"] == column_letters(10_001) + "1000"


def two_xlsb_deals(far: dict[int, list[bytes]]) -> dict[int, list[bytes]]:
    return {
        1: xlsb.header_cells("Affaire", "Société", "Montant HT", "Étape"),
        2: [xlsb.text_cell(1, "Site"), xlsb.text_cell(2, "ACME"), xlsb.number_cell(3, 5000.0),
            xlsb.text_cell(4, "Négociation")],
        **far,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("row", "column", "cell", "rows", "columns"),
    [(1_048_576, 16_384, "XFD1048576", "1 048 576", "16 384"),
     (5000, 10_000, "NTP5000", "5 000", "10 000")],
)  # fmt: skip
def test_an_xlsb_value_far_from_the_data_is_refused_whatever_its_dimension_says(
    row: int, column: int, cell: str, rows: str, columns: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The cells are counted, not the dimension record (here it claims A1:D2): calamine
    aborted the process on the 1 KB XFD1048576 file and took 8 s and 1.6 GB on NTP5000."""
    far = {row: [xlsb.text_cell(column, "x")]}
    path = xlsb.write_raw_xlsb(tmp_path / "far.xlsb", two_xlsb_deals(far), dimension=(2, 4))
    before = path.read_bytes()
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"Error: far.xlsb, sheet 'Pipeline': a value at {cell} stretches the sheet to "
        f"{rows} rows × {columns} columns; salespipe reads at most 10 000 000 cells per "
        "sheet. Clear the cells far from the data (Ctrl+End goes to the last one)."
    ]
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ("far.csv", "far.txt"))
@pytest.mark.parametrize("kind", ("xlsb", "ods"))
def test_a_workbook_renamed_csv_is_scanned_as_the_format_it_really_is(
    kind: str, name: str, tmp_path: Path
) -> None:
    """calamine detects an .xlsb or an .ods renamed .csv by its contents: its scan runs
    too (taken for an .xlsx, the 1 KB XFD1048576 file aborted the process)."""
    path = tmp_path / name
    if kind == "xlsb":
        far = {1_048_576: [xlsb.text_cell(16_384, "x")]}
        xlsb.write_raw_xlsb(path, two_xlsb_deals(far))
    else:
        far_ods(path, ods.row(ods.empty_cells(), repeated=1_048_573),
                ods.row(ods.empty_cells(16_383), ods.text_cell("x")))  # fmt: skip
    with pytest.raises(SourceError) as info:
        read_grids(path)
    assert (info.value.code, info.value.params["cell"]) == ("sheet_too_large", "XFD1048576")


def test_xlsb_formatting_far_away_does_not_count_and_a_value_at_the_limit_is_read(
    tmp_path: Path,
) -> None:
    """A blank cell (formatting only) at XFD1048576 is not a value; 1 000 rows × 10 000
    columns is."""
    far = {1_048_576: [xlsb.blank_cell(16_384)], 1000: [xlsb.text_cell(10_000, "x")]}
    path = xlsb.write_raw_xlsb(tmp_path / "edge.xlsb", two_xlsb_deals(far))
    grid = read_grids(path)["Pipeline"]
    assert (len(grid), len(grid[-1]), grid[-1][-1], grid[1][2]) == (1000, 10_000, "x", 5000.0)


# .xls: written by the real LibreOffice (one soffice run); its DIMENSIONS record, which
# calamine reserves memory for, is patched in place for the damaged cases.


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``far.xls`` (two deals and a value at IV65536) and ``near.xls`` (two deals)."""
    folder = tmp_path_factory.mktemp("xls")
    sources = []
    for name, far in (("far", True), ("near", False)):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Pipeline"
        sheet.append(["Affaire", "Société", "Montant HT", "Étape"])
        sheet.append(["Site", "ACME", 5000, "Négociation"])
        sheet.append(["ERP", "Beta", 7000, "Négociation"])
        if far:
            sheet.cell(row=65_536, column=256, value="x")
        workbook.save(folder / f"{name}.xlsx")
        sources.append(folder / f"{name}.xlsx")
    converted = convert(sources, folder / "out", make_profile(folder), "xls")
    return {source.stem: converted[source] for source in sources}


def claim_dimensions(
    source: Path, target: Path, rows: int, columns: int, first_row: int = 0
) -> Path:
    """``source`` with its DIMENSIONS record (BIFF8: first row, last row + 1 as u32, first
    and last column + 1 as u16) claiming ``rows`` × ``columns``."""
    data = bytearray(source.read_bytes())
    found = data.find(b"\x00\x02\x0e\x00")  # the record's type (0x0200) and length (14)
    assert found > 0 and data.find(b"\x00\x02\x0e\x00", found + 1) < 0
    struct.pack_into("<IIHH", data, found + 4, first_row, rows, 0, columns)
    target.write_bytes(bytes(data))
    return target


def test_an_xls_value_far_from_the_data_is_refused_before_calamine_reads_it(
    xls_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """IV65536, the format's last cell: calamine took 6.8 s and 1 GB to build its grid."""
    code, out, err = run(["report", str(xls_files["far"]), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "Error: far.xls, sheet 'Pipeline': a value at IV65536 stretches the sheet to "
        "65 536 rows × 256 columns; salespipe reads at most 10 000 000 cells per sheet. "
        "Clear the cells far from the data (Ctrl+End goes to the last one)."
    )


@pytest.mark.parametrize(
    ("first_row", "last_row", "rows"),
    [(0, 0xFF_FFFF, "16 777 215"), (10, 5, "4 294 967 291")],
)
def test_an_xls_whose_dimension_record_claims_more_than_excel_holds_is_damaged(
    first_row: int, last_row: int, rows: str, xls_files: dict[str, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """A 6 KB file claiming 16 777 215 rows, or a first row after the last one (calamine
    counts 4 billion rows): calamine reserved memory for them all and the process
    aborted. No cell can be there in an .xls (65 536 rows): the file is damaged, and the
    message says so instead of sending the user to a far cell."""
    path = claim_dimensions(
        xls_files["near"], tmp_path / "damaged.xls", last_row, 256, first_row=first_row
    )
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert (code, out) == (ERROR, "")
    assert err.strip() == (
        f"Error: damaged.xls, sheet 'Pipeline': the file is damaged (it claims {rows} rows, "
        "an .xls holds at most 65,536). Open it in Excel or LibreOffice and save it again."
    )


def test_an_xls_claiming_the_whole_sheet_with_its_cells_near_a1_is_read(
    xls_files: dict[str, Path], tmp_path: Path
) -> None:
    """A sheet formatted to its last cell claims 65 536 × 256 (Excel counts formatted
    cells): the cells are counted, and they are near A1."""
    path = claim_dimensions(xls_files["near"], tmp_path / "formatted.xls", 65_536, 256)
    grid = read_grids(path)["Pipeline"]
    assert grid == [
        ["Affaire", "Société", "Montant HT", "Étape"],
        ["Site", "ACME", 5000, "Négociation"],
        ["ERP", "Beta", 7000, "Négociation"],
    ]


def test_ods_rows_inside_groups_are_counted_as_rows(tmp_path: Path) -> None:
    """A header in ``<table:table-header-rows>``, rows in a ``<table:table-row-group>``
    (an outline) and in ``<table:table-rows>``: the groups are not rows, and the error
    cell in the last row is put back in its place."""
    grouped = ods.write_raw_ods(tmp_path / "groups.ods", {"Pipeline": [
        "<table:table-header-rows>", ods.header_row("Affaire", "Montant HT"),
        "</table:table-header-rows><table:table-row-group>",
        ods.row(ods.text_cell("Site"), ods.number_cell(5000.0)),
        ods.row(ods.empty_cells(2), repeated=3),
        "<table:table-rows>", ods.row(ods.empty_cells(), ods.error_cell("#REF!")),
        "</table:table-rows></table:table-row-group>",
    ]})  # fmt: skip
    assert read_grids(grouped)["Pipeline"] == [
        ["Affaire", "Montant HT"], ["Site", 5000.0], ["", ""], ["", ""], ["", ""], ["", "#REF!"]
    ]  # fmt: skip
    far = ods.write_raw_ods(tmp_path / "far.ods", {"Pipeline": [
        ods.header_row("Affaire", "Montant HT"), "<table:table-row-group>",
        ods.row(ods.empty_cells(), repeated=1_048_574),
        ods.row(ods.empty_cells(16_383), ods.text_cell("x")), "</table:table-row-group>",
    ]})  # fmt: skip
    with pytest.raises(SourceError) as info:
        read_grids(far)
    assert info.value.params["cell"] == "XFD1048576"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".xlsb"])
def test_a_sheet_part_whose_compressed_data_is_damaged_is_one_clear_line(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The zip's directory is intact but the sheet's deflate stream is not: the scan run
    before calamine met zlib's error, reported as a bug."""
    source = tmp_path / f"whole{suffix}"
    if suffix == ".xlsx":
        write_raw_xlsx(source, two_deals())
        part = "xl/worksheets/sheet1.xml"
    elif suffix == ".ods":
        far_ods(source, *(ods.row(ods.text_cell(f"ligne {n}")) for n in range(200)))
        part = "content.xml"
    else:
        xlsb.write_raw_xlsb(source, two_xlsb_deals({n: [xlsb.text_cell(1, f"ligne {n}")]
                                                    for n in range(3, 200)}))  # fmt: skip
        part = "xl/worksheets/sheet1.bin"
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + min(info.compress_size, 220)):
        data[offset] ^= 0x5A
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(data))
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: damaged{suffix} could not be read as a workbook (")
    assert err.count("\n") == 1
