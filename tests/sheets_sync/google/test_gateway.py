"""The Sheets gateway against the emulator: request counts, RAW writes, faults, clear errors."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from salespipe.core.errors import ConfigError, SourceError
from sheets_sync.google.gateway import RetryPolicy, SheetsGateway, open_spreadsheet, spreadsheet_key
from tests.support.sheets_auth import SPREADSHEETS
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import (
    LoopbackAdapter,
    make_service_account_key,
    register_oauth_user,
    write_service_account_file,
)

USER_TABS = ["Pipeline", "Étapes", "Plan d'actions"]
MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité", "Historique"]
PIPELINE = [
    ["ID", "Affaire", "Étape", "Montant HT", "Date de création"],
    ["A1", "Site web", "Proposition envoyée", "50000", "2026-09-01"],
    ["A2", "'=2+2 n'est pas une formule", "Négociation", "12 500", "2026-09-15"],
]
STAGES = [["Étape", "Probabilité"], ["Prospect", "20%"], ["Négociation", "80%"]]
ACTIONS = [["Action", "Budget"], ["Salon", "1500"]]


def report(as_of: date, rows: int = 2) -> dict[str, list[list[Any]]]:
    """Managed tabs as the job would write them: text (one formula-like), numbers, dates, blanks."""
    return {
        "Tableau de bord": [
            ["Indicateur", "Valeur"],
            ["Prévision pondérée", 45000.5],
            ["Au", as_of],
        ],
        "Relances": [["Affaire", "Prochaine relance"]]
        + [[f"A{i}", date(2026, 11, 24)] for i in range(rows)],
        "Contrôle qualité": [
            ["Feuille", "Ligne", "Message"],
            ["Pipeline", 3, "=cmd|' /C calc'!A0"],
        ],
        "Historique": [["Date", "Affaire", "Étape"], [datetime(2026, 11, 23, 9, 30), "A1", None]],
    }


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def policy(sleeps: list[float]) -> RetryPolicy:
    return RetryPolicy(attempts=5, base_delay=1.0, max_delay=30.0, timeout=5.0, sleep=sleeps.append)


@pytest.fixture
def key(sheets_emulator: SheetsEmulator) -> str:
    tabs = {"Pipeline": PIPELINE, "Étapes": STAGES, "Plan d'actions": ACTIONS}
    return sheets_emulator.create_spreadsheet("Suivi commercial", tabs, locale="fr_FR")


def connect(
    emulator: SheetsEmulator, key: str, credentials: Path, policy: RetryPolicy
) -> SheetsGateway:
    return open_spreadsheet(key, credentials, retry=policy, transport=LoopbackAdapter(emulator.url))


@pytest.fixture
def gateway(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, policy: RetryPolicy
) -> SheetsGateway:
    return connect(sheets_emulator, key, service_account_file, policy)


def sync_once(gateway: SheetsGateway, as_of: date = date(2026, 11, 23)) -> dict[str, Any]:
    """A run as the job will make it: read user tabs, (core), write managed tabs."""
    grids = gateway.read_tabs(USER_TABS)
    gateway.write_tabs(report(as_of))
    return grids


# ---------------------------------------------------------------- opening


def test_open_by_key_or_url_is_one_request(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, policy: RetryPolicy
) -> None:
    by_key = connect(sheets_emulator, key, service_account_file, policy)
    url = f"https://docs.google.com/spreadsheets/d/{key}/edit#gid=0"
    by_url = connect(sheets_emulator, url, service_account_file, policy)
    assert by_key.titles() == by_url.titles() == USER_TABS
    assert by_key.title == "Suivi commercial"
    assert sheets_emulator.stats.by_endpoint()["spreadsheets.get"] == 2
    assert sheets_emulator.stats.count() == 2


def test_spreadsheet_key_parsing() -> None:
    assert spreadsheet_key(" 1abcdefghijklmnopqrstuvwxyz_-0123456789ABCD ") == (
        "1abcdefghijklmnopqrstuvwxyz_-0123456789ABCD"
    )
    with pytest.raises(ConfigError) as info:
        spreadsheet_key("https://example.com/not-a-sheet")
    assert "https://example.com/not-a-sheet" in str(info.value)


def test_only_the_spreadsheets_scope_is_asked(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator
) -> None:
    assert [g.scopes for g in sheets_emulator.auth.issued()] == [frozenset({SPREADSHEETS})]


# ---------------------------------------------------------------- reading


def test_user_tabs_are_read_in_one_batch_get(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator
) -> None:
    sheets_emulator.stats.reset()
    grids = gateway.read_tabs(USER_TABS)
    assert sheets_emulator.stats.by_endpoint() == {"values.batchGet": 1}
    assert grids["Pipeline"][1] == ["A1", "Site web", "Proposition envoyée", 50000, 46266]
    assert grids["Pipeline"][2][1:4] == ["=2+2 n'est pas une formule", "Négociation", 12500]
    assert grids["Étapes"][1] == ["Prospect", 0.2]
    assert grids["Plan d'actions"] == [["Action", "Budget"], ["Salon", 1500]]


def test_missing_user_tab_names_it(gateway: SheetsGateway, sheets_emulator: SheetsEmulator) -> None:
    sheets_emulator.stats.reset()
    with pytest.raises(SourceError) as info:
        gateway.read_tabs(["Pipeline", "Actions"])
    assert str(info.value) == (
        "Feuille « Actions » introuvable dans Google Sheets « Suivi commercial » ; "
        "feuilles présentes : Pipeline, Étapes, Plan d'actions"
    )
    assert sheets_emulator.stats.count() == 0


def test_user_tab_renamed_after_opening(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    sheet_id = sheets_emulator.spreadsheet(key).find_sheet("Étapes").sheet_id  # type: ignore[union-attr]
    rename = {"properties": {"sheetId": sheet_id, "title": "Etapes v2"}, "fields": "title"}
    sheets_emulator.apply(key, {"updateSheetProperties": rename})
    with pytest.raises(SourceError) as info:
        gateway.read_tabs(USER_TABS)
    assert "Feuille « Étapes » introuvable" in str(info.value)
    assert "Etapes v2" in str(info.value)


def test_empty_pipeline_tab_reads_as_no_rows(
    sheets_emulator: SheetsEmulator, service_account_file: Path, policy: RetryPolicy
) -> None:
    key = sheets_emulator.create_spreadsheet(
        "Vide", {"Pipeline": [], "Étapes": STAGES, "Plan d'actions": []}
    )
    grids = connect(sheets_emulator, key, service_account_file, policy).read_tabs(USER_TABS)
    assert grids["Pipeline"] == [] and grids["Plan d'actions"] == []


# ---------------------------------------------------------------- writing


def test_first_write_creates_formats_and_writes_raw_in_one_request(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    gateway.read_tabs(USER_TABS)
    sheets_emulator.stats.reset()
    gateway.write_tabs(report(date(2026, 11, 23)))
    assert sheets_emulator.stats.by_endpoint() == {"spreadsheets.batchUpdate": 1}
    assert sheets_emulator.sheet_titles(key) == USER_TABS + MANAGED
    quality = sheets_emulator.get_values(key, "'Contrôle qualité'", render="FORMULA")
    assert quality[1] == ["Pipeline", 3, "=cmd|' /C calc'!A0"]  # text, never a formula
    assert sheets_emulator.get_values(key, "'Tableau de bord'", render="FORMATTED_VALUE") == [
        ["Indicateur", "Valeur"],
        ["Prévision pondérée", "45000.5"],
        ["Au", "23/11/2026"],  # a date among numbers: its own format
    ]
    assert sheets_emulator.get_values(key, "'Tableau de bord'!B3") == [[46349]]
    assert sheets_emulator.get_values(key, "Relances!B2") == [[46350]]
    assert sheets_emulator.get_values(key, "Historique!A2:C2", render="FORMATTED_VALUE") == [
        ["23/11/2026 09:30", "A1"]
    ]
    assert sheets_emulator.number_format(key, "Relances!B2") == {
        "type": "DATE",
        "pattern": "dd/mm/yyyy",
    }


def test_next_runs_make_three_requests_and_clear_stale_rows(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    gateway.read_tabs(USER_TABS)
    gateway.write_tabs(report(date(2026, 11, 23), rows=5))
    sheets_emulator.stats.reset()
    gateway.refresh()
    gateway.read_tabs(USER_TABS)
    gateway.write_tabs(report(date(2026, 11, 24), rows=2), fixed_layout={"Tableau de bord"})
    assert sheets_emulator.stats.by_endpoint() == {
        "spreadsheets.get": 1,
        "values.batchGet": 1,
        "spreadsheets.batchUpdate": 1,
    }
    assert len(sheets_emulator.get_values(key, "Relances")) == 3


def test_growing_tab_is_resized_and_reformatted(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    gateway.read_tabs(USER_TABS)
    gateway.write_tabs(report(date(2026, 11, 23), rows=2))
    sheets_emulator.stats.reset()
    gateway.write_tabs(report(date(2026, 11, 23), rows=40))
    assert sheets_emulator.stats.by_endpoint() == {"spreadsheets.batchUpdate": 1}
    assert len(sheets_emulator.get_values(key, "Relances")) == 41
    assert sheets_emulator.number_format(key, "Relances!B41") == {
        "type": "DATE",
        "pattern": "dd/mm/yyyy",
    }


def test_renamed_or_deleted_managed_tab_is_recreated(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    sync_once(gateway)
    ss = sheets_emulator.spreadsheet(key)
    relances = ss.find_sheet("Relances").sheet_id  # type: ignore[union-attr]
    quality = ss.find_sheet("Contrôle qualité").sheet_id  # type: ignore[union-attr]
    sheets_emulator.apply(
        key,
        {
            "updateSheetProperties": {
                "properties": {"sheetId": relances, "title": "Mes relances"},
                "fields": "title",
            }
        },
        {"deleteSheet": {"sheetId": quality}},
    )
    gateway.refresh()
    sync_once(gateway)
    titles = sheets_emulator.sheet_titles(key)
    assert sorted(titles) == sorted([*USER_TABS, *MANAGED, "Mes relances"])
    assert sheets_emulator.get_values(key, "'Mes relances'!A1") == [
        ["Affaire"]
    ]  # kept as the person left it


def test_user_tabs_are_never_written(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    before = {t: sheets_emulator.get_values(key, f"'{t}'") for t in ("Pipeline", "Étapes")}
    sync_once(gateway)
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in before} == before
    with pytest.raises(ValueError, match="user tabs are never written: pipeline"):
        gateway.write_tabs({"pipeline": [["x"]]})


def test_a_person_editing_pipeline_during_the_run_keeps_the_edit(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str
) -> None:
    def person_types() -> None:
        sheets_emulator.set_values(key, "Pipeline!B2", [["Site web (refonte)"]])
        sheets_emulator.set_values(key, "Pipeline!A4", [["A3"]])

    sheets_emulator.before("spreadsheets.batchUpdate", person_types)
    sync_once(gateway)
    pipeline = sheets_emulator.get_values(key, "Pipeline")
    assert pipeline[1][1] == "Site web (refonte)"
    assert pipeline[3] == ["A3"]


# ---------------------------------------------------------------- faults


def test_429_and_5xx_are_retried_honouring_retry_after(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, sleeps: list[float]
) -> None:
    sheets_emulator.faults.fail(429, retry_after=3, endpoint="values.batchGet")
    sheets_emulator.faults.fail(503, endpoint="values.batchGet")
    sheets_emulator.faults.fail(502, endpoint="spreadsheets.batchUpdate")
    sync_once(gateway)
    assert sleeps == [3.0, 2.0, 1.0]
    statuses = [
        (r.endpoint, r.status)
        for r in sheets_emulator.stats.records
        if r.endpoint != "oauth2.token"
    ]
    assert statuses == [
        ("spreadsheets.get", 200),  # the opening
        ("values.batchGet", 429),
        ("values.batchGet", 503),
        ("values.batchGet", 200),
        ("spreadsheets.batchUpdate", 502),
        ("spreadsheets.get", 200),  # the structure recomputed from fresh metadata
        ("spreadsheets.batchUpdate", 200),
    ]


def test_retries_are_bounded(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, sleeps: list[float]
) -> None:
    sheets_emulator.faults.fail(503, times=10, endpoint="values.batchGet")
    with pytest.raises(SourceError) as info:
        gateway.read_tabs(USER_TABS)
    assert sleeps == [1.0, 2.0, 4.0, 8.0]
    assert sheets_emulator.stats.count("values.batchGet") == 5
    assert str(info.value) == (
        "Google Sheets ne répond pas correctement (HTTP 503) après 5 tentatives ; "
        "réessayez plus tard."
    )


def test_a_5xx_from_the_token_endpoint_is_retried_like_the_api(
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    policy: RetryPolicy,
    sleeps: list[float],
) -> None:
    # google-auth tries the token endpoint 3 times itself (sleeping about 1 s, then 2 s),
    # then raises RefreshError(retryable=True): it was reported as refused credentials
    sheets_emulator.faults.fail(503, times=3, endpoint="oauth2.token")
    gateway = connect(sheets_emulator, key, service_account_file, policy)
    assert gateway.titles() == USER_TABS
    assert sleeps == [1.0]  # one try of ours, after google-auth's three
    assert sheets_emulator.stats.count("oauth2.token", status=503) == 3
    assert sheets_emulator.stats.count("oauth2.token", status=200) == 1


def test_a_token_endpoint_failing_on_googles_side_is_not_refused_credentials(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sleeps: list[float] = []
    policy = RetryPolicy(attempts=2, sleep=sleeps.append)
    sheets_emulator.faults.fail(500, times=6, endpoint="oauth2.token")
    with pytest.raises(SourceError) as info:
        connect(sheets_emulator, key, service_account_file, policy)
    assert info.value.code == "sheets_token_unavailable"
    assert info.value.message("en") == (
        "Google's sign-in service did not answer properly (INTERNAL: Internal error "
        "encountered.) after 2 attempts: a problem on Google's side, not with your "
        "credentials; try again later."
    )
    assert sleeps == [1.0]
    assert sheets_emulator.stats.count("oauth2.token", status=500) == 6


def test_retry_after_is_capped(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    waits: list[float] = []
    policy = RetryPolicy(max_delay=10.0, sleep=waits.append)
    gateway = connect(sheets_emulator, key, service_account_file, policy)
    sheets_emulator.faults.fail(429, retry_after=3600, endpoint="values.batchGet")
    gateway.read_tabs(USER_TABS)
    assert waits == [10.0]


def test_timeout_is_retried_then_reported(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator
) -> None:
    waits: list[float] = []
    gateway.retry = RetryPolicy(attempts=2, timeout=0.2, sleep=waits.append)
    sheets_emulator.faults.delay(1.0, times=2, endpoint="values.batchGet")
    started = time.monotonic()
    with pytest.raises(SourceError) as info:
        gateway.read_tabs(USER_TABS)
    assert time.monotonic() - started < 2.0
    assert waits == [1.0]
    assert "no answer within 0.2 s" in info.value.message("en")
    assert "pas de réponse en 0.2 s" in str(info.value)


def test_slow_answer_within_the_timeout_is_fine(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator
) -> None:
    sheets_emulator.faults.delay(0.3, endpoint="values.batchGet")
    assert gateway.read_tabs(["Étapes"])["Étapes"][0] == ["Étape", "Probabilité"]


def test_killed_between_read_and_write_then_rerun_converges(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, policy: RetryPolicy
) -> None:
    first = connect(sheets_emulator, key, service_account_file, policy)
    first.read_tabs(USER_TABS)  # the process dies here: nothing written
    assert sheets_emulator.sheet_titles(key) == USER_TABS
    for _ in range(2):
        sync_once(connect(sheets_emulator, key, service_account_file, policy))
    assert sheets_emulator.sheet_titles(key) == USER_TABS + MANAGED
    assert sheets_emulator.get_values(key, "Relances") == [
        ["Affaire", "Prochaine relance"],
        ["A0", 46350],
        ["A1", 46350],
    ]


def test_lost_answer_to_the_structural_batch_creates_nothing_twice(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, key: str, sleeps: list[float]
) -> None:
    sheets_emulator.faults.drop(endpoint="spreadsheets.batchUpdate", after_processing=True)
    sync_once(gateway)
    assert sheets_emulator.sheet_titles(key) == USER_TABS + MANAGED
    # Recomputed from fresh metadata: no tab added twice, the same values again (idempotent).
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate") == 2
    assert sheets_emulator.get_values(key, "Relances") == [
        ["Affaire", "Prochaine relance"],
        ["A0", 46350],
        ["A1", 46350],
    ]
    assert sleeps == [1.0]


def test_expired_token_is_refreshed_mid_run(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator
) -> None:
    gateway.read_tabs(USER_TABS)
    sheets_emulator.expire_tokens()
    gateway.write_tabs(report(date(2026, 11, 23)))
    assert sheets_emulator.stats.count("oauth2.token") == 2


# ---------------------------------------------------------------- access and credentials


def test_sheet_not_shared_says_which_email_to_share_with(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, policy: RetryPolicy
) -> None:
    sheets_emulator.deny_access(key)
    with pytest.raises(SourceError) as info:
        connect(sheets_emulator, key, service_account_file, policy)
    email = json.loads(service_account_file.read_text())["client_email"]
    assert str(info.value) == (
        f"Le classeur Google {key} n'est pas partagé avec {email} : ouvrez-le, cliquez sur "
        f"« Partager » et ajoutez {email} comme éditeur."
    )
    assert info.value.message("en").startswith(
        f"The Google spreadsheet {key} is not shared with {email}"
    )


# Google's answer when the Sheets API is not enabled in the credentials' Cloud project, as
# current Google APIs send it (ErrorInfo with activationUrl; Help link; LocalizedMessage).
_DISABLED_MESSAGE = (
    "Google Sheets API has not been used in project 123456789012 before or it is disabled. "
    "Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com"
    "/overview?project=123456789012 then retry. If you enabled this API recently, wait a few "
    "minutes for the action to propagate to our systems and retry."
)
SERVICE_DISABLED = {
    "error": {
        "code": 403,
        "message": _DISABLED_MESSAGE,
        "status": "PERMISSION_DENIED",
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "SERVICE_DISABLED",
                "domain": "googleapis.com",
                "metadata": {
                    "service": "sheets.googleapis.com",
                    "consumer": "projects/123456789012",
                    "activationUrl": "https://console.developers.google.com/apis/api/"
                    "sheets.googleapis.com/overview?project=123456789012",
                    "serviceTitle": "Google Sheets API",
                    "containerInfo": "123456789012",
                },
            },
            {
                "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
                "locale": "en-US",
                "message": _DISABLED_MESSAGE,
            },
            {
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [
                    {
                        "description": "Google developers console API activation",
                        "url": "https://console.developers.google.com/apis/api/"
                        "sheets.googleapis.com/overview?project=123456789012",
                    }
                ],
            },
        ],
    }
}
ACTIVATION = (
    "https://console.developers.google.com/apis/api/sheets.googleapis.com/overview"
    "?project=123456789012"
)


@pytest.mark.parametrize(
    "body",
    [
        SERVICE_DISABLED,
        # Older answers: the message alone (as quoted in public threads since 2016).
        {"error": {"code": 403, "message": _DISABLED_MESSAGE, "status": "PERMISSION_DENIED"}},
    ],
)
def test_sheets_api_not_enabled_says_where_to_enable_it(
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    policy: RetryPolicy,
    body: dict[str, object],
) -> None:
    """Not « not shared » (a different fix): the Cloud project and Google's activation link."""
    sheets_emulator.faults.fail(403, body=body)
    with pytest.raises(SourceError) as info:
        connect(sheets_emulator, key, service_account_file, policy)
    assert str(info.value) == (
        "L'API Google Sheets n'est pas activée dans le projet Google Cloud 123456789012 de ces "
        f"identifiants : ouvrez {ACTIVATION}, cliquez sur « Activer », attendez quelques "
        "minutes puis relancez."
    )
    assert "click 'Enable'" in info.value.message("en")
    assert "not shared" not in info.value.message("en")


