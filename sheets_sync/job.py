"""One sync run: read the user's tabs, compute the report, write the managed tabs.

:func:`run_sync` works on any :class:`SyncSource`: the Google Sheets gateway
(:class:`sheets_sync.google.gateway.SheetsGateway`) or a local workbook
(:class:`sheets_sync.sources.local.LocalWorkbookSource`, which writes a separate output file).
The user's tabs are read in one call and never written; the managed tabs
(« Tableau de bord », « Relances », « Contrôle qualité », « Historique ») are read whole in
that same call and written in one call, only the cells that changed (none: no write).
With a :class:`~sheets_sync.history_store.HistoryStore`, the run records the deals' states
first, so the « Historique » tab and the dashboard's observed funnel include it.

Settings come from one frozen :class:`salespipe.settings.SyncSettings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from salespipe.core.bulk import gc_paused
from salespipe.core.errors import ConfigError
from salespipe.core.metrics.deal_states import snapshot
from salespipe.core.metrics.history import HistoryReport, history_report
from salespipe.core.reading.pipeline import (
    find_sheet,
    load_pipeline,
)
from salespipe.core.reading.tables import TableKind
from salespipe.core.report import Report, build_report
from salespipe.core.report_tables import (
    MANAGED_TABS,
    CellFormat,
    dashboard_layout,
    followup_table,
    history_table,
    index,
    quality_table,
    table_formats,
)
from salespipe.core.texts import text
from salespipe.settings import DEFAULT_PIPELINE_TAB, SyncSettings
from sheets_sync.history_store import HistoryStore, Recorded
from sheets_sync.managed_tabs import (
    WHOLE_TAB,
    layout_moved,
    managed_kinds,
    refuse_duplicate_names,
    refuse_foreign_tabs,
)
from sheets_sync.sources.protocol import SyncSource
from sheets_sync.template_tabs import names_beside_template, spare_names

#: Told each step of a run, for a progress display (« lecture de Pipeline, Étapes »…), in
#: the language of the managed tabs.
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SyncReport:
    """What one run did: tabs read and written, deals and issues, calls to the source,
    and what the history store recorded (None without a store)."""

    source: str
    as_of: date
    tabs_read: list[str]
    deals: int
    issues: int
    tabs_written: list[str]
    rows_written: int
    source_calls: int  # reads + writes made by the job (opening aside): 2 for a run
    report: Report
    recorded: Recorded | None = None
    history: HistoryReport | None = None

    def summary(self, lang: str = "fr") -> str:
        """One line for a terminal or a log, in ``lang``; first, when the pipeline tab lacks
        a headline column, the warning and the mapping to paste
        (:class:`~salespipe.core.reading.missing_columns.MissingColumns`)."""
        line = text(
            "sync.summary",
            lang,
            source=self.source,
            read=", ".join(self.tabs_read),
            deals=self.deals,
            issues=self.issues,
            written=", ".join(self.tabs_written),
            rows=self.rows_written,
        )
        if self.recorded is not None:
            line += ("; " if lang == "en" else " ; ") + self.recorded.describe(lang)
        missing = self.report.missing_columns
        return "\n".join([*missing.lines(lang), line]) if missing else line

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The run as JSON-ready values (``salespipe sync --format json``): the missing
        headline columns first (None when none is missing), then what was read, computed
        and written, the headline figures, and the history's part."""
        missing = self.report.missing_columns
        s = self.report.summary
        recorded = self.recorded
        history = None
        if recorded is not None:
            history = {
                "stored": recorded.stored,
                "first": recorded.first,
                "message": recorded.describe(lang),
            }
        return {
            "missing_columns": missing.to_dict(lang) if missing else None,
            "source": self.source,
            "as_of": self.as_of.isoformat(),
            "tabs_read": list(self.tabs_read),
            "deals": self.deals,
            "issues": self.issues,
            "tabs_written": list(self.tabs_written),
            "rows_written": self.rows_written,
            "summary": {
                "open_amount": s.open_amount,
                "weighted_open": s.weighted_open,
                "won_amount": s.won_amount,
                "period_forecast": s.period_forecast,
                "overdue_followups": s.overdue_followups,
            },
            "history": history,
            "line": self.summary(lang),
        }


