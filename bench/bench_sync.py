"""Requests, bytes and time of a steady-state ``salespipe sync``, against two gspread habits.

On the Sheets API emulator of the tests (``tests/support``, started in this process on
127.0.0.1, real gspread and google-auth, a service-account key generated at run time), for
each size (1 000, 10 000 and 50 000 deals by default) four spreadsheets get the same user
tabs (Pipeline, Étapes, Plan d'actions; ``bench/make_data.py``'s deals, cells as an
UNFORMATTED_VALUE read returns them: numbers, serial dates, text, ``""`` blanks). Each way
runs once to set its managed tabs up, then is measured in the steady state:

* ``salespipe``: ``open_spreadsheet`` + ``run_sync`` (``salespipe sync --no-history``);
* ``salespipe + history``: the same with a ``HistoryStore`` in a temporary SQLite file
  (the command's default; a fourth managed tab, « Historique »);
* ``gspread-dataframe``: ``gc.open_by_key``, ``worksheets()``, ``get_values`` of each user
  tab, the same report computed by the core, then ``set_with_dataframe`` of each managed
  tab (a DataFrame of its rows);
* ``row by row``: the same read and report, then one ``worksheet.update`` per row of each
  managed tab (RAW, the cells salespipe sends). When its loop would run longer than
  ``--row-budget`` seconds, a prefix is measured and the rest extrapolated (labelled);
  it runs once when a run takes more than 10 s. Nothing leaves 127.0.0.1.

Then, on salespipe's spreadsheet, the bytes a steady run writes as deals change: today's
full rewrite of every managed cell (a gateway that has not read the managed tabs writes
them whole, padded to their grids, as every run did before writes followed changes), a run
where nothing changed, and runs after 1 % then 100 % of the deals were edited, two ways:
``re-quoted`` (a new amount: the dashboard's figures change) and ``followed up`` (a contact
logged yesterday, the next follow-up in a week, one more touch: the deal's line moves in
« Relances », whose rows are sorted by state and due date). The edits go straight into
the emulator, outside the counts.

Counted by the emulator (``Stats``): Sheets API requests per endpoint (the token exchange
apart) and request bodies received; counted by the client's transport: request line,
headers and body. Wall time from loading the credentials to the last answer, best of
``--repeat`` runs (interleaved), of which the emulator's own handling. Prints a Markdown
table and the verdict on the target (at most 3 Sheets requests for a steady-state salespipe
run, whatever the row count, a write that passed the 8 MiB budget and went in several
batches counted as one), then each salespipe write's batches and the bytes of each
against Google's 10 MiB limit; every run goes to ``bench/results/sync.json``. See
docs/benchmarks.md, section "Google Sheets sync".

    python bench/bench_sync.py [--sizes 1000,10000,50000] [--repeat 3] [--row-budget 180]
                               [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
AS_OF = date(2026, 11, 23)
WAYS = ("salespipe", "salespipe + history", "gspread-dataframe", "row by row")
#: The ways that write the same three managed tabs (the history variant adds a fourth).
SALESPIPE_WAYS, BASELINES = WAYS[:2], WAYS[2:]
USER_TABS = ("Pipeline", "Étapes", "Plan d'actions")
GOAL_REQUESTS = 3
#: Google's default write quota per user (Sheets API usage limits, docs/sources.md), for the notes.
WRITES_PER_MINUTE = 60

sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(REPO_DIR))  # tests.support: the emulator
from gspread.utils import rowcol_to_a1  # noqa: E402
from make_data import (  # noqa: E402
    DEAL_COLUMNS,
    Generator,
    action_rows,
    deal_headers,
    stage_rows,
)

from tests.support.sheets_emulator import SheetsEmulator  # noqa: E402
from tests.support.sheets_fixtures import (  # noqa: E402
    LoopbackAdapter,
    make_service_account_key,
    write_service_account_file,
)

# --- the spreadsheet ---------------------------------------------------------------------


def user_tabs(n_deals: int, seed: int) -> dict[str, list[list[Any]]]:
    """The user tabs of ``make_data.write_deals_workbook(n_deals, seed)`` (same draws, same
    order), each cell as a Google read gives it back: serial dates, numbers, text, ``""``."""
    from sheets_sync.google.values import to_sheet_value

    rng = random.Random(seed)
    generator = Generator(rng)
    pipeline = [deal_headers(), *(generator.row(i) for i in range(1, n_deals + 1))]
    stages = list(stage_rows())
    actions = list(action_rows(rng))
    grids = dict(zip(USER_TABS, (pipeline, stages, actions), strict=True))
    return {name: [[to_sheet_value(v) for v in row] for row in g] for name, g in grids.items()}


# --- counting -----------------------------------------------------------------------------


class CountingAdapter(LoopbackAdapter):
    """The tests' loopback transport, also counting what the client sends: request line,
    headers (plus the Host header urllib3 adds) and body."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.sent: Counter[str] = Counter()  # by HTTP method (PUT: values.update)

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().send(request, *args, **kwargs)  # the URL is rewritten in there
        url = request.path_url or "/"
        head = f"{request.method} {url} HTTP/1.1\r\n" + "Host: 127.0.0.1:00000\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in request.headers.items()) + "\r\n"
        body = request.body or b""
        size = len(head.encode()) + len(body if isinstance(body, bytes) else body.encode())
        self.sent[request.method] += size
        return response


