"""Time ``salespipe export`` on 100 000 deals against ``DataFrame.to_csv`` of the same rows.

Three measurements, interleaved, ``--repeat`` times each (best and median kept):

* ``to_csv``: a DataFrame built from the parsed deals (one column per ``Deal``
  field, built outside the timer), written with ``DataFrame.to_csv`` to a file:
  the baseline, write only;
* ``export``: :func:`salespipe.export.export_pipeline` from the same parsed
  pipeline: cleaning, deduplication, maps, every import file (split at the CRM's
  caps), rejects, warnings and summary written to a folder;
* ``end to end``: :func:`salespipe.export.export_workbook` from the file: read,
  parse and export, what ``salespipe export FILE --crm … -o DIR`` does.

The owner map is written beforehand with an e-mail for every owner, so that
nothing blocks. Prints a Markdown table and the verdict on the targets (export
within 3x of ``to_csv`` and under 5 s at 100 000 deals); every run goes to
``bench/results/export.json``. See docs/benchmarks.md, section "CRM export".

    python bench/bench_export.py [--deals 100000] [--crm hubspot] [--repeat 3]

A change meant to make the export faster must not change what it writes:
``--write-baseline DIR`` exports the demo workbook and the 10 000-deal benchmark
workbook for every CRM into ``DIR`` (every file: import files and their parts, test
files, maps, rejects, warnings, guide, summary), ``--compare DIR`` exports them again
and says which files differ from ``DIR``'s by a single byte (exit status 1 if any;
the folder's own path, which summary.txt names, is the one difference allowed).

    python bench/bench_export.py --write-baseline /tmp/export-baseline
    python bench/bench_export.py --compare /tmp/export-baseline
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
AS_OF = date(2026, 11, 23)
GOAL_RATIO, GOAL_SECONDS = 3.0, 5.0

sys.path.insert(0, str(BENCH_DIR))
from make_data import deals_workbook  # noqa: E402  (make_data makes salespipe importable)


def _owners_file(folder: Path, owners: Sequence[str]) -> Path:
    """An owners.csv giving every owner an e-mail, as a user would fill it in."""
    from salespipe.core.crm.maps import OwnerEntry, owners_rows
    from salespipe.export import write_sheet_file

    entries = [OwnerEntry(o, f"user{i}@exemple.fr", o) for i, o in enumerate(owners, start=1)]
    path = folder / "owners.csv"
    write_sheet_file(path, owners_rows(entries))
    return path


def _timed(work: Callable[[], Any]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) of ``work()``."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


#: The workbooks --write-baseline and --compare export: the demo and 10 000 deals.
BASELINE_DEALS = 10_000


def write_outputs(folder: Path) -> list[Path]:
    """Every CRM's export of the demo and of the 10 000-deal workbook, in
    ``folder/<workbook>/<crm>/``; the files written, relative to ``folder``."""
    from salespipe.core.crm.profiles import PROFILES
    from salespipe.export import export_workbook
    from salespipe.sample import build_demo_workbook

    folder.mkdir(parents=True, exist_ok=True)
    demo = folder / "demo.xlsx"
    build_demo_workbook(demo, AS_OF)
    sources = {"demo": demo, f"deals_{BASELINE_DEALS}": deals_workbook(BASELINE_DEALS, 1)}
    for name, path in sources.items():
        owners = _owner_names(path)
        for crm in PROFILES:
            out = folder / name / crm
            out.mkdir(parents=True, exist_ok=True)
            _owners_file(out, owners)
            if export_workbook(path, crm, out, as_of=AS_OF).blocked:
                _fill_stage_map(out, crm)  # a stage without target: the first run's stop
                export_workbook(path, crm, out, as_of=AS_OF)
    demo.unlink()
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def _fill_stage_map(folder: Path, crm: str) -> None:
    """Give each stage without target in ``folder``'s stage map the first stage
    targeted, as a user filling the map in would pick one."""
    from salespipe.core.crm.maps import StageMapEntry, read_stage_map, stage_map_rows
    from salespipe.core.crm.profiles import PROFILES
    from salespipe.export import STAGE_MAP_FILE, write_sheet_file
    from salespipe.export.output_files import read_map

    path = folder / STAGE_MAP_FILE
    entries = read_map(path, read_stage_map)
    first = next(e for e in entries if e.target_stage)
    target = (first.target_pipeline, first.target_stage)
    filled = [e if e.target_stage else StageMapEntry(e.source_stage, *target) for e in entries]
    write_sheet_file(path, stage_map_rows(filled, PROFILES[crm]))


def _owner_names(path: Path) -> list[str]:
    from salespipe.core.reading.pipeline import load_pipeline
    from salespipe.files import read_grids

    pipeline = load_pipeline(read_grids(path), path.name)
    return sorted({d.owner for d in pipeline.deals if d.owner})


def compare_outputs(baseline: Path) -> list[str]:
    """The files that differ between ``baseline`` (written by :func:`write_outputs`)
    and a fresh export, missing on either side or not byte-identical."""
    fresh = Path(tempfile.mkdtemp(prefix="bench_export_compare_"))
    try:
        new = set(write_outputs(fresh))
        old = {p.relative_to(baseline) for p in baseline.rglob("*") if p.is_file()}
        problems = [f"only in the baseline: {p}" for p in sorted(old - new)]
        problems += [f"only in the new export: {p}" for p in sorted(new - old)]
        problems += [
            f"differs: {p}"
            for p in sorted(old & new)
            if _content(baseline, p) != _content(fresh, p)
        ]
        print(f"{len(old & new)} files compared")
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return problems


def _content(root: Path, path: Path) -> bytes:
    """The bytes of ``root / path``, the folder's own name aside (summary.txt names it)."""
    return (root / path).read_bytes().replace(str(root).encode(), b"<DIR>")


