"""The .ods pre-read scan's fast path (whole chunks searched with numpy) finds what the
row-by-row parse finds: the same extents, on rows written as LibreOffice writes them and
on rows it must hand to the row-by-row parse (repeats, spaces, groups, odd rows); and
neither finds less than calamine reads, whatever markup a crafted file hides tags in."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from salespipe import ods_scan
from salespipe.cli.exit_codes import ERROR
from tests import raw_ods as ods
from tests.raw_ods import empty_cells, number_cell, row, text_cell, write_raw_ods
from tests.support.cli_run import run

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


# Markup a crafted content.xml can hide a row end or a tag in: quick-xml (calamine's
# parser) reads a "<" inside an attribute value as a value, a CDATA section as text, and
# skips comments and processing instructions; the scan's byte searches took what they hold
# for tags, and lost the value cells after them (or cut a row in two).
_VALUE_300 = (
    '<table:table-cell office:value-type="float" office:value="1"'
    ' table:number-columns-repeated="300"/>'
)
_HIDING = {
    "tag in a value": '<table:table-cell office:value-type="float" office:value="1"'
    ' table:style-name="<table:table-cell/>" table:number-columns-repeated="300"/>',
    "row end in a value": '<table:table-cell table:style-name="</table:table-row>"'
    ' office:value-type="float" office:value="1" table:number-columns-repeated="300"/>',
    "row end in CDATA": '<table:table-cell office:value-type="string"><text:p>'
    "<![CDATA[</table:table-row>]]></text:p></table:table-cell>" + _VALUE_300,
    "row end in a comment": '<table:table-cell office:value-type="string"><text:p>a'
    "<!-- </table:table-row> --></text:p></table:table-cell>" + _VALUE_300,
    "row end in an instruction": '<table:table-cell office:value-type="string"><text:p>a'
    "<?x </table:table-row> ?></text:p></table:table-cell>" + _VALUE_300,
    "row start in a value": '<table:table-cell office:value-type="string"'
    ' table:style-name="&gt;&lt;table:table-row&gt;<table:table-row>"><text:p>a</text:p>'
    "</table:table-cell>" + _VALUE_300,
}


def _calamine_extent(path: Path) -> dict[str, tuple[int, int]]:
    workbook = CalamineWorkbook.from_path(str(path))
    extents = {}
    for name in workbook.sheet_names:
        end = workbook.get_sheet_by_name(name).end
        extents[name] = (end[0] + 1, end[1] + 1) if end else (0, 0)
    return extents


@pytest.mark.parametrize("hiding", list(_HIDING))
def test_values_after_markup_hiding_a_tag_are_counted_as_calamine_counts_them(
    hiding: str, tmp_path: Path
) -> None:
    """Row 1: one value; rows 2 to 4: a value repeated 300 times, holding the markup or
    after a text cell holding it: calamine reads 4 rows × 300 (301) columns."""
    rows = [row(number_cell(1.0)), *[row(_HIDING[hiding])] * 3]
    path = write_raw_ods(tmp_path / "hiding.ods", {"Pipeline": rows})
    columns = 300 if hiding in ("tag in a value", "row end in a value") else 301
    assert _calamine_extent(path) == {"Pipeline": (4, columns)}
    assert _scanned(path) == {"Pipeline": (4, columns, 0)}


def test_a_far_value_behind_a_hidden_row_end_is_refused_before_calamine_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row repeated 1 100 times whose value cell, repeated 10 000 times, follows a CDATA
    section holding ``</table:table-row>``: 11 000 000 cells, refused (the scan saw one
    column; calamine would have built the grid)."""
    hidden = (
        '<table:table-cell office:value-type="string"><text:p><![CDATA[</table:table-row>]]>'
        '</text:p></table:table-cell><table:table-cell office:value-type="float"'
        ' office:value="1" table:number-columns-repeated="9999"/>'
    )
    path = write_raw_ods(tmp_path / "far.ods", {"Pipeline": [
        row(text_cell("Affaire"), text_cell("Montant HT")),
        row(hidden, repeated=1100),
    ]})  # fmt: skip
    code, out, err = run(["report", str(path), "--lang", "en"], capsys)
    assert (code, out) == (ERROR, "")
    assert err.strip().splitlines() == [
        "Error: far.ods, sheet 'Pipeline': a value at NTP1101 stretches the sheet to "
        "1 101 rows × 10 000 columns; salespipe reads at most 10 000 000 cells per sheet. "
        "Clear the cells far from the data (Ctrl+End goes to the last one)."
    ]


