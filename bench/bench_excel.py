"""The UDFs through xlwings and the template's native formulas in LibreOffice, side by side.

The same two computations — the weighted forecast of the period and the funnel table —
on 1 000 to 100 000 deal rows, both ways:

- **xlwings**: FORECAST_WEIGHTED and FUNNEL called through xlwings' own Windows UDF path
  (:func:`bench_udfs.udf_timings`, median of ``--repeat`` calls);
- **LibreOffice**: a workbook holding the template's own formulas over N rows — the
  Pipeline managed columns the dashboard sums (Ligne comptée, Ligne dans Étapes, Statut
  retenu, Probabilité retenue, Montant pondéré, Mois de clôture, Dans la période, copied
  from ``templates/action_plan.xlsx`` row 2 and filled down), the dashboard's « Prévision
  pondérée de la période » (SUMIFS) and its funnel table (COUNTIFS/SUMIFS, rows 48–58),
  with the Étapes and Paramètres cells they read, every range ending at row N + 1 instead
  of 501. ``soffice --headless --convert-to xlsx`` (private profile set to recalculate on
  load, as the tests do) is timed on it, and on the same file without any formula (the
  cells hold the values instead): the difference approximates the recalculation.
  Median of ``--lo-repeat`` runs, after one warm-up conversion that starts the profile.

The LibreOffice times include starting soffice (about 1 s here, in both columns). Excel
recalculates the same formulas in its own engine; not measured (no Windows here).

    python bench/bench_excel.py [--sizes 1000 10000 100000] [--repeat 15] [--lo-repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formula.translate import Translator

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT))  # the tests' LibreOffice driver: tests.template.libreoffice

from bench_udfs import STAGES, STATUSES, Timing, udf_timings, verdict  # noqa: E402

from salespipe.template import SHEETS, template_path  # noqa: E402
from salespipe.template.layout import (  # noqa: E402
    FIRST_ROW,
    FUNNEL_FIRST,
    FUNNEL_WON,
    LAST_ROW,
    PARAMS,
    STAGE_LAST,
    SUMMARY_FIRST,
    SUMMARY_KEYS,
    deal_column,
)
from tests.template.libreoffice import make_profile, recalculate, soffice  # noqa: E402

DEFAULT_SIZES = (1000, 10_000, 100_000)
#: Pipeline managed columns the weighted forecast and the funnel depend on.
MANAGED = ("counted", "stage_row", "status_used", "probability_used", "weighted",
           "close_month", "in_period")  # fmt: skip
#: Typed Pipeline columns filled with data.
TYPED = ("deal_id", "owner", "stage", "status", "amount", "probability", "expected_close")
PERIOD = (datetime(2026, 4, 1), datetime(2026, 6, 30))
#: bench_udfs' stages without the alias « RDV », which native formulas do not know.
NATIVE_STAGES = tuple(stage for stage in STAGES if stage != "RDV")


@dataclass(frozen=True)
class LibreOfficeTiming:
    """Median seconds of one ``soffice --convert-to xlsx`` run on ``rows`` rows."""

    rows: int
    with_formulas_s: float
    without_formulas_s: float

    @property
    def recalculation_s(self) -> float:
        return self.with_formulas_s - self.without_formulas_s


def _name(key: str) -> str:
    return SHEETS[key][0]


def _rows(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """Typed deals like bench_udfs' (stages the Étapes sheet names), with an ID, an owner
    and some probability overrides."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    return [
        {
            "deal_id": f"D{number:06d}",
            "owner": rng.choice(("Alice Martin", "Bob Durand", None)),
            "stage": rng.choice(NATIVE_STAGES),
            "status": rng.choice(STATUSES),
            "amount": float(rng.randrange(1000, 90000, 50)),
            "probability": rng.choice((None, None, None, 0.45)),
            "expected_close": start + timedelta(days=rng.randrange(365)),
        }
        for number in range(1, count + 1)
    ]


def _resize(formula: str, last: int) -> str:
    """A template formula with its whole-table ranges ending at ``last`` instead of 501."""
    return formula.replace(f"${LAST_ROW}", f"${last}")


