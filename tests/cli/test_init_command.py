"""`salespipe init`: the Google set-up as a user runs it, against the Sheets emulator (only
the HTTP transport and the browser are replaced, at the edge)."""

from __future__ import annotations

import functools
import io
import json
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from salespipe.cli import cli, main
from salespipe.cli.exit_codes import ERROR, USAGE
from salespipe.files import read_grids
from salespipe.settings import SyncSettings, load_settings
from sheets_sync import check
from sheets_sync.google import oauth
from sheets_sync.google.gateway import RetryPolicy, SheetsGateway, open_spreadsheet
from tests.sheets_sync.spreadsheets import USER_TABS, as_google_returns
from tests.support.oauth_browser import MARIE, consenting_browser
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import (
    SERVICE_ACCOUNT_EMAIL,
    LoopbackAdapter,
    make_service_account_key,
    oauth_client_info,
    write_service_account_file,
)


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[SheetsEmulator]:
    """The emulator, which the check of `init` reaches (its transport, nothing else); a
    French user."""
    for name in ("SPREADSHEET", "CREDENTIALS", "WORKBOOK", "LANG"):
        monkeypatch.delenv(f"SALESPIPE_{name}", raising=False)
    monkeypatch.setattr("salespipe.cli.options.user_lang", lambda environ=None: "fr")
    with SheetsEmulator() as emu:
        policy = RetryPolicy(attempts=2, timeout=5.0, sleep=lambda _: None)

        def opened(settings: SyncSettings) -> SheetsGateway:
            assert settings.credentials is not None
            return open_spreadsheet(str(settings.spreadsheet), settings.credentials,
                                    retry=policy, transport=LoopbackAdapter(emu.url))  # fmt: skip

        monkeypatch.setattr(check, "open_for_check", opened)
        yield emu


@pytest.fixture
def url(emulator: SheetsEmulator, demo: Path) -> str:
    grids = read_grids(demo)
    tabs = {name: as_google_returns(grids[name]) for name in USER_TABS}
    key = emulator.create_spreadsheet("Suivi commercial", tabs, value_input="RAW")
    return f"https://docs.google.com/spreadsheets/d/{key}/edit#gid=0"


@pytest.fixture
def key_file(emulator: SheetsEmulator, tmp_path: Path) -> Path:
    folder = tmp_path / "Clés Google"  # a space and an accent, as on a Windows desktop
    folder.mkdir()
    return write_service_account_file(folder / "clé.json", make_service_account_key(), emulator)


def test_with_options_it_writes_the_configuration_says_whom_to_share_with_and_checks(
    url: str, key_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "sync.toml"
    main(["init", "--config", str(config), "--spreadsheet", url,
          "--service-account", str(key_file)])  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Partagez le classeur avec {SERVICE_ACCOUNT_EMAIL} : ouvrez-le, cliquez sur "
        "« Partager », ajoutez cette adresse comme « Éditeur ».",
        f"Configuration écrite : {config}",
        f"Vérification (salespipe check --config {config}) :",
        "  Accès en lecture : « Suivi commercial », 3 onglet(s).",
        f"  Compte : {SERVICE_ACCOUNT_EMAIL} (la synchronisation écrit : partagez le classeur "
        "avec cette adresse comme éditeur).",
        "  Affaires : onglet « Pipeline ».",
        "  Étapes : onglet « Étapes ».",
        "  Plan d'actions : onglet « Plan d'actions ».",
        "  Onglets écrits par la synchronisation : Tableau de bord, Relances, Contrôle "
        "qualité, Historique.",
        f"Prêt : salespipe sync --config {config}",
    ]
    written = config.read_text(encoding="utf-8")
    assert f"credentials = '{key_file.resolve()}'" in written  # single quotes: as on Windows
    assert "# Vérifier sans rien écrire : salespipe check --config sync.toml" in written
    settings = load_settings(config)
    assert (settings.spreadsheet, settings.credentials, settings.lang) == (
        url, key_file.resolve(), "fr")  # fmt: skip


