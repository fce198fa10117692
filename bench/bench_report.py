"""Time salespipe reading a workbook and computing every metric, against pandas.read_excel.

For each size (1 000, 10 000 and 100 000 deals of 20 columns by default) and
each repetition, every measurement runs in a fresh Python subprocess, so that
its peak resident memory (``ru_maxrss``) is its own:

* ``salespipe``: ``read_grids`` + ``load_pipeline`` + ``build_report`` (as of
  2026-11-23, target 1 000 000 €), with the read / parse / metrics split;
* ``pandas``: ``pandas.read_excel(path)`` on its default engine (openpyxl for
  .xlsx), read only: the baseline of the speed-up;
* ``pandas-calamine``: ``pandas.read_excel(path, engine="calamine")``;
* ``fastexcel``: ``fastexcel.read_excel(path).load_sheet(0).to_arrow()``, the fastest
  raw read of the same file (Rust calamine straight to Arrow), read only;
* ``report-json``: the whole ``salespipe report FILE --format json`` process (start-up,
  imports, read, parse, metrics, JSON written to a file), timed from outside, as a user
  runs it.

Issue 10's targets compare *whole processes* (interpreter start-up and imports
included): the ``report-json`` process against the ``fastexcel`` process.

Times exclude interpreter start-up and imports (reported apart in the JSON);
peak memory includes them. salespipe's JSON serialisation of the report (what
``--format json`` adds) is timed apart too, after the peak is taken. Prints a
Markdown table and writes every run to ``bench/results/report.json``. See
docs/benchmarks.md.

    python bench/bench_report.py [--sizes 1000 10000 100000] [--repeat 3]
                                 [--baseline-repeat N] [--profile N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
AS_OF = date(2026, 11, 23)
TARGET = 1_000_000.0
TOOLS = ("salespipe", "report-json", "fastexcel", "pandas", "pandas-calamine")
DEFAULT_SIZES = (1000, 10_000, 100_000)
#: The targets of docs/benchmarks.md, checked on the largest size measured.
GOAL_DEALS, GOAL_SECONDS, GOAL_MIB, GOAL_SPEEDUP = 100_000, 4.0, 1024.0, 5.0
#: Issue 10: the whole report process within 1.5x fastexcel's whole read at 100 000 deals;
#: peak memory under 1.5 GB at 300 000 deals.
GOAL_RATIO, GOAL_BIG_DEALS, GOAL_BIG_MIB = 1.5, 300_000, 1536.0


# --- child: one measurement in its own process ---------------------------------------


def _ensure_importable() -> None:
    """Make ``salespipe`` importable from a source checkout that is not pip-installed."""
    try:
        import salespipe  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO_DIR))


def _peak_mib() -> float:
    """This process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


Work = Callable[[Path], dict[str, Any]]


def _salespipe_work() -> Work:
    """Import salespipe; the work: read, parse and report a file as ``salespipe report`` does."""
    _ensure_importable()
    from salespipe.core.bulk import gc_paused
    from salespipe.core.reading.pipeline import load_pipeline
    from salespipe.core.report import build_report
    from salespipe.files import read_grids
    from salespipe.formats.json import render_json

    def work(path: Path) -> dict[str, Any]:
        # The steps of salespipe.api.report_on_workbook, timed one by one.
        with gc_paused():
            t0 = time.perf_counter()
            grids = read_grids(path)
            t1 = time.perf_counter()
            pipeline = load_pipeline(grids, path.name)
            t2 = time.perf_counter()
            report = build_report(pipeline, AS_OF, target=TARGET)
            t3 = time.perf_counter()
        peak = _peak_mib()
        # For information, not in total_s: what `salespipe report --format json` adds.
        text = render_json(report, "fr")
        t4 = time.perf_counter()
        assert text
        return {
            "total_s": t3 - t0,
            "read_s": t1 - t0,
            "parse_s": t2 - t1,
            "metrics_s": t3 - t2,
            "peak_mib": peak,
            "json_s": t4 - t3,
            "peak_with_json_mib": _peak_mib(),
            "rows": report.summary.deals,
        }

    return work