def test_missing_scope_is_told_by_googles_reason(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path, policy: RetryPolicy
) -> None:
    body = {
        "error": {
            "code": 403,
            "message": "Request had insufficient authentication scopes.",
            "status": "PERMISSION_DENIED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                    "domain": "googleapis.com",
                    "metadata": {"service": "sheets.googleapis.com"},
                }
            ],
        }
    }
    sheets_emulator.faults.fail(403, body=body)
    with pytest.raises(SourceError) as info:
        connect(sheets_emulator, key, service_account_file, policy)
    assert "portée https://www.googleapis.com/auth/spreadsheets" in str(info.value)


def test_a_quota_that_stays_exhausted_is_told_as_a_quota(
    gateway: SheetsGateway, sheets_emulator: SheetsEmulator, sleeps: list[float]
) -> None:
    sheets_emulator.faults.fail(429, times=10, endpoint="values.batchGet")
    with pytest.raises(SourceError) as info:
        gateway.read_tabs(USER_TABS)
    assert sheets_emulator.stats.count("values.batchGet") == 5
    assert str(info.value) == (
        "Quota de requêtes Google Sheets dépassé (HTTP 429 RATE_LIMIT_EXCEEDED) après 5 "
        "tentatives ; le quota se compte par minute : relancez dans une minute ou espacez les "
        "synchronisations."
    )


