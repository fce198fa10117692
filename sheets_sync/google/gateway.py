"""The Google Sheets gateway: the only module that imports gspread and google.auth.

A sync run makes few, whole requests (Google's Sheets API usage limits count requests,
and a batch counts as one: developers.google.com/sheets/api/limits):

1. :func:`open_spreadsheet` - one spreadsheets.get (titles, ids and grid sizes of the tabs);
2. :meth:`SheetsGateway.read_tabs` - one values.batchGet of the user's tabs, unformatted,
   dates as serial numbers;
3. :meth:`SheetsGateway.write_tabs` - at most one spreadsheets.batchUpdate (only when a
   managed tab must be created, grown or formatted) and one values.batchUpdate, RAW, of
   every managed tab, each padded with blanks to its grid so stale cells are cleared.

The user's tabs are never written. 429, 408 and 5xx answers, timeouts and dropped
connections are retried with bounded exponential backoff that honours ``Retry-After``;
a structural batch is recomputed from fresh metadata before a retry, so a batch that
went through without an answer never creates a tab twice. Errors become
:class:`~salespipe.core.errors.SourceError` / ``ConfigError`` with messages that say what
to do and never contain a secret.
"""

from __future__ import annotations

import json
import re
import time
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

import gspread
import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account
from gspread.exceptions import APIError, NoValidUrlKeyFound
from gspread.utils import absolute_range_name, extract_id_from_url
from requests.adapters import BaseAdapter

from salespipe.core.errors import ConfigError, SourceError
from salespipe.core.report_tables import CellFormat
from salespipe.core.texts import Bilingual, both
from sheets_sync.google.values import Grid, merged_formats, number_format, pad, prepare, size

SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_KEY = re.compile(r"[A-Za-z0-9_-]{20,}")
T = TypeVar("T")
NumberFormat = Mapping[str, str]


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait and how often to try again; ``sleep`` is injectable for tests."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before try ``attempt + 2``: 1, 2, 4... or Retry-After if longer; capped."""
        backoff = self.base_delay * 2**attempt
        return min(self.max_delay, max(backoff, retry_after or 0.0))


@dataclass
class Tab:
    """A tab as the spreadsheet's metadata describes it."""

    title: str
    sheet_id: int
    rows: int
    cols: int


# ---------------------------------------------------------------- opening


def spreadsheet_key(key_or_url: str) -> str:
    """The spreadsheet id from a bare key or a docs.google.com URL."""
    text = key_or_url.strip()
    if _KEY.fullmatch(text):
        return text
    try:
        return extract_id_from_url(text)
    except NoValidUrlKeyFound:
        raise ConfigError("sheets_bad_url", value=key_or_url) from None


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


def make_client(
    credentials: Credentials, timeout: float, transport: BaseAdapter | None = None
) -> gspread.Client:
    """A gspread client on google-auth's AuthorizedSession; ``transport`` replaces the
    HTTP adapter of both the API and the token requests (tests send them to an emulator)."""
    token_session = requests.Session()
    session = AuthorizedSession(credentials, auth_request=Request(token_session))
    if transport is not None:
        for s in (token_session, session):
            s.mount("https://", transport)
            s.mount("http://", transport)
    client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
    client.set_timeout(timeout)
    return client


def open_spreadsheet(
    key_or_url: str,
    credentials_file: str | Path,
    *,
    retry: RetryPolicy | None = None,
    transport: BaseAdapter | None = None,
) -> SheetsGateway:
    """Open a spreadsheet by key or URL: one spreadsheets.get, retried on transient errors."""
    key = spreadsheet_key(key_or_url)
    credentials, account = load_credentials(credentials_file)
    policy = retry or RetryPolicy()
    gateway = SheetsGateway(
        make_client(credentials, policy.timeout, transport), key, account, policy
    )
    gateway.refresh()
    return gateway


# ---------------------------------------------------------------- the gateway


