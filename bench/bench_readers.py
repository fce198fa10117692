"""The candidate raw readers of a pipeline workbook: how fast, how much memory, how faithful.

Issue 10 asks to read sheets into typed columns (fastexcel → Arrow, or another reader that
does not build a Python object per cell) without losing any current behaviour. This
script measures each candidate reading the Pipeline sheet of the benchmark workbook
(``bench/make_data.py``), each run in a fresh process:

* ``python-calamine``: ``get_sheet_by_name`` + ``to_python()``, what
  ``salespipe.files.read_grids`` does (a Python object per cell);
* ``fastexcel``: ``load_sheet`` + ``to_arrow()`` (typed Arrow columns, guessed dtypes);
* ``fastexcel-typed``: the same with the dtypes salespipe would ask for (float amounts,
  dates) and ``to_arrow_with_errors()``, which lists the cells it could not convert;
* ``openpyxl``: ``load_workbook(read_only=True)`` + ``iter_rows(values_only=True)``.

Then it checks faithfulness: a small workbook of the cells people type (text that looks
like a number, a date in an amount column, a boolean, a number in a text column) read by
fastexcel with those dtypes, next to what salespipe's cell parser makes of each cell as
python-calamine hands it over. Prints two Markdown tables; see docs/benchmarks.md.

    python bench/bench_readers.py [--sizes 10000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
READERS = ("python-calamine", "fastexcel", "fastexcel-typed", "openpyxl")
#: The dtypes salespipe would give fastexcel for the Pipeline's typed columns.
TYPED: dict[str | int, Any] = {
    "Montant HT": "float",
    "Probabilité": "float",
    "Nb relances": "float",
    "Date de création": "date",
    "Date de clôture prévue": "date",
    "Dernier contact": "date",
    "Prochaine relance": "date",
}


def child(reader: str, path: Path) -> dict[str, Any]:
    """Read the first sheet of ``path`` with ``reader``; timings exclude imports."""
    import resource

    if reader == "python-calamine":
        from python_calamine import CalamineWorkbook

        t0 = time.perf_counter()
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
        count, errors = len(rows), None
    elif reader.startswith("fastexcel"):
        import fastexcel
        import pyarrow  # noqa: F401  # to_arrow needs it

        t0 = time.perf_counter()
        if reader == "fastexcel":
            batch = fastexcel.read_excel(path).load_sheet(0).to_arrow()
            count, errors = batch.num_rows, None
        else:
            sheet = fastexcel.read_excel(path).load_sheet(0, dtypes=TYPED)
            batch, cell_errors = sheet.to_arrow_with_errors()
            count = batch.num_rows
            errors = len(cell_errors.errors) if cell_errors else 0
    else:
        import openpyxl

        t0 = time.perf_counter()
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cells = list(workbook.worksheets[0].iter_rows(values_only=True))
        count, errors = len(cells), None
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"read_s": seconds, "rows": count, "errors": errors, "peak_mib": peak}


def measure(reader: str, path: Path) -> dict[str, Any]:
    """One fresh process; its result plus the whole process's wall time."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", reader, str(path)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"process_s": wall}


def speed_table(sizes: Sequence[int], repeat: int) -> str:
    sys.path.insert(0, str(BENCH_DIR))
    from make_data import deals_workbook

    lines = [
        "| deals | reader | read s (best / median) | process s (best) | peak MiB "
        "| cells it could not convert |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        path = deals_workbook(n, 1)
        runs: dict[str, list[dict[str, Any]]] = {r: [] for r in READERS}
        for _ in range(repeat):
            for reader in READERS:
                runs[reader].append(measure(reader, path))
        for reader, results in runs.items():
            times = [r["read_s"] for r in results]
            errors = results[0]["errors"]
            lines.append(
                f"| {n:,} | {reader} | {min(times):.2f} / {statistics.median(times):.2f} "
                f"| {min(r['process_s'] for r in results):.2f} "
                f"| {max(r['peak_mib'] for r in results):.0f} "
                f"| {'–' if errors is None else f'{errors:,}'} |".replace(",", " ")
            )
    return "\n".join(lines)


#: (column, cell as typed) pairs that show what a reader keeps of a cell.
PROBES: tuple[tuple[str, Any], ...] = (
    ("amount", "1e5"),
    ("amount", ".5"),
    ("amount", "1.234"),
    ("amount", "inf"),
    ("amount", True),
    ("amount", date(2026, 1, 1)),
    ("amount", "12 500,50 €"),
    ("date", 100.0),
    ("date", "2026-03-15"),
    ("text", True),
    ("text", date(2026, 1, 2)),
    ("text", 1.0e-5),
)


def fidelity_table() -> str:
    """What fastexcel (dtypes as salespipe would ask) and salespipe's parser make of each probe."""
    import fastexcel
    import openpyxl

    from salespipe.core.reading.parsing import CellError, parse_amount, parse_date, parse_text
    from salespipe.files import read_grids

    parsers = {"amount": parse_amount, "date": parse_date, "text": parse_text}
    dtypes = {"amount": "float", "date": "date", "text": "string"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probes.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for i, (column, value) in enumerate(PROBES):
            sheet.cell(row=1, column=i + 1, value=f"{column}{i}")
            sheet.cell(row=2, column=i + 1, value=value)
        book.save(path)
        names: dict[str | int, Any] = {f"{c}{i}": dtypes[c] for i, (c, _) in enumerate(PROBES)}
        loaded = fastexcel.read_excel(path).load_sheet(0, dtypes=names)
        batch, errors = loaded.to_arrow_with_errors()
        failed = {e.position[1] for e in errors.errors} if errors else set()
        grid = next(iter(read_grids(path).values()))
    lines = [
        "| column | cell as typed | fastexcel gives | salespipe (python-calamine + parser) gives |",
        "| --- | --- | --- | --- |",
    ]
    for i, (column, typed) in enumerate(PROBES):
        got = batch.column(i)[0].as_py()
        try:
            ours = repr(parsers[column](grid[1][i]))
        except CellError as exc:
            ours = f"issue `{exc.code}`"
        theirs = "null, listed as an error" if i in failed else repr(got)
        lines.append(f"| {column} | {typed!r} | {theirs} | {ours} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}\n")
    print(speed_table(args.sizes, args.repeat))
    print()
    print(fidelity_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