def test_asked_questions_ask_again_after_a_wrong_address(
    url: str, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = f"docs.google.com/mon-classeur\n{url}\n1\n{key_file}\n"
    done = CliRunner().invoke(cli, ["init"], input=answers)
    assert done.exit_code == 0, done.output
    assert "n'est ni une clé ni une URL de classeur Google" in done.output
    assert done.output.count("Adresse du classeur Google") == 2
    assert "1 = la clé d'un compte de service" in done.output
    assert load_settings(tmp_path / "sync.toml").credentials == key_file.resolve()


def test_an_existing_configuration_is_kept_without_force(
    url: str, key_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "sync.toml"
    config.write_text("[sync]\n# mes réglages\n", encoding="utf-8")
    args = ["init", "--config", str(config), "--spreadsheet", url,
            "--service-account", str(key_file)]  # fmt: skip
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == USAGE
    assert "existe déjà ; ajoutez --force pour le remplacer" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == "[sync]\n# mes réglages\n"
    main([*args, "--force"])
    assert load_settings(config).spreadsheet == url


def test_the_key_file_itself_is_never_the_configuration(
    key_file: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = key_file.read_bytes()
    with pytest.raises(SystemExit) as done:
        main(["init", "--config", str(key_file), "--spreadsheet", url,
              "--service-account", str(key_file), "--force"])  # fmt: skip
    assert done.value.code == USAGE
    assert "Invalid value for --config: " in capsys.readouterr().err
    assert key_file.read_bytes() == before


def test_a_spreadsheet_not_shared_yet_is_said_and_the_configuration_kept(
    emulator: SheetsEmulator,
    url: str,
    key_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    emulator.deny_access(url.split("/d/")[1].split("/")[0])
    config = tmp_path / "sync.toml"
    with pytest.raises(SystemExit) as done:
        main(["init", "--config", str(config), "--spreadsheet", url,
              "--service-account", str(key_file)])  # fmt: skip
    assert done.value.code == ERROR
    err = capsys.readouterr().err
    assert f"n'est pas partagé avec {SERVICE_ACCOUNT_EMAIL} : ouvrez-le" in err
    assert "La configuration est écrite, mais la synchronisation ne peut pas encore" in err
    assert load_settings(config).spreadsheet == url


def test_with_ones_own_google_account_the_token_is_private_and_the_sync_uses_it(
    emulator: SheetsEmulator,
    url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = tmp_path / "client_secret_123.apps.googleusercontent.com.json"
    client.write_text(json.dumps(oauth_client_info(emulator)))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the user's folder
    with consenting_browser(emulator) as browser:
        edge = functools.partial(oauth.sign_in_with_browser, browser=browser.name,
                                 transport=LoopbackAdapter(emulator.url))  # fmt: skip
        monkeypatch.setattr(oauth, "sign_in_with_browser", edge)
        config = tmp_path / "sync.toml"
        main(["init", "--config", str(config), "--spreadsheet", url,
              "--oauth-client", str(client)])  # fmt: skip
    token = tmp_path / "config" / "salespipe" / "google-token.json"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    out = capsys.readouterr().out
    assert f"jeton enregistré dans {token} (lisible par vous seul)" in out
    assert "  Accès en lecture : « Suivi commercial », 3 onglet(s)." in out
    assert load_settings(config).credentials == token
    assert "# Le jeton de votre compte Google enregistré par « salespipe init »" in (
        config.read_text(encoding="utf-8")
    )


class Person(io.RawIOBase):
    """The keyboard of someone on a server without a browser: answers the questions, and
    for the last one reads the link on the screen, « opens it » on another computer (the
    emulator's consent page, as Marie) and types back the address the browser ended on."""

    def __init__(self, emulator: SheetsEmulator, answers: list[str]) -> None:
        self.emulator, self.lines = emulator, [a + "\n" for a in answers]
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.pending and self.lines:
            line = self.lines.pop(0)
            if line == "<paste>\n":
                sys.stdout.flush()
                screen = sys.stdout.buffer.getvalue().decode()  # type: ignore[attr-defined]
                link = re.findall(r"https://accounts\.google\.com/\S+", screen)[-1]
                line = self.emulator.auth.consent(link, MARIE) + "\n"
            self.pending = line.encode()
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


def test_on_a_server_the_console_way_takes_the_address_pasted_back(
    emulator: SheetsEmulator, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = tmp_path / "client_secret.json"
    client.write_text(json.dumps(oauth_client_info(emulator)))
    edge = functools.partial(oauth.sign_in_on_console, transport=LoopbackAdapter(emulator.url))
    monkeypatch.setattr(oauth, "sign_in_on_console", edge)
    token = tmp_path / "jeton.json"
    config = tmp_path / "sync.toml"
    keyboard = Person(emulator, [url, "2", str(client), "<paste>"])
    done = CliRunner().invoke(cli, ["init", "--console", "--config", str(config), "--token",
                                    str(token)], input=io.BufferedReader(keyboard))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Ouvrez ce lien dans un navigateur, sur n'importe quel ordinateur" in done.output
    assert "Collez ici l'adresse complète de cette page" in done.output
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert load_settings(config).credentials == token
    assert "Accès en lecture : « Suivi commercial », 3 onglet(s)." in done.output