@dataclass(frozen=True)
class UserTabs:
    """The user's tabs one run reads: by kind (``deals`` when its tab is there, ``stages``,
    ``actions``), and the tabs searched for the pipeline table when the default pipeline
    tab is missing (``candidates``), as ``salespipe report`` finds it in a workbook."""

    by_kind: dict[str, str]
    candidates: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """Every tab to read, once each."""
        return list(dict.fromkeys([*self.by_kind.values(), *self.candidates]))


def user_tabs(
    settings: SyncSettings, present: Sequence[str], managed: Iterable[str] = ()
) -> UserTabs:
    """The tabs to read. The pipeline tab: the configured one (case aside); when the
    default name (« Pipeline ») is not there, every tab but the managed ones, so that the
    core finds the pipeline table by its content (a named tab that is missing is reported
    by the read). The stages and action-plan tabs when present: the configured name, else
    a tab named as such tabs usually are (« Etapes », « Stages »…). The core has defaults
    for both."""
    wanted = settings.pipeline_tab
    named = next((t for t in present if t.casefold() == wanted.casefold()), None)
    tabs: dict[str, str] = {}
    if named is not None or wanted != DEFAULT_PIPELINE_TAB:
        tabs["deals"] = wanted
    others = [t for t in present if t.casefold() != wanted.casefold()]
    kinds: tuple[tuple[TableKind, str], ...] = (
        ("stages", settings.stages_tab),
        ("actions", settings.actions_tab),
    )
    for kind, name in kinds:
        exact = next((t for t in others if t.casefold() == name.casefold()), None)
        found = name if exact else find_sheet(others, kind)
        if found:
            tabs[kind] = found
    if "deals" in tabs:
        return UserTabs(tabs)
    skipped = {t.casefold() for t in [*tabs.values(), *managed]}
    return UserTabs(tabs, tuple(t for t in present if t.casefold() not in skipped))


#: A managed tab: its rows (headers first) and the number formats of its cells.
Layout = tuple[list[list[Any]], list[CellFormat]]


def managed_layouts(
    report: Report,
    lang: str,
    history: HistoryReport | None = None,
    names: Callable[[str], str] | None = None,
) -> dict[str, Layout]:
    """The managed tabs by name (``names``: kind -> name, by default the language's), from
    the shared report tables; « Historique » only with a history."""
    i = index(lang)
    tables = {"followups": followup_table(report, i), "quality": quality_table(report, lang)}
    if history is not None:
        tables["history"] = history_table(history, i)
    layouts = {"dashboard": dashboard_layout(report, history, i)}
    layouts.update({kind: (t.as_rows(), table_formats(t)) for kind, t in tables.items()})
    name = names or (lambda kind: MANAGED_TABS[kind][i])
    return {name(kind): layout for kind, layout in layouts.items()}


def run_sync(
    settings: SyncSettings,
    source: SyncSource,
    as_of: date,
    *,
    history: HistoryStore | None = None,
    record: bool = True,
    progress: Progress | None = None,
) -> SyncReport:
    """Read the user's tabs in one call, build the report, write the managed tabs in one call.

    With ``history``, the deals' states are recorded (changes only; not when ``record`` is
    false, e.g. for a run dated in the future) before anything is written, so a run
    stopped before its write and run again converges. The user's tabs are never written:
    a managed tab named like one of them, or an existing tab with a managed name that
    salespipe did not write, raises ConfigError before anything is stored or written; but
    beside the template's own tabs of those names, the managed tabs take their spare
    names (:mod:`sheets_sync.template_tabs`).

    The cyclic garbage collector is paused meanwhile, as for ``salespipe report``: the
    cells, deals and rows of a run hold no cycles, and each collection would scan them
    all (1 to 2 s of a 100 000-deal run).
    """
    with gc_paused():
        return _run_sync(settings, source, as_of, history, record, progress)


