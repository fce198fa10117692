"""Where the time of one ``salespipe report --format json`` process goes, step by step.

Each run is a fresh process that does what ``salespipe report FILE --format json -o OUT``
does, in the same order, with a clock between the steps:

* **start-up**: the CPU time before the child's first line (interpreter, site);
* **imports**: the modules the ``report`` command loads (``salespipe.cli``, as ``python -m
  salespipe`` does);
* **scan**: the pre-read scan of each sheet's XML (``salespipe.files._scan_workbook``:
  the parts' sizes checked, each sheet's extent bounded, error cells and formulas without
  a value found; :mod:`salespipe.xlsx_scan`), which ``read_grids`` runs before calamine;
* **read, Rust**: python-calamine opening the workbook and parsing each sheet's XML
  (``get_sheet_by_name``; one thread, the GIL released);
* **read, to Python**: ``to_python()``, one Python object per cell;
* **header detection**: ``locate_table`` on every sheet (header row below titles, columns
  named);
* **rows**: the rows of the Pipeline table classified (blank, totals, repeated header,
  duplicate) and counted;
* **transpose**: the kept rows turned into columns;
* **cells**: every column parsed (typed cells kept, text parsed, issues for bad cells);
* **deal objects**: stage/status reconciled, e-mails screened, one ``Deal`` per row,
  row-level checks;
* **stages and actions**: the two small sheets;
* **metrics**: ``build_report``;
* **JSON**: ``render_json`` (the report's payload, orjson) and the file written;
* **free and exit**: from the end of the work to the process's exit (the report, deals
  and cells freed, the interpreter torn down).

The steps inside the parse call ``salespipe.core.reading.deals``' own helpers in the order
``parse_deals`` calls them, so their sum is ``load_pipeline``'s time (checked: the run
also times ``load_pipeline`` whole, and prints both). The cyclic GC is paused as the CLI
pauses it. Figures are CPU times (``time.process_time`` in the process, its whole CPU time
from ``os.wait4``; on a shared machine they vary far less than wall times), each step's
best over ``--repeat`` runs and the whole process's best, printed as a Markdown table.
``--before DIR`` runs the same steps on the salespipe in ``DIR`` too (a ``git archive`` of
the code before a change; with ``DIR``'s own copy of this script, so that its steps are
those of its CLI), its runs alternated with the current code's, and adds its column to the
table.

    python bench/bench_breakdown.py [--size 100000] [--repeat 5] [--before DIR]

``--startup`` measures what a user waits for at every command instead: whole processes,
each run ``--repeat`` times (alternated, wall and CPU time, best and median), on the
workbook of ``--size`` deals (1 000 is a typical PME's file): an empty interpreter, ``import
salespipe.cli``, ``salespipe --help``, ``salespipe report FILE --format json -o OUT`` and
``--format text``, beside what a user would otherwise run to read the same file
(``pandas.read_excel(FILE, engine="calamine")``, and fastexcel to Arrow when installed);
``--before DIR`` runs the salespipe processes on the code in ``DIR`` too.

In both modes the code (and ``DIR``'s) is byte-compiled first, as an installed package is.

    python bench/bench_breakdown.py --startup --size 1000 [--repeat 20] [--before DIR]
"""

from __future__ import annotations

import argparse
import compileall
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
STEPS = (
    ("startup", "start-up (interpreter, site)"),
    ("imports", "imports of the report command"),
    ("scan", "scan of the sheets' XML before the read (`xlsx_scan`)"),
    ("read_rust", "read, Rust: unzip + XML parse (python-calamine)"),
    ("read_python", "read, to Python: `to_python()`, an object per cell"),
    ("header", "header detection (`locate_table`, every sheet)"),
    ("rows", "rows classified and counted (Pipeline)"),
    ("transpose", "rows → columns"),
    ("cells", "cells parsed, column by column"),
    ("deals", "deal objects: stage/status, e-mails, `Deal`, row checks"),
    ("other_sheets", "stages and actions sheets"),
    ("metrics", "metrics (`build_report`)"),
    ("json", "JSON: payload + orjson + file written"),
    ("exit", "free and exit"),
)