@pytest.mark.parametrize(
    ("value_type", "declared"),
    [
        ('calcext:value-type="&#101;rror"', ""),
        ('c:value-type="error"', ' xmlns:c="urn:org:documentfoundation:names:experimental'
         ':calc:xmlns:calcext:1.0"'),
    ],
)  # fmt: skip
def test_an_error_cell_written_otherwise_is_a_lost_cell(
    value_type: str, declared: str, tmp_path: Path
) -> None:
    """``error`` written with a character reference, or calcext's namespace under another
    prefix: LibreOffice shows the error, calamine a blank; the scan finds it."""
    error = (
        f'<table:table-cell table:formula="of:=1/0" office:value-type="string"'
        f' office:string-value="" {value_type}{declared}><text:p>#DIV/0!</text:p>'
        "</table:table-cell>"
    )
    path = write_raw_ods(tmp_path / "error.ods", {"Pipeline": [row(number_cell(1.0), error)]})
    with zipfile.ZipFile(path) as archive:
        [lost] = ods_scan.scan_ods(archive)["Pipeline"].lost_cells()
    assert (lost.row, lost.column, lost.kind, lost.text) == (1, 2, "error", "#DIV/0!")


@pytest.mark.parametrize("chunk", [5, 97, 4096])
def test_the_rewritten_xml_is_read_whatever_the_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Comments, CDATA and values holding ``<`` cut anywhere by the blocks read."""
    monkeypatch.setattr(ods_scan, "CHUNK_BYTES", chunk)
    rows = [row(number_cell(1.0)), *(row(cells) for cells in _HIDING.values())]
    path = write_raw_ods(tmp_path / "cut.ods", {"Pipeline": rows})
    assert _calamine_extent(path) == {"Pipeline": (7, 301)}
    assert _scanned(path) == {"Pipeline": (7, 301, 0)}


@pytest.mark.parametrize("seed", range(40))
def test_the_scan_never_finds_less_than_calamine_reads(tmp_path: Path, seed: int) -> None:
    """Random rows of common and hiding cells, quoted 3 ways (``gt`` would put its
    attribute in the tags the values hide): the extent scanned is at
    least calamine's (a styled empty cell may add to it), the fast path and the row-by-row
    parse agree."""
    chosen = random.Random(seed)
    cells = [*_CELLS[:-1], *_HIDING.values()]
    rows = [
        row(*(chosen.choice(cells) for _ in range(chosen.randrange(1, 5))))
        for _ in range(chosen.randrange(1, 30))
    ]
    path = write_raw_ods(
        tmp_path / f"{seed}.ods", {"Pipeline": rows}, quoting=ods.QUOTINGS[seed % 3]
    )
    [(rows_read, columns_read)] = _calamine_extent(path).values()
    [(rows_scanned, columns_scanned, _)] = _scanned(path).values()
    assert rows_scanned >= rows_read and columns_scanned >= columns_read
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(ods_scan, "_scan_rows", _row_by_row)
        assert _scanned(path) == {"Pipeline": (rows_scanned, columns_scanned, 0)}


@pytest.mark.parametrize("text", ["CA > 10 k€", '"top"', "l'affaire", 'l\'offre "A" > B'])
def test_text_as_other_writers_leave_it_is_scanned_once(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """odfpy (pandas' .ods writer) escapes only ``&``, ``<`` and ``>`` in text, others
    not even ``>``: quotes and ``>`` in a cell's text hide no tag, the file is not read
    again rewritten (which costs about 13 times the scan)."""
    cell = (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )
    path = write_raw_ods(tmp_path / "text.ods", {"Pipeline": [row(cell, number_cell(1.0))] * 3})
    monkeypatch.setattr(ods_scan, "_Rewriter", None)  # not called
    assert _scanned(path) == {"Pipeline": (3, 2, 0)}
