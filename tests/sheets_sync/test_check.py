"""`salespipe check`: what a sync would read and write, or why it cannot, without writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salespipe.cli import main
from salespipe.core.errors import InputError, SourceError
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.check import check_source
from tests.sheets_sync.google.test_gateway import SERVICE_DISABLED
from tests.sheets_sync.spreadsheets import USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, demo: Path) -> str:
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    return sheets_emulator.create_spreadsheet("Suivi commercial", tabs, value_input="RAW")


def test_a_reachable_spreadsheet_says_what_a_sync_would_do_with_one_request(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sheets_emulator.stats.reset()
    settings = SyncSettings(spreadsheet=key)
    lines = check_source(settings, lambda s: connect(sheets_emulator, key, service_account_file))
    email = json.loads(service_account_file.read_text())["client_email"]
    assert lines == [
        "Accès en lecture : « Suivi commercial », 3 onglet(s).",
        f"Compte : {email} (la synchronisation écrit : partagez le classeur avec cette "
        "adresse comme éditeur).",
        "Affaires : onglet « Pipeline ».",
        "Étapes : onglet « Étapes ».",
        "Plan d'actions : onglet « Plan d'actions ».",
        "Onglets écrits par la synchronisation : Tableau de bord, Relances, Contrôle qualité, "
        "Historique.",
    ]
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1}  # nothing read beyond the tab list, nothing written
    assert sheets_emulator.sheet_titles(key) == USER_TABS


def test_the_api_not_enabled_is_told_with_the_link_to_enable_it(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sheets_emulator.faults.fail(403, body=SERVICE_DISABLED)
    with pytest.raises(SourceError) as info:
        check_source(
            SyncSettings(spreadsheet=key),
            lambda s: connect(sheets_emulator, key, service_account_file),
        )
    assert info.value.code == "sheets_api_disabled"


def test_a_configured_pipeline_tab_that_is_missing_is_named(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    with pytest.raises(InputError) as info:
        check_source(
            SyncSettings(spreadsheet=key, pipeline_tab="Ventes"),
            lambda s: connect(sheets_emulator, key, service_account_file),
        )
    assert "Ventes" in str(info.value) and "Pipeline" in str(info.value)


def test_cli_on_a_workbook_without_a_pipeline_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Suivi 2026"
    sheet.append(["Affaire", "Étape", "Montant"])
    book.create_sheet("Notes")
    book.save(tmp_path / "ventes.xlsx")
    main(["check", str(tmp_path / "ventes.xlsx")])  # returns: exit 0
    out = capsys.readouterr().out
    assert (
        "Affaires : pas d'onglet « Pipeline » ; le tableau des affaires sera cherché dans : "
        "Suivi 2026, Notes."
    ) in out
    assert "Étapes : aucun onglet ; les étapes par défaut serviront." in out
    assert list(tmp_path.iterdir()) == [tmp_path / "ventes.xlsx"]  # nothing written


def test_cli_exit_1_with_the_reason_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["check", str(tmp_path / "absent.xlsx")])
    assert done.value.code == 1
    assert "Fichier introuvable" in capsys.readouterr().err