def build_workbook(count: int, path: Path, formulas: bool = True) -> Path:
    """The template's forecast and funnel formulas over ``count`` rows; with
    ``formulas=False`` the same typed cells and no formula at all."""
    source = openpyxl.load_workbook(template_path())
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    last = FIRST_ROW + count - 1
    keep = lambda value: value if formulas or not str(value).startswith("=") else None  # noqa: E731

    stages_in, stages = source[_name("stages")], book.create_sheet(_name("stages"))
    for row in stages_in.iter_rows(min_row=1, max_row=STAGE_LAST, max_col=10):
        for cell in row:
            stages[cell.coordinate] = keep(cell.value)
    settings_in, settings = source[_name("settings")], book.create_sheet(_name("settings"))
    for row in settings_in.iter_rows(min_row=1, max_col=17):
        for cell in row:
            if cell.column_letter in "MNPQ" and cell.value is not None:
                settings[cell.coordinate] = cell.value
    settings[f"B{PARAMS['as_of']}"] = datetime(2026, 5, 4)
    settings[f"B{PARAMS['period_start']}"], settings[f"B{PARAMS['period_end']}"] = PERIOD

    pipeline_in, pipeline = source[_name("pipeline")], book.create_sheet(_name("pipeline"))
    for cell in pipeline_in[1]:
        pipeline[cell.coordinate] = cell.value
    letters = {key: deal_column(key) for key in (*TYPED, *MANAGED)}
    models = {key: pipeline_in[f"{letters[key]}{FIRST_ROW}"].value for key in MANAGED}
    for offset, deal in enumerate(_rows(count)):
        row = FIRST_ROW + offset
        for key in TYPED:
            if deal[key] is not None:
                pipeline[f"{letters[key]}{row}"] = deal[key]
        if formulas:
            for key, model in models.items():
                target = f"{letters[key]}{row}"
                moved = Translator(model, f"{letters[key]}{FIRST_ROW}").translate_formula(target)
                pipeline[target] = _resize(moved, last)

    board_in, board = source[_name("dashboard")], book.create_sheet(_name("dashboard"))
    cells = [f"B{SUMMARY_FIRST + SUMMARY_KEYS.index('period_forecast')}"]
    cells += [f"{c}{r}" for r in range(FUNNEL_FIRST, FUNNEL_WON + 1) for c in "ABCDEFGHI"]
    for ref in cells:
        value = board_in[ref].value
        if formulas and isinstance(value, str):
            board[ref] = _resize(value, last)
    book.save(path)
    return path


def convert_seconds(path: Path, outdir: Path, profile: Path) -> float:
    """Seconds of one ``soffice --headless --convert-to xlsx`` run on ``path`` (the
    tests' driver, tests/template/libreoffice.py, so both run LibreOffice the same way)."""
    begin = time.perf_counter()
    recalculate([path], outdir, profile)
    return time.perf_counter() - begin


def check_forecast(converted: Path, count: int) -> float:
    """The recalculated period forecast, checked against salespipe's core on the same file."""
    from salespipe.core.metrics.forecast import weighted_forecast
    from salespipe.core.reading.pipeline import load_pipeline
    from salespipe.files import read_grids

    book = openpyxl.load_workbook(converted, data_only=True)
    native = book[_name("dashboard")][f"B{SUMMARY_FIRST + SUMMARY_KEYS.index('period_forecast')}"]
    pipeline = load_pipeline(read_grids(converted), converted.name)
    core = weighted_forecast(pipeline.deals, pipeline.stages, PERIOD[0].date(), PERIOD[1].date())
    if not isinstance(native.value, int | float) or abs(native.value - core) > 0.005:
        raise RuntimeError(f"{count} rows: LibreOffice {native.value!r} != core {core!r}")
    return core


def libreoffice_timings(sizes: Sequence[int], repeat: int = 3) -> list[LibreOfficeTiming]:
    """Median conversion times with and without the formulas, at each size."""
    timings = []
    with tempfile.TemporaryDirectory(prefix="bench_excel_") as name:
        work = Path(name)
        profile = make_profile(work / "profile")
        warm = build_workbook(10, work / "warm.xlsx")
        convert_seconds(warm, work / "warm_out", profile)  # first run sets the profile up
        for count in sizes:
            files = {
                formulas: build_workbook(count, work / f"rows{count}_{formulas}.xlsx", formulas)
                for formulas in (True, False)
            }
            seconds: dict[bool, list[float]] = {True: [], False: []}
            for attempt in range(repeat):
                for formulas, path in files.items():
                    out = work / f"out_{attempt}"
                    seconds[formulas].append(convert_seconds(path, out, profile))
            check_forecast(work / "out_0" / files[True].name, count)
            median = statistics.median
            timings.append(LibreOfficeTiming(count, median(seconds[True]), median(seconds[False])))
    return timings


def markdown(udfs: Sequence[Timing], office: Sequence[LibreOfficeTiming]) -> str:
    """One table: rows, the two UDFs' median ms, LibreOffice with and without formulas."""
    by = {(t.udf, t.rows): t for t in udfs}
    lines = [
        "| rows | FORECAST_WEIGHTED via xlwings (ms, median) | FUNNEL via xlwings (ms, median) "
        "| LibreOffice load + recalculation + save (s) | LibreOffice load + save without "
        "formulas (s) | recalculation ≈ difference (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lo in office:
        forecast, funnel = by[("FORECAST_WEIGHTED", lo.rows)], by[("FUNNEL", lo.rows)]
        lines.append(
            f"| {lo.rows:,} | {forecast.total_ms:.1f} | {funnel.total_ms:.1f} "
            f"| {lo.with_formulas_s:.2f} | {lo.without_formulas_s:.2f} "
            f"| {lo.recalculation_s:.2f} |".replace(",", "\u202f")
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=15, help="UDF calls per size")
    parser.add_argument("--lo-repeat", type=int, default=3, help="soffice runs per size")
    options = parser.parse_args(argv)
    udfs = udf_timings(options.sizes, options.repeat)
    office = libreoffice_timings(options.sizes, options.lo_repeat)
    version = subprocess.run([soffice(), "--version"], capture_output=True, text=True).stdout
    print(f"Python {sys.version.split()[0]}, {version.strip()}; median of {options.repeat} "
          f"UDF calls and {options.lo_repeat} soffice runs\n")  # fmt: skip
    print(markdown(udfs, office))
    print()
    print(verdict(udfs))


if __name__ == "__main__":
    main()
