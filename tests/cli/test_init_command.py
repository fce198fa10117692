"""`salespipe init`: the Google set-up as a user runs it, against the Sheets emulator (only
the HTTP transport and the browser are replaced, at the edge)."""

from __future__ import annotations

import functools
import io
import json
import re
import socket
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


def test_asked_questions_ask_again_after_a_wrong_answer_in_french(
    url: str, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = f"docs.google.com/mon-classeur\n{url}\n3\n1\nnope.json\n{tmp_path}\n{key_file}\n"
    done = CliRunner().invoke(cli, ["init"], input=answers)
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    asked = "Adresse du classeur Google (copiez-la depuis la barre d'adresse du navigateur) : "
    assert lines[:2] == [
        f"{asked}docs.google.com/mon-classeur",
        "Erreur : « docs.google.com/mon-classeur » n'est ni une clé ni une URL de classeur "
        "Google (https://docs.google.com/spreadsheets/d/…)",
    ]
    sign_in = ("Connexion à Google : 1 = la clé d'un compte de service (un serveur, une "
               "équipe), 2 = votre propre compte Google : ")  # fmt: skip
    assert lines[2:9] == [
        f"{asked}{url}",
        f"{sign_in}3",
        "Erreur : « 3 » : répondez 1 (la clé d'un compte de service) ou 2 (votre compte Google)",
        f"{sign_in}1",
        "Fichier de la clé JSON du compte de service : nope.json",
        "Erreur : Fichier introuvable : nope.json",
        f"Fichier de la clé JSON du compte de service : {tmp_path}",
    ]
    assert lines[9:11] == [
        f"Erreur : {tmp_path} est un dossier, pas un fichier",
        f"Fichier de la clé JSON du compte de service : {key_file}",
    ]
    assert "Error" not in done.output
    assert load_settings(tmp_path / "sync.toml").credentials == key_file.resolve()


def test_a_bad_spreadsheet_or_a_missing_file_given_as_options_are_usage_errors(
    url: str, key_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "sync.toml"
    for options, said in [
        (["--spreadsheet", "notaurl", "--service-account", str(key_file)],
         "'--spreadsheet' : « notaurl » n'est ni une clé ni une URL de classeur Google"),
        (["--spreadsheet", url, "--service-account", "nope.json"],
         "'--service-account' : Fichier introuvable : nope.json"),
        (["--spreadsheet", url, "--oauth-client", str(tmp_path)],
         f"'--oauth-client' : {tmp_path} est un dossier, pas un fichier"),
    ]:  # fmt: skip
        with pytest.raises(SystemExit) as done:
            main(["init", "--config", str(config), *options])
        assert done.value.code == USAGE
        assert said in capsys.readouterr().err
    assert not config.exists()


def test_a_key_with_fields_missing_is_said_in_french_words(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "clé.json"  # a key cut short: no private key, no e-mail
    broken.write_text(json.dumps({"type": "service_account", "project_id": "p"}))
    with pytest.raises(SystemExit) as done:
        main(["init", "--config", str(tmp_path / "sync.toml"), "--spreadsheet", url,
              "--service-account", str(broken)])  # fmt: skip
    assert done.value.code == ERROR
    assert capsys.readouterr().err == (
        f"Erreur : Fichier d'identifiants Google inutilisable : {broken} (clé de compte de "
        "service incomplète (champs manquants) ou illisible). Attendu : le JSON d'un compte de "
        "service ou d'un utilisateur OAuth.\n"
    )


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
    assert "Valeur invalide pour --config : " in capsys.readouterr().err
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


@pytest.fixture
def client(emulator: SheetsEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The OAuth client file; the user's configuration folder under tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "client_secret_123.apps.googleusercontent.com.json"
    path.write_text(json.dumps(oauth_client_info(emulator)))
    return path


@pytest.fixture
def browser(emulator: SheetsEmulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Marie's browser, which clicks « Autoriser »; the token requests go to the emulator
    (or where a test mounts ``oauth.sign_in_with_browser`` again)."""
    with consenting_browser(emulator) as chosen:
        edge = functools.partial(oauth.sign_in_with_browser, browser=chosen.name,
                                 transport=LoopbackAdapter(emulator.url))  # fmt: skip
        monkeypatch.setattr(oauth, "sign_in_with_browser", edge)
        yield chosen.name


def test_with_ones_own_google_account_the_token_is_private_and_the_sync_uses_it(
    url: str, client: Path, browser: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "sync.toml"
    main(["init", "--config", str(config), "--spreadsheet", url, "--oauth-client", str(client)])
    key = url.split("/d/")[1].split("/")[0]
    token = tmp_path / "config" / "salespipe" / f"google-token-{key}.json"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    out = capsys.readouterr().out
    assert f"jeton enregistré dans {token} (lisible par vous seul)" in out
    assert "  Accès en lecture : « Suivi commercial », 3 onglet(s)." in out
    assert load_settings(config).credentials == token
    assert "# Le jeton de votre compte Google enregistré par « salespipe init »" in (
        config.read_text(encoding="utf-8")
    )


def test_each_spreadsheet_has_its_own_token_and_a_token_replaced_is_said(
    emulator: SheetsEmulator,
    url: str,
    client: Path,
    browser: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = emulator.create_spreadsheet("Prospection", {"Pipeline": [["Affaire"]]})
    first, second = tmp_path / "suivi.toml", tmp_path / "prospection.toml"
    main(["init", "--config", str(first), "--spreadsheet", url, "--oauth-client", str(client),
          "--no-check"])  # fmt: skip
    token = load_settings(first).credentials
    assert token is not None
    kept = token.read_bytes()
    main(["init", "--config", str(second), "--spreadsheet", other, "--oauth-client",
          str(client), "--no-check"])  # fmt: skip
    assert load_settings(second).credentials == token.with_name(f"google-token-{other}.json")
    assert token.read_bytes() == kept  # the first configuration keeps its sign-in
    assert "remplacé" not in capsys.readouterr().out
    main(["init", "--config", str(first), "--spreadsheet", url, "--oauth-client", str(client),
          "--no-check", "--force"])  # fmt: skip
    assert token.read_bytes() != kept
    assert capsys.readouterr().out.splitlines()[-2] == (
        f"Le jeton précédent de {token} est remplacé : les configurations qui s'en servent "
        "passent à ce compte Google."
    )


def test_the_token_never_replaces_the_client_file_nor_a_file_that_is_not_a_token(
    emulator: SheetsEmulator,
    url: str,
    client: Path,
    browser: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"à faire": "relancer Dupont"}', encoding="utf-8")
    before = {path: path.read_bytes() for path in (client, notes)}
    for token, said in [
        (client, f"{client.resolve()} est un fichier que salespipe lit ({client})"),
        (notes, f"{notes.resolve()} existe et n'est pas un jeton de compte Google enregistré "
                "par salespipe : salespipe ne le remplace pas."),
    ]:  # fmt: skip
        with pytest.raises(SystemExit) as done:
            main(["init", "--config", str(tmp_path / "sync.toml"), "--spreadsheet", url,
                  "--oauth-client", str(client), "--token", str(token)])  # fmt: skip
        assert done.value.code == USAGE
        assert f"Valeur invalide pour --token : {said}" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in before} == before
    assert emulator.auth.issued() == []  # refused before signing in
    assert not (tmp_path / "sync.toml").exists()


def closed_port() -> str:
    """The address of a port nobody listens on: connection refused, as offline."""
    nothing = socket.socket()
    nothing.bind(("127.0.0.1", 0))
    port = nothing.getsockname()[1]
    nothing.close()
    return f"http://127.0.0.1:{port}"


NO_NETWORK = (
    "Erreur : Google est injoignable depuis cet ordinateur (oauth2.googleapis.com : connexion "
    "impossible) : 3 tentatives en "
)


def test_signing_in_without_a_network_says_so_in_the_browser_way(
    url: str,
    client: Path,
    browser: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    waits: list[float] = []
    patience = RetryPolicy(attempts=3, base_delay=0.5, sleep=waits.append)
    down = LoopbackAdapter(closed_port())
    offline = functools.partial(oauth.sign_in_with_browser, browser=browser, transport=down,
                                retry=patience)  # fmt: skip
    monkeypatch.setattr(oauth, "sign_in_with_browser", offline)
    config = tmp_path / "sync.toml"
    with pytest.raises(SystemExit) as done:
        main(["init", "--config", str(config), "--spreadsheet", url, "--oauth-client", str(client)])
    assert done.value.code == ERROR
    err = capsys.readouterr().err
    assert err.startswith(NO_NETWORK) and err.endswith(
        "Vérifiez la connexion à Internet (ou le proxy, le pare-feu), puis relancez.\n"
    )
    assert waits == [0.5, 1.0]  # the code was never sent: tried again, as a check does
    secret = json.loads(client.read_text())["installed"]["client_secret"]
    assert secret not in err and "HTTPConnectionPool" not in err
    assert not config.exists() and not (tmp_path / "config").exists()


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


def test_signing_in_without_a_network_says_so_in_the_console_way(
    emulator: SheetsEmulator,
    url: str,
    client: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_wait = RetryPolicy(attempts=3, sleep=lambda _: None)
    offline = functools.partial(oauth.sign_in_on_console, transport=LoopbackAdapter(closed_port()),
                                retry=no_wait)  # fmt: skip
    monkeypatch.setattr(oauth, "sign_in_on_console", offline)
    keyboard = io.BufferedReader(Person(emulator, ["<paste>"]))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(keyboard, encoding="utf-8"))
    token = tmp_path / "jeton.json"
    with pytest.raises(SystemExit) as done:
        main(["init", "--console", "--config", str(tmp_path / "sync.toml"), "--spreadsheet", url,
              "--oauth-client", str(client), "--token", str(token)])  # fmt: skip
    assert done.value.code == ERROR
    said = capsys.readouterr()
    assert "Collez ici l'adresse complète de cette page : " in said.out
    assert said.err.startswith(NO_NETWORK)
    assert not token.exists() and not (tmp_path / "sync.toml").exists()
