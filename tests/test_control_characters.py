"""Control characters in cells (salespipe.formats.xlsx_cells, salespipe.cli.terminal):
BEL, ESC and ``_x001B_`` stopped ``--format xlsx`` and the local sync with openpyxl's
IllegalCharacterError; CR, backspace, BEL and U+202E reached the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.cli.terminal import printable
from salespipe.files import read_grids
from salespipe.formats.xlsx_cells import writable_text
from tests.support.cli_run import run

HEADER = "ID;Affaire;Société;Commercial;Étape;Statut;Montant HT;Date de création;Dernier contact"
# Three open deals whose follow-up is overdue on 2026-11-23, so their names are written
# in the report's tables.
DEALS = [
    "A1;Bell\x07;ACME\x1b[31m;Marie;Négociation;en cours;5000;01/06/2026;01/07/2026",
    "A2;_x001B_;Beta;Marie;Négociation;en cours;7000;01/06/2026;01/07/2026",
    'A3;"Retour\rchariot\b\b";\u202efdp.exe;Marie;Négociation;en cours;9000;01/06/2026;01/07/2026',
    # U+FFFE and U+FFFF: XML has no place for them (lxml refused the whole workbook)
    "A4;Non\ufffecaractère;Gamma\uffff;Marie;Négociation;en cours;3000;01/06/2026;01/07/2026",
]


def write_csv(path: Path) -> Path:
    path.write_bytes("\r\n".join([HEADER, *DEALS]).encode("utf-8"))
    return path


def texts_of(path: Path) -> set[str]:
    """Every text of the workbook as Excel shows it (calamine unescapes ``_x005F_``)."""
    return {
        cell for grid in read_grids(path).values() for row in grid
        for cell in row if isinstance(cell, str)
    }  # fmt: skip


def test_writable_text_shows_controls_and_keeps_escape_shaped_text() -> None:
    assert writable_text("Bell\x07 Esc\x1b") == "Bell\u2407 Esc\u241b"
    assert writable_text("_x001B_") == "_x005F_x001B_"  # read back as typed
    assert writable_text("tab\tline\ncr\r") == "tab\tline\ncr\r"  # legal in a cell
    assert writable_text("a\ufffe b\uffff \ud800") == "a\ufffd b\ufffd \ufffd"


def test_report_xlsx_writes_every_name_with_its_controls_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(tmp_path / "p.csv")
    out = tmp_path / "r.xlsx"
    code, _, err = run(["report", str(source), "--format", "xlsx", "-o", str(out),
                        "--as-of", "2026-11-23"], capsys)  # fmt: skip
    assert (code, err.count("\n")) == (0, 1)
    texts = texts_of(out)
    assert {"Bell\u2407", "ACME\u241b[31m", "_x001B_"} <= texts  # _x001B_ reads back as typed
    assert {"Non\ufffdcaractère", "Gamma\ufffd"} <= texts


def test_local_sync_output_writes_the_same_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(tmp_path / "p.csv")
    out = tmp_path / "out.xlsx"
    code, _, err = run(["sync", str(source), "-o", str(out), "--as-of", "2026-11-23",
                        "--no-history"], capsys)  # fmt: skip
    assert code == 0, err
    assert {"Bell\u2407", "Non\ufffdcaractère", "Gamma\ufffd"} <= texts_of(out)


def test_the_text_report_never_sends_a_control_character_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(tmp_path / "p.csv")
    code, out, err = run(["report", str(source), "--full", "--as-of", "2026-11-23"], capsys)
    assert code == 0
    for raw in ("\x07", "\x1b", "\r", "\b", "\u202e"):
        assert raw not in out + err
    assert "Bell\u2407" in out and "<U+202E>fdp.exe" in out


def test_an_error_line_naming_a_file_shows_its_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["report", str(tmp_path / "evil\x1b]0;pwned\x07.csv")], capsys)
    assert (code, out) == (1, "")
    assert "\x1b" not in err and "evil\u241b]0;pwned\u2407.csv" in err


def test_printable_keeps_line_feeds_and_tabs() -> None:
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("a\rb\x7f\u202e") == "a\u240db\u2421<U+202E>"
