"""Time whole ``salespipe`` processes writing each output, next to raw reads of the same file.

For each size (1 000, 10 000 and 100 000 deals by default; 300 000 with ``--sizes``)
and each repetition, every tool runs as a whole process (start-up, imports, reading,
work, writing, exit), side by side on the same cached workbook of ``make_data.py``:

* ``report-text``, ``report-json``, ``report-xlsx``: ``salespipe report FILE --format F
  -o OUT`` (as of 2026-11-23, target 1 000 000 €);
* ``sync``: ``salespipe sync FILE -o OUT --no-history`` (the local sync: reads the
  workbook, writes the managed tabs to a separate workbook);
* ``export``: ``salespipe export FILE --crm hubspot -o DIR --owners OWNERS`` (the CRM
  export, every owner given an e-mail beforehand so that nothing blocks);
* ``fastexcel``: ``fastexcel.read_excel(FILE).load_sheet(0).to_arrow()``, the fastest raw
  read (Rust calamine straight to Arrow), no work on the data;
* ``pandas``, ``pandas-calamine``: ``pandas.read_excel(FILE)`` on its default engine
  (openpyxl) and with ``engine="calamine"``, first sheet, read only.

Each measurement is one child process, waited for with ``os.wait4``: wall time
(``time.perf_counter`` from spawn to exit), CPU time (user + system: steadier than wall
time on a shared machine) and peak resident memory (``ru_maxrss``) are its own. Prints a
Markdown table, the ratios to the JSON report (best wall times, the runs least disturbed
by the machine's other work, and CPU medians), the growth exponents from 10 000 deals,
and writes every run to ``bench/results/outputs.json``. See docs/benchmarks.md.

    python bench/bench_outputs.py [--sizes 1000 10000 100000 300000] [--repeat 3]
                                  [--baseline-repeat N] [--tools report-json sync ...]
                                  [--before DIR [--before-tools report-json ...]]

``--before DIR`` adds ``report-json-before``, the JSON report of the code in ``DIR`` (say
``git archive main | tar -x -C DIR``), interleaved with the others: a change's effect
measured in one run, under the same load. ``--before-tools report-json report-xlsx sync``
runs those tools from ``DIR`` too (``report-xlsx-before``, ``sync-before``,
``export-before``).

``--gc`` runs each salespipe process under a wrapper that also measures, in the process,
the CPU time its cyclic garbage collections took (``gc.callbacks``) and the CPU time of
its exit (from ``atexit`` to the end: the interpreter's teardown and last collection):
the two costs ``gc_paused(freeze=True)`` saves (``salespipe.core.bulk``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
AS_OF = "2026-11-23"
TARGET = "1000000"
DEFAULT_SIZES = (1000, 10_000, 100_000)
SALESPIPE_TOOLS = ("report-text", "report-json", "report-xlsx", "sync", "export")
READ_TOOLS = ("fastexcel", "pandas", "pandas-calamine")
#: A tool run from another checkout (``--before DIR``, e.g. ``git archive main``
#: unpacked): before and after a change, side by side in the same run.
BEFORE = "-before"
BEFORE_TOOL = "report-json" + BEFORE
BEFORE_TOOLS = tuple(tool + BEFORE for tool in SALESPIPE_TOOLS)
TOOLS = (*SALESPIPE_TOOLS, *BEFORE_TOOLS, *READ_TOOLS)
#: Slow baselines, run --baseline-repeat times (pandas on openpyxl: ~30 s at 100 000 deals).
SLOW_TOOLS = ("pandas",)
#: The target of issue 10: at 100 000 deals the xlsx report and the sync take at most
#: twice the JSON report's time.
GOAL_DEALS, GOAL_RATIO = 100_000, 2.0
#: And the JSON report's whole process at most 1.5× fastexcel's whole-process read.
READ_GOAL_RATIO = 1.5

_READS = {
    "fastexcel": "import fastexcel, sys\n"
    "fastexcel.read_excel(sys.argv[1]).load_sheet(0).to_arrow()",
    "pandas": "import pandas, sys\npandas.read_excel(sys.argv[1])",
    "pandas-calamine": "import pandas, sys\npandas.read_excel(sys.argv[1], engine='calamine')",
}
_REPORT_FORMATS = {"report-text": ("text", "txt"), "report-json": ("json", "json"),
                   "report-xlsx": ("xlsx", "xlsx")}  # fmt: skip


#: ``--gc``: ``salespipe ARGS`` with the CPU time of its collections and of the moment
#: ``atexit`` runs written as JSON to the file descriptor ``BENCH_GC_FD``.
_GC_WRAPPER = """
import atexit, gc, json, os, sys, time
spent, began = [0.0], [0.0]
def timed(phase, info):
    if phase == "start":
        began[0] = time.process_time()
    else:
        spent[0] += time.process_time() - began[0]