@dataclass
class Env:
    """The running emulator, the key file, and the emulator's handling time by endpoint."""

    emulator: SheetsEmulator
    credentials: Path
    folder: Path
    handled_s: Counter[str] = field(default_factory=Counter)
    adapters: list[CountingAdapter] = field(default_factory=list)

    def adapter(self) -> CountingAdapter:
        adapter = CountingAdapter(self.emulator.url)
        self.adapters.append(adapter)
        return adapter


@contextmanager
def environment_started(folder: Path) -> Iterator[Env]:
    """The emulator on 127.0.0.1 with a fresh service-account key registered; the time its
    request handling takes (routing, auth and HTTP aside) is summed by endpoint in
    ``handled_s``."""
    with SheetsEmulator() as emulator:
        key_file = write_service_account_file(
            folder / "service-account.json", make_service_account_key(), emulator
        )
        env = Env(emulator, key_file, folder)
        handle, lock = emulator.handle, threading.Lock()

        def timed_handle(call: Any) -> Any:
            start = time.perf_counter()
            try:
                return handle(call)
            finally:
                with lock:
                    env.handled_s[call.endpoint] += time.perf_counter() - start

        emulator.handle = timed_handle  # type: ignore[method-assign]
        yield env


@dataclass
class Run:
    """One measured run of one way."""

    way: str
    wall_s: float
    emulator_s: float
    requests: dict[str, int]  # Sheets API endpoints only
    token_requests: int
    body_bytes: int  # request bodies received by the emulator, Sheets API only
    wire_bytes: int  # request line + headers + body, counted by the client, token included
    received_bytes: int  # answer bodies, Sheets API only
    done: int = 0  # rows written in this run
    total: int = 0  # rows to write
    emulator_by_endpoint: dict[str, float] = field(default_factory=dict)
    loop_s: float = 0.0  # row by row: time in the per-row loop
    update_emulator_s: float = 0.0  # row by row: the emulator's time on values.update
    update_body_bytes: int = 0
    update_wire_bytes: int = 0
    extrapolated: bool = False
    #: The body of each spreadsheets.batchUpdate, in order (a write over the gateway's
    #: 8 MiB budget goes in several: Google refuses a body over 10 MiB).
    write_bodies: list[int] = field(default_factory=list)

    @property
    def extra_batches(self) -> int:
        """The batches a write needed beyond one because it passed the budget."""
        return max(0, len(self.write_bodies) - 1)

    @property
    def sheets_requests(self) -> int:
        return sum(self.requests.values())


@dataclass(frozen=True)
class Done:
    """What a way's run did: rows written, rows it had to write, time in a per-row loop."""

    rows: int
    total: int
    loop_s: float = 0.0