def test_unknown_spreadsheet(
    sheets_emulator: SheetsEmulator, service_account_file: Path, policy: RetryPolicy
) -> None:
    with pytest.raises(SourceError, match="Classeur Google introuvable : 1nope"):
        connect(sheets_emulator, "1nope" + "x" * 30, service_account_file, policy)


def test_revoked_service_account_key(
    sheets_emulator: SheetsEmulator, key: str, tmp_path: Path, policy: RetryPolicy
) -> None:
    account = make_service_account_key("revoked@salespipe-tests.iam.gserviceaccount.com")
    path = write_service_account_file(tmp_path / "sa.json", account, sheets_emulator)
    sheets_emulator.auth.forget_service_account(account.email)
    with pytest.raises(SourceError) as info:
        connect(sheets_emulator, key, path, policy)
    text = str(info.value) + info.value.message("en")
    assert "revoked@salespipe-tests.iam.gserviceaccount.com" in text
    assert "invalid_grant: Invalid grant: account not found" in text
    assert "PRIVATE KEY" not in text and account.private_key_pem[40:80] not in text


def test_revoked_oauth_user(
    sheets_emulator: SheetsEmulator, key: str, tmp_path: Path, policy: RetryPolicy
) -> None:
    info = register_oauth_user(sheets_emulator)
    path = tmp_path / "authorized_user.json"
    path.write_text(json.dumps(info))
    assert connect(sheets_emulator, key, path, policy).titles() == USER_TABS
    info["refresh_token"] = "1//revoked"
    path.write_text(json.dumps(info))
    with pytest.raises(SourceError) as error:
        connect(sheets_emulator, key, path, policy)
    text = str(error.value)
    assert "Token has been expired or revoked." in text
    assert "votre compte Google" in text and "salespipe init --oauth-client" in text
    assert info["client_secret"] not in text and info["refresh_token"] not in text


