"""Credentials for the Sheets API: a service-account or OAuth-user JSON file, read once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from salespipe.core.errors import ConfigError
from salespipe.core.texts import Bilingual, both

SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
#: The top-level keys of an OAuth client file as the Cloud console downloads it.
CLIENT_KINDS = ("installed", "web")
#: What is wrong with a file of each type google-auth cannot read, in words.
UNREADABLE = {
    "service_account": "sync.credentials.unreadable_key",
    "authorized_user": "sync.credentials.unreadable_token",
}


def read_json_file(file: Path, code: str) -> object:
    """The JSON held by a key, token or client ``file``; ConfigError ``code`` (with the
    file and the reason: missing, not JSON) otherwise, never quoting its contents."""
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        reason = both("sync.credentials.not_found")
    except (OSError, ValueError):
        reason = both("sync.credentials.not_json")
    raise ConfigError(code, path=str(file), reason=reason)


def load_credentials(path: str | Path) -> tuple[Credentials, str | None]:
    """Credentials from a service-account or OAuth-user JSON file, with the spreadsheets scope.

    Returns them with the account's e-mail (None for an OAuth user, whose e-mail the file
    does not hold). Error messages name the file and the reason, never its contents; an
    OAuth client file (``{"installed": …}``) is told to go through ``salespipe init``.
    """
    file = Path(path)

    def unusable(reason: Bilingual) -> ConfigError:
        return ConfigError("sheets_credentials_file", path=str(file), reason=reason)

    info: Any = read_json_file(file, "sheets_credentials_file")
    kind = info.get("type") if isinstance(info, dict) else None
    client = next((k for k in CLIENT_KINDS if isinstance(info, dict) and k in info), None)
    if kind is None and client is not None:  # the OAuth client, given where its token goes
        raise ConfigError("sheets_credentials_client_file", path=str(file), kind=client)
    try:
        if kind == "service_account":
            sa = service_account.Credentials.from_service_account_info(
                info, scopes=[SPREADSHEETS_SCOPE]
            )
            return sa, str(sa.service_account_email)
        if kind == "authorized_user":
            user = user_credentials.Credentials.from_authorized_user_info(
                info, scopes=[SPREADSHEETS_SCOPE]
            )
            return user, info.get("account") or None
    except (ValueError, KeyError, GoogleAuthError):
        raise unusable(both(UNREADABLE[str(kind)])) from None
    raise unusable(both("sync.credentials.bad_type", kind=repr(kind)))


def credentials_kind(credentials: Credentials) -> str:
    """``service_account`` or ``authorized_user`` (an OAuth user's token): what a refusal of
    the token endpoint means depends on it."""
    if isinstance(credentials, service_account.Credentials):
        return "service_account"
    return "authorized_user"
