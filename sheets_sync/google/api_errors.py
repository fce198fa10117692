"""Failures of the Sheets API as :class:`~salespipe.core.errors.SourceError`: messages that
say what to do (share the spreadsheet, enable the API, check the scope, try later) and hold
no secret.

Google's error body is ``{"error": {"code", "message", "status", "details": [...]}}``; the
``google.rpc.ErrorInfo`` detail's ``reason`` tells apart two 403s that need different
steps (Google's "Standard error payload" of the Cloud APIs error model):
``SERVICE_DISABLED`` (the Sheets API is not enabled in the credentials' Cloud project; its
``metadata`` carries ``consumer: projects/N`` and, in current answers, ``activationUrl``; the
message reads "Google Sheets API has not been used in project N before or it is disabled.
Enable it by visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/
overview?project=N then retry.") and ``ACCESS_TOKEN_SCOPE_INSUFFICIENT``; a bare 403
``PERMISSION_DENIED`` "The caller does not have permission" is a spreadsheet not shared.
A 429 is ``RESOURCE_EXHAUSTED`` / ``RATE_LIMIT_EXCEEDED``, a per-minute quota. A 400
``INVALID_ARGUMENT`` « Invalid requests[0].updateCells: No grid with id: 5 » is a batch
addressed to a tab deleted since it was read (:func:`vanished_tab`).

The token endpoint answers OAuth's ``{"error", "error_description"}``: ``invalid_grant``
"Token has been expired or revoked." for an OAuth user whose refresh token is no longer
valid (the user removed the access, the token expired), ``invalid_grant`` "Invalid JWT
Signature." for a service account whose key was deleted; each has its own next step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from google.auth.exceptions import RefreshError
from gspread.exceptions import APIError
from urllib3.exceptions import NewConnectionError

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
    #: ``service_account`` or ``authorized_user`` (an OAuth user's token), if known
    kind: str | None = None

    def refused_request(self, label: str, exc: APIError, attempts: int) -> SourceError:
        """An HTTP error answer to the ``label`` request, the last of ``attempts``."""
        status = exc.response.status_code
        error = exc.error if isinstance(exc.error, Mapping) else {}
        message = str(error.get("message", ""))
        reason, metadata = error_info(error)
        account = self.account_name()
        if status == 403 and (reason == "SERVICE_DISABLED" or _DISABLED in message):
            project, url = _activation(message, metadata)
            return SourceError("sheets_api_disabled", project=project, url=url)
        if status == 403 and (reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT" or "scope" in message):
            return SourceError("sheets_scope", account=account, scope=SPREADSHEETS_SCOPE)
        if status == 403:
            return SourceError("sheets_not_shared", key=self.key, account=account)
        if status == 404:
            return SourceError("sheets_not_found", key=self.key)
        if status == 401:
            return SourceError("sheets_credentials_refused", account=account, reason="HTTP 401")
        if status == 429:
            detail = f"HTTP 429 {reason}" if reason else "HTTP 429"
            return SourceError("sheets_quota", reason=detail, attempts=attempts)
        if status in RETRY_STATUSES:
            return SourceError("sheets_unavailable", reason=f"HTTP {status}", attempts=attempts)
        return SourceError(
            "sheets_refused", request=label, reason=message or f"HTTP {status}", status=status
        )

    def refused_credentials(self, exc: RefreshError) -> SourceError:
        """The token endpoint refused the credentials: an OAuth user's refresh token expired
        or revoked, a service account's key deleted (both ``invalid_grant``), or else."""
        reason, account = refresh_reason(exc), self.account_name()
        if refresh_error(exc) == "invalid_grant" and self.kind == "authorized_user":
            user = self.account or both("sync.your_account")
            return SourceError("sheets_oauth_revoked", account=user, reason=reason)
        if refresh_error(exc) == "invalid_grant" and self.kind == "service_account":
            return SourceError("sheets_key_refused", account=account, reason=reason)
        return SourceError("sheets_credentials_refused", account=account, reason=reason)

    def token_unavailable(self, exc: RefreshError, attempts: int) -> SourceError:
        """The token endpoint failed on Google's side at each of ``attempts`` tries."""
        return SourceError("sheets_token_unavailable", reason=refresh_reason(exc),
                           attempts=attempts)  # fmt: skip

    def account_name(self) -> str | Bilingual:
        """The account's e-mail; an OAuth user's credentials do not say it."""
        return self.account or both("sync.default_account")


#: Google's 400 for a request addressed to a tab id that no longer exists (the tab was
#: deleted): « Invalid requests[0].updateCells: No grid with id: 5 ».
_NO_GRID = re.compile(r"No grid with id: (-?\d+)")


