"""Signing in with a person's own Google account: the installed-app flow against the
emulator's token endpoint, only the person's browser replaced (the consent page's answer)."""

from __future__ import annotations

import json
import socket
import stat
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from salespipe.core.errors import ConfigError, SourceError
from salespipe.settings import SyncSettings
from sheets_sync.check import check_source
from sheets_sync.google.gateway import RetryPolicy, SheetsGateway, open_spreadsheet
from sheets_sync.google.oauth import (
    read_client,
    save_token,
    sign_in_on_console,
    sign_in_with_browser,
)
from tests.support.oauth_browser import MARIE, ConsentingBrowser, consenting_browser
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import LoopbackAdapter, oauth_client_info


@pytest.fixture
def browser(sheets_emulator: SheetsEmulator) -> Iterator[ConsentingBrowser]:
    with consenting_browser(sheets_emulator) as chosen:
        yield chosen


@pytest.fixture
def client_file(sheets_emulator: SheetsEmulator, tmp_path: Path) -> Path:
    path = tmp_path / "client_secret.json"
    path.write_text(json.dumps(oauth_client_info(sheets_emulator)))
    return path


@pytest.fixture
def key(sheets_emulator: SheetsEmulator) -> str:
    return sheets_emulator.create_spreadsheet("Suivi commercial", {"Pipeline": [["Affaire"]]})


def opened(emulator: SheetsEmulator, key: str, token: Path) -> SheetsGateway:
    policy = RetryPolicy(attempts=2, timeout=5.0, sleep=lambda _: None)
    return open_spreadsheet(key, token, retry=policy, transport=LoopbackAdapter(emulator.url))


def console_sign_in(emulator: SheetsEmulator, client: Path, answer: str | None = None) -> Path:
    """The console way; the person opens the link shown, signs in as Marie and pastes the
    address the browser ended on (or ``answer``)."""
    shown: list[str] = []

    def paste() -> str:
        return answer if answer is not None else emulator.auth.consent(shown[-1], MARIE)

    credentials = sign_in_on_console(read_client(client), shown.append, paste,
                                     transport=LoopbackAdapter(emulator.url))  # fmt: skip
    return save_token(credentials, client.parent / "config" / "salespipe" / "google-token.json")


def test_the_console_way_stores_a_private_token_the_sync_reads_and_refreshes(
    sheets_emulator: SheetsEmulator, client_file: Path, key: str
) -> None:
    token = console_sign_in(sheets_emulator, client_file)
    assert stat.S_IMODE(token.stat().st_mode) == 0o600  # the owner's only
    assert stat.S_IMODE(token.parent.stat().st_mode) == 0o700
    stored = json.loads(token.read_text())
    assert stored["type"] == "authorized_user"
    assert stored["refresh_token"].startswith("1//emu-")
    assert stored["scopes"] == ["https://www.googleapis.com/auth/spreadsheets"]
    assert opened(sheets_emulator, key, token).titles() == ["Pipeline"]
    # an hour later the access token is dead: google-auth gets another from the refresh token
    sheets_emulator.expire_tokens()
    sheets_emulator.stats.reset()
    assert opened(sheets_emulator, key, token).titles() == ["Pipeline"]
    calls = sheets_emulator.stats.by_endpoint()
    assert calls["oauth2.token"] == 1 and calls["spreadsheets.get"] >= 1
    assert [g.identity for g in sheets_emulator.auth.issued()] == [MARIE]


