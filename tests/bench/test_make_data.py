"""The benchmark workbooks can still be generated, and salespipe reads them whole.

bench/make_data.py is not product code, but a broken generator (it once iterated over the
default cadence, which became a Cadence object) silently stops new benchmark sizes."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from salespipe.api import report_on_workbook

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _make_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_make_data", BENCH / "make_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_small_benchmark_workbook_is_generated_and_read(tmp_path: Path) -> None:
    make_data = _make_data()
    path = make_data.write_deals_workbook(tmp_path / "bench.xlsx", 200, seed=3)
    report = report_on_workbook(path, date(2026, 11, 23))
    assert report.summary.deals + sum(a.rejected for a in report.accounts) == 200
    stages = [i for i in report.issues if i.code in ("bad_cadence", "unreadable_cadence")]
    assert stages == []
