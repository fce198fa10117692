"""Signing in with a person's own Google account: the installed-app flow of
google-auth-oauthlib, and the token it leaves for the sync.

The person creates an OAuth client of type « Desktop app » in their Google Cloud project
and downloads its file (``{"installed": {"client_id", "client_secret", "auth_uri",
"token_uri", "redirect_uris"}}``). :func:`sign_in` sends them to Google's consent page
with the spreadsheets scope and PKCE, in one of two ways:

- **with a browser on this computer** (``InstalledAppFlow.run_local_server``): the browser
  opens, the person clicks « Autoriser », Google redirects to a one-request server on a
  free loopback port, which hands the code over;
- **console** (a server without a browser): google-auth-oauthlib's ``run_console`` used
  Google's out-of-band redirect, which Google turned off in 2022 and the library removed;
  instead the link is shown, opened on any computer, and Google redirects that browser to
  ``http://localhost…``, a page that does not load: the person pastes its address (or the
  code in it) back, and :func:`exchange_pasted` checks its ``state`` and exchanges the code
  (``Flow.fetch_token(code=…)``).

Either way the code is exchanged for the token at Google's token endpoint
(:class:`SignInFlow`): a computer without a network is told so (``sheets_network``, the
endpoint's host named), not shown requests' exception.

The result is an "authorized user" token (client id and secret, refresh token, the access
token and its expiry): :func:`save_token` writes it owner-only (0600) in the user's
configuration folder, one file per spreadsheet (:func:`default_token_path`), and the sync
reads it as its ``credentials``; google-auth refreshes the access token from the refresh
token at each run. :func:`refuse_token_path` keeps the token off any other file.
"""

from __future__ import annotations

import json
import os
import time
import webbrowser
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from oauthlib.oauth2.rfc6749.errors import OAuth2Error
from platformdirs import user_config_path
from requests.adapters import BaseAdapter

from salespipe.core.errors import ConfigError
from salespipe.core.texts import Bilingual, both, text
from salespipe.output_guard import refuse_inputs
from sheets_sync.google.api_errors import never_connected, no_answer, unreachable
from sheets_sync.google.credentials import SPREADSHEETS_SCOPE, read_json_file
from sheets_sync.google.session import RetryPolicy

#: The redirect of the console way when the client file lists none (Desktop clients accept
#: any loopback address).
LOOPBACK_REDIRECT = "http://localhost"
#: How long the browser way waits for the consent (seconds) before giving up.
BROWSER_WAIT = 300
#: The code-for-token exchange: no connection at all (a name that does not resolve, a
#: connection refused: the code was not sent) is tried 3 times, 0.5 s then 1 s apart, as a
#: check does; an answer is awaited 30 s. A request that reached Google is never sent again
#: (the code is good for one exchange).
EXCHANGE_RETRY = RetryPolicy(attempts=3, base_delay=0.5, timeout=30.0)
#: A token file is well under this size; a bigger file is not one.
TOKEN_MAX_BYTES = 64 * 1024


def default_token_path(spreadsheet_key: str) -> Path:
    """Where the token goes: ``google-token-<spreadsheet key>.json`` in salespipe's folder
    of the user's configuration (``~/.config/salespipe`` on Linux, ``%APPDATA%\\salespipe``
    on Windows). One file per spreadsheet: signing in for another spreadsheet, maybe with
    another Google account, leaves the other configurations' tokens alone."""
    folder = user_config_path("salespipe", appauthor=False, roaming=True)
    return folder / f"google-token-{spreadsheet_key}.json"


def refuse_token_path(path: Path, reads: Iterable[Path | None]) -> None:
    """The token may go to ``path``: none of ``reads`` (the client file, the key, the
    configuration: :func:`salespipe.output_guard.refuse_inputs`), and if a file is there,
    a token salespipe stored (``authorized_user``), which a new sign-in replaces; anything
    else there is kept (ConfigError ``oauth_token_path_taken``)."""
    refuse_inputs([path], reads)
    if path.exists() and not _is_token(path):
        raise ConfigError("oauth_token_path_taken", path=str(path))


def _is_token(path: Path) -> bool:
    """An OAuth user's token: a small JSON object of type ``authorized_user``."""
    try:
        with path.open("rb") as file:
            head = file.read(TOKEN_MAX_BYTES + 1)
        info = json.loads(head) if len(head) <= TOKEN_MAX_BYTES else None
    except (OSError, ValueError):
        return False
    return isinstance(info, dict) and info.get("type") == "authorized_user"


def read_client(path: str | Path) -> dict[str, Any]:
    """The OAuth client file as google-auth-oauthlib takes it; ConfigError
    ``oauth_client_file`` naming the file and what is wrong, never its secret."""
    file = Path(path)

    def unusable(reason: Bilingual) -> ConfigError:
        return ConfigError("oauth_client_file", path=str(file), reason=reason)

    info: Any = read_json_file(file, "oauth_client_file")
    if isinstance(info, dict) and info.get("type") == "service_account":
        raise unusable(both("oauth.client.is_key"))
    client = info.get("installed") if isinstance(info, dict) else None
    if not isinstance(client, dict):
        kind = "web" if isinstance(info, dict) and "web" in info else "?"
        raise unusable(both("oauth.client.not_installed", kind=kind))
    missing = [k for k in ("client_id", "client_secret", "auth_uri", "token_uri")
               if not client.get(k)]  # fmt: skip
    if missing:
        raise unusable(both("oauth.client.missing", fields=", ".join(missing)))
    return {"installed": client}