gc.callbacks.append(timed)
atexit.register(lambda: os.write(int(os.environ["BENCH_GC_FD"]), json.dumps(
    {"gc_s": spent[0], "atexit_cpu_s": time.process_time()}).encode()))
sys.argv[0] = "salespipe"
from salespipe.cli import main
main(sys.argv[1:])
"""


def command(tool: str, path: Path, out_dir: Path, gc_times: bool = False) -> list[str]:
    """The child process of ``tool`` on the workbook ``path`` (outputs in ``out_dir``);
    ``gc_times``: a salespipe tool under ``_GC_WRAPPER``."""
    salespipe = [sys.executable, "-c", _GC_WRAPPER] if gc_times else [sys.executable, "-m",
                                                                       "salespipe"]  # fmt: skip
    tool = tool.removesuffix(BEFORE)
    if tool in _REPORT_FORMATS:
        fmt, ext = _REPORT_FORMATS[tool]
        return [*salespipe, "report", str(path), "--as-of", AS_OF, "--target", TARGET,
                "--format", fmt, "-o", str(out_dir / f"report.{ext}")]  # fmt: skip
    if tool == "sync":
        return [*salespipe, "sync", str(path), "-o", str(out_dir / "sync.xlsx"), "--as-of",
                AS_OF, "--target", TARGET, "--no-history", "--no-progress"]  # fmt: skip
    if tool == "export":
        return [*salespipe, "export", str(path), "--crm", "hubspot", "-o", str(out_dir / "crm"),
                "--as-of", AS_OF, "--owners", str(owners_file(out_dir)), "-q"]  # fmt: skip
    return [sys.executable, "-c", _READS[tool], str(path)]


def owners_file(out_dir: Path) -> Path:
    """The owner map of ``export``: every owner of ``make_data.py``'s workbooks with an
    e-mail, as a user fills it in (written on first use)."""
    path = out_dir / "owners.csv"
    if not path.exists():
        from bench_export import _owners_file
        from make_data import OWNERS

        _owners_file(out_dir, sorted(OWNERS))
    return path


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float
    gc_s: float | None = None  # --gc: CPU in cyclic collections
    exit_s: float | None = None  # --gc: CPU from atexit to the process's end


@dataclass
class Series:
    tool: str
    n_deals: int
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(run, what) for run in self.runs)

    def best(self, what: str) -> float:
        return min(getattr(run, what) for run in self.runs)

    def peak(self) -> float:
        return max(run.peak_mib for run in self.runs)


def measure(
    tool: str, path: Path, out_dir: Path, before: Path | None = None, gc_times: bool = False
) -> Run:
    """One whole process of ``tool``: its wall time, CPU time and peak memory (``gc_times``,
    a salespipe tool: and the CPU of its collections and of its exit)."""
    code = before if tool.endswith(BEFORE) and before else REPO_DIR
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code),
           os.environ.get("PYTHONPATH")]))}  # fmt: skip
    gc_times = gc_times and tool.removesuffix(BEFORE) in SALESPIPE_TOOLS
    read_end, write_end = os.pipe()
    env["BENCH_GC_FD"] = str(write_end)
    started = time.perf_counter()
    child = subprocess.Popen(command(tool, path, out_dir, gc_times), env=env, cwd=out_dir,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             pass_fds=(write_end,))  # fmt: skip
    os.close(write_end)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    told = os.read(read_end, 4096)
    os.close(read_end)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{tool} failed on {path.name} ({child.returncode}): {err[-2000:]}")
    peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    if not gc_times:
        return Run(wall, cpu, peak)
    inside = json.loads(told)
    return Run(wall, cpu, peak, inside["gc_s"], cpu - inside["atexit_cpu_s"])


def run_all(
    sizes: Sequence[int],
    tools: Sequence[str],
    repeat: int,
    baseline_repeat: int,
    seed: int,
    before: Path | None = None,
    gc_times: bool = False,
) -> list[Series]:
    """Every measurement; repetitions are interleaved across tools to spread machine noise."""
    sys.path.insert(0, str(BENCH_DIR))
    from make_data import deals_workbook

    series: list[Series] = []
    with tempfile.TemporaryDirectory(prefix="salespipe-bench-") as folder:
        out_dir = Path(folder)
        for n in sizes:
            path = deals_workbook(n, seed)
            by_tool = {tool: Series(tool, n) for tool in tools}
            for rep in range(repeat):
                for tool in tools:
                    if tool in SLOW_TOOLS and rep >= baseline_repeat:
                        continue
                    run = measure(tool, path, out_dir, before, gc_times)
                    by_tool[tool].runs.append(run)
                    print(f"  {n:>7} {tool:<16} {run.wall_s:7.2f} s  cpu {run.cpu_s:7.2f} s  "
                          f"{run.peak_mib:7.0f} MiB{_gc_cells(run)}", file=sys.stderr,
                          flush=True)  # fmt: skip
            series += by_tool.values()
    return series


def _gc_cells(run: Run) -> str:
    """``--gc``: a run's CPU in collections and at exit, for the progress lines."""
    return "" if run.gc_s is None else f"  gc {run.gc_s:.3f} s  exit {run.exit_s:.3f} s"


