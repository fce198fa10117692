"""The sync job: once against the Sheets emulator (real gspread), once on a local workbook."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from salespipe.api import report_on_workbook
from salespipe.cli import main
from salespipe.core.errors import ConfigError, SourceError
from salespipe.files import read_grids
from salespipe.settings import SyncSettings, load_all_settings, load_settings
from sheets_sync.google.tabs import new_sheet_id
from sheets_sync.history_store import HistoryStore
from sheets_sync.job import run_sync
from sheets_sync.sources.local import LocalWorkbookSource
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator

MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité"]
FORECAST_LABEL = "Prévision pondérée de la période"


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, demo: Path) -> str:
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    return sheets_emulator.create_spreadsheet(
        "Suivi commercial", tabs, locale="fr_FR", value_input="RAW"
    )


def dashboard_value(rows: list[list[Any]], label: str) -> Any:
    return next(row[1] for row in rows if row and row[0] == label)


def test_google_run_writes_the_cores_figures_and_never_the_user_tabs(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, demo: Path
) -> None:
    before = {name: sheets_emulator.get_values(key, name) for name in USER_TABS}
    result = run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)

    expected = report_on_workbook(demo, AS_OF)
    assert sheets_emulator.sheet_titles(key) == USER_TABS + MANAGED
    assert {name: sheets_emulator.get_values(key, name) for name in USER_TABS} == before
    dashboard = sheets_emulator.get_values(key, "Tableau de bord")
    assert dashboard[0] == ["Indicateur", "Valeur"]
    assert dashboard_value(dashboard, FORECAST_LABEL) == pytest.approx(
        expected.summary.period_forecast
    )
    assert len(sheets_emulator.get_values(key, "Relances")) == len(expected.followups) + 1
    assert result.deals == expected.summary.deals
    assert result.issues == len(sheets_emulator.get_values(key, "Contrôle qualité")) - 1
    assert result.tabs_read == USER_TABS and result.tabs_written == MANAGED


def test_second_run_on_unchanged_data_reads_and_writes_nothing(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    first = {name: sheets_emulator.get_values(key, name) for name in USER_TABS + MANAGED}
    sheets_emulator.stats.reset()
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)  # a new process signs in again
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # nothing changed: no write
    assert {name: sheets_emulator.get_values(key, name) for name in USER_TABS + MANAGED} == first


def test_missing_pipeline_tab_is_a_clear_error(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    settings = SyncSettings(pipeline_tab="Affaires")
    with pytest.raises(SourceError, match="Affaires") as info:
        run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "Pipeline" in str(info.value)
    assert sheets_emulator.sheet_titles(key) == USER_TABS


# A PME's own tracker: no « Pipeline » tab; its own tab name, a title row, its own headers.
OWN_TRACKER = [
    ["Suivi commercial 2026"],
    [],
    ["Réf", "Affaire", "Société", "Phase", "Statut", "CA estimé", "% réussite",
     "Date de clôture prévue", "Dernier contact", "Nb relances"],
    ["S1", "Site web", "ACME", "Proposition envoyée", "en cours", 50000, 0.3, "15/12/2026",
     "02/11/2026", 1],
    ["S2", "ERP", "Beta", "Négociation", "en cours", 30000, 0.5, "20/12/2026", "10/11/2026", 2],
]  # fmt: skip


def test_a_local_workbook_without_a_pipeline_sheet_is_found_by_content(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Suivi 2026"
    for row in OWN_TRACKER:
        sheet.append(row)
    book.save(tmp_path / "ventes.xlsx")
    result = run_sync(
        SyncSettings(), LocalWorkbookSource(tmp_path / "ventes.xlsx", tmp_path / "out.xlsx"), AS_OF
    )
    assert (result.deals, result.tabs_read) == (2, ["Suivi 2026"])


def test_a_sheet_without_a_pipeline_tab_is_found_by_content(
    sheets_emulator: SheetsEmulator, service_account_file: Path
) -> None:
    """As `salespipe report` finds it: the tab whose table has the most deal columns. Still
    one read, the notes tab read but left alone."""
    tabs = {"Notes": [["Réunion du lundi"]], "Suivi 2026": OWN_TRACKER}
    key = sheets_emulator.create_spreadsheet("Ventes", tabs, locale="fr_FR", value_input="RAW")
    before = {name: sheets_emulator.get_values(key, name) for name in tabs}
    sheets_emulator.stats.reset()
    result = run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert (result.deals, result.tabs_read) == (2, ["Suivi 2026"])
    assert {name: sheets_emulator.get_values(key, name) for name in tabs} == before
    dashboard = sheets_emulator.get_values(key, "Tableau de bord")
    assert dashboard_value(dashboard, "Pipeline en cours") == 80000
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls["values.batchGet"] == 1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_local_run_leaves_the_input_and_writes_the_managed_sheets(
    demo: Path, tmp_path: Path
) -> None:
    before = digest(demo)
    output = tmp_path / "out.xlsx"
    result = run_sync(SyncSettings(), LocalWorkbookSource(demo, output), AS_OF)
    assert digest(demo) == before
    expected = report_on_workbook(demo, AS_OF)
    book = load_workbook(output)
    assert book.sheetnames == MANAGED
    rows = [list(r) for r in book["Tableau de bord"].iter_rows(values_only=True)]
    assert dashboard_value(rows, FORECAST_LABEL) == pytest.approx(expected.summary.period_forecast)
    assert book["Relances"].max_row == len(expected.followups) + 1
    assert result.issues == len(expected.issues)


def test_local_source_refuses_to_write_its_input(demo: Path) -> None:
    with pytest.raises(ConfigError) as error:
        LocalWorkbookSource(demo, demo)
    assert "salespipe never writes to it" in error.value.message("en")
    assert "salespipe n'y écrit jamais" in str(error.value)


def test_settings_precedence_cli_over_env_over_toml(tmp_path: Path) -> None:
    config = tmp_path / "sync.toml"
    config.write_text(
        '[sync]\nspreadsheet = "k"\ncredentials = "sa.json"\ntarget = "250 000 €"\n'
        'period = "year"\nlang = "en"\n',
        encoding="utf-8",
    )
    env = {"SALESPIPE_PERIOD": "month", "SALESPIPE_LANG": "fr"}
    settings = load_settings(config, {"lang": "en", "period": None}, environ=env)
    assert settings.spreadsheet == "k" and settings.mode == "google"
    assert settings.credentials == tmp_path / "sa.json"
    assert settings.target == 250_000.0
    assert settings.period == "month"  # env over TOML
    assert settings.lang == "en"  # CLI over env
    assert load_settings(None, {}, environ={}) == SyncSettings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[sync]\ncolour = "blue"\n', "Unknown sync setting"),
        ('[sync]\nperiod = "week"\n', "period"),
        ("[sync\n", "Cannot read"),
    ],
)
def test_bad_settings_are_config_errors(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "sync.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config, environ={})
    assert re.search(message, error.value.message("en"))


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
        raise SystemExit(0)
    return int(info.value.code or 0)


def test_cli_sync_local(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    own_data_directory: Path,
) -> None:
    for name in ("SPREADSHEET", "CREDENTIALS", "WORKBOOK", "OUTPUT"):
        monkeypatch.delenv(f"SALESPIPE_{name}", raising=False)
    before = digest(demo)
    output = tmp_path / "managed.xlsx"
    assert run_cli(["sync", str(demo), "-o", str(output), "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("suivi.xlsx : lu Pipeline, Étapes, Plan d'actions (")
    assert " ; historique commencé (239 affaires) en " in out.out
    assert load_workbook(output).sheetnames == [*MANAGED, "Historique"]
    assert digest(demo) == before
    assert (own_data_directory / "salespipe" / "history.sqlite").is_file()


def test_cli_sync_default_output_next_to_the_workbook(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SALESPIPE_OUTPUT", raising=False)
    monkeypatch.delenv("SALESPIPE_SPREADSHEET", raising=False)
    assert run_cli(["sync", str(demo), "--as-of", "2026-11-23"]) == 0
    assert (demo.parent / "suivi-salespipe.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["sync", "nope.xlsx"], "Error: File not found: nope.xlsx\n"),
        (
            ["sync", "--config", "nope.toml"],
            "Error: Sync configuration file not found: nope.toml\n",
        ),
    ],
)
def test_cli_sync_errors_are_one_line(
    args: list[str],
    error: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SALESPIPE_SPREADSHEET", raising=False)
    assert run_cli(args) == 1
    assert capsys.readouterr().err == error


def test_a_persons_tab_named_like_a_managed_tab_is_never_overwritten(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """The team keeps its own « Relances » log (or imported the template, whose
    « Relances » has formulas): the sync refuses before writing anything, and a setting
    gives the managed tab another name."""
    own = [["Affaire", "Qui", "Quand"], ["AFF-0007", "Léa", "lundi"]]
    sheets_emulator.apply(key, {"addSheet": {"properties": {"title": "Relances"}}})
    sheets_emulator.set_values(key, "Relances!A1", own)
    with pytest.raises(ConfigError) as error:
        run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "« Relances » was not written by salespipe" in error.value.message("en")
    assert "« Relances » n'a pas été écrit par salespipe" in str(error.value)
    assert sheets_emulator.sheet_titles(key) == [*USER_TABS, "Relances"]
    assert sheets_emulator.get_values(key, "Relances") == own
    settings = SyncSettings(followups_tab="Relances (salespipe)")
    result = run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "Relances (salespipe)" in result.tabs_written
    assert sheets_emulator.get_values(key, "Relances") == own
    sheets_emulator.stats.reset()
    run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)  # still one read (user tabs and managed heads together)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # nothing changed: no write


def test_an_empty_tab_with_a_managed_name_is_used(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sheets_emulator.apply(key, {"addSheet": {"properties": {"title": "Tableau de bord"}}})
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert sheets_emulator.get_values(key, "Tableau de bord")[0] == ["Indicateur", "Valeur"]


def test_a_tab_salespipe_wrote_in_the_other_language_is_still_its_own(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    settings = SyncSettings(dashboard_tab="Pilotage")
    run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    english = replace(settings, lang="en")
    run_sync(english, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert sheets_emulator.get_values(key, "Pilotage")[0] == ["Metric", "Value"]


def test_a_relances_tab_written_before_the_rule_column_is_still_salespipes(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """Upgrading must not stop the sync: the « Relances » tab an earlier version wrote has
    no « Relance calculée depuis » column; it is replaced with the new layout."""
    earlier = [
        ["Ligne", "ID", "Affaire", "Société", "Commercial", "Étape", "Relance due", "État",
         "Jours ouvrés de retard", "Nb relances"],
        [4, "AFF-0004", "Site web", "ACME", "Léa", "Rendez-vous", "02/03/2026", "overdue", 3, 1],
    ]  # fmt: skip
    made = {"title": "Relances", "sheetId": new_sheet_id("Relances", set())}  # as it did
    sheets_emulator.apply(key, {"addSheet": {"properties": made}})
    sheets_emulator.set_values(key, "Relances!A1", earlier)
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    header = sheets_emulator.get_values(key, "Relances")[0]
    assert header == [*earlier[0], "Relance calculée depuis"]


def test_a_persons_tab_with_a_blank_first_row_is_not_overwritten_nor_recorded(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    """Headers below a blank row are normal in real sheets: the tab is not salespipe's.
    The run stops before storing anything in the history."""
    own = [[""], ["Date", "Qui", "Quoi"], ["lundi", "Léa", "appel"]]
    sheets_emulator.apply(key, {"addSheet": {"properties": {"title": "Historique"}}})
    sheets_emulator.set_values(key, "Historique!A1", own)
    history = tmp_path / "h.sqlite"
    with HistoryStore(history) as store, pytest.raises(ConfigError) as error:
        run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )
    assert "« blank »" in error.value.message("en") and "« vide »" in str(error.value)
    with HistoryStore(history) as store:
        assert store.observations(f"sheets:{key}") == []
    assert sheets_emulator.get_values(key, "Historique") == [[], *own[1:]]


def test_two_managed_tabs_with_one_name_are_refused(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    settings = SyncSettings(followups_tab="Suivi", quality_tab="suivi")
    with pytest.raises(ConfigError) as error:
        run_sync(settings, connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "both be named" in error.value.message("en")


def test_shared_identity_settings_and_empty_variables(tmp_path: Path) -> None:
    config = tmp_path / "sync.toml"
    config.write_text(
        '[sync]\nspreadsheet = "1AbC"\n\n[[sync.spreadsheets]]\nname = "local"\n'
        'workbook = "suivi.xlsx"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_all_settings(config, {}, environ={})
    assert "belong in each" in error.value.message("en")
    empty = {"SALESPIPE_HISTORY": "", "SALESPIPE_TARGET": " ", "SALESPIPE_KEEP_HISTORY": ""}
    assert load_settings(None, {}, environ=empty) == SyncSettings()


def test_a_workbook_argument_wins_over_a_configured_spreadsheet(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESPIPE_SPREADSHEET", "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd")
    out = tmp_path / "out.xlsx"
    assert run_cli(["sync", str(demo), "-o", str(out), "--as-of", "2026-11-23"]) == 0
    assert out.is_file()


def test_a_run_dated_in_the_future_does_not_freeze_the_history(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xlsx"
    args = ["sync", str(demo), "-o", str(out), "--history", str(tmp_path / "h.sqlite")]
    assert run_cli([*args, "--as-of", "2099-01-01"]) == 0
    assert (
        "historique non mis à jour : le 2099-01-01 est après aujourd'hui" in capsys.readouterr().out
    )
    assert run_cli(args) == 0
    assert "historique commencé (" in capsys.readouterr().out


def test_money_and_rates_are_formatted_on_the_dashboard(
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    demo: Path,
    tmp_path: Path,
) -> None:
    """Euros as euros, rates as percentages: set once with the tab (a steady run sends no
    formats), and in the local output workbook too."""
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    rows = sheets_emulator.get_values(key, "'Tableau de bord'")
    at = {row[0]: n for n, row in enumerate(rows, start=1) if row}
    euro = sheets_emulator.number_format(key, f"'Tableau de bord'!B{at['Pipeline en cours']}")
    rate = sheets_emulator.number_format(key, f"'Tableau de bord'!B{at['Taux de réussite']}")
    count = sheets_emulator.number_format(key, f"'Tableau de bord'!B{at['Affaires']}")
    assert euro == {"type": "CURRENCY", "pattern": '#,##0.00 "€"'}
    assert rate == {"type": "PERCENT", "pattern": "0.0 %"}
    assert count is None or count.get("type") != "PERCENT"
    funnel = at["Entonnoir (état actuel)"] + 2  # title, header, first stage
    conversion = sheets_emulator.number_format(key, f"'Tableau de bord'!F{funnel}")
    assert conversion is not None and conversion["type"] == "PERCENT"
    output = tmp_path / "out.xlsx"
    run_sync(SyncSettings(), LocalWorkbookSource(demo, output), AS_OF)
    sheet = load_workbook(output)["Tableau de bord"]
    local = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert local["Pipeline en cours"].number_format == '#,##0.00 "€"'
    assert local["Taux de réussite"].number_format == "0.0 %"


def test_formats_follow_the_dashboard_when_its_sections_move(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, tmp_path: Path
) -> None:
    """With the history the dashboard has two more sections; without it, the months move
    up: that run sends the formats again (one structural request), the next is steady."""
    with HistoryStore(tmp_path / "h.sqlite") as store:
        run_sync(
            SyncSettings(),
            connect(sheets_emulator, key, service_account_file),
            AS_OF,
            history=store,
        )

    def months_row() -> int:
        rows = sheets_emulator.get_values(key, "'Tableau de bord'")
        return next(n for n, row in enumerate(rows, start=1) if row == ["Prévision par mois"])

    before = months_row()
    rows = sheets_emulator.get_values(key, "'Tableau de bord'")
    observed = rows.index(["Entonnoir observé (historique)"]) + 3  # 1-based: title, header
    cell = f"'Tableau de bord'!F{observed}"
    assert sheets_emulator.number_format(key, cell) == {"type": "PERCENT", "pattern": "0.0 %"}
    sheets_emulator.stats.reset()
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    calls = sheets_emulator.stats.by_endpoint()
    assert calls.get("spreadsheets.batchUpdate") == 1  # the formats, sent again
    after = months_row()
    assert after < before
    first_month = after + 2  # title, header, first month
    won = sheets_emulator.number_format(key, f"'Tableau de bord'!B{first_month}")
    assert won == {"type": "CURRENCY", "pattern": '#,##0.00 "€"'}
    assert sheets_emulator.number_format(key, cell) is None  # the old layout's, cleared
    sheets_emulator.stats.reset()
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    assert "spreadsheets.batchUpdate" not in sheets_emulator.stats.by_endpoint()
