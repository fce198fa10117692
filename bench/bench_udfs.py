"""Time FORECAST_WEIGHTED and FUNNEL as Excel runs them, on 1 000 to 100 000-row ranges.

Each call goes through xlwings' own Windows UDF path, as in the tests
(``tests/xlplugin/excel_harness.py``): ``XLPython.CallUDF`` → ``xlwings.udfs.call_udf``
→ ``xlwings.conversion.read`` of every argument (the Windows engine's
``clean_value_data``, compiled from xlwings' source) → the UDF → ``conversion.write``.
The arguments are COM values as pywin32 hands them over (tuples of tuples, pywin32
dates). Not measured, because it needs Windows: Excel's COM marshalling of the
ranges to Python and of the result back.

For each size, the median of ``--repeat`` calls is reported (and the best whole-path
call), split into the whole path and the UDF alone (the same call on arguments
xlwings already converted): the difference is xlwings' conversion. Target:
under 50 ms per call at 10 000 rows. The arguments are made before the timing, so
they are frozen out of the garbage collector's scans (in Excel they are made during
the call).

    python bench/bench_udfs.py [--sizes 1000 10000 100000] [--repeat 15]

:func:`udf_timings` returns the figures, for a side-by-side table with LibreOffice
recalculating the template's native formulas.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
# The harness is test infrastructure: pywin32 stubs and xlwings' Windows engine.
sys.path.insert(0, str(BENCH_DIR.parent))  # tests.xlplugin.excel_harness

from tests.xlplugin.excel_harness import MISSING, WindowsXlwings, com, windows_xlwings  # noqa: E402

DEFAULT_SIZES = (1000, 10_000, 100_000)
GOAL_ROWS, GOAL_MS = 10_000, 50.0
STAGES = ("Suspect", "Prospect qualifié", "Rendez-vous", "RDV", "Proposition envoyée",
          "Négociation", "Gagné", "Perdu")  # fmt: skip
STATUSES = (None, "en cours", "gagné", "perdu")


@dataclass(frozen=True)
class Timing:
    """Median milliseconds per call of one UDF on ``rows`` rows."""

    udf: str
    rows: int
    total_ms: float  # xlwings' conversion of arguments and result + the UDF
    udf_ms: float  # the UDF alone, on arguments xlwings already converted
    best_ms: float  # the fastest whole-path call

    @property
    def conversion_ms(self) -> float:
        return self.total_ms - self.udf_ms


def columns(rows: int, seed: int = 1) -> dict[str, list[list[Any]]]:
    """Pipeline columns as a sheet holds them: amounts, stages, statuses, close dates."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    return {
        "amounts": [[float(rng.randrange(1000, 90000, 50))] for _ in range(rows)],
        "stages": [[rng.choice(STAGES)] for _ in range(rows)],
        "statuses": [[rng.choice(STATUSES)] for _ in range(rows)],
        "closes": [[start + timedelta(days=rng.randrange(365))] for _ in range(rows)],
    }


def _times_ms(call: Callable[[], Any], repeat: int) -> list[float]:
    call()  # warm-up: imports, caches
    gc.collect()
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        call()
        times.append((time.perf_counter() - begin) * 1000)
    return times


def _calls(excel: WindowsXlwings, data: dict[str, list[list[Any]]]) -> dict[str, tuple[Any, ...]]:
    """Each UDF's arguments, as COM values."""
    period = (com(datetime(2026, 4, 1)), com(datetime(2026, 6, 30)))
    return {
        "FORECAST_WEIGHTED": (com(data["amounts"]), com(data["stages"]), com(data["closes"]),
                              *period, MISSING, com(data["statuses"])),
        "FUNNEL": (com(data["stages"]), com(data["statuses"])),
    }  # fmt: skip


def _converted(excel: WindowsXlwings, name: str, args: tuple[Any, ...]) -> list[Any]:
    """The arguments as the UDF receives them (read by xlwings.conversion)."""
    from xlwings import conversion

    infos = excel.metadata(name)["args"]
    return [
        info.get("optional") if arg == MISSING else conversion.read(None, arg, info["options"])
        for arg, info in zip(excel.padded(name, args), infos, strict=True)
    ]


def udf_timings(sizes: Sequence[int] = DEFAULT_SIZES, repeat: int = 15) -> list[Timing]:
    """Median (and best) times of FORECAST_WEIGHTED and FUNNEL at each size."""
    timings: list[Timing] = []
    with windows_xlwings() as excel:
        for rows in sizes:
            for name, args in _calls(excel, columns(rows)).items():
                function = getattr(excel.udfs, name)
                ready = _converted(excel, name, args)
                assert not isinstance(function(*ready), str), function(*ready)  # no message
                # In Excel the arguments are made during the call; here they are made
                # beforehand, so keep them out of the garbage collector's scans.
                gc.freeze()
                total = _times_ms(lambda n=name, a=args: excel.call(n, *a), repeat)
                alone = _times_ms(lambda f=function, r=ready: f(*r), repeat)
                gc.unfreeze()
                median = statistics.median
                timings.append(Timing(name, rows, median(total), median(alone), min(total)))
    return timings


def markdown(timings: Sequence[Timing]) -> str:
    lines = ["| UDF | rows | whole path (ms) | best (ms) | xlwings conversion (ms) "
             "| UDF alone (ms) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    lines += [
        f"| {t.udf} | {t.rows:,} | {t.total_ms:.1f} | {t.best_ms:.1f} | {t.conversion_ms:.1f} "
        f"| {t.udf_ms:.1f} |"
        for t in timings
    ]
    return "\n".join(lines).replace(",", "\u202f")


def verdict(timings: Sequence[Timing]) -> str:
    at_goal = [t for t in timings if t.rows == GOAL_ROWS]
    if not at_goal:
        return f"(no {GOAL_ROWS}-row measurement: target not checked)"
    worst = max(at_goal, key=lambda t: t.total_ms)
    met = "met" if worst.total_ms < GOAL_MS else "NOT met"
    return (
        f"Target under {GOAL_MS:.0f} ms per call at {GOAL_ROWS:,} rows: {met} "
        f"(slowest: {worst.udf}, {worst.total_ms:.1f} ms)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args(argv)
    timings = udf_timings(options.sizes, options.repeat)
    print(f"Python {sys.version.split()[0]}, median of {options.repeat} calls\n")
    print(markdown(timings))
    print()
    print(verdict(timings))


if __name__ == "__main__":
    main()