def _run_sync(
    settings: SyncSettings,
    source: SyncSource,
    as_of: date,
    history: HistoryStore | None,
    record: bool,
    progress: Progress | None,
) -> SyncReport:
    say = progress or (lambda _step: None)
    present = source.titles()
    managed = {k: settings.managed_tab_name(k) for k in managed_kinds(history is not None)}
    spares = spare_names(settings, managed)  # beside the template's own tabs of those names
    tabs = user_tabs(settings, present, [*managed.values(), *spares.values()])
    names = tabs.names
    refuse_duplicate_names(managed)
    _refuse_user_tabs([*managed.values(), *spares.values()], names)
    folded = {title.casefold() for title in present}
    either = [(k, n) for k, n in [*managed.items(), *spares.items()] if n.casefold() in folded]
    say(text("sync_step_read", settings.lang, tabs=", ".join(names)))
    heads = {n: WHOLE_TAB for _, n in either}
    read = source.read_tabs(names, first_rows=heads)
    managed = names_beside_template(managed, spares, read)
    existing = {kind: name for kind, name in managed.items() if name.casefold() in folded}
    grids = {name: read[name] for name in names}
    say(text("sync_step_compute", settings.lang, rows=sum(len(g) for g in grids.values())))
    pipeline = load_pipeline(grids, source.title, settings.pipeline_options(tabs.by_kind))
    report = build_report(pipeline, as_of, target=settings.target, period=settings.period)
    # Before anything is stored or written: a person's tab with a managed name stops the run.
    heads_read = {k: (n, read[n]) for k, n in existing.items() if n in read}
    # A source without tab ids (or written before they were asked) lets the content decide.
    made_here = getattr(source, "made_by_salespipe", lambda _name: None)
    refuse_foreign_tabs(report, heads_read, made_here)
    recorded, past = None, None
    if history is not None:
        say(text("sync_step_history", settings.lang, path=history.path))
        shot = snapshot(pipeline.deals)
        recorded, observed = history.update(source.history_key, as_of, shot, store=record)
        open_keys = [key for key, state in shot.states.items() if state.status == "open"]
        past = history_report(observed, pipeline.stages, open_keys, shot.untracked)
    layouts = managed_layouts(report, settings.lang, past, managed.__getitem__)
    tables = {name: rows for name, (rows, _) in layouts.items()}
    rows = sum(len(r) for r in tables.values())
    say(text("sync_step_write", settings.lang, tabs=", ".join(tables), rows=rows))
    board = managed["dashboard"]
    moved = board in read and layout_moved(read[board], tables[board])
    source.write_tabs(
        tables,
        cell_formats={name: f for name, (_, f) in layouts.items()},
        reformat={board} if moved else (),
        fixed_layout=() if moved else {board},
    )
    return SyncReport(
        source=source.title,
        as_of=as_of,
        tabs_read=_used(tabs, pipeline.sheets.get("deals")),
        deals=len(pipeline.deals),
        issues=len(report.issues),
        tabs_written=list(tables),
        rows_written=rows,
        source_calls=2,
        report=report,
        recorded=recorded,
        history=past,
    )


def _used(tabs: UserTabs, deals: str | None) -> list[str]:
    """The tabs the report comes from: with the pipeline found by content, that tab and the
    stages and action-plan tabs, not every tab searched."""
    if not tabs.candidates or deals is None:
        return tabs.names
    return list(dict.fromkeys([deals, *tabs.by_kind.values()]))


def _refuse_user_tabs(tables: Iterable[str], read: Sequence[str]) -> None:
    clash = {n.casefold() for n in tables} & {n.casefold() for n in read}
    if clash:
        raise ConfigError("sync_tab_is_read", names=", ".join(sorted(clash)))