def child(path: Path, out: Path) -> None:
    """One report process, timed step by step; prints its timings as JSON on stdout."""
    marks: dict[str, float] = {"startup": time.process_time()}
    t = time.process_time()
    from python_calamine import CalamineWorkbook

    import salespipe.cli  # noqa: F401  # what `python -m salespipe` imports
    from salespipe.core.bulk import gc_paused
    from salespipe.core.model import StageTable
    from salespipe.core.quality import Issue
    from salespipe.core.reading import deals as deal_reading
    from salespipe.core.reading import pipeline as pipeline_reading
    from salespipe.core.reading.pipeline import Pipeline, PipelineOptions, load_pipeline
    from salespipe.core.reading.rows import RowAccount, RowReader
    from salespipe.core.reading.tables import locate_table
    from salespipe.core.report import build_report
    from salespipe.files import _scan_workbook
    from salespipe.formats.json import render_json

    def lap(name: str) -> None:
        nonlocal t
        now = time.process_time()
        marks[name] = marks.get(name, 0.0) + now - t
        t = now

    lap("imports")
    with gc_paused(freeze=True):  # as the report command does
        scans, copy = _scan_workbook(path, path.suffix.lower())
        assert copy is None and not any(scan.lost for scan in scans.values())
        lap("scan")
        book = CalamineWorkbook.from_path(str(path))
        sheets = {name: book.get_sheet_by_name(name) for name in book.sheet_names}
        book.close()
        lap("read_rust")
        grids = {name: s.to_python(skip_empty_area=False) for name, s in sheets.items()}
        lap("read_python")
        table = locate_table(grids["Pipeline"], "deals", "Pipeline")
        for name, kind in (("Étapes", "stages"), ("Plan d'actions", "actions")):
            locate_table(grids[name], kind, name)  # type: ignore[arg-type]
        lap("header")
        issues: list[Issue] = []
        account = RowAccount(table.sheet)
        reader = RowReader(table, issues)
        rows = deal_reading._deal_rows(table, reader, account)
        lap("rows")
        cells = deal_reading._transpose(table, rows)
        lap("transpose")
        columns = deal_reading._parse_columns(table, rows, cells, issues)
        lap("cells")
        built = deal_reading._build_deals(reader, StageTable.default(), rows, cells, columns)
        ordered = deal_reading._in_sheet_order(issues, table)
        lap("deals")
        # The check, untimed in the steps: the real parse, whose pipeline the report uses;
        # the step-by-step objects freed first (the report process frees them only once).
        freed = time.process_time()
        del table, rows, cells, columns, built, ordered, issues, reader, account
        marks["check_freed"] = time.process_time() - freed
        whole = time.process_time()
        pipeline: Pipeline = load_pipeline(grids, path.name, PipelineOptions())
        whole = time.process_time() - whole
        t = time.process_time()
        pipeline_again = Pipeline(path.name, [], StageTable.default(), [])
        pipeline_reading._load_stages(grids, path.name, PipelineOptions(), pipeline_again)
        pipeline_reading._load_actions(grids, path.name, PipelineOptions(), pipeline_again)
        lap("other_sheets")
        report = build_report(pipeline, date(2026, 11, 23), target=1_000_000.0)
        lap("metrics")
    out.write_bytes(render_json(report, "fr", newline=True))
    lap("json")
    marks["load_pipeline_whole"] = whole
    marks["end"] = time.process_time()
    print(json.dumps(marks), flush=True)