class SignInFlow(InstalledAppFlow):
    """google-auth-oauthlib's installed-app flow whose code-for-token exchange, used by
    both ways, says a network failure in the catalogue's words (:attr:`retry`)."""

    retry: RetryPolicy = EXCHANGE_RETRY

    def fetch_token(self, **kwargs: Any) -> Any:
        """``Flow.fetch_token`` with a timeout. No connection is tried again (nothing was
        sent), then SourceError ``sheets_network`` names the token endpoint's host; an
        answer late or cut (the code maybe spent) is ConfigError ``oauth_not_signed_in``
        saying so: sign in again. A refused code (OAuth2Error) is the caller's."""
        kwargs.setdefault("timeout", self.retry.timeout)
        attempts, started = max(1, self.retry.attempts), time.monotonic()
        for attempt in range(attempts):
            try:
                return super().fetch_token(**kwargs)
            except requests.RequestException as exc:
                if not never_connected(exc):
                    reason = no_answer(exc, self.retry.timeout)
                    raise ConfigError("oauth_not_signed_in", reason=reason) from None
            if attempt < attempts - 1:
                self.retry.sleep(self.retry.delay(attempt, None))
        host = urlsplit(self.client_config["token_uri"]).hostname or "Google"
        raise unreachable(host, attempts, time.monotonic() - started)


def new_flow(
    client: dict[str, Any],
    transport: BaseAdapter | None = None,
    retry: RetryPolicy | None = None,
) -> SignInFlow:
    """The flow for the spreadsheets scope; ``transport`` carries its token request (tests
    send it to an emulator), ``retry`` replaces :data:`EXCHANGE_RETRY`."""
    flow = SignInFlow.from_client_config(client, scopes=[SPREADSHEETS_SCOPE])
    if transport is not None:
        flow.oauth2session.mount("https://", transport)
        flow.oauth2session.mount("http://", transport)
    if retry is not None:
        flow.retry = retry
    return flow


def sign_in_with_browser(
    client: dict[str, Any],
    lang: str,
    *,
    transport: BaseAdapter | None = None,
    retry: RetryPolicy | None = None,
    browser: str | None = None,
    wait: int = BROWSER_WAIT,
) -> Credentials:
    """The browser way: the default ``browser`` opens Google's consent page; the code comes
    back to a loopback server on a free port (``run_local_server``) within ``wait``
    seconds."""
    flow = new_flow(client, transport, retry)
    try:
        credentials = flow.run_local_server(
            host="localhost",
            port=0,
            authorization_prompt_message=text("oauth.browser_prompt", lang) + " {url}",
            success_message=text("oauth.success_page", lang),
            open_browser=True,
            browser=browser,
            timeout_seconds=wait,
            prompt="consent",
        )
    except OAuth2Error as exc:  # the person clicked « Annuler »
        raise ConfigError("oauth_not_signed_in", reason=_oauth_reason(exc)) from None
    except WSGITimeoutError:  # no answer within ``wait``
        duration = f"{wait // 60} min" if wait % 60 == 0 else f"{wait} s"
        reason = both("oauth.browser_timeout", duration=duration)
        raise ConfigError("oauth_not_signed_in", reason=reason) from None
    except webbrowser.Error:  # a server: no browser to open
        raise ConfigError("oauth_no_browser") from None
    return _checked(credentials)


def sign_in_on_console(
    client: dict[str, Any],
    show: Callable[[str], None],
    ask: Callable[[], str],
    *,
    transport: BaseAdapter | None = None,
    retry: RetryPolicy | None = None,
) -> Credentials:
    """The console way: ``show`` gets Google's consent link, ``ask`` returns what the person
    pasted back (the address the browser ended on, or the code alone)."""
    flow = new_flow(client, transport, retry)
    redirects = client["installed"].get("redirect_uris") or [LOOPBACK_REDIRECT]
    flow.redirect_uri = next((r for r in redirects if r.startswith("http")), LOOPBACK_REDIRECT)
    url, state = flow.authorization_url(prompt="consent")
    show(url)
    return exchange_pasted(flow, state, ask())


def exchange_pasted(flow: SignInFlow, state: str, pasted: str) -> Credentials:
    """Exchange the code in ``pasted`` (an address ``…?state=…&code=…``, or a code alone)
    after checking that the address answers this sign-in (its ``state``)."""
    answer = pasted.strip()
    if "=" in answer:
        query = {k: v[-1] for k, v in parse_qs(urlsplit(answer).query).items()}
        if "error" in query:  # the person clicked « Annuler »: ?error=access_denied
            raise ConfigError("oauth_not_signed_in", reason=query["error"])
        if query.get("state") != state:
            raise ConfigError("oauth_state_mismatch")
        answer = query.get("code", "")
    if not answer:
        raise ConfigError("oauth_no_code", value=pasted.strip()[:80])
    try:
        flow.fetch_token(code=answer)
    except OAuth2Error as exc:
        raise ConfigError("oauth_not_signed_in", reason=_oauth_reason(exc)) from None
    return _checked(flow.credentials)


def save_token(credentials: Credentials, path: Path) -> Path:
    """Write the token where the sync reads it, readable by its owner only (0600; its folder
    0700 when created), replacing the file in one step."""
    info = {"type": "authorized_user", **json.loads(credentials.to_json())}
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(info, out, indent=2)
        os.chmod(temporary, 0o600)  # even if a file was left there with other rights
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def _checked(credentials: Credentials) -> Credentials:
    """Credentials a later run can refresh: a token without a refresh token would stop
    working within the hour."""
    if not credentials.refresh_token:
        raise ConfigError("oauth_not_signed_in", reason=both("oauth.no_refresh_token"))
    return credentials


def _oauth_reason(exc: OAuth2Error) -> str:
    """OAuth's error code and description, nothing else of the exchange."""
    return ": ".join(p for p in (exc.error, exc.description) if p)