def measured(env: Env, way: str, work: Callable[[], Done]) -> Run:
    """Run ``work`` with fresh counters."""
    stats = env.emulator.stats
    gc.collect()
    stats.reset()
    env.handled_s.clear()
    env.adapters[:] = []
    start = time.perf_counter()
    done = work()
    wall = time.perf_counter() - start
    records = stats.records
    sheets = [r for r in records if not r.endpoint.startswith(("oauth2.", "iam."))]
    return Run(
        way=way,
        wall_s=wall,
        emulator_s=sum(env.handled_s.values()),
        requests=dict(Counter(r.endpoint for r in sheets)),
        token_requests=sum(1 for r in records if r.endpoint == "oauth2.token"),
        body_bytes=sum(r.bytes_in for r in sheets),
        wire_bytes=sum(sum(a.sent.values()) for a in env.adapters),
        received_bytes=sum(r.bytes_out for r in sheets),
        done=done.rows,
        total=done.total,
        emulator_by_endpoint=dict(env.handled_s),
        loop_s=done.loop_s,
        update_emulator_s=env.handled_s["values.update"],
        update_body_bytes=sum(r.bytes_in for r in sheets if r.endpoint == "values.update"),
        update_wire_bytes=sum(a.sent["PUT"] for a in env.adapters),
        write_bodies=[r.bytes_in for r in sheets if r.endpoint == "spreadsheets.batchUpdate"],
    )


# --- the three ways -----------------------------------------------------------------------


def salespipe_run(env: Env, key: str, history: Path | None = None) -> Done:
    """What ``salespipe sync`` does once: open (spreadsheets.get), read, compute, write;
    with ``history``, the states recorded in that SQLite file and the « Historique » tab
    written too (the command's default; without: ``salespipe sync --no-history``)."""
    from salespipe.settings import SyncSettings
    from sheets_sync.google.gateway import open_spreadsheet
    from sheets_sync.history_store import HistoryStore
    from sheets_sync.job import run_sync

    gateway = open_spreadsheet(key, env.credentials, transport=env.adapter())
    settings = SyncSettings(
        spreadsheet=key, credentials=env.credentials, history=history, keep_history=bool(history)
    )
    if history is None:
        result = run_sync(settings, gateway, AS_OF)
    else:
        with HistoryStore(history) as store:
            result = run_sync(settings, gateway, AS_OF, history=store)
    return Done(result.rows_written, result.rows_written)


def gspread_client(env: Env) -> Any:
    """gspread on google-auth's AuthorizedSession, as ``gspread.service_account()`` builds it,
    with the loopback transport mounted (the way salespipe's own client is built)."""
    import gspread
    import requests
    from google.auth.transport.requests import AuthorizedSession, Request
    from google.oauth2 import service_account

    scopes = ["https://www.googleapis.com/auth/spreadsheets"]
    credentials = service_account.Credentials.from_service_account_file(
        str(env.credentials), scopes=scopes
    )
    adapter = env.adapter()
    token_session = requests.Session()
    session = AuthorizedSession(credentials, auth_request=Request(token_session))
    for s in (token_session, session):
        s.trust_env = False
        s.mount("https://", adapter)
        s.mount("http://", adapter)
    return gspread.Client(auth=None, session=session)


def read_and_compute(env: Env, key: str) -> tuple[Any, dict[str, Any], dict[str, list[list[Any]]]]:
    """The usual gspread read (open, list the tabs, one ``get_values`` per user tab, unformatted
    with serial dates as salespipe reads) and the same managed tabs computed by the core."""
    from gspread.utils import DateTimeOption, ValueRenderOption

    from salespipe.core.reading.pipeline import load_pipeline
    from salespipe.core.report import build_report
    from salespipe.settings import SyncSettings
    from sheets_sync.job import managed_layouts

    spreadsheet = gspread_client(env).open_by_key(key)
    tabs = {ws.title: ws for ws in spreadsheet.worksheets()}
    grids = {
        name: tabs[name].get_values(
            value_render_option=ValueRenderOption.unformatted,
            date_time_render_option=DateTimeOption.serial_number,
        )
        for name in USER_TABS
        if name in tabs
    }
    settings = SyncSettings()
    pipeline = load_pipeline(grids, spreadsheet.title, settings.pipeline_options(grids))
    report = build_report(pipeline, AS_OF, target=settings.target, period=settings.period)
    layouts = managed_layouts(report, settings.lang)
    return spreadsheet, tabs, {name: rows for name, (rows, _) in layouts.items()}