def test_the_link_asks_for_the_spreadsheets_scope_offline_with_pkce(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    shown: list[str] = []
    with pytest.raises(ConfigError):
        sign_in_on_console(read_client(client_file), shown.append, lambda: "",
                           transport=LoopbackAdapter(sheets_emulator.url))  # fmt: skip
    link = requests.Request("GET", shown[0]).prepare()
    assert (link.url or "").startswith("https://accounts.google.com/o/oauth2/auth?")
    for part in ("access_type=offline", "prompt=consent", "code_challenge_method=S256",
                 "redirect_uri=http%3A%2F%2Flocalhost",
                 "scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fspreadsheets"):  # fmt: skip
        assert part in shown[0]


def test_cancel_on_googles_page_stores_nothing(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    shown: list[str] = []

    def cancelled() -> str:
        state = shown[-1].split("state=")[1].split("&")[0]
        return f"http://localhost/?error=access_denied&state={state}"

    with pytest.raises(ConfigError) as info:
        sign_in_on_console(read_client(client_file), shown.append, cancelled,
                           transport=LoopbackAdapter(sheets_emulator.url))  # fmt: skip
    assert info.value.code == "oauth_not_signed_in"
    assert "(access_denied)" in info.value.message("fr")
    assert not (client_file.parent / "config").exists()


def test_an_address_from_another_sign_in_is_refused(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    with pytest.raises(ConfigError) as info:
        console_sign_in(sheets_emulator, client_file,
                        "http://localhost/?state=other&code=4/0Emu-x&scope=s")  # fmt: skip
    assert info.value.code == "oauth_state_mismatch"


def test_a_revoked_access_gives_checks_message_for_it(
    sheets_emulator: SheetsEmulator, client_file: Path, key: str
) -> None:
    token = console_sign_in(sheets_emulator, client_file)
    sheets_emulator.auth.revoke_user(MARIE)  # « Supprimer l'accès » in her Google account
    sheets_emulator.expire_tokens()
    with pytest.raises(SourceError) as info:
        check_source(SyncSettings(spreadsheet=key),
                     lambda s: opened(sheets_emulator, key, token))  # fmt: skip
    assert info.value.code == "sheets_oauth_revoked"
    assert "(invalid_grant: Token has been expired or revoked.)" in info.value.message("fr")


def test_a_service_account_key_or_a_web_client_is_not_an_oauth_client(tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"type": "service_account", "client_email": "a@b"}))
    web = tmp_path / "web.json"
    web.write_text(json.dumps({"web": {"client_id": "x"}}))
    with pytest.raises(ConfigError) as info:
        read_client(key)
    assert "donnez-la avec --service-account" in info.value.message("fr")
    with pytest.raises(ConfigError) as info:
        read_client(web)
    assert "client de type « web » ; créez un client « Application de bureau »" in (
        info.value.message("fr")
    )


def test_the_browser_way_gets_the_code_on_a_loopback_port(
    sheets_emulator: SheetsEmulator,
    client_file: Path,
    key: str,
    browser: ConsentingBrowser,
    capsys: pytest.CaptureFixture[str],
) -> None:
    credentials = sign_in_with_browser(read_client(client_file), "fr", browser=browser.name,
                                       transport=LoopbackAdapter(sheets_emulator.url))  # fmt: skip
    token = save_token(credentials, client_file.parent / "google-token.json")
    browser.wait()
    assert browser.pages == [
        "salespipe est autorisé à modifier vos feuilles de calcul Google. Vous pouvez fermer "
        "cette page."
    ]
    assert "Connexion à Google : autorisez salespipe" in capsys.readouterr().out
    assert opened(sheets_emulator, key, token).titles() == ["Pipeline"]


def test_without_a_browser_the_console_way_is_proposed(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    with pytest.raises(ConfigError) as info:
        sign_in_with_browser(read_client(client_file), "fr", browser="no-such-browser-here",
                             transport=LoopbackAdapter(sheets_emulator.url))  # fmt: skip
    assert info.value.code == "oauth_no_browser"
    assert "salespipe init --console" in info.value.message("fr")


class SilentBrowser(webbrowser.BaseBrowser):
    """A browser that opens the page and is left there: nobody clicks « Autoriser »."""

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        return True


def test_a_browser_left_without_an_answer_is_said_in_words(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    webbrowser.register("salespipe-silent-browser", None, SilentBrowser("silent"))
    with pytest.raises(ConfigError) as info:
        sign_in_with_browser(read_client(client_file), "fr", browser="salespipe-silent-browser",
                             transport=LoopbackAdapter(sheets_emulator.url), wait=1)  # fmt: skip
    assert info.value.message("fr").startswith(
        "Connexion à Google non aboutie (pas de réponse dans la page de Google en 1 s) : rien "
        "n'a été enregistré."
    )
    assert "Error" not in info.value.message("fr")


def test_a_token_endpoint_that_never_answers_says_to_sign_in_again(
    sheets_emulator: SheetsEmulator, client_file: Path
) -> None:
    mute = socket.socket()  # connections are taken (the backlog), never answered
    mute.bind(("127.0.0.1", 0))
    mute.listen(4)
    patience = RetryPolicy(attempts=3, timeout=0.5, sleep=lambda _: None)
    shown: list[str] = []
    try:
        with pytest.raises(ConfigError) as info:
            sign_in_on_console(read_client(client_file), shown.append,
                               lambda: sheets_emulator.auth.consent(shown[-1], MARIE),
                               transport=LoopbackAdapter(f"http://127.0.0.1:{mute.getsockname()[1]}"),
                               retry=patience)  # fmt: skip
    finally:
        mute.close()
    assert info.value.message("fr").startswith(
        "Connexion à Google non aboutie (pas de réponse en 0.5 s) : rien n'a été enregistré. "
        "Relancez « salespipe init »"
    )