def vanished_tab(exc: SourceError) -> int | None:
    """The sheet id of the tab a refused batch was addressed to and that no longer exists
    (Google's 400 « No grid with id: N »), or None for any other failure."""
    if exc.code != "sheets_refused" or exc.params.get("status") != 400:
        return None
    found = _NO_GRID.search(str(exc.params.get("reason", "")))
    return int(found.group(1)) if found else None


_DISABLED = "has not been used in project"
_CONSOLE = "https://console.developers.google.com/apis/api/sheets.googleapis.com/overview"
_ACTIVATION_URL = re.compile(r"https://console\.developers\.google\.com/apis/api/\S+?(?=\s|$)")
_PROJECT = re.compile(r"used in project (\S+) before")


def error_info(error: Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any]]:
    """The ``reason`` and ``metadata`` of the body's ``google.rpc.ErrorInfo`` detail, if any."""
    details = error.get("details")
    for detail in details if isinstance(details, list) else []:
        if isinstance(detail, Mapping) and "reason" in detail:
            metadata = detail.get("metadata")
            return str(detail["reason"]), metadata if isinstance(metadata, Mapping) else {}
    return None, {}


def _activation(message: str, metadata: Mapping[str, Any]) -> tuple[str, str]:
    """The Cloud project (number or id) and the page that enables the Sheets API for it."""
    consumer = str(metadata.get("consumer", ""))
    found = _PROJECT.search(message)
    project = consumer.removeprefix("projects/") or (found.group(1) if found else "?")
    link = _ACTIVATION_URL.search(message)
    url = str(metadata.get("activationUrl") or (link.group(0) if link else ""))
    return project, url or f"{_CONSOLE}?project={project}"


def unavailable(exc: Exception, timeout: float, attempts: int, seconds: float) -> SourceError:
    """No answer after ``attempts`` tries in ``seconds``: no connection could be made (no
    network, a name that does not resolve, a firewall: ``sheets_network``), or a timeout
    (of ``timeout`` seconds) or a link lost mid-request (Google's side: ``sheets_unavailable``)."""
    chain = _causes(exc)
    if never_connected(exc):
        url = next(
            (
                str(e.request.url)
                for e in chain
                if isinstance(e, requests.RequestException) and e.request is not None
            ),
            "",
        )
        return unreachable(urlsplit(url).hostname or "Google", attempts, seconds)
    return SourceError("sheets_unavailable", reason=no_answer(exc, timeout), attempts=attempts)


def unreachable(host: str, attempts: int, seconds: float) -> SourceError:
    """``sheets_network``: no connection to ``host`` in ``attempts`` tries over ``seconds``."""
    taken = f"{seconds:.1f}"
    seconds_shown = Bilingual(taken.replace(".", ","), taken)
    return SourceError("sheets_network", host=host, reason=both("sync.network.refused"),
                       attempts=attempts, seconds=seconds_shown)  # fmt: skip


def never_connected(exc: Exception) -> bool:
    """No connection could be made at all (rather than an answer late or cut)."""
    return any(isinstance(e, NewConnectionError) for e in _causes(exc))


def no_answer(exc: Exception, timeout: float) -> Bilingual:
    """Why a request got no answer, in both languages."""
    chain = _causes(exc)
    if never_connected(exc):
        return both("sync.network.refused")
    if any(isinstance(e, requests.Timeout) for e in chain):
        return both("sync.network.timeout", seconds=f"{timeout:g}")
    return both("sync.network.lost")


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it wraps: google-auth's TransportError wraps requests' error, which
    wraps urllib3's (``__cause__``, ``__context__`` or its first argument)."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        one = todo.pop()
        if not isinstance(one, BaseException) or any(one is s for s in seen):
            continue
        seen.append(one)
        todo += [one.__cause__, one.__context__, *one.args[:1], getattr(one, "reason", None)]
    return seen


def refresh_error(exc: RefreshError) -> str | None:
    """The token endpoint's OAuth ``error`` (``invalid_grant``…), if its answer had one."""
    details = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], Mapping) else {}
    error = details.get("error")
    return error if isinstance(error, str) else None


def refresh_reason(exc: RefreshError) -> str:
    """The token endpoint's error and description, without anything else from the exchange."""
    details = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], Mapping) else {}
    error, description = details.get("error"), details.get("error_description")
    if isinstance(error, Mapping):  # an API-style body: {"error": {"code": 500, ...}}
        body: Mapping[str, Any] = error
        error, description = body.get("status") or body.get("code"), body.get("message")
    if error or description:
        return ": ".join(str(p) for p in (error, description) if p)
    return type(exc).__name__
