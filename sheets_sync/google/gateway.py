"""The Google Sheets gateway: one open spreadsheet, for the sync.

A sync run makes few, whole requests (Google's Sheets API usage limits count requests,
and a batch counts as one: developers.google.com/sheets/api/limits):

1. :func:`open_spreadsheet` - one spreadsheets.get (titles, ids and grid sizes of the tabs);
2. :meth:`SheetsGateway.read_tabs` - one values.batchGet of the user's tabs, unformatted,
   dates as serial numbers;
3. :meth:`SheetsGateway.write_tabs` - at most one write: nothing when no managed cell
   changed, else one spreadsheets.batchUpdate of the changed cells (``updateCells``
   addressed by sheet id, so a tab renamed meanwhile is never written in another's
   place) that also creates, grows or formats a managed tab when it must; several
   batches only when that body would exceed :attr:`SheetsGateway.request_budget` (8 MiB:
   Google refuses a body over 10 MiB).

The user's tabs are never written. Transient failures are retried
(:mod:`~sheets_sync.google.session`); errors become
:class:`~salespipe.core.errors.SourceError` / ``ConfigError`` with messages that say what
to do and never contain a secret (:mod:`~sheets_sync.google.api_errors`). The other modules
of ``sheets_sync.google`` do each job: :mod:`~sheets_sync.google.credentials`,
:mod:`~sheets_sync.google.tabs`, :mod:`~sheets_sync.google.batch_read`,
:mod:`~sheets_sync.google.batch_write`; they, and only they, import gspread and google.auth.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import gspread
from gspread.exceptions import NoValidUrlKeyFound
from gspread.utils import extract_id_from_url
from requests.adapters import BaseAdapter

from salespipe.core.errors import ConfigError
from salespipe.core.report_tables import CellFormat
from sheets_sync.google import batch_read, batch_write
from sheets_sync.google.api_errors import Failures
from sheets_sync.google.batch_write import NumberFormat
from sheets_sync.google.credentials import credentials_kind, load_credentials
from sheets_sync.google.session import RetryPolicy, call_with_retries, make_client
from sheets_sync.google.tabs import Tab, find_tab, made_by_salespipe, tabs_of
from sheets_sync.google.values import Grid

__all__ = ["RetryPolicy", "SheetsGateway", "Tab", "open_spreadsheet", "spreadsheet_key"]

_KEY = re.compile(r"[A-Za-z0-9_-]{20,}")
T = TypeVar("T")


def spreadsheet_key(key_or_url: str) -> str:
    """The spreadsheet id from a bare key or a docs.google.com URL."""
    text = key_or_url.strip()
    if _KEY.fullmatch(text):
        return text
    try:
        return extract_id_from_url(text)
    except NoValidUrlKeyFound:
        raise ConfigError("sheets_bad_url", value=key_or_url) from None


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
    client = make_client(credentials, policy.timeout, transport)
    gateway = SheetsGateway(client, key, account, policy, kind=credentials_kind(credentials))
    gateway.refresh()
    return gateway


class SheetsGateway:
    """One open spreadsheet: its tabs, reads of user tabs, writes of managed tabs."""

    def __init__(
        self,
        client: gspread.Client,
        key: str,
        account: str | None,
        retry: RetryPolicy,
        *,
        kind: str | None = None,
        request_budget: int = batch_write.REQUEST_BUDGET,
    ):
        self.http = client.http_client
        self.key = key
        self.history_key = f"sheets:{key}"
        self.account = account
        self.kind = kind  # service_account or authorized_user: how a refusal reads
        self.retry = retry
        self.title = ""
        self.tabs: list[Tab] = []
        self.user_tabs: set[str] = set()
        #: The managed tabs as last read whole or written (casefolded title -> rows), what
        #: a write compares with to send only the cells that changed.
        self.seen: dict[str, Grid] = {}
        #: The largest request body a write sends, in bytes of JSON (Google refuses more
        #: than 10 MiB): a larger write goes in several batches.
        self.request_budget = request_budget

    def refresh(self) -> None:
        """Reload titles, ids and grid sizes (one spreadsheets.get)."""
        meta = self.call("spreadsheets.get", lambda: self.http.fetch_sheet_metadata(self.key))
        self.title = meta.get("properties", {}).get("title", "")
        self.tabs = tabs_of(meta)

    def titles(self) -> list[str]:
        return [t.title for t in self.tabs]

    def find(self, name: str) -> Tab | None:
        """The tab of that title; Google titles are unique regardless of case."""
        return find_tab(self.tabs, name)

    def made_by_salespipe(self, name: str) -> bool | None:
        """Whether the tab named ``name`` is one salespipe created (by its sheet id: see
        :func:`~sheets_sync.google.tabs.made_by_salespipe`); None when there is none."""
        tab = self.find(name)
        return None if tab is None else made_by_salespipe(tab, name)

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
        return batch_read.read_tabs(self, names, first_rows)

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        formats: Mapping[str, Mapping[int, NumberFormat]] | None = None,
        *,
        reformat: bool | Collection[str] = False,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
        fixed_layout: Collection[str] = (),
    ) -> None:
        """Write every managed tab from A1 in at most one request, only the cells that
        differ from the tab as read (:meth:`read_tabs` of the whole tab) or last written,
        to the tab of the sheet id read under that name, whatever its title has become
        (a tab deleted meanwhile: the tabs are listed again and the write planned anew,
        once; :mod:`~sheets_sync.google.batch_write`).

        Missing tabs are created (a renamed or deleted managed tab comes back), grids grown,
        and dates (plus ``formats``: column index -> numberFormat, and ``cell_formats``:
        the report's formats of parts of columns) formatted, row 1 frozen, columns fitted,
        when a tab is created or grown, when ``reformat`` is true or names it (its layout
        moved), and when an earlier version wrote it. Formats stay in a spreadsheet
        between runs, so a steady run sends none. ``fixed_layout``: tabs whose rows keep
        their places from run to run, whose per-cell date formats need not follow
        changed values (the dashboard while its layout holds).
        """
        batch_write.write_tabs(
            self,
            values_by_tab,
            formats,
            reformat=reformat,
            cell_formats=cell_formats,
            fixed_layout=fixed_layout,
        )

    def call(
        self, label: str, fn: Callable[[], T], before_retry: Callable[[], None] | None = None
    ) -> T:
        """Run one API call on this spreadsheet, retrying transient failures
        (:func:`~sheets_sync.google.session.call_with_retries`)."""
        self.http.set_timeout(self.retry.timeout)
        failures = Failures(self.key, self.account, self.kind)
        return call_with_retries(label, fn, self.retry, failures, before_retry)
