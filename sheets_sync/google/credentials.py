"""Credentials for the Sheets API: a service-account or OAuth-user JSON file, read once."""

from __future__ import annotations

import json
from pathlib import Path

from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from salespipe.core.errors import ConfigError
from salespipe.core.texts import Bilingual, both

SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets"


def load_credentials(path: str | Path) -> tuple[Credentials, str | None]:
    """Credentials from a service-account or OAuth-user JSON file, with the spreadsheets scope.

    Returns them with the account's e-mail (None for an OAuth user, whose e-mail the file
    does not hold). Error messages name the file and the reason, never its contents.
    """
    file = Path(path)

    def unusable(reason: Bilingual) -> ConfigError:
        return ConfigError("sheets_credentials_file", path=str(file), reason=reason)

    try:
        info = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise unusable(both("sync.credentials.not_found")) from None
    except (OSError, ValueError):
        raise unusable(both("sync.credentials.not_json")) from None
    kind = info.get("type") if isinstance(info, dict) else None
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
        raise unusable(both("sync.credentials.unreadable", kind=kind)) from None
    raise unusable(both("sync.credentials.bad_type", kind=repr(kind)))
