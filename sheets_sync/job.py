"""One sync run: read the user's tabs, compute the report, write the managed tabs.

:func:`run_sync` works on any :class:`SyncSource`: the Google Sheets gateway
(:class:`sheets_sync.google.gateway.SheetsGateway`) or a local workbook
(:class:`sheets_sync.sources.local.LocalWorkbookSource`, which writes a separate output file).
The user's tabs are read in one call and never written; the managed tabs
(« Tableau de bord », « Relances », « Contrôle qualité », « Historique ») are written in
one call. With a :class:`~sheets_sync.history_store.HistoryStore`, the run records the deals'
states first, so the « Historique » tab and the dashboard's observed funnel include it.

Settings come from one frozen :class:`SyncSettings`, built by :func:`load_settings` (one
spreadsheet) or :func:`load_all_settings` (every ``[[sync.spreadsheets]]`` entry) with
the precedence CLI flag > ``SALESPIPE_*`` environment variable > TOML file > defaults.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

from salespipe.core.errors import ConfigError
from salespipe.core.metrics.history import HistoryReport, history_report, snapshot
from salespipe.core.reading.parsing import CellError, parse_amount
from salespipe.core.reading.pipeline import (
    PipelineOptions,
    find_sheet,
    load_pipeline,
    mapping_options,
)
from salespipe.core.reading.tables import TableKind
from salespipe.core.report import PeriodKind, Report, build_report
from salespipe.core.report_tables import (
    CellFormat,
    dashboard_layout,
    followup_table,
    history_table,
    index,
    quality_table,
    table_formats,
)
from sheets_sync.history_store import HistoryStore, Recorded
from sheets_sync.managed_tabs import (
    DASHBOARD_ROWS,
    HEAD_ROWS,
    MANAGED_TABS,
    layout_moved,
    managed_kinds,
    refuse_duplicate_names,
    refuse_foreign_tabs,
)

ENV_PREFIX = "SALESPIPE_"
PERIODS = ("month", "quarter", "year")
LANGS = ("fr", "en")


@dataclass(frozen=True)
class SyncSettings:
    """Everything one sync run needs; Google mode when ``spreadsheet`` is set, else local."""

    name: str | None = None  # a label for log lines (several spreadsheets in one config)
    spreadsheet: str | None = None  # key or docs.google.com URL
    credentials: Path | None = None  # service-account or OAuth-user JSON file
    workbook: Path | None = None  # local mode: the user's workbook, only read
    output: Path | None = None  # local mode: where the managed tabs go
    pipeline_tab: str = "Pipeline"
    stages_tab: str = "Étapes"
    actions_tab: str = "Plan d'actions"
    target: float | None = None
    period: PeriodKind = "quarter"
    lang: Literal["fr", "en"] = "fr"
    mapping: Path | None = None  # TOML column mapping, as for `salespipe report --mapping`
    history: Path | None = None  # SQLite history file; None: in the user's data directory
    keep_history: bool = True  # record each run and write the « Historique » tab
    dashboard_tab: str | None = None  # the managed tabs' names; None: « Tableau de bord »…
    followups_tab: str | None = None
    quality_tab: str | None = None
    history_tab: str | None = None

    @property
    def mode(self) -> Literal["google", "local"]:
        """``google`` when a spreadsheet is configured, ``local`` otherwise."""
        return "google" if self.spreadsheet else "local"

    @property
    def label(self) -> str:
        """How log lines name this sync: its name, else the spreadsheet or workbook."""
        return self.name or self.spreadsheet or str(self.workbook or "?")

    def managed_tab_name(self, kind: str) -> str:
        """The name of one managed tab: its setting, else the default of the language."""
        chosen: str | None = getattr(self, f"{kind}_tab")
        return chosen or MANAGED_TABS[kind][index(self.lang)]

    def pipeline_options(self, tabs: Mapping[str, str]) -> PipelineOptions:
        """How the core reads the tabs of :func:`user_tabs` (kind -> name), with the column
        mapping of ``mapping`` if set."""
        table = _mapping_file(self.mapping) if self.mapping else {}
        table.pop("sheets", None)  # the tabs are settings here: pipeline_tab, stages_tab...
        options = mapping_options(table, self.pipeline_tab)
        return replace(options, stages_sheet=tabs.get("stages"), actions_sheet=tabs.get("actions"))


_PATH_FIELDS = ("credentials", "workbook", "output", "mapping", "history")
#: What tells one spreadsheet of a multi-spreadsheet configuration from another.
IDENTITY = ("name", "spreadsheet", "workbook", "output")
FIELD_NAMES = tuple(f.name for f in fields(SyncSettings))


def load_settings(
    toml_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> SyncSettings:
    """Settings from, by precedence: ``overrides`` (CLI flags; None values are ignored) >
    ``SALESPIPE_<FIELD>`` environment variables > the ``[sync]`` table of ``toml_path`` >
    the defaults of :class:`SyncSettings`.

    Relative paths in the TOML file are relative to the file's folder. Raises ConfigError
    for an unreadable file, an unknown key or an invalid value.
    """
    if toml_path is not None and _entries(Path(toml_path)):
        raise ConfigError(
            f"{toml_path} lists several spreadsheets ([[sync.spreadsheets]]); "
            "load them with load_all_settings"
        )
    base = _from_toml(Path(toml_path)) if toml_path is not None else {}
    return _settings(base, overrides, environ)


def _settings(
    base: Mapping[str, Any],
    overrides: Mapping[str, Any] | None,
    environ: Mapping[str, str] | None,
    where: str = "",
) -> SyncSettings:
    """TOML values < environment < overrides, checked and coerced."""
    values: dict[str, Any] = dict(base)
    env = os.environ if environ is None else environ
    values.update(
        {
            name: env[ENV_PREFIX + name.upper()]
            for name in FIELD_NAMES
            if env.get(ENV_PREFIX + name.upper(), "").strip()  # an empty variable is unset
        }
    )
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = sorted(set(values) - set(FIELD_NAMES))
    if unknown:
        place = f" in {where}" if where else ""
        raise ConfigError(
            f"Unknown sync setting(s){place}: {', '.join(unknown)}; known: {', '.join(FIELD_NAMES)}"
        )
    return replace(SyncSettings(), **{k: _coerce(k, v) for k, v in values.items()})


def load_all_settings(
    toml_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[SyncSettings]:
    """One :class:`SyncSettings` per ``[[sync.spreadsheets]]`` entry of ``toml_path``
    (each entry's keys over the ``[sync]`` table's), or the single one of
    :func:`load_settings` when there is no entry. With entries, the environment and
    ``overrides`` still win for every setting but those of :data:`IDENTITY`: giving a
    WORKBOOK or a spreadsheet then is a ConfigError."""
    entries = _entries(Path(toml_path)) if toml_path is not None else []
    if not entries:
        return [load_settings(toml_path, overrides, environ)]
    given = {k for k, v in (overrides or {}).items() if v is not None} & set(IDENTITY)
    env = os.environ if environ is None else environ
    given |= {n for n in IDENTITY if env.get(ENV_PREFIX + n.upper(), "").strip()}
    if given:
        raise ConfigError(
            f"{toml_path} lists several spreadsheets: {', '.join(sorted(given))} cannot be "
            "given on the command line or in the environment as well"
        )
    base = _from_toml(Path(toml_path)) if toml_path is not None else {}
    shared = sorted(set(base) & set(IDENTITY))
    if shared:
        raise ConfigError(
            f"{toml_path}: {', '.join(shared)} belong in each [[sync.spreadsheets]] entry, "
            "not in the [sync] table they all share"
        )
    return [
        _settings({**base, **entry}, overrides, environ, where=f"spreadsheets[{n}]")
        for n, entry in enumerate(entries, start=1)
    ]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Sync configuration file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the sync configuration {path}: {exc}") from None
    table = data.get("sync", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [sync] must be a table of settings")
    return table


def _relative_paths(values: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    out = dict(values)
    for name in _PATH_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = folder / Path(out[name]).expanduser()
    return out


def _from_toml(path: Path) -> dict[str, Any]:
    table = dict(_read_toml(path))
    table.pop("spreadsheets", None)
    return _relative_paths(table, path.parent)


def _entries(path: Path) -> list[dict[str, Any]]:
    entries = _read_toml(path).get("spreadsheets", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{path}: spreadsheets must be a list of [[sync.spreadsheets]] tables")
    return [_relative_paths(e, path.parent) for e in entries]


def _mapping_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Column mapping file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the column mapping {path}: {exc}") from None


def _coerce(name: str, value: Any) -> Any:
    """One setting's value as its field's type; ConfigError names the setting."""
    if name in _PATH_FIELDS:
        return Path(value).expanduser()
    if name == "target":
        return _amount(value)
    if name == "keep_history":
        return _flag(value)
    if name == "period" and value not in PERIODS:
        raise ConfigError(f"Setting period: {value!r} is not one of {', '.join(PERIODS)}")
    if name == "lang" and value not in LANGS:
        raise ConfigError(f"Setting lang: {value!r} is not one of {', '.join(LANGS)}")
    if not isinstance(value, str):
        raise ConfigError(f"Setting {name}: expected text, got {value!r}")
    return value


_TRUE, _FALSE = ("1", "true", "yes", "on", "oui"), ("0", "false", "no", "off", "non")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ConfigError(f"Setting keep_history: expected true or false, got {value!r}")


def _amount(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        amount = parse_amount(str(value))
    except CellError:
        amount = None
    if amount is None:
        raise ConfigError(f"Setting target: not an amount: {value!r}")
    return amount


# ---------------------------------------------------------------- the run


class SyncSource(Protocol):
    """Where a sync reads the user's tabs and writes the managed ones."""

    title: str
    history_key: str  # what the history store files this source's states under

    def titles(self) -> list[str]:
        """Names of the tabs present."""
        ...

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Any]:
        """The named tabs' grids and the first rows of the ``first_rows`` tabs (name -> how
        many rows; where the source has such tabs), in one read."""
        ...

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        *,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
        reformat: Collection[str] = (),
    ) -> None:
        """Every managed tab, in one write, with the number formats of its cells (set
        again on the ``reformat`` tabs, whose layout moved)."""
        ...


