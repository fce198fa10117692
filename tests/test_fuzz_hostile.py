"""The hostile-input fuzzer: random workbooks and CSVs as people (and accidents) make them,
through every command a user runs on a file.

Each example writes one pipeline (a CSV in some encoding, line end and delimiter, or an
.xlsx or an .ods written XML by XML, an .xlsb record by record: error cells, formulas
without a value, control characters, cells far from the data within the limits) under
title rows, then runs ``report`` (text, JSON, xlsx), ``export`` for two CRMs and the
local ``sync``, and checks what a user would notice:

- the exit code is one of the documented ones (salespipe/cli/exit_codes.py), and a
  failure is one line on stderr (with SALESPIPE_DEBUG set, a bug raises here instead of
  printing its one line, so the example fails with its traceback);
- every row is accounted for: read = used + rejected + totals + headers + blank;
- the input file is byte-identical afterwards, and nothing is written outside the
  outputs named on the command line;
- each command stays within a time and a memory bound.

In CI the examples are few and derandomized (a fixed seed). A release runs more:
``SALESPIPE_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_hostile.py`` (docs/limits.md).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salespipe.cli import main
from salespipe.cli.exit_codes import BLOCKED, ERROR, MAPS_TO_FILL, OK, USAGE
from salespipe.xlsx_scan import column_letters
from tests import raw_ods as ods
from tests import raw_xlsb as xlsb
from tests.raw_xlsx import (
    error_cell,
    formula_cell,
    number_cell,
    styled_cell,
    text_cell,
    write_raw_xlsx,
)

EXAMPLES = int(os.environ.get("SALESPIPE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # CI: the same examples on every run
    deadline=None,  # the bounds below are checked per command, with room for a busy CI
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the autouse data folder and language
    ],
)
SECONDS_PER_COMMAND = 30.0
MEMORY_PER_COMMAND_KB = 600_000
AS_OF = "2026-11-23"

HEADERS = (
    "ID", "Affaire", "Société", "Contact", "E-mail", "Téléphone", "Commercial", "Étape",
    "Statut", "Montant HT", "Probabilité", "Date de création", "Date de clôture prévue",
    "Dernier contact", "Nb relances", "Source", "Notes", "Deal", "Company", "Amount", "Stage",
)  # fmt: skip
HOSTILE_TEXTS = (
    "", " ", "-", "-0", "0", "1e308", "9" * 40, "1e20", "=1+1", "=cmd|'/c calc'!A1",
    "@SUM(A1)", "+33 6 12 34 56 78", "#REF!", "#N/A", "#DIV/0!", "31/12/9999", "00/00/0000",
    "29/02/2023", "12 500,50 €", "50k€", "(1 200)", "'t Hooft BV", "'ACME'", '"cité"',
    'a "b" c', "x;y", "x,y", "ligne 1\nligne 2", "cr\rseul", "tab\tin", "\x07cloche",
    "\x1b[31mrouge", "_x001B_", "\u202efdp.exe", "\u200b", "\ufeffBOM", "Négociation",
    "Gagné", "Perdu", "en cours", "TOTAL", "Total général", "Montant HT", "None", "NaN",
    "inf", "-inf", "😀", "\x00nul", "@Sophie", "Marie", "marie@acme.fr", "pas@mail",
)  # fmt: skip


def _text_cells() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE_TEXTS),
        st.text(max_size=20),
        st.integers(-(10**20), 10**20).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(1_000, 40_000).map(lambda n: "x" * n),  # long cells, within the limits
    )


@dataclass(frozen=True)
class Cell:
    """One cell of the generated sheet: ``kind`` text, number, error, formula, styled."""

    kind: str
    value: Any


CELLS = st.one_of(
    _text_cells().map(lambda t: Cell("text", t)),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: Cell("number", f)),
    st.sampled_from(("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#SPILL!", "#CALC!")).map(
        lambda e: Cell("error", e)
    ),
    st.sampled_from(("SUM(A1:A9)", "1/0", "VLOOKUP(A2,X!A:B,2,0)")).map(
        lambda f: Cell("formula", f)
    ),
    st.just(Cell("styled", None)),
    st.just(Cell("blank", None)),
)


@dataclass(frozen=True)
class Sheet:
    titles: int
    header: list[str]
    rows: list[list[Cell]]
    far: tuple[int, int] | None  # (row, column) of one value far from the data
    quoting: str = "double"  # how the .ods writes its attributes (raw_ods.QUOTINGS)


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    # Mostly a header salespipe finds (so the rows are read), sometimes none at all.
    extra = draw(st.lists(st.sampled_from(HEADERS), max_size=8, unique=True))
    found = draw(st.booleans() | st.just(True))
    core = ["Affaire", "Montant HT", "Étape"] if found else []
    header = draw(st.permutations(list(dict.fromkeys([*core, *extra])) or ["Notes"]))
    width = len(header) + draw(st.integers(0, 2))
    rows = draw(st.lists(st.lists(CELLS, max_size=width), max_size=12))
    far = draw(st.none() | st.tuples(st.integers(20, 3000), st.integers(20, 200)))
    quoting = draw(st.sampled_from(ods.QUOTINGS))
    return Sheet(draw(st.integers(0, 2)), header, rows, far, quoting)


@dataclass(frozen=True)
class CsvForm:
    encoding: str
    line_end: str
    delimiter: str


CSV_FORMS = st.builds(
    CsvForm,
    st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16")),
    st.sampled_from(("\r\n", "\n", "\r")),
    st.sampled_from((";", ",", "\t")),
)


def _plain(cell: Cell) -> str:
    if cell.kind == "number":
        return repr(cell.value)
    if cell.kind in ("error", "text"):
        return str(cell.value)
    if cell.kind == "formula":
        return f"={cell.value}"
    return ""


def _grid(sheet: Sheet) -> list[list[Cell]]:
    titles = [[Cell("text", "Suivi commercial 2026")] for _ in range(sheet.titles)]
    return [*titles, [Cell("text", h) for h in sheet.header], *sheet.rows]


def write_csv(path: Path, sheet: Sheet, form: CsvForm) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=form.delimiter, lineterminator=form.line_end)
    for row in _grid(sheet):
        writer.writerow([_plain(cell) for cell in row])
    if sheet.far:
        writer.writerow([""] * sheet.far[1] + ["loin"])
    path.write_bytes(out.getvalue().encode(form.encoding, errors="replace"))


def _xml_text(text: str) -> str:
    """What XML can hold, as Excel writes it: a control character as ``_xHHHH_``."""
    return "".join(
        f"_x{ord(c):04X}_" if (ord(c) < 0x20 and c not in "\t\n\r") or 0xD800 <= ord(c) < 0xE000
        or c in "\ufffe\uffff" else c
        for c in text
    )  # fmt: skip


def _xml_cell(ref: str, cell: Cell) -> str:
    if cell.kind == "number":
        return number_cell(ref, cell.value)
    if cell.kind == "error":
        return error_cell(ref, cell.value)
    if cell.kind == "formula":
        return formula_cell(ref, cell.value)
    if cell.kind == "styled":
        return styled_cell(ref)
    if cell.kind == "blank" or not cell.value:
        return ""
    return text_cell(ref, _xml_text(cell.value))


def write_xlsx(path: Path, sheet: Sheet) -> None:
    rows: dict[int, list[str]] = {}
    for number, row in enumerate(_grid(sheet), 1):
        rows[number] = [_xml_cell(f"{column_letters(i + 1)}{number}", c) for i, c in enumerate(row)]
    if sheet.far:
        row, column = sheet.far
        far_row = max(row, len(rows) + 1)
        rows[far_row] = [text_cell(f"{column_letters(column)}{far_row}", "loin")]
    write_raw_xlsx(path, rows)


def _ods_cell(cell: Cell) -> str:
    if cell.kind == "number":
        return ods.number_cell(cell.value)
    if cell.kind == "error":
        return ods.error_cell(cell.value)
    if cell.kind == "formula":
        return ods.formula_cell(f"of:={cell.value}")
    if cell.kind in ("styled", "blank") or not cell.value:
        return ods.empty_cells()
    return ods.text_cell(_xml_text(cell.value))


def write_ods(path: Path, sheet: Sheet) -> None:
    """The same sheet as an .ods; the far value after repeated empty rows and cells; its
    attributes in double or single quotes, spaced or after one holding ``>``."""
    rows = [ods.row(*(_ods_cell(cell) for cell in row)) for row in _grid(sheet)]
    if sheet.far:
        row, column = sheet.far
        if row > len(rows) + 1:
            rows.append(ods.row(ods.empty_cells(), repeated=row - len(rows) - 1))
        rows.append(ods.row(ods.empty_cells(column - 1), ods.text_cell("loin")))
    ods.write_raw_ods(path, {"Pipeline": rows}, sheet.quoting)


def _xlsb_cell(column: int, cell: Cell) -> bytes:
    if cell.kind == "number":
        return xlsb.number_cell(column, cell.value)
    if cell.kind == "error":  # Excel 365's errors have no code in the format
        return xlsb.formula_error_cell(column, cell.value if cell.value in xlsb.ERROR_CODES
                                       else "#N/A")  # fmt: skip
    if cell.kind in ("styled", "formula"):  # an .xlsb formula always has its value
        return xlsb.blank_cell(column)
    if cell.kind == "blank" or not cell.value:
        return b""
    return xlsb.text_cell(column, cell.value)


def write_xlsb(path: Path, sheet: Sheet) -> None:
    rows = {
        number: [_xlsb_cell(column, cell) for column, cell in enumerate(row, 1)]
        for number, row in enumerate(_grid(sheet), 1)
    }
    if sheet.far:
        row, column = sheet.far
        rows[max(row, len(rows) + 1)] = [xlsb.text_cell(column, "loin")]
    xlsb.write_raw_xlsb(path, rows)


WORKBOOK_WRITERS = {".xlsx": write_xlsx, ".ods": write_ods, ".xlsb": write_xlsb}


@contextlib.contextmanager
def bugs_raise() -> Iterator[None]:
    """SALESPIPE_DEBUG=1: a bug raises instead of becoming its one line."""
    before = os.environ.get("SALESPIPE_DEBUG")
    os.environ["SALESPIPE_DEBUG"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["SALESPIPE_DEBUG"]
        else:
            os.environ["SALESPIPE_DEBUG"] = before


def run(args: list[str]) -> tuple[int, str, str]:
    """One command in this process, its exit code and outputs; time and memory bounded."""
    out, err = io.StringIO(), io.StringIO()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), bugs_raise():
        try:
            main(args)
            code = OK
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    elapsed = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    assert elapsed < SECONDS_PER_COMMAND, (args, elapsed)
    assert grown < MEMORY_PER_COMMAND_KB, (args, grown)
    return code, out.getvalue(), err.getvalue()


def one_clear_line(code: int, err: str, args: list[str]) -> None:
    if code == ERROR:
        assert err.count("\n") == 1 and err.strip(), (args, err)
        assert "Traceback" not in err, (args, err)


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def check_every_command(source: Path) -> None:
    """Run every command on ``source`` in its folder and check what a user would notice."""
    folder = source.parent
    before = hashlib.sha256(source.read_bytes()).digest()
    report_xlsx, sync_out = folder / "rapport.xlsx", folder / "synchro.xlsx"
    exports = {crm: folder / f"export-{crm}" for crm in ("hubspot", "pipedrive")}

    args = ["report", str(source), "--format", "json", "--as-of", AS_OF]
    code, out, err = run(args)
    assert code in (OK, ERROR), (args, code, err)
    one_clear_line(code, err, args)
    if code == OK:
        for account in json.loads(out)["accounts"]:
            parts = ("used", "rejected", "totals", "headers", "blank")
            assert account["read"] == sum(account[p] for p in parts), account
    for extra in (["--full"], ["--format", "xlsx", "-o", str(report_xlsx)]):
        args = ["report", str(source), "--as-of", AS_OF, *extra]
        code, out, err = run(args)
        assert code in (OK, ERROR), (args, code, err)
        one_clear_line(code, err, args)
        assert not any(c in out for c in "\x07\x1b\r\b\u202e"), args
    for crm, target in exports.items():
        args = ["export", str(source), "--crm", crm, "-o", str(target), "--as-of", AS_OF]
        code, _, err = run(args)
        assert code in (OK, ERROR, USAGE, MAPS_TO_FILL, BLOCKED), (args, code, err)
        one_clear_line(code, err, args)
    args = ["sync", str(source), "-o", str(sync_out), "--no-history", "--as-of", AS_OF]
    code, _, err = run(args)
    assert code in (OK, ERROR), (args, code, err)

    assert hashlib.sha256(source.read_bytes()).digest() == before
    allowed = {source.name, report_xlsx.name, sync_out.name, *(t.name for t in exports.values())}
    written = {name.split("/")[0] for name in files_in(folder)}
    assert written <= allowed, written - allowed


@FUZZ
@given(sheet=sheets(), form=CSV_FORMS)
def test_hostile_csv_files(sheet: Sheet, form: CsvForm) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pipeline.csv"
        write_csv(source, sheet, form)
        check_every_command(source)


@FUZZ
@given(sheet=sheets(), suffix=st.sampled_from(tuple(WORKBOOK_WRITERS)), renamed=st.booleans())
def test_hostile_workbooks(sheet: Sheet, suffix: str, renamed: bool) -> None:
    """Each workbook also renamed .csv: read as the format it really is, its scan included."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"pipeline{'.csv' if renamed else suffix}"
        WORKBOOK_WRITERS[suffix](source, sheet)
        check_every_command(source)


@FUZZ
@given(sheet=sheets(), cut=st.floats(0.0, 1.0), kind=st.sampled_from(tuple(WORKBOOK_WRITERS)),
       suffix=st.sampled_from((".xlsx", ".ods", ".xlsb", ".csv")),
       noise=st.binary(max_size=64))  # fmt: skip
def test_damaged_files(sheet: Sheet, cut: float, kind: str, suffix: str, noise: bytes) -> None:
    """A workbook cut short (a download interrupted) or with bytes of noise, under any
    name: one clear line, never a crash."""
    with tempfile.TemporaryDirectory() as folder:
        whole = Path(folder) / f"whole{kind}"
        WORKBOOK_WRITERS[kind](whole, sheet)
        data = whole.read_bytes()
        whole.unlink()
        source = Path(folder) / f"pipeline{suffix}"
        source.write_bytes(data[: int(len(data) * cut)] + noise)
        check_every_command(source)
