"""A managed tab is salespipe's by its sheet id, not only by its first rows: a person's
tab with a managed name whose first 20 rows are blank, or whose row 1 happens to be the
dashboard's « Indicateur | Valeur », was overwritten. Three requests per run still."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.core.errors import ConfigError
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.google.tabs import Tab, made_by_salespipe, new_sheet_id
from sheets_sync.job import run_sync
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, demo: Path) -> str:
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    return sheets_emulator.create_spreadsheet(
        "Suivi commercial", tabs, locale="fr_FR", value_input="RAW"
    )


def add_persons_tab(emulator: SheetsEmulator, key: str, title: str, rows: list[list[str]],
                    at: str = "A1") -> None:  # fmt: skip
    """A tab added by hand: Google gives it an id of its own."""
    emulator.apply(key, {"addSheet": {"properties": {"title": title, "sheetId": 4242}}})
    emulator.set_values(key, f"{title}!{at}", rows)


def test_a_persons_tab_blank_on_its_first_20_rows_is_not_overwritten(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    own = [["Affaire", "Qui", "Quand"], ["AFF-0007", "Léa", "lundi"]]
    add_persons_tab(sheets_emulator, key, "Relances", own, at="A25")
    before = sheets_emulator.get_values(key, "Relances")
    with pytest.raises(ConfigError) as error:
        run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert error.value.code == "sync_foreign_tab"
    assert sheets_emulator.get_values(key, "Relances") == before
    assert before[24] == own[0]


def test_a_persons_tab_headed_like_the_dashboard_is_not_overwritten(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    own = [["Indicateur", "Valeur"], ["CA 2025", "1 200 000"], ["Clients", "48"]]
    add_persons_tab(sheets_emulator, key, "Tableau de bord", own)
    before = sheets_emulator.get_values(key, "Tableau de bord")
    with pytest.raises(ConfigError) as error:
        run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "« Tableau de bord » was not written by salespipe" in error.value.message("en")
    assert sheets_emulator.get_values(key, "Tableau de bord") == before
    assert before[0] == own[0] and len(before) == 3


def test_salespipes_own_tabs_are_its_own_again_and_an_unchanged_run_writes_nothing(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    sheets_emulator.stats.reset()
    result = run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert result.tabs_written == ["Tableau de bord", "Relances", "Contrôle qualité"]
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # nothing changed: no write


def test_an_empty_tab_added_by_hand_is_read_whole_and_used(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sheets_emulator.apply(key, {"addSheet": {"properties": {"title": "Relances", "sheetId": 7}}})
    result = run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "Relances" in result.tabs_written


def test_the_ids_salespipe_gives_are_known_again_along_their_chain() -> None:
    taken: set[int] = set()
    first, second = new_sheet_id("Relances", taken), new_sheet_id("Relances", taken)
    assert first != second and 0 not in (first, second)
    assert made_by_salespipe(Tab("Relances", first, 10, 10), "Relances")
    assert made_by_salespipe(Tab("relances", second, 10, 10), "Relances")
    assert not made_by_salespipe(Tab("Relances", 4242, 10, 10), "Relances")