#: Told each step of a run, for a progress display (``"reading Pipeline, Étapes"``...).
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

    def summary(self) -> str:
        """One line for a terminal or a log."""
        line = (
            f"{self.source}: read {', '.join(self.tabs_read)} ({self.deals} deals, "
            f"{self.issues} issues); wrote {', '.join(self.tabs_written)} "
            f"({self.rows_written} rows)"
        )
        if self.recorded is not None:
            line += f"; {self.recorded.describe()}"
        return line


def user_tabs(settings: SyncSettings, present: Sequence[str]) -> dict[str, str]:
    """The tabs to read, by kind: the pipeline tab (required: a missing one is reported by
    the read), and the stages and action-plan tabs when present — the configured name
    (case aside), else a tab named as such tabs usually are (« Etapes », « Stages »…), as
    a workbook's sheets are found. The core has defaults for both."""
    tabs = {"deals": settings.pipeline_tab}
    others = [t for t in present if t.casefold() != settings.pipeline_tab.casefold()]
    kinds: tuple[tuple[TableKind, str], ...] = (
        ("stages", settings.stages_tab), ("actions", settings.actions_tab),
    )  # fmt: skip
    for kind, wanted in kinds:
        exact = next((t for t in others if t.casefold() == wanted.casefold()), None)
        found = wanted if exact else find_sheet(others, kind)
        if found:
            tabs[kind] = found
    return tabs


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
    salespipe did not write, raises ConfigError before anything is stored or written.
    """
    say = progress or (lambda _step: None)
    present = source.titles()
    tabs = user_tabs(settings, present)
    names = list(tabs.values())
    managed = {k: settings.managed_tab_name(k) for k in managed_kinds(history is not None)}
    refuse_duplicate_names(managed)
    _refuse_user_tabs(managed.values(), names)
    folded = {title.casefold() for title in present}
    existing = {kind: name for kind, name in managed.items() if name.casefold() in folded}
    say(f"reading {', '.join(names)}")
    heads = {n: DASHBOARD_ROWS if k == "dashboard" else HEAD_ROWS for k, n in existing.items()}
    read = source.read_tabs(names, first_rows=heads)
    grids = {name: read[name] for name in names}
    say(f"computing the report on {sum(len(g) for g in grids.values())} rows")
    pipeline = load_pipeline(grids, source.title, settings.pipeline_options(tabs))
    report = build_report(pipeline, as_of, target=settings.target, period=settings.period)
    # Before anything is stored or written: a person's tab with a managed name stops the run.
    refuse_foreign_tabs(report, {k: (n, read[n]) for k, n in existing.items() if n in read})
    recorded, past = None, None
    if history is not None:
        say(f"recording the history in {history.path}")
        shot = snapshot(pipeline.deals)
        recorded, observed = history.update(source.history_key, as_of, shot, store=record)
        open_keys = [key for key, state in shot.states.items() if state.status == "open"]
        past = history_report(observed, pipeline.stages, open_keys, shot.untracked)
    layouts = managed_layouts(report, settings.lang, past, settings.managed_tab_name)
    tables = {name: rows for name, (rows, _) in layouts.items()}
    rows = sum(len(r) for r in tables.values())
    say(f"writing {', '.join(tables)} ({rows} rows)")
    board = managed["dashboard"]
    moved = board in read and layout_moved(read[board], tables[board])
    source.write_tabs(
        tables,
        cell_formats={name: f for name, (_, f) in layouts.items()},
        reformat={board} if moved else (),
    )
    return SyncReport(
        source=source.title,
        as_of=as_of,
        tabs_read=list(names),
        deals=len(pipeline.deals),
        issues=len(report.issues),
        tabs_written=list(tables),
        rows_written=rows,
        source_calls=2,
        report=report,
        recorded=recorded,
        history=past,
    )


def _refuse_user_tabs(tables: Iterable[str], read: Sequence[str]) -> None:
    clash = {n.casefold() for n in tables} & {n.casefold() for n in read}
    if clash:
        raise ConfigError(
            f"A managed tab has the name of a tab salespipe reads ({', '.join(sorted(clash))}); "
            "the user's tabs are never written: rename the input tab in the settings."
        )