def run(n_deals: int, crm: str, repeat: int, seed: int) -> dict[str, Any]:
    """Every measurement ``repeat`` times; the timings and what the export wrote."""
    import pandas as pd

    from salespipe.core.bulk import gc_paused
    from salespipe.core.model import Deal
    from salespipe.core.reading.pipeline import load_pipeline
    from salespipe.export import export_pipeline, export_workbook
    from salespipe.files import read_grids

    path = deals_workbook(n_deals, seed)
    with gc_paused():
        grids = read_grids(path)
        pipeline = load_pipeline(grids, path.name)
    grid = grids[pipeline.sheets["deals"]]
    names = [f.name for f in fields(Deal)]
    frame = pd.DataFrame([[getattr(d, n) for n in names] for d in pipeline.deals], columns=names)
    owners = sorted({d.owner for d in pipeline.deals if d.owner})
    times: dict[str, list[float]] = {"to_csv": [], "export": [], "end_to_end": []}
    cpu: dict[str, list[float]] = {"to_csv": [], "export": [], "end_to_end": []}
    work = Path(tempfile.mkdtemp(prefix="bench_export_"))
    target, out = work / "baseline.csv", work / "export"
    try:
        owners_path = _owners_file(work, owners)

        def baseline() -> None:
            frame.to_csv(target, index=False)

        def from_pipeline() -> None:
            export_pipeline(pipeline, grid, crm, out, as_of=AS_OF, owners_path=owners_path)

        def from_file() -> None:
            export_workbook(path, crm, out, as_of=AS_OF, owners_path=owners_path)

        for _ in range(repeat):
            for name, task in (
                ("to_csv", baseline),
                ("export", from_pipeline),
                ("end_to_end", from_file),
            ):
                shutil.rmtree(out, ignore_errors=True)
                wall, used = _timed(task)
                times[name].append(wall)
                cpu[name].append(used)
        result = export_pipeline(pipeline, grid, crm, out, as_of=AS_OF, owners_path=owners_path)
        written = [(p.name, n, p.stat().st_size) for p, n in result.files]
        baseline_bytes = (work / "baseline.csv").stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "deals": n_deals,
        "crm": crm,
        "times": times,
        "cpu": cpu,
        "files": written,
        "baseline_bytes": baseline_bytes,
        "exported": result.plan.account.exported,
        "balanced": result.plan.account.balanced,
        "python": platform.python_version(),
        "pandas": pd.__version__,
    }


def report(data: dict[str, Any]) -> list[str]:
    """The Markdown table, the files written and the verdict (on CPU times: the
    machine is shared, and CPU time is what another process's load disturbs least)."""
    times, cpu = data["times"], data["cpu"]
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    cpu_best = {k: min(v) for k, v in cpu.items()}
    cpu_median = {k: statistics.median(v) for k, v in cpu.items()}
    ratio = cpu_best["export"] / cpu_best["to_csv"]
    median_ratio = cpu_median["export"] / cpu_median["to_csv"]
    mb = sum(size for *_, size in data["files"]) / 1e6
    rows = ("| {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {} |").format
    lines = [
        f"{data['deals']:,} deals, CRM {data['crm']}, Python {data['python']}, "
        f"pandas {data['pandas']}, best / median of {len(times['export'])} runs",
        "",
        "| measurement | CPU best s | CPU median s | wall best s | wall median s | written |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label, written in (
        (
            "to_csv",
            "`DataFrame.to_csv` (baseline)",
            f"1 file, {data['baseline_bytes'] / 1e6:.1f} MB",
        ),
        ("export", "export from the parsed pipeline", f"{len(data['files'])} files, {mb:.1f} MB"),
        ("end_to_end", "end to end from the file", "same"),
    ):
        lines.append(rows(label, cpu_best[key], cpu_median[key], best[key], median[key], written))
    lines += [
        "",
        "Files: " + ", ".join(_file_groups(data["files"])),
        "",
        f"export / to_csv = {ratio:.2f}x on best CPU times, {median_ratio:.2f}x on medians "
        f"(target <= {GOAL_RATIO:.0f}x): {'met' if ratio <= GOAL_RATIO else 'NOT met'}",
        f"export {cpu_best['export']:.2f} s CPU (target < {GOAL_SECONDS:.0f} s): "
        f"{'met' if cpu_best['export'] < GOAL_SECONDS else 'NOT met'}",
        f"row accounting balanced: {data['balanced']}",
    ]
    return lines


def _file_groups(files: Sequence[tuple[str, int, int]]) -> list[str]:
    """``zoho_deals (100 parts, 100,000 rows)`` for the parts of one file, else its name."""
    groups: dict[str, list[int]] = {}
    for name, rows, _ in files:
        stem = re.sub(r"_\d+\.csv$", "", name) if re.search(r"_\d+\.csv$", name) else name
        groups.setdefault(stem, []).append(rows)
    return [
        f"{stem} ({len(counts)} parts, {sum(counts):,} rows)"
        if len(counts) > 1
        else f"{stem} ({counts[0]:,} rows)"
        for stem, counts in groups.items()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--crm", default="hubspot")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "export.json")
    parser.add_argument("--write-baseline", type=Path, metavar="DIR")
    parser.add_argument("--compare", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if args.write_baseline:
        print(f"{len(write_outputs(args.write_baseline))} files written")
        return 0
    if args.compare:
        problems = compare_outputs(args.compare)
        print("\n".join(problems) or "identical")
        return 1 if problems else 0
    data = run(args.deals, args.crm, args.repeat, args.seed)
    print("\n".join(report(data)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