def worksheet_for(spreadsheet: Any, tabs: dict[str, Any], name: str, rows: list[list[Any]]) -> Any:
    """The managed tab's worksheet, added (one spreadsheets.batchUpdate) when missing."""
    if name not in tabs:
        width = max((len(r) for r in rows), default=1)
        tabs[name] = spreadsheet.add_worksheet(name, rows=max(len(rows), 1), cols=max(width, 1))
    return tabs[name]


def frame_of(rows: list[list[Any]]) -> tuple[Any, bool]:
    """A DataFrame of a managed tab: its first row as the header when the rows are a table;
    short rows (the dashboard's sections) padded with blanks."""
    import pandas as pd

    width = max((len(r) for r in rows), default=0)
    if rows and len(rows[0]) == width and len(set(map(str, rows[0]))) == width:
        return pd.DataFrame(rows[1:], columns=rows[0]), True
    return pd.DataFrame([[*r, *[None] * (width - len(r))] for r in rows]), False


def dataframe_run(env: Env, key: str) -> Done:
    """Read, compute, then ``set_with_dataframe`` of each managed tab (created if missing)."""
    from gspread_dataframe import set_with_dataframe

    spreadsheet, tabs, tables = read_and_compute(env, key)
    for name, rows in tables.items():
        worksheet = worksheet_for(spreadsheet, tabs, name, rows)
        frame, with_header = frame_of(rows)
        set_with_dataframe(worksheet, frame, include_column_header=with_header)
    rows_written = sum(len(r) for r in tables.values())
    return Done(rows_written, rows_written)


def row_by_row_run(env: Env, key: str, budget_s: float, setup: bool = False) -> Done:
    """Read, compute, then one ``worksheet.update([row], "A<n>")`` per row (RAW), stopping
    once the loop has run ``budget_s`` seconds. ``setup``: one update per tab instead."""
    from sheets_sync.google.values import prepare

    spreadsheet, tabs, tables = read_and_compute(env, key)
    grids = {name: prepare(rows)[0] for name, rows in tables.items()}  # JSON-able cells
    total = sum(len(g) for g in grids.values())
    started = time.perf_counter()
    deadline = started + budget_s
    done = 0
    for name, grid in grids.items():
        worksheet = worksheet_for(spreadsheet, tabs, name, grid)
        if setup:
            worksheet.update(grid, "A1")
            done += len(grid)
            continue
        for number, row in enumerate(grid, start=1):
            if time.perf_counter() > deadline:
                return Done(done, total, time.perf_counter() - started)
            worksheet.update([row], f"A{number}")
            done += 1
    return Done(done, total, time.perf_counter() - started)


def extrapolated(run: Run) -> Run:
    """A truncated row-by-row run scaled to all its rows: the fixed part (sign-in, open,
    list, read and compute) is kept as measured, the per-row loop (its time, its
    values.update requests and their bytes) is scaled by rows to write / rows written."""
    if run.done >= run.total or run.done == 0:
        return run
    grow = run.total / run.done - 1  # what the unmeasured rows add, per measured unit
    fixed = {e: n for e, n in run.requests.items() if e != "values.update"}
    return replace(
        run,
        wall_s=run.wall_s + run.loop_s * grow,
        emulator_s=run.emulator_s + run.update_emulator_s * grow,
        requests={**fixed, "values.update": run.total},
        body_bytes=round(run.body_bytes + run.update_body_bytes * grow),
        wire_bytes=round(run.wire_bytes + run.update_wire_bytes * grow),
        received_bytes=round(run.received_bytes * (1 + grow)),
        extrapolated=True,
    )