FAKE_KEY_START = "-----BEGIN " + "PRIVATE KEY-----"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "file not found"),
        ("{not json", "not a readable JSON file"),
        ('{"type": "external_account"}', "type 'external_account' is not service_account"),
        (
            # A truncated, fake key, assembled here so that no key-shaped text is committed.
            json.dumps({"type": "service_account", "private_key": FAKE_KEY_START + "\nsecret"}),
            "fields missing",
        ),
    ],
)
def test_unusable_credentials_file(
    sheets_emulator: SheetsEmulator,
    key: str,
    tmp_path: Path,
    policy: RetryPolicy,
    content: str | None,
    reason: str,
) -> None:
    path = tmp_path / "credentials.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError) as info:
        connect(sheets_emulator, key, path, policy)
    english = info.value.message("en")
    assert str(path) in english and reason in english
    assert str(path) in str(info.value) and str(info.value) != english
    assert "secret" not in english and "secret" not in str(info.value)
    assert sheets_emulator.stats.count("*") == 0


# ---------------------------------------------------------------- size


@pytest.mark.slow
def test_50000_rows(
    sheets_emulator: SheetsEmulator, service_account_file: Path, policy: RetryPolicy
) -> None:
    header = [
        "ID",
        "Affaire",
        "Société",
        "Commercial",
        "Étape",
        "Statut",
        "Montant HT",
        "Probabilité",
        "Date de création",
        "Date de clôture prévue",
        "Dernier contact",
        "Nb relances",
    ]
    rows = [
        [
            f"D{i}",
            f"Affaire {i}",
            f"Société {i % 997}",
            "Marie",
            "Rendez-vous",
            "en cours",
            1000 + i,
            0.4,
            46000 + i % 300,
            46300 + i % 200,
            46200 + i % 100,
            i % 7,
        ]
        for i in range(50_000)
    ]
    key = sheets_emulator.create_spreadsheet(
        "Gros pipeline",
        {"Pipeline": [header, *rows], "Étapes": STAGES, "Plan d'actions": ACTIONS},
        value_input="RAW",
    )
    # The first write of a 50 000-row tab is one 7 MB batch, which the emulator (Python, on
    # a machine shared with other test runs) takes seconds to apply: no retry meanwhile.
    patient = replace(policy, timeout=60.0)
    gateway = connect(sheets_emulator, key, service_account_file, patient)
    started = time.monotonic()
    grids = gateway.read_tabs(USER_TABS)
    history = [["Date", "Affaire", "Étape"]] + [
        [date(2026, 11, 23), f"D{i}", "Rendez-vous"] for i in range(50_000)
    ]
    gateway.write_tabs({"Historique": history})
    elapsed = time.monotonic() - started
    assert len(grids["Pipeline"]) == 50_001 and grids["Pipeline"][-1][0] == "D49999"
    assert sheets_emulator.stats.count("values.*") == 1  # the read; the tab is new:
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate") == 1  # one batch writes it
    assert sheets_emulator.get_values(key, "Historique!A50001:B50001") == [[46349, "D49999"]]
    assert elapsed < 60