def _pandas_work(engine: Literal["calamine"] | None) -> Work:
    """Import pandas; the work: ``pandas.read_excel`` of the first sheet on ``engine``."""
    import pandas as pd

    def work(path: Path) -> dict[str, Any]:
        t0 = time.perf_counter()
        frame = pd.read_excel(path) if engine is None else pd.read_excel(path, engine=engine)
        t1 = time.perf_counter()
        with pd.ExcelFile(path, engine=engine) as book:  # after timing: which engine was used
            used = getattr(book, "engine", None)  # not in pandas-stubs
        return {"total_s": t1 - t0, "read_s": t1 - t0, "rows": len(frame), "engine": used}

    return work


def _fastexcel_work() -> Work:
    """Import fastexcel (and pyarrow); the work: the first sheet to an Arrow record batch."""
    import fastexcel
    import pyarrow  # noqa: F401  # to_arrow needs it: imported here, timed as an import

    def work(path: Path) -> dict[str, Any]:
        t0 = time.perf_counter()
        batch = fastexcel.read_excel(path).load_sheet(0).to_arrow()
        t1 = time.perf_counter()
        return {"total_s": t1 - t0, "read_s": t1 - t0, "rows": batch.num_rows}

    return work


WORKS: dict[str, Callable[[], Work]] = {
    "salespipe": _salespipe_work,
    "fastexcel": _fastexcel_work,
    "pandas": lambda: _pandas_work(None),
    "pandas-calamine": lambda: _pandas_work("calamine"),
}


def child_main(tool: str, path: Path, profile: Path | None) -> int:
    """Measure ``tool`` on ``path`` and print the result as one JSON line.

    Imports are timed apart (``import_s``) and not part of ``total_s``; the peak
    RSS ``peak_mib`` is the whole process's, imports included, at the end of the
    timed work (``startup_peak_mib``: once the imports are done, before any work).
    """
    started = time.perf_counter()
    work = WORKS[tool]()
    imported = time.perf_counter() - started
    startup_mib = _peak_mib()
    result = work(path) if profile is None else _profiled(work, path, profile)
    result.setdefault("peak_mib", _peak_mib())
    result |= {"import_s": imported, "startup_peak_mib": startup_mib}
    print(json.dumps(result))
    return 0


