"""Failures of the Sheets API as :class:`~salespipe.core.errors.SourceError`: messages that
say what to do (share the spreadsheet, check the scope, try later) and hold no secret."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import requests
from google.auth.exceptions import RefreshError
from gspread.exceptions import APIError

from salespipe.core.errors import SourceError
from salespipe.core.texts import Bilingual, both
from sheets_sync.google.credentials import SPREADSHEETS_SCOPE

#: The answers worth another try: timeout, too many requests, Google's own failures.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Failures:
    """What a failure says about one spreadsheet (its key) and one account."""

    key: str
    account: str | None

    def refused_request(self, label: str, exc: APIError, attempts: int) -> SourceError:
        """An HTTP error answer to the ``label`` request, the last of ``attempts``."""
        status = exc.response.status_code
        message = str(exc.error.get("message", "")) if isinstance(exc.error, Mapping) else ""
        account = self.account_name()
        if status == 403 and "scope" in message:
            return SourceError("sheets_scope", account=account, scope=SPREADSHEETS_SCOPE)
        if status == 403:
            return SourceError("sheets_not_shared", key=self.key, account=account)
        if status == 404:
            return SourceError("sheets_not_found", key=self.key)
        if status == 401:
            return SourceError("sheets_credentials_refused", account=account, reason="HTTP 401")
        if status in RETRY_STATUSES:
            return SourceError("sheets_unavailable", reason=f"HTTP {status}", attempts=attempts)
        return SourceError(
            "sheets_refused", request=label, reason=message or f"HTTP {status}", status=status
        )

    def refused_credentials(self, exc: RefreshError) -> SourceError:
        """The token endpoint refused the credentials."""
        return SourceError(
            "sheets_credentials_refused", account=self.account_name(), reason=refresh_reason(exc)
        )

    def account_name(self) -> str | Bilingual:
        """The account's e-mail; an OAuth user's credentials do not say it."""
        return self.account or both("sync.default_account")


def unavailable(exc: Exception, timeout: float, attempts: int) -> SourceError:
    """No answer after ``attempts`` tries: a timeout (of ``timeout`` seconds) or a lost link."""
    if isinstance(exc, requests.Timeout):
        reason = both("sync.network.timeout", seconds=f"{timeout:g}")
    else:
        reason = both("sync.network.lost")
    return SourceError("sheets_unavailable", reason=reason, attempts=attempts)


def refresh_reason(exc: RefreshError) -> str:
    """The token endpoint's error and description, without anything else from the exchange."""
    details = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], Mapping) else {}
    error, description = details.get("error"), details.get("error_description")
    if error or description:
        return ": ".join(str(p) for p in (error, description) if p)
    return type(exc).__name__
