"""The sync with its history, end to end: real gspread against the emulator, real SQLite.

A team runs the sync every week; between runs a person moves deals in the Pipeline tab.
The « Historique » tab then lists what moved, and the dashboard adds the funnel observed
from those moves.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.history_store import HistoryStore
from sheets_sync.job import run_sync
from sheets_sync.sources.local import LocalWorkbookSource
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator

MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité", "Historique"]
NEXT_WEEK = AS_OF + timedelta(days=7)


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, demo: Path) -> str:
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    return sheets_emulator.create_spreadsheet("Suivi", tabs, locale="fr_FR", value_input="RAW")


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def values(emulator: SheetsEmulator, key: str, tabs: list[str]) -> dict[str, Any]:
    return {name: emulator.get_values(key, name) for name in tabs}


def open_deal_row(emulator: SheetsEmulator, key: str, stage: str) -> tuple[int, list[Any]]:
    """(sheet row, cells) of the first open deal at ``stage`` with an ID."""
    rows = emulator.get_values(key, "Pipeline")
    header = next(i for i, row in enumerate(rows) if "Étape" in row)
    stage_col, status_col = rows[header].index("Étape"), rows[header].index("Statut")
    for n, row in enumerate(rows[header + 1 :], start=header + 2):
        open_ = len(row) > status_col and str(row[status_col]).casefold() == "en cours"
        if open_ and row[stage_col] == stage and row[0]:
            return n, row
    raise AssertionError(f"no open deal at {stage}")


def move(emulator: SheetsEmulator, key: str, row: int, stage: str) -> None:
    """A person changes the stage cell of ``row`` in the Pipeline tab."""
    rows = emulator.get_values(key, "Pipeline")
    header = next(i for i, r in enumerate(rows) if "Étape" in r)
    column = chr(ord("A") + rows[header].index("Étape"))
    emulator.set_values(key, f"Pipeline!{column}{row}", [[stage]])


def test_runs_on_unchanged_data_leave_sheet_and_history_as_one_run_did(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    history = tmp_path / "history.sqlite"
    with HistoryStore(history) as store:
        first = run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )
    after_one = (values(sheets_emulator, key, USER_TABS + MANAGED), dump(history))
    sheets_emulator.stats.reset()
    with HistoryStore(history) as store:
        again = run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # nothing changed: no write
    assert (values(sheets_emulator, key, USER_TABS + MANAGED), dump(history)) == after_one
    assert first.recorded is not None and first.recorded.stored == first.deals
    assert (
        again.recorded is not None and again.recorded.describe() == "historique : aucun changement"
    )
    assert again.recorded.describe("en") == "history: no change"
    assert sheets_emulator.sheet_titles(key) == USER_TABS + MANAGED
    historique = sheets_emulator.get_values(key, "Historique")
    assert historique == [
        ["Date", "ID", "Affaire", "Société", "Commercial", "Événement", "Avant", "Après", "Jours"]
    ]


def test_a_stage_moved_between_runs_shows_in_the_history_and_the_dashboard(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    history = tmp_path / "history.sqlite"
    with HistoryStore(history) as store:
        run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )
    row, cells = open_deal_row(sheets_emulator, key, "Rendez-vous")
    move(sheets_emulator, key, row, "Proposition envoyée")
    user_tabs = values(sheets_emulator, key, USER_TABS)
    with HistoryStore(history) as store:
        result = run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            NEXT_WEEK,
            history=store,
        )
    assert values(sheets_emulator, key, USER_TABS) == user_tabs  # the person's edit stays
    assert result.recorded is not None and result.recorded.stored == 1
    events = sheets_emulator.get_values(key, "Historique")[1:]
    serial = (NEXT_WEEK - date(1899, 12, 30)).days
    # « Jours » is blank (trimmed by Google): the deal was in Rendez-vous before the first run
    assert events == [
        [
            serial,
            cells[0],
            cells[1],
            cells[2],
            cells[6],
            "Changement d'étape",
            "Rendez-vous",
            "Proposition envoyée",
        ]
    ]
    dashboard = sheets_emulator.get_values(key, "Tableau de bord")
    title = dashboard.index(["Entonnoir observé (historique)"])
    observed = {line[0]: line for line in dashboard[title + 2 :] if line}
    assert observed["Rendez-vous"][1:4] == [result.report.funnel[2].open_at + 1, 1, 0]
    assert ["Jours d'exécution avec des changements", 2] in dashboard


def test_killed_after_recording_then_rerun_converges(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    """The process dies after the history is stored and before the sheet is written: the
    next run writes what one uninterrupted run writes, and stores nothing twice."""

    class Killed(BaseException):
        pass

    class DiesBeforeWriting:
        def __init__(self, inner: Any) -> None:
            self.inner, self.title, self.history_key = inner, inner.title, inner.history_key

        def titles(self) -> list[str]:
            return list(self.inner.titles())

        def read_tabs(self, names: Any, first_rows: Any = ()) -> Any:
            return self.inner.read_tabs(names, first_rows)

        def write_tabs(self, tables: Any, **formats: Any) -> None:
            raise Killed

    history = tmp_path / "history.sqlite"
    with HistoryStore(history) as store:
        run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )
    row, _ = open_deal_row(sheets_emulator, key, "Négociation")
    move(sheets_emulator, key, row, "Gagné")
    with HistoryStore(history) as store, pytest.raises(Killed):
        gateway = connect(sheets_emulator, key, service_account_file)
        run_sync(SyncSettings(), DiesBeforeWriting(gateway), NEXT_WEEK, history=store)
    stored = dump(history)
    with HistoryStore(history) as store:
        rerun = run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            NEXT_WEEK,
            history=store,
        )
    assert dump(history) == stored
    assert rerun.recorded is not None and rerun.recorded.stored == 0
    events = sheets_emulator.get_values(key, "Historique")[1:]
    assert [e[5] for e in events] == ["Gagnée"]


def test_local_workbook_keeps_its_history_too(demo: Path, tmp_path: Path) -> None:
    """The embedded default: same job, same store; the output workbook gets « Historique »,
    and every deal is either followed or counted as not followed."""
    history = tmp_path / "history.sqlite"
    output = tmp_path / "out.xlsx"
    source = LocalWorkbookSource(demo, output)
    with HistoryStore(history) as store:
        result = run_sync(SyncSettings(), source, AS_OF, history=store)
        keys = {o.state.key.split(":")[0] for o in store.observations(source.history_key)}
    assert load_workbook(output).sheetnames == MANAGED
    assert result.recorded is not None
    assert result.recorded.stored + result.recorded.untracked == result.deals
    assert keys <= {"id", "name"} and "id" in keys
