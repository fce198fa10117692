"""``salespipe init``: the Google Sheets set-up in one command: ask, sign in, write the
configuration, check it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from salespipe.cli.app import cli
from salespipe.cli.exit_codes import ERROR
from salespipe.cli.options import cli_lang, lang_option, say
from salespipe.core.errors import ConfigError, SalespipeError

T = TypeVar("T")
_FILE = click.Path(dir_okay=False, path_type=Path)


class ExistingFile(click.ParamType):
    """A file that is there (a key, a client file): refused in the catalogue's words."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        if not path.exists():
            self.fail(say("file_not_found", path=path), param, ctx)
        if path.is_dir():
            self.fail(say("cli_folder_not_file", path=path), param, ctx)
        return path


class Spreadsheet(click.ParamType):
    """A Google spreadsheet's address or key (kept as given, spaces around trimmed)."""

    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from sheets_sync.google.gateway import spreadsheet_key

        try:
            spreadsheet_key(str(value))
        except ConfigError as exc:
            self.fail(exc.message(cli_lang()), param, ctx)
        return str(value).strip()


_EXISTING = ExistingFile()


@cli.command()
@click.option(
    "--config",
    type=_FILE,
    default=Path("sync.toml"),
    show_default=True,
    help="The configuration file to write.",
)
@click.option(
    "--spreadsheet",
    type=Spreadsheet(),
    help="The spreadsheet's address (URL) or key (asked if absent).",
)
@click.option(
    "--service-account",
    "key_file",
    type=_EXISTING,
    help="Sign in with this service account's JSON key file.",
)
@click.option(
    "--oauth-client",
    "client_file",
    type=_EXISTING,
    help="Sign in with your own Google account, through this OAuth client file "
    '(« Desktop app », {"installed": …}).',
)
@click.option(
    "--token",
    type=_FILE,
    help="Where to store the OAuth token (default: google-token-<spreadsheet key>.json in "
    "salespipe's folder of your configuration directory). An existing file is replaced "
    "only if it is such a token.",
)
@click.option(
    "--console",
    is_flag=True,
    help="OAuth on a computer without a browser: open the link shown anywhere, "
    "paste back the address the browser ends on.",
)
@click.option("--no-check", is_flag=True, help="Do not run `salespipe check` at the end.")
@lang_option(("fr", "en"), None, "Language of the sync and of these lines (default: fr).")
@click.option("--force", is_flag=True, help="Replace the configuration file if it exists.")
def init(
    config: Path,
    spreadsheet: str | None,
    key_file: Path | None,
    client_file: Path | None,
    token: Path | None,
    console: bool,
    no_check: bool,
    lang: str | None,
    force: bool,
) -> None:
    """Set up the Google Sheets sync: ask the spreadsheet and how to sign in (a service
    account's key, or your own Google account), write a commented sync.toml, say which
    address to share the spreadsheet with, then check the set-up."""
    from sheets_sync.config_file import SetUp, config_text, write_config

    lang = lang or cli_lang()
    if key_file and client_file:
        raise click.UsageError(say("cli_init_two_ways"))
    _guard_config(config, key_file, client_file, token)
    if config.exists() and not force:  # before signing in: nothing done for nothing
        raise click.BadParameter(say("cli_file_exists", path=config), param_hint="--config")
    if spreadsheet is None:
        spreadsheet = _ask("cli_init_ask_spreadsheet", Spreadsheet())
    if key_file is None and client_file is None:
        way = _ask("cli_init_ask_sign_in", _way)
        asked = _ask("cli_init_ask_key" if way == "1" else "cli_init_ask_client", _EXISTING)
        key_file, client_file = (asked, None) if way == "1" else (None, asked)
    if key_file is not None:
        credentials = _service_account(key_file)
        setup = SetUp(spreadsheet, "service_account", credentials, lang)
    else:
        assert client_file is not None
        token = _token_path(token, spreadsheet, client_file, config)  # before signing in
        credentials = _oauth(client_file, token, console, lang)
        setup = SetUp(spreadsheet, "oauth", credentials, lang)
    write_config(config, config_text(setup, config), (key_file, client_file, credentials))
    click.echo(say("cli_init_written", path=config))
    if not no_check and not _check(config):
        sys.exit(ERROR)


