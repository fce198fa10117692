"""A person rearranges the tabs between the sync's read and its write: every write is
addressed to the sheet id salespipe read as its own, never to whatever tab holds the name
when the write arrives.

The scenario of issue 15: the sync reads « Relances » (salespipe's); before the write, a
person renames it and renames a tab of their own to « Relances ». Written by title, the
person's tab was overwritten. Real gspread and google-auth over HTTP to the emulator; the
edits land just before the write request (tests/support/sheets_faults.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gspread.utils import absolute_range_name

from salespipe.core.errors import ConfigError, SourceError
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.job import run_sync
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_faults import (
    between_read_and_write,
    delete_tab,
    rename_tab,
    tab_edits,
)

MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité"]
NEXT_DAY = AS_OF + timedelta(days=1)  # a day later: days late change, so the run writes
PERSONS_ID = 4242
PERSONS_ROWS = [
    ["Affaire", "Qui", "Quand", "Note"],
    ["AFF-0007", "Léa", "lundi", "rappeler après 14 h"],
    ["AFF-0012", "Marc", "mardi", "=pas une formule"],
]


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, demo: Path, service_account_file: Path) -> str:
    """The demo spreadsheet after a first sync: salespipe's managed tabs exist."""
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    key = sheets_emulator.create_spreadsheet(
        "Suivi commercial", tabs, locale="fr_FR", value_input="RAW"
    )
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    return key


def add_persons_tab(emulator: SheetsEmulator, key: str, title: str, rows: list[list[Any]]) -> None:
    """A tab of a person's own (Google gives it an id of its own)."""
    emulator.apply(key, {"addSheet": {"properties": {"title": title, "sheetId": PERSONS_ID}}})
    if rows:
        emulator.set_values(key, absolute_range_name(title, "A1"), rows, value_input="RAW")


def persons_tab(emulator: SheetsEmulator, key: str) -> dict[str, Any]:
    """Everything the person's tab holds (cells with their formats and notes, row and
    column properties, filters, merges), but its title and place."""
    with emulator.lock:
        sheet = emulator.spreadsheet(key).sheet_by_id(PERSONS_ID)
        assert sheet is not None
        props = {k: v for k, v in sheet.props.items() if k not in ("title", "index")}
        return copy.deepcopy(
            {
                "props": props,
                "rows": sheet.rows,
                "extras": sheet.extras,
                "row_meta": sheet.row_meta,
                "col_meta": sheet.col_meta,
            }
        )


def managed_tabs(emulator: SheetsEmulator, key: str, titles: dict[str, str]) -> dict[str, Any]:
    """The managed tabs' values, each read under ``titles[name]`` (its title now)."""
    return {
        name: emulator.get_values(key, absolute_range_name(titles.get(name, name)))
        for name in MANAGED
    }


def from_scratch(emulator: SheetsEmulator, key: str, credentials: Path) -> dict[str, Any]:
    """The managed tabs a first run on NEXT_DAY writes on a copy of the user's tabs."""
    user = {t: emulator.get_values(key, absolute_range_name(t)) for t in USER_TABS}
    other = emulator.create_spreadsheet("Suivi commercial", user, locale="fr_FR", value_input="RAW")
    run_sync(SyncSettings(), connect(emulator, other, credentials), NEXT_DAY)
    return managed_tabs(emulator, other, {})


def requests_made(emulator: SheetsEmulator) -> dict[str, int]:
    calls = dict(emulator.stats.by_endpoint())
    calls.pop("oauth2.token", None)
    return calls


def test_a_tab_renamed_to_a_managed_name_before_the_write_is_left_as_it_was(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    add_persons_tab(sheets_emulator, key, "Mes relances", PERSONS_ROWS)
    ours = sheets_emulator.sheet_ids(key)["Relances"]
    before = persons_tab(sheets_emulator, key)
    expected = from_scratch(sheets_emulator, key, service_account_file)
    between_read_and_write(
        sheets_emulator,
        key,
        rename_tab("Relances", "Relances (ancien)"),
        rename_tab("Mes relances", "Relances"),
    )
    sheets_emulator.stats.reset()
    gateway = connect(sheets_emulator, key, service_account_file)
    result = run_sync(SyncSettings(), gateway, NEXT_DAY)

    assert "Relances" in result.tabs_written
    ids = sheets_emulator.sheet_ids(key)
    assert ids["Relances"] == PERSONS_ID and ids["Relances (ancien)"] == ours
    assert persons_tab(sheets_emulator, key) == before  # untouched, cell for cell
    assert sheets_emulator.get_values(key, "Relances") == PERSONS_ROWS
    # salespipe's own tab, under the name the person gave it, is the one written
    written = managed_tabs(sheets_emulator, key, {"Relances": "Relances (ancien)"})
    assert written == expected
    # the same three requests as any run that writes
    assert requests_made(sheets_emulator) == {
        "spreadsheets.get": 1,
        "values.batchGet": 1,
        "spreadsheets.batchUpdate": 1,
    }


def test_a_rename_before_a_write_whose_answer_is_lost_is_still_written_by_id(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """The retry reads the metadata again, where « Relances » is the person's tab: it
    still writes the tab of the id read, and the person's tab stays as it was."""
    add_persons_tab(sheets_emulator, key, "Mes relances", PERSONS_ROWS)
    before = persons_tab(sheets_emulator, key)
    expected = from_scratch(sheets_emulator, key, service_account_file)
    between_read_and_write(
        sheets_emulator,
        key,
        rename_tab("Relances", "Relances (ancien)"),
        rename_tab("Mes relances", "Relances"),
    )
    sheets_emulator.faults.drop(endpoint="spreadsheets.batchUpdate", after_processing=True)
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), NEXT_DAY)

    assert persons_tab(sheets_emulator, key) == before
    written = managed_tabs(sheets_emulator, key, {"Relances": "Relances (ancien)"})
    assert written == expected