def _profiled(work: Work, path: Path, out: Path) -> dict[str, Any]:
    """``work(path)`` under cProfile; the 40 heaviest functions by cumulative time go to ``out``."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(work, path)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text.getvalue(), encoding="utf-8")
    return result


# --- parent: orchestrate, aggregate, print ---------------------------------------------


@dataclass
class Series:
    """Every run of one tool on one size."""

    tool: str
    n: int
    runs: list[dict[str, Any]] = field(default_factory=list)

    def best(self) -> dict[str, Any]:
        """The fastest run (its phase split is the one reported)."""
        return min(self.runs, key=lambda r: r["total_s"])

    def median(self) -> float:
        return statistics.median(r["total_s"] for r in self.runs)

    def peak_mib(self) -> float:
        """The highest peak RSS over the runs (they barely differ)."""
        return max(r["peak_mib"] for r in self.runs)


def measure(tool: str, path: Path, profile: Path | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its JSON line, plus the process wall time
    and the process's own peak resident memory (``process_peak_mib``)."""
    if tool == "report-json":
        return _report_process(path)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", tool, str(path)]
    if profile is not None:
        command += ["--profile-out", str(profile)]
    wall, peak, out, err = _run(command)
    if out is None:
        raise RuntimeError(f"{tool} on {path.name} failed:\n{err}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result | {"process_s": wall, "process_peak_mib": peak}


def _report_process(path: Path) -> dict[str, Any]:
    """The whole ``salespipe report PATH --format json`` process, JSON written to a file."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.json"
        command = [
            sys.executable, "-m", "salespipe", "report", str(path), "--format", "json",
            "--as-of", AS_OF.isoformat(), "--target", f"{TARGET:.0f}", "--output", str(out),
        ]  # fmt: skip
        wall, peak, stdout, err = _run(command, cwd=REPO_DIR)
        if stdout is None or not out.exists():
            raise RuntimeError(f"salespipe report on {path.name} failed:\n{err}")
        size = out.stat().st_size
    return {"total_s": wall, "process_s": wall, "peak_mib": peak, "json_bytes": size}


def _run(command: list[str], cwd: Path | None = None) -> tuple[float, float, str | None, str]:
    """Wall time, peak RSS in MiB (the child's own, from wait4), stdout (None on failure)
    and stderr of ``command``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode(errors="replace")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, peak, (text if child.returncode == 0 else None), errors


def environment() -> dict[str, Any]:
    """Versions and machine, so that figures can be compared across runs."""
    packages = (
        "pandas",
        "openpyxl",
        "python-calamine",
        "fastexcel",
        "pyarrow",
        "numpy",
        "salespipe",
    )
    return {
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in packages},
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
        "platform": platform.platform(),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain")),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return round(pages * size / 2**30, 1)


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=REPO_DIR, capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def available_tools() -> tuple[str, ...]:
    """The tools this interpreter can run: fastexcel (and pyarrow) are the test extra's."""
    try:
        import fastexcel  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        print("fastexcel or pyarrow missing: its column is left out", file=sys.stderr)
        return tuple(t for t in TOOLS if t != "fastexcel")
    return TOOLS


def run_all(sizes: Sequence[int], repeat: int, baseline_repeat: int, seed: int) -> list[Series]:
    """Every measurement; repetitions are interleaved across tools to spread machine noise."""
    from make_data import deals_workbook

    tools = available_tools()
    series: list[Series] = []
    for n in sizes:
        path = deals_workbook(n, seed)
        by_tool = {tool: Series(tool, n) for tool in tools}
        for rep in range(repeat):
            for tool in tools:
                if tool == "pandas" and rep >= baseline_repeat:
                    continue
                result = measure(tool, path)
                by_tool[tool].runs.append(result)
                print(
                    f"  n={n:>7,} {tool:<16} run {rep + 1}: {result['total_s']:7.3f} s "
                    f"(process {result['process_s']:6.2f} s), peak {result['peak_mib']:6.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
        series.extend(by_tool.values())
    return series


def _process(series: Series | None) -> tuple[float | None, float | None, float | None]:
    """Best and median whole-process wall time, and the highest process peak (MiB)."""
    if series is None or not series.runs:
        return None, None, None
    times = [r["process_s"] for r in series.runs]
    peaks = [r.get("process_peak_mib", r["peak_mib"]) for r in series.runs]
    return min(times), statistics.median(times), max(peaks)


def table_rows(series: list[Series]) -> list[dict[str, Any]]:
    """One row per size: the figures of the Markdown tables."""
    rows = []
    for n in sorted({s.n for s in series}):
        tools = {s.tool: s for s in series if s.n == n}
        ours, pandas, calamine = tools["salespipe"], tools["pandas"], tools["pandas-calamine"]
        best = ours.best()
        report_best, report_median, report_peak = _process(tools.get("report-json"))
        fast_best, fast_median, fast_peak = _process(tools.get("fastexcel"))
        calamine_best = _process(calamine)[0]
        rows.append(
            {
                "n": n,
                "salespipe_best_s": best["total_s"],
                "salespipe_median_s": ours.median(),
                "read_s": best["read_s"],
                "parse_s": best["parse_s"],
                "metrics_s": best["metrics_s"],
                "json_s": best["json_s"],
                "salespipe_peak_mib": ours.peak_mib(),
                "pandas_best_s": pandas.best()["total_s"],
                "pandas_median_s": pandas.median(),
                "pandas_runs": len(pandas.runs),
                "pandas_peak_mib": pandas.peak_mib(),
                "calamine_best_s": calamine.best()["total_s"],
                "calamine_peak_mib": calamine.peak_mib(),
                "speedup": pandas.best()["total_s"] / best["total_s"],
                "pandas_engine": pandas.best().get("engine"),
                "salespipe_process_s": best["process_s"],
                "salespipe_peak_with_json_mib": max(r["peak_with_json_mib"] for r in ours.runs),
                "report_process_best_s": report_best,
                "report_process_median_s": report_median,
                "report_process_peak_mib": report_peak,
                "fastexcel_process_best_s": fast_best,
                "fastexcel_process_median_s": fast_median,
                "fastexcel_process_peak_mib": fast_peak,
                "fastexcel_read_s": tools["fastexcel"].best()["total_s"]
                if "fastexcel" in tools
                else None,
                "pandas_process_best_s": _process(pandas)[0],
                "calamine_process_best_s": calamine_best,
                "report_vs_fastexcel": report_best / fast_best
                if report_best and fast_best
                else None,
                "calamine_vs_report": calamine_best / report_best
                if calamine_best and report_best
                else None,
            }
        )
    return rows


def _s(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def process_table(rows: list[dict[str, Any]]) -> str:
    """Whole processes, as a user runs them (issue 10's comparison)."""
    header = (
        "| deals | `salespipe report --format json` process s (best / median) "
        "| fastexcel read process s (best / median) | report ÷ fastexcel "
        "| pandas calamine process s | pandas default process s "
        "| peak MiB: report / fastexcel / pandas calamine / pandas default |"
    )
    lines = [header, "|" + " ---: |" * 7]
    for r in rows:
        ratio = r["report_vs_fastexcel"]
        lines.append(
            f"| {_thousands(r['n'])} "
            f"| {_s(r['report_process_best_s'])} / {_s(r['report_process_median_s'])} "
            f"| {_s(r['fastexcel_process_best_s'])} / {_s(r['fastexcel_process_median_s'])} "
            f"| {'–' if ratio is None else f'{ratio:.2f}×'} "
            f"| {_s(r['calamine_process_best_s'])} | {_s(r['pandas_process_best_s'])} "
            f"| {_s(r['report_process_peak_mib'], 0)} / {_s(r['fastexcel_process_peak_mib'], 0)}"
            f" / {r['calamine_peak_mib']:.0f} / {r['pandas_peak_mib']:.0f} |"
        )
    return "\n".join(lines)


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """In-process figures (times in seconds, best / median of the runs)."""
    header = (
        "| deals | salespipe total s (best / median) | read s | parse s | metrics s "
        "| salespipe peak MiB | pandas default s (best / median) | pandas peak MiB "
        "| pandas calamine s | fastexcel s | speed-up vs pandas default |"
    )
    lines = [header, "|" + " ---: |" * 11]
    for r in rows:
        lines.append(
            f"| {_thousands(r['n'])} | {r['salespipe_best_s']:.2f} / {r['salespipe_median_s']:.2f} "
            f"| {r['read_s']:.2f} | {r['parse_s']:.2f} | {r['metrics_s']:.2f} "
            f"| {r['salespipe_peak_mib']:.0f} "
            f"| {r['pandas_best_s']:.2f} / {r['pandas_median_s']:.2f} "
            f"| {r['pandas_peak_mib']:.0f} | {r['calamine_best_s']:.2f} "
            f"| {_s(r['fastexcel_read_s'])} | {r['speedup']:.1f}× |"
        )
    return "\n".join(lines)


def _thousands(n: int) -> str:
    """``100000`` → ``"100 000"``, the French way."""
    return f"{n:,}".replace(",", " ")


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def verdict(row: dict[str, Any]) -> list[str]:
    """The targets of docs/benchmarks.md, checked on one row (the largest size)."""
    total, peak, speedup = row["salespipe_best_s"], row["salespipe_peak_mib"], row["speedup"]
    scope = "" if row["n"] == GOAL_DEALS else f" (they are set for {_thousands(GOAL_DEALS)})"
    return [
        f"targets, checked on the largest size measured{scope}:",
        f"{_thousands(row['n'])} deals read and reported in {total:.2f} s "
        f"(goal < {GOAL_SECONDS:g} s): {_mark(total < GOAL_SECONDS)}",
        f"peak memory {peak:.0f} MiB (goal < {GOAL_MIB:.0f} MiB): {_mark(peak < GOAL_MIB)}",
        f"{speedup:.1f}× faster than pandas.read_excel default (goal ≥ {GOAL_SPEEDUP:g}×): "
        f"{_mark(speedup >= GOAL_SPEEDUP)}",
    ]


def issue10_verdict(rows: list[dict[str, Any]]) -> list[str]:
    """Issue 10's reading targets: the whole-process ratio at 100 000 deals, the peak
    memory of the report process at 300 000 deals (each only when that size was run)."""
    by_n = {r["n"]: r for r in rows}
    lines = ["issue 10 targets (whole processes):"]
    row = by_n.get(GOAL_DEALS)
    if row is None or row["report_vs_fastexcel"] is None:
        lines.append(f"report ÷ fastexcel at {_thousands(GOAL_DEALS)} deals: not measured")
    else:
        ratio = row["report_vs_fastexcel"]
        lines.append(
            f"report JSON process {row['report_process_best_s']:.2f} s ÷ fastexcel process "
            f"{row['fastexcel_process_best_s']:.2f} s = {ratio:.2f}× at "
            f"{_thousands(GOAL_DEALS)} deals (goal ≤ {GOAL_RATIO:g}×): {_mark(ratio <= GOAL_RATIO)}"
        )
    big = by_n.get(GOAL_BIG_DEALS)
    if big is None or big["report_process_peak_mib"] is None:
        lines.append(f"peak memory at {_thousands(GOAL_BIG_DEALS)} deals: not measured")
    else:
        peak = big["report_process_peak_mib"]
        lines.append(
            f"report JSON process peak {peak:.0f} MiB at {_thousands(GOAL_BIG_DEALS)} deals "
            f"(goal < {GOAL_BIG_MIB:.0f} MiB): {_mark(peak < GOAL_BIG_MIB)}"
        )
    return lines


def notes(row: dict[str, Any]) -> list[str]:
    """Figures outside the targets, for information, on one row (the largest size)."""
    return [
        f"for information, at {_thousands(row['n'])} deals: serialising the report to JSON "
        f"(--format json) adds {row['json_s']:.2f} s and takes the peak to "
        f"{row['salespipe_peak_with_json_mib']:.0f} MiB in process; "
        f"pandas' default engine was {row['pandas_engine']}.",
    ]


def environment_lines(env: dict[str, Any]) -> list[str]:
    packages = ", ".join(f"{k} {v}" for k, v in env["packages"].items() if v)
    return [
        f"Python {env['python']}; {packages}",
        f"{env['nproc']} CPUs available ({env['cpu_model']}), {env['memory_gib']} GiB RAM; "
        f"{env['platform']}; salespipe commit {env['git_commit']}"
        + (" (with uncommitted changes)" if env["git_dirty"] else ""),
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="numbers of deals (default: 1000 10000 100000; add 300000 for the memory target)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per size and tool; best and median are reported (default 3)",
    )
    parser.add_argument(
        "--baseline-repeat",
        type=int,
        default=None,
        help="runs of the slow pandas default read (default: --repeat)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=None,
        help="instead of timing, cProfile salespipe on N deals into bench/results/profile_N.txt",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "report.json")
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def profile_main(n: int, seed: int) -> int:
    """cProfile the salespipe measurement on ``n`` deals and print the top of the profile."""
    from make_data import deals_workbook

    out = RESULTS_DIR / f"profile_{n}.txt"
    result = measure("salespipe", deals_workbook(n, seed), profile=out)
    print(out.read_text(encoding="utf-8"))
    print(f"(under cProfile: {result['total_s']:.2f} s; written to {out})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        tool, path = args.child
        return child_main(tool, Path(path), args.profile_out)
    if args.profile is not None:
        return profile_main(args.profile, args.seed)
    env = environment()
    baseline_repeat = args.baseline_repeat or args.repeat
    series = run_all(args.sizes, args.repeat, baseline_repeat, args.seed)
    rows = table_rows(series)
    largest = max(rows, key=lambda r: r["n"])
    lines = [*environment_lines(env), "", process_table(rows), "", markdown_table(rows)]
    lines += ["", *issue10_verdict(rows), "", *verdict(largest), "", *notes(largest)]
    print("\n".join(lines))
    report = {
        "environment": env,
        "as_of": AS_OF.isoformat(),
        "target": TARGET,
        "repeat": args.repeat,
        "baseline_repeat": baseline_repeat,
        "rows": rows,
        "verdict": issue10_verdict(rows) + verdict(largest),
        "runs": [asdict(s) for s in series],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
