"""The .ods pre-read scan's fast path (whole chunks searched with numpy) finds what the
row-by-row parse finds: the same extents, on rows written as LibreOffice writes them and
on rows it must hand to the row-by-row parse (repeats, spaces, groups, odd rows)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from salespipe import ods_scan
from tests.raw_ods import empty_cells, number_cell, row, text_cell, write_raw_ods

# LibreOffice ends each row with the empty cells left up to column 16 384.
_TAIL = 16384


def _scanned(path: Path) -> dict[str, tuple[int, int, int]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: (sheet.rows, sheet.columns, len(sheet.lost_cells()))
            for name, sheet in ods_scan.scan_ods(archive).items()
        }


def _row_by_row(
    sheet: ods_scan.OdsSheet, row_number: int, searched: ods_scan._Searched, holds: object
) -> int:
    """The parse the fast path stands for: each row on its own."""
    part = searched.chunk[searched.begin : searched.stop]
    for text in part.split(b"</table:table-row>"):
        row_number = ods_scan._scan_row(sheet, row_number, text, holds)  # type: ignore[arg-type]
    return row_number


def _libreoffice_row(*cells: str) -> str:
    return row(*cells, empty_cells(_TAIL - len(cells)))


def test_rows_as_libreoffice_writes_them(tmp_path: Path) -> None:
    # 3 headers; data rows of 4 columns (2 empty cells inside, written once repeated);
    # the sheet's unused rows written as one row repeated a million times
    rows = [
        _libreoffice_row(text_cell("Affaire"), text_cell("Client"), text_cell("Montant")),
        *(
            row(text_cell(f"AFF-{n}"), empty_cells(2), number_cell(1000.0 * n), empty_cells(16380))
            for n in range(1, 4)
        ),
        row(empty_cells(_TAIL), repeated=1_048_572),
    ]
    path = write_raw_ods(tmp_path / "pipeline.ods", {"Pipeline": rows})
    assert _scanned(path) == {"Pipeline": (4, 4, 0)}


def test_empty_rows_repeated_before_the_data(tmp_path: Path) -> None:
    rows = [
        '<table:table-row table:number-rows-repeated="5"></table:table-row>',
        row(empty_cells(), repeated=3),
        row(text_cell("AFF-1"), number_cell(12.0), empty_cells(16382)),
    ]
    path = write_raw_ods(tmp_path / "late.ods", {"Pipeline": rows})
    assert _scanned(path) == {"Pipeline": (9, 2, 0)}


def test_rows_cut_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        row(text_cell("A"), number_cell(float(n)), empty_cells(5), text_cell("z"), empty_cells(9))
        for n in range(30)
    ]
    path = write_raw_ods(tmp_path / "cut.ods", {"Un": rows, "Deux": rows[:3]})
    monkeypatch.setattr(ods_scan, "CHUNK_BYTES", 97)  # every row cut, tables in one chunk
    assert _scanned(path) == {"Un": (30, 8, 0), "Deux": (3, 8, 0)}


_CELLS = (
    text_cell("x"),
    number_cell(2.5),
    empty_cells(),
    empty_cells(3),
    empty_cells(1000),
    "<table:covered-table-cell/>",
    '<table:covered-table-cell table:number-columns-repeated="2"/>',
    '<table:table-cell table:number-columns-repeated = "4"/>',
    '<table:table-cell table:number-columns-repeated="+3"/>',
    '<table:table-cell table:style-name="ce1"/>',
    '<table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"/>',
    "<table:table-cell><text:p>value</text:p></table:table-cell>",
    " ",
)


# past the limits: the sheets are then scanned again cell by cell
_FAR = '<table:table-cell table:number-columns-repeated="1234567"/>'


def _random_rows(chosen: random.Random, far: bool) -> list[str]:
    rows = []
    for _ in range(chosen.randrange(1, 40)):
        cells = [chosen.choice(_CELLS) for _ in range(chosen.randrange(0, 6))]
        if far and chosen.random() < 0.05:
            cells.append(_FAR)
        shape = chosen.random()
        if shape < 0.1:
            rows.append(row(*cells, repeated=chosen.choice((2, 50, 2_000_000 if far else 3))))
        elif shape < 0.15:
            rows.append("<table:table-row/>")
        elif shape < 0.2:
            rows.append(f"<table:table-row-group>{row(*cells)}</table:table-row-group>")
        elif shape < 0.25:
            rows.append(f"<table:table-rows>{row(*cells)}</table:table-rows>")
        else:
            rows.append(row(*cells, chosen.choice(("", empty_cells(_TAIL - len(cells))))))
    return rows


@pytest.mark.parametrize("chunk", [97, 4096, ods_scan.CHUNK_BYTES])
def test_fast_path_finds_what_the_row_by_row_parse_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(ods_scan, "CHUNK_BYTES", chunk)
    for seed in range(60):
        chosen = random.Random(seed)
        far = seed % 10 == 0
        sheets = {f"S{n}": _random_rows(chosen, far) for n in range(chosen.randrange(1, 4))}
        path = write_raw_ods(tmp_path / f"{seed}.ods", sheets)
        fast = _scanned(path)
        with monkeypatch.context() as patched:
            patched.setattr(ods_scan, "_scan_rows", _row_by_row)
            assert fast == _scanned(path), (seed, sheets)
