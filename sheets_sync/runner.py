"""Runs of the sync for a whole configuration: each spreadsheet opened, locked, synced.

:class:`SyncRunner` is what ``salespipe sync`` calls, once or at each tick of
:func:`sheets_sync.schedule.run_on_schedule`. For each :class:`SyncSettings` of the
configuration it takes that spreadsheet's (or workbook's) lock, opens it, opens the
history store, runs :func:`sheets_sync.job.run_sync` and reports one line; an error on one
spreadsheet is reported and the others still run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

import orjson
from platformdirs import user_data_path

from salespipe.core.errors import ConfigError
from salespipe.core.reading.pipeline import Grid, PipelineOptions
from salespipe.core.texts import Bilingual, text
from salespipe.output_guard import refuse_inputs
from salespipe.settings import SyncSettings
from sheets_sync.history_store import HistoryStore, default_history_path
from sheets_sync.job import Progress, SyncReport, run_sync, user_tabs
from sheets_sync.managed_tabs import managed_kinds
from sheets_sync.schedule import (
    RunLock,
    StopSignals,
    lock_path_for,
    parse_schedule,
    run_on_schedule,
)
from sheets_sync.sources.protocol import SyncSource

if TYPE_CHECKING:
    from sheets_sync.google.session import RetryPolicy

#: Opens the source of one settings object (tests pass one that reaches the emulator).
Connect = Callable[[SyncSettings], SyncSource]


#: Where a long-running sync says what it does (one line each).
Log = Callable[[str], None]


def default_lock_directory() -> Path:
    """Where the runs' lock files live: ``locks`` in the user's data directory."""
    return user_data_path("salespipe", appauthor=False) / "locks"


def open_source(settings: SyncSettings, retry: RetryPolicy | None = None) -> SyncSource:
    """The Google spreadsheet (one spreadsheets.get, transient failures retried as ``retry``
    says, by default a sync's patience) or the local workbook of ``settings``."""
    if settings.mode == "google":
        from sheets_sync.google.gateway import open_spreadsheet

        if settings.credentials is None:
            raise ConfigError("sync_no_credentials", label=settings.label)
        return open_spreadsheet(str(settings.spreadsheet), settings.credentials, retry=retry)
    if settings.workbook is None:
        raise ConfigError("sync_no_source")
    from sheets_sync.sources.local import LocalWorkbookSource

    return LocalWorkbookSource(settings.workbook, settings.output)


def reporting_retries(progress: Progress) -> Connect:
    """:func:`open_source` whose waits between tries are told to ``progress``, in the sync's
    language, so that a network down is said while the tries go on."""
    from sheets_sync.google.session import RetryPolicy

    def opened(settings: SyncSettings) -> SyncSource:
        def told(attempt: int, attempts: int, wait: float, reason: str | Bilingual) -> None:
            seconds = f"{wait:g}"
            progress(text("sync_step_retry", settings.lang, attempt=attempt, attempts=attempts,
                          seconds=Bilingual(seconds.replace(".", ","), seconds),
                          reason=reason))  # fmt: skip

        return open_source(settings, retry=RetryPolicy(on_retry=told))

    return opened


def source_identity(settings: SyncSettings) -> str:
    """What two runs on the same spreadsheet or workbook share, whatever its spelling
    (key or URL; relative or absolute path): the name of its lock."""
    if settings.mode == "google":
        from sheets_sync.google.gateway import spreadsheet_key

        return "sheets:" + spreadsheet_key(str(settings.spreadsheet))
    return f"file:{Path(settings.workbook or '.').resolve()}"


def choose_spreadsheet(settings: Sequence[SyncSettings], source: str | None) -> SyncSettings:
    """The settings to read ``source`` (a spreadsheet URL or key) with: the configured
    entry of that spreadsheet, else the first (shared credentials and tabs) pointed at it;
    without ``source``, the only spreadsheet configured. ConfigError when the choice is
    ambiguous, listing the entries."""
    if source is None:
        if len(settings) == 1:
            return settings[0]
        listed = ", ".join(f"{s.label} ({s.spreadsheet or s.workbook})" for s in settings)
        raise ConfigError("sync_which_spreadsheet", listed=listed)
    wanted = source_identity(SyncSettings(spreadsheet=source))
    same = [s for s in settings if s.mode == "google" and source_identity(s) == wanted]
    return same[0] if same else replace(settings[0], spreadsheet=source, workbook=None)


def read_spreadsheet(
    settings: SyncSettings, connect: Connect = open_source
) -> tuple[str, dict[str, Grid], PipelineOptions]:
    """The user's tabs of the configured spreadsheet (one values.batchGet), its title and
    how the core should read them: what ``salespipe export`` reads a spreadsheet with."""
    source = connect(settings)
    managed = [settings.managed_tab_name(kind) for kind in managed_kinds(True)]
    tabs = user_tabs(settings, source.titles(), managed)
    grids = source.read_tabs(tabs.names)
    return source.title, grids, settings.pipeline_options(tabs.by_kind)


def sync_one(
    settings: SyncSettings,
    as_of: date,
    *,
    today: date | None = None,
    connect: Connect = open_source,
    progress: Progress | None = None,
) -> tuple[SyncReport, SyncSource]:
    """One run on one spreadsheet, with its history unless ``keep_history`` is off. A run
    dated after ``today`` shows the history but does not add to it."""
    source = connect(settings)
    # no file written is one read (salespipe.output_guard): the output workbook, the history
    read = (settings.workbook, settings.mapping, settings.credentials)
    output: Path | None = getattr(source, "output", None)
    refuse_inputs([output] if output else [], read)
    if not settings.keep_history:
        return run_sync(settings, source, as_of, progress=progress), source
    record = today is None or as_of <= today
    history = settings.history or default_history_path()
    refuse_inputs([history], (*read, output))
    with HistoryStore(history) as store:
        report = run_sync(settings, source, as_of, history=store, record=record, progress=progress)
        return report, source


class SyncRunner:
    """Every spreadsheet of a configuration, in turn.

    ``out`` gets one line per run (the run's summary and its duration; ``as_json``: the
    run as one line of JSON, :meth:`SyncReport.to_dict` and ``seconds``), ``on_error`` each
    failure (the front end words it), ``progress`` the steps of long runs. ``as_of`` fixes
    the date of the runs; None means each run's today.
    """

    def __init__(
        self,
        settings: Sequence[SyncSettings],
        *,
        out: Callable[[str], None],
        on_error: Callable[[SyncSettings, Exception], None],
        as_of: date | None = None,
        today: Callable[[], date] = date.today,
        progress: Progress | None = None,
        connect: Connect | None = None,
        lock_directory: Path | None = None,
        as_json: bool = False,
    ) -> None:
        self.settings = list(settings)
        self.out, self.on_error, self.progress = out, on_error, progress
        if connect is None:  # with progress shown, the retries are shown too
            connect = reporting_retries(progress) if progress is not None else open_source
        self.as_of, self.today, self.connect = as_of, today, connect
        self.lock_directory = lock_directory or default_lock_directory()
        self.as_json = as_json
        #: The sources synced by the last :meth:`run_all` (a local one names its output).
        #: Only the last round's: under ``--every`` the same runner runs for weeks, and
        #: keeping every round would keep every run's source (and its grids) in memory.
        self.sources: list[SyncSource] = []

    def run_all(self) -> bool:
        """Sync each spreadsheet; True when none failed (a locked one is skipped, no failure)."""
        self.sources = []
        results = [self.run_one(settings) for settings in self.settings]
        return all(results)

    def run_one(self, settings: SyncSettings) -> bool:
        """Sync one spreadsheet under its lock; False when it failed (already reported)."""
        try:
            lock = RunLock(lock_path_for(source_identity(settings), self.lock_directory))
            with lock.try_lock() as acquired:
                if not acquired:
                    self.out(text("sync.schedule.skipped_one", settings.lang, label=settings.label))
                    return True
                started = perf_counter()
                today = self.today()
                report, source = sync_one(
                    settings,
                    self.as_of or today,
                    today=today,
                    connect=self.connect,
                    progress=self.progress,
                )
        except Exception as exc:  # one spreadsheet's failure must not stop the others
            self.on_error(settings, exc)
            return False
        self.sources.append(source)
        taken = f"{perf_counter() - started:.1f}"
        if self.as_json:
            run = {**report.to_dict(settings.lang), "seconds": float(taken)}
            self.out(orjson.dumps(run).decode())
            return True
        seconds = Bilingual(taken.replace(".", ","), taken)  # 0,2 s in French
        self.out(text("sync.summary_timed", settings.lang, line=report.summary(settings.lang),
                      seconds=seconds))  # fmt: skip
        return True


def run_forever(runner: SyncRunner, every: str, config: Path | None, log: Log) -> int:
    """``--every``: run now, then on the schedule (an interval or a cron expression), until
    SIGINT or SIGTERM; one lock per configuration (its file, or its one spreadsheet), so
    two schedulers of the same configuration never run at once. Its lines speak the
    configuration's language. Returns the exit code."""
    schedule = parse_schedule(every)
    key = str(config.resolve()) if config else source_identity(runner.settings[0])
    lock = RunLock(lock_path_for(f"config:{key}", default_lock_directory()))
    lang = runner.settings[0].lang  # the configuration's language: its first entry's
    described = schedule.describe(lang)
    log(text("sync.schedule.start", lang, count=len(runner.settings), schedule=described))
    with StopSignals(log, lang=lang) as stop:
        return run_on_schedule(runner.run_all, schedule, lock=lock, log=log, stop=stop, lang=lang)
