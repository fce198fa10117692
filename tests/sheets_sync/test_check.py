"""`salespipe check`: what a sync would read and write, or why it cannot, without writing."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from salespipe.cli import main
from salespipe.core.errors import ConfigError, InputError, SourceError
from salespipe.core.texts import both
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.check import CHECK_ATTEMPTS, CHECK_DELAY, check_source
from sheets_sync.google.gateway import RetryPolicy, SheetsGateway, open_spreadsheet
from tests.sheets_sync.google.test_gateway import SERVICE_DISABLED
from tests.sheets_sync.spreadsheets import USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import (
    LoopbackAdapter,
    make_service_account_key,
    oauth_client_info,
    register_oauth_user,
    service_account_info,
)


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


def test_cli_on_a_copy_of_the_template_says_the_tabs_go_to_a_workbook_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from salespipe.template import write_template

    monkeypatch.chdir(tmp_path)
    write_template(tmp_path / "modele.xlsx", "fr")  # its own « Tableau de bord », « Relances »…
    main(["check", "modele.xlsx", "--lang", "fr"])  # returns: exit 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "  Onglets écrits par la synchronisation dans modele-salespipe.xlsx (un classeur à "
        "part ; modele.xlsx n'est pas modifié) : Tableau de bord, Relances, Contrôle qualité, "
        "Historique."
    )
    main(["check", "modele.xlsx", "--lang", "en"])
    assert capsys.readouterr().out.splitlines()[-1] == (
        "  Tabs the sync writes, to modele-salespipe.xlsx (a separate workbook; modele.xlsx is "
        "not changed): Dashboard, Follow-ups, Data quality, History."
    )
    assert list(tmp_path.glob("*.xlsx")) == [tmp_path / "modele.xlsx"]  # nothing written


def test_cli_exit_1_with_the_reason_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["check", str(tmp_path / "absent.xlsx")])
    assert done.value.code == 1
    assert "Fichier introuvable" in capsys.readouterr().err


# --- the sign-in refused, the network down: each its own message, in French by default ---


def check_with(
    emulator: SheetsEmulator, key: str, credentials: Path, base_url: str | None = None
) -> list[str]:
    """``check_source`` on the emulator (or on ``base_url``) with a check's retries, no wait."""
    policy = RetryPolicy(attempts=CHECK_ATTEMPTS, base_delay=CHECK_DELAY, sleep=lambda _: None)
    transport = LoopbackAdapter(base_url or emulator.url)

    def opened(settings: SyncSettings) -> SheetsGateway:
        return open_spreadsheet(key, credentials, retry=policy, transport=transport)

    return check_source(SyncSettings(spreadsheet=key), opened)


def test_an_oauth_client_file_given_as_credentials_says_to_sign_in_first(
    sheets_emulator: SheetsEmulator, key: str, tmp_path: Path
) -> None:
    client = tmp_path / "client_secret_123.apps.googleusercontent.com.json"
    client.write_text(json.dumps(oauth_client_info(sheets_emulator)))
    with pytest.raises(ConfigError) as info:
        check_with(sheets_emulator, key, client)
    assert info.value.code == "sheets_credentials_client_file"
    said = info.value.message("fr")
    assert f"salespipe init --oauth-client {client}" in said
    assert "not-a-real-client-secret" not in said  # never the file's secrets


def test_a_service_account_key_deleted_in_the_console_says_to_create_a_new_one(
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    tmp_path: Path,
) -> None:
    # the account is known (its first key registered) but this file holds another key:
    # Google's token endpoint answers 400 invalid_grant "Invalid JWT Signature."
    replaced = make_service_account_key()
    stale = tmp_path / "old-key.json"
    stale.write_text(json.dumps(service_account_info(replaced, sheets_emulator.url + "/token")))
    with pytest.raises(SourceError) as info:
        check_with(sheets_emulator, key, stale)
    assert info.value.code == "sheets_key_refused"
    said = info.value.message("fr")
    assert said.startswith(f"Google refuse la clé du compte de service {replaced.email} "
                           "(invalid_grant: Invalid JWT Signature.)")  # fmt: skip
    assert "« Ajouter une clé » (JSON)" in said


def test_an_oauth_token_expired_or_revoked_says_to_sign_in_again(
    sheets_emulator: SheetsEmulator, key: str, tmp_path: Path
) -> None:
    info = register_oauth_user(sheets_emulator)
    revoked = tmp_path / "token.json"  # the user removed salespipe's access: a refresh token
    revoked.write_text(json.dumps({**info, "refresh_token": "1//revoked"}))  # Google forgot
    with pytest.raises(SourceError) as error:
        check_with(sheets_emulator, key, revoked)
    assert error.value.code == "sheets_oauth_revoked"
    assert error.value.message("fr") == (
        "L'autorisation donnée par votre compte Google a expiré ou a été retirée "
        "(invalid_grant: Token has been expired or revoked.) : reconnectez-vous avec "
        "« salespipe init --oauth-client FICHIER_CLIENT.json » (le fichier du client OAuth de "
        "votre projet Google Cloud)."
    )


def test_no_network_is_said_within_seconds_with_the_number_of_tries(
    sheets_emulator: SheetsEmulator, key: str, tmp_path: Path, service_account_key: Any
) -> None:
    nothing = socket.socket()  # a port nobody listens on: connection refused, as offline
    nothing.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{nothing.getsockname()[1]}"
    nothing.close()
    sheets_emulator.register_service_account(service_account_key.email,
                                             service_account_key.public_key_pem)  # fmt: skip
    google = tmp_path / "key.json"  # Google's own token endpoint, unreachable
    info = service_account_info(service_account_key, "https://oauth2.googleapis.com/token")
    google.write_text(json.dumps(info))
    waits: list[float] = []
    told: list[tuple[Any, ...]] = []  # what --progress shows meanwhile
    policy = RetryPolicy(attempts=CHECK_ATTEMPTS, base_delay=CHECK_DELAY, sleep=waits.append,
                         on_retry=lambda *retry: told.append(retry))  # fmt: skip
    with pytest.raises(SourceError) as info:
        check_source(
            SyncSettings(spreadsheet=key),
            lambda s: open_spreadsheet(key, google, retry=policy,
                                       transport=LoopbackAdapter(closed)),
        )  # fmt: skip
    assert info.value.code == "sheets_network"
    assert waits == [0.5, 1.0]  # 3 tries, 1.5 s of waiting in all (a sync: 5 tries, 15 s)
    refused = both("sync.network.refused")
    assert told == [(2, 3, 0.5, refused), (3, 3, 1.0, refused)]
    said = info.value.message("fr")
    assert said.startswith("Google est injoignable depuis cet ordinateur (127.0.0.1 : "
                           "connexion impossible) : 3 tentatives en ")  # fmt: skip
    assert said.endswith("Vérifiez la connexion à Internet (ou le proxy, le pare-feu), puis "
                         "relancez.")  # fmt: skip