# --- writes as deals change ---------------------------------------------------------------

#: The edits a sales team makes between two runs, and the deal columns each changes.
EDITS = {
    "re-quoted": ("amount",),
    "followed up": ("last_contact", "next_followup", "touches"),
}
#: The shares of deals edited before a measured run.
SHARES = (0.01, 1.0)


@dataclass
class ChangeRun:
    """One measured run after ``deals`` deals were edited (``edit``: none, one of
    :data:`EDITS`, or today's full rewrite)."""

    edit: str
    share: float
    deals: int
    run: Run


def edited(column: str, old: Any) -> Any:
    """A deal's cell after an edit: the amount up 5 % (a new one where the cell held
    text), the last contact yesterday, the next follow-up in a week, one more touch."""
    number = isinstance(old, (int, float)) and not isinstance(old, bool)
    as_of = (AS_OF - date(1899, 12, 30)).days
    if column == "amount":
        return round(old * 1.05, 2) if number else 10_000.0
    if column == "touches":
        return old + 1 if number else 1
    return as_of - 1 if column == "last_contact" else as_of + 7


def edit_deals(
    env: Env, key: str, n_deals: int, columns: Sequence[str], share: float, seed: int
) -> int:
    """Edit ``share`` of the deals (drawn at random) in ``columns`` of Pipeline, straight
    in the emulator (:func:`edited`). Returns how many deals were edited."""
    rows = env.emulator.get_values(key, "Pipeline")
    chosen = random.Random(seed).sample(range(1, n_deals + 1), max(1, round(n_deals * share)))
    for column in columns:
        index = DEAL_COLUMNS.index(column)
        cells: list[Any] = [row[index] if index < len(row) else "" for row in rows]
        for i in chosen:
            cells[i] = edited(column, cells[i])
        letter = "".join(ch for ch in rowcol_to_a1(1, index + 1) if ch.isalpha())
        env.emulator.set_values(
            key, f"Pipeline!{letter}1:{letter}{len(cells)}", [[v] for v in cells], value_input="RAW"
        )
    return len(chosen)


def full_rewrite_run(env: Env, key: str, tables: dict[str, list[list[Any]]]) -> Done:
    """What every steady run did before writes followed changes: open, read the user tabs,
    write every managed cell, padded to the tabs' grids (a gateway that has not read the
    managed tabs writes them whole)."""
    from sheets_sync.google.gateway import open_spreadsheet

    gateway = open_spreadsheet(key, env.credentials, transport=env.adapter())
    gateway.read_tabs(list(USER_TABS))
    gateway.write_tabs(tables)
    rows = sum(len(r) for r in tables.values())
    return Done(rows, rows)


def measure_changes(
    env: Env, key: str, n_deals: int, seed: int, log: Callable[[str], None]
) -> list[ChangeRun]:
    """Bytes written by steady runs on salespipe's spreadsheet: the full rewrite, nothing
    changed, then 1 % and 100 % of the deals edited, for each of :data:`EDITS`."""
    from salespipe.settings import SyncSettings
    from sheets_sync.google.gateway import open_spreadsheet
    from sheets_sync.job import managed_layouts, run_sync

    gateway = open_spreadsheet(key, env.credentials, transport=env.adapter())
    report_ = run_sync(SyncSettings(), gateway, AS_OF).report
    tables = {name: rows for name, (rows, _) in managed_layouts(report_, "fr").items()}
    out = [
        ChangeRun(
            "full rewrite",
            0.0,
            0,
            measured(env, "full rewrite", lambda: full_rewrite_run(env, key, tables)),
        )
    ]
    out.append(
        ChangeRun("none", 0.0, 0, measured(env, "salespipe", lambda: salespipe_run(env, key)))
    )
    for n, (edit, columns) in enumerate(EDITS.items()):
        for share in SHARES:
            deals = edit_deals(env, key, n_deals, columns, share, seed + n)
            run = measured(env, "salespipe", lambda: salespipe_run(env, key))
            out.append(ChangeRun(edit, share, deals, run))
            log(
                f"  {edit} {share:.0%}: {run.body_bytes:,} bytes written, "
                f"{run.sheets_requests} requests"
            )
    return out


