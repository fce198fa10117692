"""The runner of a configuration's spreadsheets: what it keeps between rounds."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from openpyxl import load_workbook

from salespipe.settings import SyncSettings
from sheets_sync.runner import SyncRunner
from tests.sheets_sync.spreadsheets import AS_OF


def test_a_scheduled_runner_keeps_only_the_last_rounds_sources(demo: Path, tmp_path: Path) -> None:
    # Under --every the same runner runs for weeks: every round's source kept would keep
    # every run's data in memory until the process ends.
    output = tmp_path / "suivi-salespipe.xlsx"
    settings = SyncSettings(workbook=demo, output=output, keep_history=False)
    lines: list[str] = []
    failures: list[Exception] = []
    runner = SyncRunner(
        [settings],
        out=lines.append,
        on_error=lambda _s, exc: failures.append(exc),
        as_of=AS_OF,
        lock_directory=tmp_path / "locks",
    )
    assert runner.run_all()
    first = weakref.ref(runner.sources[0])
    assert runner.run_all()
    assert runner.run_all()
    assert not failures
    assert len(lines) == 3  # one summary line per round
    assert len(runner.sources) == 1
    assert runner.sources[0].output == output  # type: ignore[attr-defined]
    gc.collect()
    assert first() is None  # the first round's source is gone
    assert "Tableau de bord" in load_workbook(output, read_only=True).sheetnames
