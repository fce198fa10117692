"""The product's own template, imported into Google Sheets, syncs with the default settings:
its « Tableau de bord », « Relances » and « Contrôle qualité » sheets are left alone and the
managed tabs are written beside them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from salespipe.core.errors import ConfigError
from salespipe.settings import SyncSettings
from salespipe.template import write_template
from sheets_sync.check import check_source
from sheets_sync.job import run_sync
from sheets_sync.template_tabs import is_template_tab
from tests.sheets_sync.spreadsheets import AS_OF, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator

SPARE = {
    "fr": ["Tableau de bord (salespipe)", "Relances (salespipe)", "Contrôle qualité (salespipe)"],
    "en": ["Dashboard (salespipe)", "Follow-ups (salespipe)", "Data quality (salespipe)"],
}


def imported(path: Path) -> dict[str, list[list[Any]]]:
    """The template's sheets as Google Sheets holds them after « Fichier > Importer »: typed
    cells as they are, formula cells blank (the emulator computes no formulas; an empty
    template's formulas show blanks), dates as serial numbers."""
    book = openpyxl.load_workbook(path)
    tabs: dict[str, list[list[Any]]] = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            cells = [
                None
                if isinstance(v, str) and v.startswith("=")
                else v
                if v is None or isinstance(v, str | int | float | date | datetime)
                else str(v)
                for v in row
            ]
            rows.append(cells)
        while rows and not any(v not in (None, "") for v in rows[-1]):
            rows.pop()
        tabs[sheet.title] = as_google_returns(rows)
    return tabs


@pytest.fixture(params=["fr", "en"])
def template_key(
    request: pytest.FixtureRequest, sheets_emulator: SheetsEmulator, tmp_path: Path
) -> tuple[str, str]:
    lang = str(request.param)
    path = write_template(tmp_path / f"modele-{lang}.xlsx", lang, sample_as_of=AS_OF)
    key = sheets_emulator.create_spreadsheet("Plan d'actions", imported(path), value_input="RAW")
    return key, lang


def test_the_template_syncs_with_default_settings_beside_its_own_tabs(
    sheets_emulator: SheetsEmulator, template_key: tuple[str, str], service_account_file: Path
) -> None:
    key, lang = template_key
    titles = sheets_emulator.sheet_titles(key)
    before = {title: sheets_emulator.get_values(key, title) for title in titles}
    settings = SyncSettings(spreadsheet=key, lang="fr" if lang == "fr" else "en")
    result = run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert result.tabs_written == SPARE[lang]
    assert result.deals == 240  # the template's sample company
    assert sheets_emulator.sheet_titles(key) == titles + SPARE[lang]
    assert {title: sheets_emulator.get_values(key, title) for title in titles} == before
    board = sheets_emulator.get_values(key, f"'{SPARE[lang][0]}'!A1:B2")
    assert board[0][0] == ("Indicateur" if lang == "fr" else "Metric")
    # the next run finds its tabs again: nothing changed, so two requests and no write
    written = {t: sheets_emulator.get_values(key, t) for t in SPARE[lang]}
    sheets_emulator.stats.reset()
    run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}
    assert {t: sheets_emulator.get_values(key, t) for t in SPARE[lang]} == written


def test_a_name_set_in_the_settings_is_kept_and_the_template_tab_still_protected(
    sheets_emulator: SheetsEmulator, template_key: tuple[str, str], service_account_file: Path
) -> None:
    key, lang = template_key
    board = "Tableau de bord" if lang == "fr" else "Dashboard"
    settings = SyncSettings(spreadsheet=key, lang="fr", dashboard_tab=board)
    with pytest.raises(ConfigError) as info:
        run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert info.value.code == "sync_foreign_tab"


def test_a_persons_own_dashboard_is_not_taken_for_the_templates() -> None:
    assert is_template_tab("dashboard", [["Tableau de bord commercial"]])
    assert is_template_tab("followups", [["No.", "Row", "ID", "Deal", "Company", "Owner",
                                          "Stage", "Last contact", "Due", "State",
                                          "Business days late", "Touches done"]])  # fmt: skip
    assert not is_template_tab("dashboard", [["Tableau de bord", "2026"]])
    assert not is_template_tab("followups", [["N°", "Ligne", "Client"]])
    assert not is_template_tab("history", [["Historique"]])


def test_check_names_the_tabs_a_sync_would_write_beside_the_template(
    sheets_emulator: SheetsEmulator, template_key: tuple[str, str], service_account_file: Path
) -> None:
    key, lang = template_key
    sheets_emulator.stats.reset()
    settings = SyncSettings(spreadsheet=key, lang="fr" if lang == "fr" else "en")
    lines = check_source(settings, lambda s: connect(sheets_emulator, key, service_account_file))
    history = "Historique" if lang == "fr" else "History"  # the template has none: usual name
    assert lines[-1].endswith(f": {', '.join(SPARE[lang])}, {history}.")
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # their row 1, nothing written
