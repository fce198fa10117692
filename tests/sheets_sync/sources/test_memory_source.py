"""The in-memory source: the sync job on grids a program already holds, written in place."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from salespipe.core.errors import ConfigError, SourceError
from salespipe.files import read_grids
from salespipe.sample import build_demo_workbook
from salespipe.settings import SyncSettings
from sheets_sync.job import run_sync
from sheets_sync.sources.local import LocalWorkbookSource
from sheets_sync.sources.memory import InMemorySource
from sheets_sync.sources.protocol import SyncSource

AS_OF = date(2026, 11, 23)
MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité"]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    build_demo_workbook(path, AS_OF)
    return path


def _blank_to_none(rows: list[list[object]]) -> list[list[object]]:
    """Rows as a workbook gives them back: blanks None, no trailing blanks, dates as dates."""
    trimmed = []
    for row in rows:
        cells = [None if cell == "" else cell for cell in row]
        cells = [c.date() if isinstance(c, datetime) else c for c in cells]
        while cells and cells[-1] is None:
            cells.pop()
        trimmed.append(cells)
    return trimmed


def test_one_read_one_write_and_the_figures_of_the_local_workbook(
    demo: Path, tmp_path: Path
) -> None:
    source: SyncSource = InMemorySource(read_grids(demo), "demo.xlsx")
    result = run_sync(SyncSettings(), source, AS_OF)
    assert isinstance(source, InMemorySource)
    assert (source.reads, source.writes) == (1, 1)
    assert source.titles()[-3:] == MANAGED  # added after the person's tabs
    local = run_sync(SyncSettings(), LocalWorkbookSource(demo, tmp_path / "out.xlsx"), AS_OF)
    assert result.report.to_dict() == local.report.to_dict()
    written = load_workbook(tmp_path / "out.xlsx")
    for name in MANAGED:
        expected = [list(row) for row in written[name].iter_rows(values_only=True)]
        assert _blank_to_none(source.tabs[name]) == _blank_to_none(expected), name


def test_a_second_run_replaces_the_managed_tabs_and_leaves_the_persons(demo: Path) -> None:
    grids = read_grids(demo)
    source = InMemorySource(grids, "demo.xlsx")
    run_sync(SyncSettings(), source, AS_OF)
    first = {name: [list(r) for r in rows] for name, rows in source.tabs.items()}
    run_sync(SyncSettings(), source, AS_OF)
    assert source.tabs == first
    assert source.titles() == [*grids, *MANAGED]
    for name, rows in grids.items():
        assert source.tabs[name] == [list(r) for r in rows]


def test_a_persons_tab_with_a_managed_name_is_never_overwritten(demo: Path) -> None:
    mine = [["Client", "À rappeler le"], ["ACME", "02/12/2026"]]
    source = InMemorySource({**read_grids(demo), "Relances": mine}, "demo.xlsx")
    with pytest.raises(ConfigError) as refused:
        run_sync(SyncSettings(), source, AS_OF)
    assert "Relances" in str(refused.value)
    assert source.writes == 0 and source.tabs["Relances"] == mine


def test_a_missing_tab_names_the_tabs_present() -> None:
    source = InMemorySource({"Feuil1": [["x"]]}, "vide")
    with pytest.raises(SourceError) as missing:
        source.read_tabs(["Pipeline"])
    assert "Feuil1" in str(missing.value) and "Pipeline" in str(missing.value)