def _guard_config(config: Path, *read: Path | None) -> None:
    """--config is none of the files read (salespipe.output_guard): a usage error."""
    from salespipe.output_guard import refuse_inputs

    try:
        refuse_inputs([config], read)
    except ConfigError as exc:
        raise click.BadParameter(exc.message(cli_lang()), param_hint="--config") from None


def _ask(question: str, parse: Callable[[str], T]) -> T:
    """Ask the catalogue's ``question`` until ``parse`` takes the answer (a ParamType's
    convert, or a function raising click.BadParameter); a refusal says why in the command's
    language (click's own prompt would say it after an English « Error: »)."""
    while True:
        answer = click.prompt(say(question), prompt_suffix=say("cli_prompt_suffix"))
        try:
            return parse(answer)
        except click.BadParameter as exc:
            click.echo(say("cli_error", message=exc.message), err=True)


def _way(answer: str) -> str:
    """The way to sign in: 1 (a service account's key) or 2 (one's own account)."""
    if answer.strip() not in ("1", "2"):
        raise click.BadParameter(say("cli_init_bad_way", value=answer.strip()))
    return answer.strip()


def _token_path(token: Path | None, spreadsheet: str, *read: Path) -> Path:
    """Where the OAuth token goes (--token, else one file per spreadsheet in the user's
    configuration folder), checked before signing in: a usage error when it is a file
    init reads or writes, or a file there that is not a token (its content kept)."""
    from sheets_sync.google import oauth
    from sheets_sync.google.gateway import spreadsheet_key

    path = (token or oauth.default_token_path(spreadsheet_key(spreadsheet))).resolve()
    try:
        oauth.refuse_token_path(path, read)
    except ConfigError as exc:
        raise click.BadParameter(exc.message(cli_lang()), param_hint="--token") from None
    return path


def _service_account(key_file: Path) -> Path:
    """The key, read as the sync reads it; its e-mail, to share the spreadsheet with."""
    from sheets_sync.google.credentials import load_credentials

    _, account = load_credentials(key_file)
    if account:  # an OAuth token given as the key works too: nothing to share then
        click.echo(say("cli_init_share", account=account))
    return key_file.resolve()


def _oauth(client_file: Path, token: Path, console: bool, lang: str) -> Path:
    """Sign in in the browser (or on the console) and store the token at ``token``; a
    token there before is replaced, and said to be."""
    from sheets_sync.google import oauth

    client = oauth.read_client(client_file)
    if console:
        paste = say("cli_init_console_paste")
        credentials = oauth.sign_in_on_console(
            client,
            lambda url: click.echo(say("cli_init_console_link", url=url)),
            lambda: str(click.prompt(paste, prompt_suffix=say("cli_prompt_suffix"))),
        )
    else:
        credentials = oauth.sign_in_with_browser(client, lang)
    replaced = token.exists()
    stored = oauth.save_token(credentials, token)
    click.echo(say("cli_init_signed_in", path=stored))
    if replaced:
        click.echo(say("cli_init_token_replaced", path=stored))
    return stored


def _check(config: Path) -> bool:
    """``salespipe check`` on the new configuration; True when a sync can run."""
    from salespipe.settings import load_settings
    from sheets_sync import check

    click.echo(say("cli_init_checking", path=config))
    settings = load_settings(config)
    try:
        lines = check.check_source(settings, check.open_for_check)
    except SalespipeError as exc:
        click.echo(f"  {exc.message(settings.lang)}", err=True)
        click.echo(say("cli_init_not_yet", path=config), err=True)
        return False
    for line in lines:
        click.echo(f"  {line}")
    click.echo(say("cli_init_ready", path=config))
    return True
