"""The benchmark workbooks can still be generated, and salespipe reads them whole.

bench/make_data.py is not product code, but a broken generator (it once iterated over the
default cadence, which became a Cadence object) silently stops new benchmark sizes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from salespipe.api import report_on_workbook
from tests.support.bench_modules import make_data


def test_a_small_benchmark_workbook_is_generated_and_read(tmp_path: Path) -> None:
    generator = make_data()
    path = generator.write_deals_workbook(tmp_path / "bench.xlsx", 200, seed=3)
    report = report_on_workbook(path, date(2026, 11, 23))
    assert report.summary.deals + sum(a.rejected for a in report.accounts) == 200
    stages = [i for i in report.issues if i.code in ("bad_cadence", "unreadable_cadence")]
    assert stages == []