def measure(path: Path, out: Path, code: Path = REPO_DIR) -> dict[str, float]:
    """One report process on the salespipe in ``code``, its steps timed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code),
           os.environ.get("PYTHONPATH")]))}  # fmt: skip
    # The steps as that code's CLI ran them: its own copy of this script when it has one.
    own = code / "bench" / "bench_breakdown.py"
    script = own if own.is_file() else Path(__file__)
    child = subprocess.Popen([sys.executable, str(script), "--child", str(path), str(out)],
                             env=env, stdout=subprocess.PIPE)  # fmt: skip
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the report process failed on {path.name}")
    cpu = usage.ru_utime + usage.ru_stime
    marks: dict[str, float] = json.loads(output)
    marks["exit"] = cpu - marks["end"]
    marks["total"] = cpu - marks["load_pipeline_whole"] - marks["check_freed"]  # the check out
    return marks


def markdown(
    runs: list[dict[str, float]], size: int, before: list[dict[str, float]] | None = None
) -> str:
    def best(key: str, of: list[dict[str, float]] = runs) -> float:  # what the code costs
        return min(r[key] for r in of)

    total = best("total")
    steps = f"step ({size:_} deals, best of {len(runs)} runs)".replace("_", " ")
    if before:
        lines = [f"| {steps} | before, CPU s | CPU s | share |", "| --- | ---: | ---: | ---: |"]
    else:
        lines = [f"| {steps} | CPU s | share |", "| --- | ---: | ---: |"]
    for key, label in (*STEPS, ("total", "**whole process**")):
        was = f" {best(key, before):.2f} |" if before else ""
        lines.append(f"| {label} |{was} {best(key):.2f} | {best(key) / total:.0%} |")
    parse = sum(best(k) for k in ("rows", "transpose", "cells", "deals", "other_sheets"))
    lines.append("")
    lines.append(
        f"Check: the parse steps (rows to stages and actions, plus the Pipeline's header) sum "
        f"to {parse + best('header'):.2f} s; `load_pipeline` whole took "
        f"{best('load_pipeline_whole'):.2f} s."
    )
    return "\n".join(lines)


#: The processes of ``--startup``: (label, arguments after the interpreter, whether it runs
#: salespipe's code, so that ``--before`` runs it on the old code too). FILE and OUT are
#: replaced by the workbook and an output file.
PROCESSES = (
    ("`python -c pass` (the interpreter alone)", ["-c", "pass"], False),
    ("`import salespipe.cli`", ["-c", "import salespipe.cli"], True),
    ("`salespipe --help`", ["-m", "salespipe", "--help"], True),
    ("`salespipe report FILE --format json -o OUT`",
     ["-m", "salespipe", "report", "FILE", "--as-of", "2026-11-23", "--format", "json",
      "-o", "OUT.json"], True),
    ("`salespipe report FILE --format text -o OUT`",
     ["-m", "salespipe", "report", "FILE", "--as-of", "2026-11-23", "--format", "text",
      "-o", "OUT.txt"], True),
    ("`pandas.read_excel(FILE, engine=\"calamine\")`",
     ["-c", "import sys, pandas; pandas.read_excel(sys.argv[1], engine='calamine')", "FILE"],
     False),
    ("fastexcel: `read_excel(FILE).load_sheet(0).to_arrow()`",
     ["-c", "import sys, fastexcel, pyarrow; fastexcel.read_excel(sys.argv[1])"
      ".load_sheet(0).to_arrow()", "FILE"], False),
)  # fmt: skip


def process_times(args: list[str], code: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python ARGS`` process on the salespipe in ``code``
    (``python -m`` puts the working directory first on the path: it is ``code``)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, *args]
    command = [str(folder / a) if a.startswith("OUT.") else a for a in command]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=code, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)  # fmt: skip
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{errors.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def startup_runs(
    workbook: Path, repeat: int, before: Path | None
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(process label, "now" or "before") -> its runs' (wall, CPU) seconds, the processes
    alternated run after run so that the machine's load weighs on all alike."""
    processes = [p for p in PROCESSES if "fastexcel" not in p[0] or _has("fastexcel")]
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            for label, args, ours in processes:
                args = [str(workbook) if a == "FILE" else a for a in args]
                codes = [("now", REPO_DIR)] + ([("before", before)] if before and ours else [])
                for which, code in codes:
                    runs.setdefault((label, which), []).append(
                        process_times(args, code, Path(folder))
                    )
    return runs


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def startup_markdown(
    runs: dict[tuple[str, str], list[tuple[float, float]]], size: int, repeat: int
) -> str:
    """The ``--startup`` table: wall best / median and CPU best of each process."""

    def cells(key: tuple[str, str]) -> str:
        if key not in runs:
            return "– | –"
        walls, cpus = [r[0] for r in runs[key]], [r[1] for r in runs[key]]
        return f"{min(walls):.3f} / {statistics.median(walls):.3f} | {min(cpus):.3f}"

    deals = f"{size:_}".replace("_", " ")
    has_before = any(which == "before" for _, which in runs)
    head = f"| process ({deals} deals, {repeat} runs each) |"
    if has_before:
        head += " before: wall s best / median | before: CPU s best |"
    lines = [head + " wall s best / median | CPU s best |"]
    lines.append("| --- |" + " ---: |" * (4 if has_before else 2))
    for label in dict.fromkeys(label for label, _ in runs):
        was = f" {cells((label, 'before'))} |" if has_before else ""
        lines.append(f"| {label} |{was} {cells((label, 'now'))} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--size", type=int, default=100_000)
    args.add_argument("--repeat", type=int, default=5)
    args.add_argument("--seed", type=int, default=1)
    args.add_argument("--before", type=Path, help="a copy of the code before a change")
    args.add_argument("--startup", action="store_true", help="whole processes: start-up")
    args.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = args.parse_args(argv)
    if options.child:
        path, out = options.child
        child(Path(path), Path(out))
        return 0
    sys.path.insert(0, str(BENCH_DIR))
    from make_data import deals_workbook

    workbook = deals_workbook(options.size, options.seed)
    for code in filter(None, (REPO_DIR, options.before)):
        # Byte-code compiled once, as an installed package has it: without it (a checkout
        # under PYTHONDONTWRITEBYTECODE) every process compiles what it imports (0.07 s of
        # CPU for the report command's imports).
        compileall.compile_dir(code / "salespipe", quiet=1)
    if options.startup:
        before = options.before.resolve() if options.before else None
        runs = startup_runs(workbook, options.repeat, before)
        print(startup_markdown(runs, options.size, options.repeat))
        return 0
    out = BENCH_DIR / "results" / "breakdown_report.json"
    out.parent.mkdir(exist_ok=True)
    runs: list[dict[str, Any]] = []
    before: list[dict[str, Any]] = []
    for _ in range(options.repeat):
        if options.before:  # alternated: the machine's load weighs on both alike
            before.append(measure(workbook, out, options.before.resolve()))
        runs.append(measure(workbook, out))
    print(markdown(runs, options.size, before))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