# --- one size -----------------------------------------------------------------------------


@dataclass
class SizeResult:
    deals: int
    runs: dict[str, list[Run]] = field(default_factory=dict)
    first_runs: dict[str, Run] = field(default_factory=dict)
    managed_rows: dict[str, int] = field(default_factory=dict)
    differing_cells: dict[str, int] = field(default_factory=dict)
    changes: list[ChangeRun] = field(default_factory=list)

    def best(self, way: str) -> Run:
        return min(self.runs[way], key=lambda r: r.wall_s)


def differing(env: Env, reference: str, key: str, tabs: Sequence[str]) -> int:
    """Cells whose unformatted value differs from salespipe's spreadsheet, over the tabs."""
    emulator, count = env.emulator, 0
    for tab in tabs:
        a, b = emulator.get_values(reference, tab), emulator.get_values(key, tab)
        for i in range(max(len(a), len(b))):
            ra = a[i] if i < len(a) else []
            rb = b[i] if i < len(b) else []
            for j in range(max(len(ra), len(rb))):
                va = ra[j] if j < len(ra) else ""
                vb = rb[j] if j < len(rb) else ""
                count += va != vb
    return count


def measure_size(
    env: Env, n_deals: int, seed: int, repeat: int, row_budget: float, log: Callable[[str], None]
) -> SizeResult:
    """Set every way up on its own copy of the spreadsheet, then measure it interleaved."""
    tabs = user_tabs(n_deals, seed)
    emulator = env.emulator
    title = "Suivi commercial"
    keys = {
        way: emulator.create_spreadsheet(title, tabs, locale="fr_FR", value_input="RAW")
        for way in WAYS
    }
    works: dict[str, Callable[[], Done]] = {
        "salespipe": lambda: salespipe_run(env, keys["salespipe"]),
        "salespipe + history": lambda: salespipe_run(
            env, keys["salespipe + history"], env.folder / f"history_{n_deals}.sqlite"
        ),
        "gspread-dataframe": lambda: dataframe_run(env, keys["gspread-dataframe"]),
        "row by row": lambda: row_by_row_run(env, keys["row by row"], row_budget),
    }
    result = SizeResult(n_deals, {way: [] for way in WAYS})
    log(f"{n_deals:,} deals: first runs (they create the managed tabs)")
    for way in (*SALESPIPE_WAYS, "gspread-dataframe"):
        result.first_runs[way] = measured(env, way, works[way])
    # Row by row's first run would take as long as the measured one: set up in bulk instead.
    measured(env, "row by row", lambda: row_by_row_run(env, keys["row by row"], 0, setup=True))
    managed = [t for t in emulator.sheet_titles(keys["salespipe"]) if t not in USER_TABS]
    result.managed_rows = {t: len(emulator.get_values(keys["salespipe"], t)) for t in managed}
    for k in range(repeat):
        for way in WAYS:
            if way == "row by row" and k > 0 and result.runs[way][0].wall_s > 10:
                continue  # a slow run: once is enough
            run = measured(env, way, works[way])
            if way == "row by row":
                run = extrapolated(run)
            result.runs[way].append(run)
            log(f"  {way}: {run.wall_s:.2f} s, {run.sheets_requests} requests")
    for way in BASELINES:
        truncated = any(r.extrapolated for r in result.runs[way])
        result.differing_cells[way] = (
            -1 if truncated else differing(env, keys["salespipe"], keys[way], managed)
        )
    log(f"{n_deals:,} deals: writes as deals change")
    result.changes = measure_changes(env, keys["salespipe"], n_deals, seed, log)
    for key in keys.values():  # free the emulator's memory before the next size
        del emulator.spreadsheets[key]
    return result


# --- report -------------------------------------------------------------------------------

SHORT = {
    "spreadsheets.get": "get",
    "spreadsheets.batchUpdate": "batchUpdate",
    "values.batchGet": "values.batchGet",
    "values.batchUpdate": "values.batchUpdate",
    "values.get": "values.get",
    "values.update": "values.update",
}