class SheetsGateway:
    """One open spreadsheet: its tabs, reads of user tabs, writes of managed tabs."""

    def __init__(self, client: gspread.Client, key: str, account: str | None, retry: RetryPolicy):
        self._http = client.http_client
        self.key = key
        self.history_key = f"sheets:{key}"
        self.account = account
        self.retry = retry
        self.title = ""
        self.tabs: list[Tab] = []
        self.user_tabs: set[str] = set()

    def refresh(self) -> None:
        """Reload titles, ids and grid sizes (one spreadsheets.get)."""
        meta = self._call("spreadsheets.get", lambda: self._http.fetch_sheet_metadata(self.key))
        self.title = meta.get("properties", {}).get("title", "")
        self.tabs = [
            Tab(
                p["title"],
                int(p.get("sheetId", 0)),
                int(p.get("gridProperties", {}).get("rowCount", 0)),
                int(p.get("gridProperties", {}).get("columnCount", 0)),
            )
            for p in (s["properties"] for s in meta.get("sheets", []))
        ]

    def titles(self) -> list[str]:
        return [t.title for t in self.tabs]

    def find(self, name: str) -> Tab | None:
        """The tab of that title; Google titles are unique regardless of case."""
        exact = next((t for t in self.tabs if t.title == name), None)
        return exact or next((t for t in self.tabs if t.title.casefold() == name.casefold()), None)

    # ------------------------------------------------------------ reading

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Grid]:
        """Every named tab, and the first rows of the ``first_rows`` tabs (name -> how many
        rows, at most the tab's), in one values.batchGet:
        unformatted values, dates as serials.

        Rows come back as Google sends them: trailing blank cells and rows trimmed, ``""``
        for blanks in between. A missing tab is a SourceError naming it and the tabs present;
        a missing ``first_rows`` tab is left out of the answer.
        """
        tabs = [self._user_tab(name) for name in names]
        self.user_tabs.update(t.title for t in tabs)
        wanted_rows = dict(first_rows or {})
        heads = [(name, tab) for name in wanted_rows if (tab := self.find(name)) is not None]
        params = {
            "valueRenderOption": "UNFORMATTED_VALUE",
            "dateTimeRenderOption": "SERIAL_NUMBER",
            "majorDimension": "ROWS",
        }
        ranges = [absolute_range_name(t.title) for t in tabs]
        # Within the grid: Google answers 400 for a range past a tab's last row.
        ranges += [
            absolute_range_name(tab.title, f"1:{max(1, min(wanted_rows[name], tab.rows))}")
            for name, tab in heads
        ]
        try:
            answer = self._call(
                "values.batchGet",
                lambda: self._http.values_batch_get(self.key, ranges, params=dict(params)),
            )
        except SourceError as exc:
            if exc.params.get("status") != 400:
                raise
            self.refresh()  # a tab renamed since the spreadsheet was opened
            for name in names:
                self._user_tab(name)
            raise
        value_ranges = answer.get("valueRanges", [])
        wanted = [*names, *(name for name, _ in heads)]
        return {
            name: list(vr.get("values", [])) for name, vr in zip(wanted, value_ranges, strict=True)
        }

    def _user_tab(self, name: str) -> Tab:
        tab = self.find(name)
        if tab is None:
            raise SourceError(
                "sheet_not_found",
                sheet=name,
                source=f"Google Sheets « {self.title} »",
                sheets=", ".join(self.titles()),
            )
        return tab

    # ------------------------------------------------------------ writing

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
        *,
        reformat: bool | Collection[str] = False,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
    ) -> None:
        """Write every managed tab from A1 in one values.batchUpdate (RAW).

        Missing tabs are created (a renamed or deleted managed tab comes back), grids grown,
        and date columns (plus ``formats``: column index -> numberFormat, and
        ``cell_formats``: the report's formats of parts of columns) formatted, in one
        structural batch sent only when needed or when ``reformat`` is true (or names the
        tab: its layout moved, its old formats are cleared first). Formats stay in a
        spreadsheet between runs, so a steady run sends none.
        """
        clash = [name for name in values_by_tab if self._is_user_tab(name)]
        if clash:
            raise ValueError(f"user tabs are never written: {', '.join(clash)}")
        prepared = {name: prepare(grid) for name, grid in values_by_tab.items()}
        rows = {name: grid for name, (grid, _) in prepared.items()}
        wanted = {
            name: merged_formats(detected, (formats or {}).get(name))
            for name, (_, detected) in prepared.items()
        }
        self.ensure_tabs(
            {name: size(grid) for name, grid in rows.items()},
            wanted,
            reformat=reformat,
            cell_formats=cell_formats,
        )
        data = []
        for name, grid in rows.items():
            tab = self.find(name)
            assert tab is not None  # ensured above
            height, width = size(grid)
            block = pad(grid, max(height, tab.rows), max(width, tab.cols))
            data.append({"range": absolute_range_name(tab.title, "A1"), "values": block})
        body = {"valueInputOption": "RAW", "data": data}
        self._call("values.batchUpdate", lambda: self._http.values_batch_update(self.key, body))

    def _is_user_tab(self, name: str) -> bool:
        return name.casefold() in {t.casefold() for t in self.user_tabs}

    def ensure_tabs(
        self,
        sizes: Mapping[str, tuple[int, int]],
        formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
        *,
        reformat: bool | Collection[str] = False,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
    ) -> list[str]:
        """Create missing tabs and grow small grids in one batchUpdate; return created titles.

        No request at all when every tab exists, is large enough and ``reformat`` is false.
        """
        created: list[str] = []

        def send() -> Any:
            requests_, created[:] = self._structure(
                sizes, formats or {}, reformat, cell_formats or {}
            )
            if not requests_:
                return None
            reply = self._http.batch_update(self.key, {"requests": requests_})
            self._apply_structure(requests_)
            return reply

        self._call("spreadsheets.batchUpdate", send, before_retry=self.refresh)
        return created

    def _structure(
        self,
        sizes: Mapping[str, tuple[int, int]],
        formats: Mapping[str, Mapping[int, NumberFormat]],
        reformat: bool | Collection[str],
        cell_formats: Mapping[str, Sequence[CellFormat]],
    ) -> tuple[list[dict[str, Any]], list[str]]:
        out: list[dict[str, Any]] = []
        created = []
        taken = {t.sheet_id for t in self.tabs}
        for name, (height, width) in sizes.items():
            tab = self.find(name)
            rows, cols = max(height, 1), max(width, 1)
            if tab is None:
                sheet_id = _new_sheet_id(name, taken)
                grid = {"rowCount": rows, "columnCount": cols}
                props = {"sheetId": sheet_id, "title": name, "gridProperties": grid}
                out.append({"addSheet": {"properties": props}})
                created.append(name)
            elif rows > tab.rows or cols > tab.cols:
                sheet_id = tab.sheet_id
                grid = {"rowCount": max(rows, tab.rows), "columnCount": max(cols, tab.cols)}
                props = {"sheetId": sheet_id, "gridProperties": grid}
                fields = "gridProperties.rowCount,gridProperties.columnCount"
                out.append({"updateSheetProperties": {"properties": props, "fields": fields}})
            elif reformat is True or (not isinstance(reformat, bool) and name in reformat):
                sheet_id = tab.sheet_id
                out.append(_clear_formats(sheet_id))  # formats of the old layout
            else:
                continue
            out.extend(_format_requests(sheet_id, formats.get(name, {})))
            out.extend(_cell_format_requests(sheet_id, cell_formats.get(name, ())))
        return out, created

    def _apply_structure(self, sent: list[dict[str, Any]]) -> None:
        """Update the known tabs from a structural batch that went through."""
        for request in sent:
            for kind in ("addSheet", "updateSheetProperties"):
                props = request.get(kind, {}).get("properties")
                if not props:
                    continue
                grid = props["gridProperties"]
                tab = next((t for t in self.tabs if t.sheet_id == props["sheetId"]), None)
                if tab is None:
                    tab = Tab(props["title"], props["sheetId"], 0, 0)
                    self.tabs.append(tab)
                tab.rows, tab.cols = grid["rowCount"], grid["columnCount"]

    # ------------------------------------------------------------ requests, retries, errors

    def _call(
        self, label: str, fn: Callable[[], T], before_retry: Callable[[], None] | None = None
    ) -> T:
        """Run one API call; retry transient failures with bounded, Retry-After-aware backoff."""
        attempts = max(1, self.retry.attempts)
        self._http.set_timeout(self.retry.timeout)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                return fn()
            except APIError as exc:
                status = exc.response.status_code
                if status not in RETRY_STATUSES or last:
                    raise self._api_error(label, exc, attempts) from exc
                wait = self.retry.delay(attempt, retry_after(exc.response))
            except RefreshError as exc:
                raise self._refused(exc) from exc
            except (requests.ConnectionError, requests.Timeout, TransportError) as exc:
                if last:
                    raise SourceError(
                        "sheets_unavailable",
                        reason=_network_reason(exc, self.retry),
                        attempts=attempts,
                    ) from exc
                wait = self.retry.delay(attempt, None)
            self.retry.sleep(wait)
            if before_retry is not None:
                before_retry()
        raise AssertionError("unreachable")  # pragma: no cover

    def _api_error(self, label: str, exc: APIError, attempts: int) -> SourceError:
        status = exc.response.status_code
        message = str(exc.error.get("message", "")) if isinstance(exc.error, Mapping) else ""
        account = self._account_name()
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

    def _refused(self, exc: RefreshError) -> SourceError:
        return SourceError(
            "sheets_credentials_refused", account=self._account_name(), reason=refresh_reason(exc)
        )

    def _account_name(self) -> str | Bilingual:
        """The account's e-mail; an OAuth user's credentials do not say it."""
        return self.account or both("sync.default_account")