def exponent(small: Series, large: Series, what: str = "wall_s") -> float:
    """The growth exponent k of time ~ n^k between two sizes (1 is linear): best wall
    times, or CPU medians for ``what="cpu_s"``."""
    if what == "wall_s":
        ratio = large.best(what) / small.best(what)
    else:
        ratio = large.median(what) / small.median(what)
    return math.log(ratio) / math.log(large.n_deals / small.n_deals)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def markdown(series: list[Series]) -> str:
    """One table: per size and tool, wall and CPU time, peak memory, ratios to JSON (best
    wall times: the runs least disturbed by the machine's other work; CPU medians)."""
    lines = ["| deals | tool | wall best (median) | CPU median | peak memory | × JSON report, "
             "wall best / CPU |", "| ---: | --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    json_of = {(s.n_deals, s.tool): s for s in series if s.tool in ("report-json", BEFORE_TOOL)}
    for s in series:
        # a tool of the checkout before against its own JSON report, when it was run
        own = s.tool.endswith(BEFORE) and s.tool != BEFORE_TOOL
        base = json_of.get((s.n_deals, BEFORE_TOOL if own else ""))
        base = base or json_of.get((s.n_deals, "report-json"))
        ratio = "–"
        if base:
            ratio = (f"{s.best('wall_s') / base.best('wall_s'):.2f} / "
                     f"{s.median('cpu_s') / base.median('cpu_s'):.2f}")  # fmt: skip
        lines.append(
            f"| {_thousands(s.n_deals)} | {s.tool} | {s.best('wall_s'):.2f} s "
            f"({s.median('wall_s'):.2f}) | {s.median('cpu_s'):.2f} s | {s.peak():.0f} MiB | "
            f"{ratio} |"
        )
    return "\n".join(lines)


def gc_markdown(series: list[Series]) -> str:
    """``--gc``: per size and salespipe tool, the CPU of its collections and of its exit."""
    lines = ["| deals | tool | CPU, whole process: best / median | in cyclic collections: "
             "best / median | exit: best / median |",
             "| ---: | --- | ---: | ---: | ---: |"]  # fmt: skip
    for s in series:
        if s.runs and s.runs[0].gc_s is not None:
            cells = [f"{s.best(w):.{d}f} / {s.median(w):.{d}f} s"
                     for w, d in (("cpu_s", 2), ("gc_s", 3), ("exit_s", 3))]  # fmt: skip
            lines.append(f"| {_thousands(s.n_deals)} | {s.tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(series: list[Series]) -> list[str]:
    """The growth exponents from 10 000 deals (and from 100 000, where start-up costs
    no longer count) to the largest size measured."""
    by = {(s.tool, s.n_deals): s for s in series}
    top = max(s.n_deals for s in series)
    lines = []
    for start in (10_000, 100_000):
        for tool in sorted({s.tool for s in series}, key=TOOLS.index):
            if start < top and (tool, start) in by and (tool, top) in by:
                small, large = by[tool, start], by[tool, top]
                lines.append(f"- {tool}: time ~ n^{exponent(small, large):.2f} (best wall), "
                             f"n^{exponent(small, large, 'cpu_s'):.2f} (CPU) from "
                             f"{_thousands(start)} to {_thousands(top)} deals")  # fmt: skip
    return lines


def verdict(series: list[Series]) -> list[str]:
    """Issue 10's targets on GOAL_DEALS deals: the JSON report at most 1.5× fastexcel's
    read (and beside pandas calamine's), the xlsx report and the sync at most 2× JSON."""
    by = {(s.tool, s.n_deals): s for s in series}
    base = by.get(("report-json", GOAL_DEALS))
    if base is None:
        return []
    lines = []
    for reader, goal in (("fastexcel", READ_GOAL_RATIO), ("pandas-calamine", None)):
        if (reader, GOAL_DEALS) in by:  # target A: the JSON report against a raw read
            ratio = base.best("wall_s") / by[reader, GOAL_DEALS].best("wall_s")
            cpu = base.median("cpu_s") / by[reader, GOAL_DEALS].median("cpu_s")
            met = "" if goal is None else f"; target ≤ {goal}×: " + (
                "met" if max(ratio, cpu) <= goal else "NOT met")  # fmt: skip
            lines.append(f"- report-json at {_thousands(GOAL_DEALS)} deals: {ratio:.2f}× "
                         f"{reader}'s best wall time, {cpu:.2f}× its CPU time{met}")  # fmt: skip
    for tool in ("report-xlsx", "sync", "report-xlsx" + BEFORE, "sync" + BEFORE):
        if (tool, GOAL_DEALS) in by:
            json = by.get((BEFORE_TOOL, GOAL_DEALS), base) if tool.endswith(BEFORE) else base
            ratio = by[tool, GOAL_DEALS].best("wall_s") / json.best("wall_s")
            cpu = by[tool, GOAL_DEALS].median("cpu_s") / json.median("cpu_s")
            met = "met" if max(ratio, cpu) <= GOAL_RATIO else "NOT met"
            lines.append(f"- {tool} at {_thousands(GOAL_DEALS)} deals: {ratio:.2f}× {json.tool}'s "
                         f"best wall time, {cpu:.2f}× its CPU time; target ≤ "
                         f"{GOAL_RATIO:.0f}×: {met}")  # fmt: skip
    return lines


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="numbers of deals (workbooks cached in bench/data)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs per size and tool")
    parser.add_argument("--baseline-repeat", type=int, default=1,
                        help="runs of the slow pandas default read per size")  # fmt: skip
    parser.add_argument("--tools", nargs="+", choices=TOOLS,
                        default=[t for t in TOOLS if t not in BEFORE_TOOLS])  # fmt: skip
    parser.add_argument("--before", type=Path, help="a checkout of the code before a "
                        f"change: adds {BEFORE_TOOL}, its JSON report")  # fmt: skip
    parser.add_argument("--before-tools", nargs="+", choices=SALESPIPE_TOOLS,
                        default=["report-json"], help="the tools run from --before's "
                        "checkout too (named TOOL-before)")  # fmt: skip
    parser.add_argument("--gc", action="store_true", help="also the CPU of each salespipe "
                        "process's cyclic collections and of its exit")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "outputs.json")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from_before = {t + BEFORE for t in args.before_tools} if args.before else set()
    tools = [t for t in TOOLS if t in args.tools or t in from_before]
    before = args.before.resolve() if args.before else None
    series = run_all(args.sizes, tools, args.repeat, args.baseline_repeat, args.seed, before,
                     args.gc)  # fmt: skip
    print(markdown(series))
    if args.gc:
        print()
        print(gc_markdown(series))
    for line in [*growth(series), *verdict(series)]:
        print(line)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    record = {"sizes": args.sizes, "repeat": args.repeat, "nproc": os.cpu_count(),
              "series": [asdict(s) for s in series]}  # fmt: skip
    args.output.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
