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
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
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


def _timed(work: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


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
            times["to_csv"].append(_timed(baseline))
            shutil.rmtree(out, ignore_errors=True)
            times["export"].append(_timed(from_pipeline))
            shutil.rmtree(out, ignore_errors=True)
            times["end_to_end"].append(_timed(from_file))
        result = export_pipeline(pipeline, grid, crm, out, as_of=AS_OF, owners_path=owners_path)
        written = [(p.name, n, p.stat().st_size) for p, n in result.files]
        baseline_bytes = (work / "baseline.csv").stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "deals": n_deals,
        "crm": crm,
        "times": times,
        "files": written,
        "baseline_bytes": baseline_bytes,
        "exported": result.plan.account.exported,
        "balanced": result.plan.account.balanced,
        "python": platform.python_version(),
        "pandas": pd.__version__,
    }


def report(data: dict[str, Any]) -> list[str]:
    """The Markdown table, the files written and the verdict."""
    times = data["times"]
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    ratio = best["export"] / best["to_csv"]
    mb = sum(size for *_, size in data["files"]) / 1e6
    lines = [
        f"{data['deals']:,} deals, CRM {data['crm']}, Python {data['python']}, "
        f"pandas {data['pandas']}, best / median of {len(times['export'])} runs",
        "",
        "| measurement | best s | median s | written |",
        "| --- | ---: | ---: | ---: |",
        f"| `DataFrame.to_csv` (baseline) | {best['to_csv']:.2f} | {median['to_csv']:.2f} | "
        f"1 file, {data['baseline_bytes'] / 1e6:.1f} MB |",
        f"| export from the parsed pipeline | {best['export']:.2f} | {median['export']:.2f} | "
        f"{len(data['files'])} files, {mb:.1f} MB |",
        f"| end to end from the file | {best['end_to_end']:.2f} | "
        f"{median['end_to_end']:.2f} | same |",
        "",
        "Files: " + ", ".join(f"{n} ({rows:,} rows)" for n, rows, _ in data["files"]),
        "",
        f"export / to_csv = {ratio:.2f}x (target <= {GOAL_RATIO:.0f}x): "
        f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}",
        f"export {best['export']:.2f} s (target < {GOAL_SECONDS:.0f} s): "
        f"{'met' if best['export'] < GOAL_SECONDS else 'NOT met'}",
        f"row accounting balanced: {data['balanced']}",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--crm", default="hubspot")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "export.json")
    args = parser.parse_args(argv)
    data = run(args.deals, args.crm, args.repeat, args.seed)
    print("\n".join(report(data)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