def _new_sheet_id(title: str, taken: set[int]) -> int:
    """A stable id for a tab we create (so the same batch can format it); never 0."""
    candidate = zlib.crc32(title.encode()) & 0x7FFFFFFF or 1
    while candidate in taken:
        candidate = (candidate * 31 + 7) & 0x7FFFFFFF or 1
    taken.add(candidate)
    return candidate


def _format_requests(sheet_id: int, formats: Mapping[int, NumberFormat]) -> list[dict[str, Any]]:
    return [
        {
            "repeatCell": {
                "range": {"sheetId": sheet_id, "startColumnIndex": col, "endColumnIndex": col + 1},
                "cell": {"userEnteredFormat": {"numberFormat": dict(fmt)}},
                "fields": "userEnteredFormat.numberFormat",
            }
        }
        for col, fmt in sorted(formats.items())
    ]


def _clear_formats(sheet_id: int) -> dict[str, Any]:
    """A repeatCell that removes every number format of a tab."""
    return {
        "repeatCell": {
            "range": {"sheetId": sheet_id},
            "cell": {"userEnteredFormat": {}},
            "fields": "userEnteredFormat.numberFormat",
        }
    }


def _cell_format_requests(sheet_id: int, formats: Sequence[CellFormat]) -> list[dict[str, Any]]:
    """repeatCell requests for the report's formats (1-based rows and columns; an open
    last row runs to the end of the grid)."""
    out = []
    for first, last, column, excel in formats:
        grid_range = {
            "sheetId": sheet_id,
            "startRowIndex": first - 1,
            "startColumnIndex": column - 1,
            "endColumnIndex": column,
        }
        if last is not None:
            grid_range["endRowIndex"] = last
        cell = {"userEnteredFormat": {"numberFormat": number_format(excel)}}
        fields = "userEnteredFormat.numberFormat"
        out.append({"repeatCell": {"range": grid_range, "cell": cell, "fields": fields}})
    return out


def retry_after(response: requests.Response) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def refresh_reason(exc: RefreshError) -> str:
    """The token endpoint's error and description, without anything else from the exchange."""
    details = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], Mapping) else {}
    error, description = details.get("error"), details.get("error_description")
    if error or description:
        return ": ".join(str(p) for p in (error, description) if p)
    return type(exc).__name__


def _network_reason(exc: Exception, policy: RetryPolicy) -> Bilingual:
    if isinstance(exc, requests.Timeout):
        return both("sync.network.timeout", seconds=f"{policy.timeout:g}")
    return both("sync.network.lost")