def test_a_managed_tab_deleted_before_the_write_is_created_again(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    expected = from_scratch(sheets_emulator, key, service_account_file)
    between_read_and_write(sheets_emulator, key, delete_tab("Relances"))
    sheets_emulator.stats.reset()
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), NEXT_DAY)

    assert managed_tabs(sheets_emulator, key, {}) == expected
    # Google refused the batch (nothing written), the metadata was read again, and the
    # write planned anew created the tab: two more requests, only in this case.
    assert requests_made(sheets_emulator) == {
        "spreadsheets.get": 2,
        "values.batchGet": 1,
        "spreadsheets.batchUpdate": 2,
    }
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate", status=400) == 1


def test_a_persons_tab_renamed_into_a_deleted_managed_tabs_place_is_refused(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    add_persons_tab(sheets_emulator, key, "Mes relances", PERSONS_ROWS)
    before = persons_tab(sheets_emulator, key)
    others = {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED if t != "Relances"}
    between_read_and_write(
        sheets_emulator, key, delete_tab("Relances"), rename_tab("Mes relances", "Relances")
    )
    gateway = connect(sheets_emulator, key, service_account_file)
    with pytest.raises(ConfigError) as error:
        run_sync(SyncSettings(), gateway, NEXT_DAY)

    assert error.value.code == "sync_foreign_tab"
    assert str(error.value).startswith(
        "L'onglet « Relances » n'a pas été écrit par salespipe (sa première ligne est "
        "« Affaire, Qui, Quand, Note »)"
    )
    assert persons_tab(sheets_emulator, key) == before
    # the refused batch wrote nothing, and nothing was sent after it
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in others} == others


def test_an_empty_tab_renamed_into_a_deleted_managed_tabs_place_is_written(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """As at read time, an empty tab under a managed name is used: nothing in it is lost."""
    add_persons_tab(sheets_emulator, key, "Feuille 7", [])
    expected = from_scratch(sheets_emulator, key, service_account_file)
    between_read_and_write(
        sheets_emulator, key, delete_tab("Relances"), rename_tab("Feuille 7", "Relances")
    )
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), NEXT_DAY)

    assert sheets_emulator.sheet_ids(key)["Relances"] == PERSONS_ID
    assert managed_tabs(sheets_emulator, key, {}) == expected


def test_a_managed_tab_deleted_again_during_the_second_write_stops_with_a_message(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """Planned anew once, not forever: a second tab deleted under the second write stops
    the run with a message that says what happened and what to do."""
    edits: list[Callable[[], None]] = [
        tab_edits(sheets_emulator, key, delete_tab("Relances")),
        tab_edits(sheets_emulator, key, delete_tab("Tableau de bord")),
    ]
    sheets_emulator.before("spreadsheets.batchUpdate", lambda: edits.pop(0)(), times=2)
    gateway = connect(sheets_emulator, key, service_account_file)
    with pytest.raises(SourceError) as error:
        run_sync(SyncSettings(), gateway, NEXT_DAY)

    assert error.value.code == "sheets_tabs_changed"
    assert str(error.value) == (
        "Les onglets du classeur « Suivi commercial » ont changé pendant la synchronisation : "
        "l'onglet « Tableau de bord » de salespipe a été supprimé pendant l'écriture, deux "
        "fois de suite. Rien n'a été écrit ; relancez la synchronisation quand personne ne "
        "réorganise les onglets."
    )
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate", status=400) == 2
    # run again, nobody moving tabs: both tabs are back
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), NEXT_DAY)
    assert managed_tabs(sheets_emulator, key, {}) == from_scratch(
        sheets_emulator, key, service_account_file
    )