def endpoints(run: Run) -> str:
    order = sorted(run.requests, key=lambda e: list(SHORT).index(e) if e in SHORT else 99)
    return ", ".join(f"{run.requests[e]:,} {SHORT.get(e, e)}" for e in order)


def mb(n: int) -> str:
    return f"{n / 1e6:.2f}" if n < 10e6 else f"{n / 1e6:.1f}"


def table(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        "| deals | way | Sheets requests | of which | request bodies MB | with headers MB "
        "| wall s (best) | of which emulator s | runs |",
        "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for res in results:
        for way in WAYS:
            run = res.best(way)
            mark = " *" if run.extrapolated else ""
            runs = (
                f"1, {run.done:,} of {run.total:,} rows measured{mark}"
                if run.extrapolated
                else str(len(res.runs[way]))
            )
            lines.append(
                f"| {res.deals:,} | {way} | {run.sheets_requests:,}{mark} | {endpoints(run)} "
                f"| {mb(run.body_bytes)}{mark} | {mb(run.wire_bytes)}{mark} "
                f"| {run.wall_s:.2f}{mark} | {run.emulator_s:.2f}{mark} | {runs} |"
            )
    return lines


def changes_table(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        "| deals | steady run | deals edited | Sheets requests | of which | written (request "
        "bodies) kB | of the full rewrite | wall s |",
        "| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for res in results:
        full = next((c.run.body_bytes for c in res.changes if c.edit == "full rewrite"), 0)
        for c in res.changes:
            label = c.edit if c.edit in ("full rewrite", "none") else f"{c.edit}, {c.share:.0%}"
            share = f"{c.run.body_bytes / full:.1%}" if full else "n/a"
            lines.append(
                f"| {res.deals:,} | {label} | {c.deals:,} | {c.run.sheets_requests} "
                f"| {endpoints(c.run)} | {c.run.body_bytes / 1e3:,.1f} | {share} "
                f"| {c.run.wall_s:.2f} |"
            )
    return lines


#: Google refuses a request body over this many bytes.
GOOGLE_LIMIT = 10_485_760


def batches_table(results: Sequence[SizeResult]) -> list[str]:
    """salespipe's writes (no history): batches, bytes of each, the largest against
    Google's 10 MiB limit."""
    lines = [
        "| deals | run | write requests | bytes of each (MB) | largest MB | under 10 MiB |",
        "| ---: | --- | ---: | --- | ---: | --- |",
    ]
    for res in results:
        runs = [("first run", res.first_runs["salespipe"])]
        for c in res.changes:
            label = c.edit if c.edit in ("full rewrite", "none") else f"{c.edit}, {c.share:.0%}"
            runs.append((label, c.run))
        for label, run in runs:
            bodies = run.write_bodies
            largest = max(bodies, default=0)
            each = ", ".join(f"{b / 1e6:.2f}" for b in bodies) or "-"
            ok = "yes" if largest <= GOOGLE_LIMIT else "NO"
            lines.append(
                f"| {res.deals:,} | {label} | {len(bodies)} | {each} | {largest / 1e6:.2f} | {ok} |"
            )
    return lines


def report(data: dict[str, Any], results: Sequence[SizeResult]) -> list[str]:
    env = data["environment"]
    lines = [
        f"Python {env['python']}, gspread {env['packages']['gspread']}, gspread-dataframe "
        f"{env['packages']['gspread-dataframe']}, google-auth {env['packages']['google-auth']}, "
        f"pandas {env['packages']['pandas']}; {env['nproc']} CPUs; commit {env['git_commit']}"
        f"{' (dirty)' if env['git_dirty'] else ''}; as of {AS_OF}",
        "",
        *table(results),
        "",
        "Every way also makes 1 oauth2.token request per run (a new process signs in: "
        "about 0.8 kB of body), not counted in Sheets requests, counted in 'with headers'.",
    ]
    if any(r.extrapolated for res in results for r in res.runs["row by row"]):
        lines.append(
            "* row by row: a prefix was measured within the time budget and the rest "
            "extrapolated linearly (requests are exact: one per row, plus the read)."
        )
    lines.append("")
    for res in results:
        first = res.first_runs
        rows = ", ".join(f"{t} {n:,}" for t, n in res.managed_rows.items())
        diff = ", ".join(
            f"{way} {'n/a (truncated)' if n < 0 else f'{n:,}'}"
            for way, n in res.differing_cells.items()
        )
        minutes = res.best("row by row").requests["values.update"] / WRITES_PER_MINUTE
        lines += [
            f"{res.deals:,} deals: managed rows {rows}; first run salespipe "
            f"{first['salespipe'].sheets_requests} ({endpoints(first['salespipe'])}; "
            f"{mb(first['salespipe'].body_bytes)} MB sent), "
            f"with history {first['salespipe + history'].sheets_requests}, "
            f"gspread-dataframe {first['gspread-dataframe'].sheets_requests} "
            f"({endpoints(first['gspread-dataframe'])}); cells differing from salespipe's "
            f"tabs: {diff}; row by row at Google's {WRITES_PER_MINUTE} writes/min/user: "
            f"≥ {minutes:,.0f} min",
        ]
    if any(res.changes for res in results):
        lines += ["", "Bytes written as deals change (salespipe, no history):", ""]
        lines += changes_table(results)
        lines += ["", "Write requests and their bodies (salespipe, no history):", ""]
        lines += batches_table(results)
    steady = [r for res in results for w in SALESPIPE_WAYS for r in res.runs[w]]
    steady += [c.run for res in results for c in res.changes if c.edit != "full rewrite"]
    # A write over the 8 MiB budget must go in several batches (Google refuses 10 MiB):
    # the target counts it as one write; the runs that needed more are listed.
    counts = [r.sheets_requests - r.extra_batches for r in steady]
    split = [r for r in steady if r.extra_batches]
    worst, every = max(counts), max(counts) <= GOAL_REQUESTS
    sizes = ", ".join(f"{res.deals:,}" for res in results)
    lines += [
        "",
        f"Target: at most {GOAL_REQUESTS} Sheets requests for a steady-state salespipe run "
        f"({sizes} deals, with and without history), a write split under Google's 10 MiB "
        f"limit counted as one: {worst} at most, in every one of the {len(counts)} runs: "
        f"{'met' if every else 'NOT met'}; {len(split)} run(s) wrote more than 8 MiB and "
        f"sent {', '.join(str(len(r.write_bodies)) for r in split) or 'no'} batches",
    ]
    return lines


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO_DIR, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def environment() -> dict[str, Any]:
    packages = ("gspread", "gspread-dataframe", "google-auth", "requests", "pandas", "salespipe")
    return {
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in packages},
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "platform": platform.platform(),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain")),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="deal counts, comma-separated (1000,10000,50000)")
    parser.add_argument("--repeat", type=int, help="runs of each way per size, best kept (3)")
    parser.add_argument(
        "--row-budget",
        type=float,
        help="seconds a row-by-row run may take before it is extrapolated (180)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 1000 deals, 1 run, 30 s row budget"
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "sync.json")
    args = parser.parse_args(argv)
    quick = {"sizes": "1000", "repeat": 1, "row_budget": 30.0}
    full = {"sizes": "1000,10000,50000", "repeat": 3, "row_budget": 180.0}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or not sizes or min(sizes) < 1 or args.row_budget <= 0:
        parser.error("--sizes, --repeat and --row-budget must be positive")

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with (
        tempfile.TemporaryDirectory(prefix="bench_sync_") as folder,
        environment_started(Path(folder)) as env,
    ):
        results = [
            measure_size(env, n, args.seed, args.repeat, args.row_budget, log) for n in sizes
        ]
    data = {
        "environment": environment(),
        "as_of": AS_OF.isoformat(),
        "seed": args.seed,
        "row_budget_s": args.row_budget,
        "results": [asdict(r) for r in results],
    }
    print("\n".join(report(data, results)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
