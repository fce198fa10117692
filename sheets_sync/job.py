"""One sync run: read the user's tabs, compute the report, write the managed tabs.

:func:`run_sync` works on any :class:`SyncSource`: the Google Sheets gateway
(:class:`sheets_sync.gateway.SheetsGateway`) or a local workbook
(:class:`sheets_sync.local.LocalWorkbookSource`, which writes a separate output file).
The user's tabs are read in one call and never written; the managed tabs
(« Tableau de bord », « Relances », « Contrôle qualité ») are written in one call.

Settings come from one frozen :class:`SyncSettings`, built by :func:`load_settings` with
the precedence CLI flag > ``SALESPIPE_*`` environment variable > TOML file > defaults.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

from salespipe.core.errors import ConfigError
from salespipe.core.parsing import CellError, parse_amount
from salespipe.core.pipeline import PipelineOptions, load_pipeline
from salespipe.core.report import PeriodKind, Report, build_report
from salespipe.core.report_tables import followup_table, index, quality_table, summary_table

ENV_PREFIX = "SALESPIPE_"
PERIODS = ("month", "quarter", "year")
LANGS = ("fr", "en")

#: The managed tabs, French then English names: written at every run, never read.
MANAGED_TABS = {
    "dashboard": ("Tableau de bord", "Dashboard"),
    "followups": ("Relances", "Follow-ups"),
    "quality": ("Contrôle qualité", "Data quality"),
}


@dataclass(frozen=True)
class SyncSettings:
    """Everything one sync run needs; Google mode when ``spreadsheet`` is set, else local."""

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

    @property
    def mode(self) -> Literal["google", "local"]:
        """``google`` when a spreadsheet is configured, ``local`` otherwise."""
        return "google" if self.spreadsheet else "local"

    def managed_tab_names(self) -> list[str]:
        """The managed tabs' names in the settings' language."""
        i = index(self.lang)
        return [names[i] for names in MANAGED_TABS.values()]


_PATH_FIELDS = ("credentials", "workbook", "output")
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
    values: dict[str, Any] = {}
    if toml_path is not None:
        values.update(_from_toml(Path(toml_path)))
    env = os.environ if environ is None else environ
    values.update(
        {
            name: env[ENV_PREFIX + name.upper()]
            for name in FIELD_NAMES
            if ENV_PREFIX + name.upper() in env
        }
    )
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = sorted(set(values) - set(FIELD_NAMES))
    if unknown:
        raise ConfigError(
            f"Unknown sync setting(s): {', '.join(unknown)}; known: {', '.join(FIELD_NAMES)}"
        )
    return replace(SyncSettings(), **{k: _coerce(k, v) for k, v in values.items()})


def _from_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Sync configuration file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the sync configuration {path}: {exc}") from None
    table = data.get("sync", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [sync] must be a table of settings")
    out = dict(table)
    for name in _PATH_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = path.parent / Path(out[name]).expanduser()
    return out


def _coerce(name: str, value: Any) -> Any:
    """One setting's value as its field's type; ConfigError names the setting."""
    if name in _PATH_FIELDS:
        return Path(value).expanduser()
    if name == "target":
        return _amount(value)
    if name == "period" and value not in PERIODS:
        raise ConfigError(f"Setting period: {value!r} is not one of {', '.join(PERIODS)}")
    if name == "lang" and value not in LANGS:
        raise ConfigError(f"Setting lang: {value!r} is not one of {', '.join(LANGS)}")
    if not isinstance(value, str):
        raise ConfigError(f"Setting {name}: expected text, got {value!r}")
    return value


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

    def titles(self) -> list[str]:
        """Names of the tabs present."""
        ...

    def read_tabs(self, names: Sequence[str]) -> dict[str, Any]:
        """The named tabs' grids, in one read."""
        ...

    def write_tabs(self, values_by_tab: Mapping[str, Sequence[Sequence[Any]]]) -> None:
        """Every managed tab, in one write."""
        ...


@dataclass(frozen=True)
class SyncReport:
    """What one run did: tabs read and written, deals and issues, calls to the source."""

    source: str
    as_of: date
    tabs_read: list[str]
    deals: int
    issues: int
    tabs_written: list[str]
    rows_written: int
    source_calls: int  # reads + writes made by the job (opening aside): 2 for a run
    report: Report

    def summary(self) -> str:
        """One line for a terminal or a log."""
        return (
            f"{self.source}: read {', '.join(self.tabs_read)} ({self.deals} deals, "
            f"{self.issues} issues); wrote {', '.join(self.tabs_written)} "
            f"({self.rows_written} rows)"
        )


def tabs_to_read(settings: SyncSettings, present: Sequence[str]) -> list[str]:
    """The pipeline tab (required: a missing one is reported by the read) and the stages
    and action-plan tabs when present (the core has defaults for both)."""
    folded = {name.casefold() for name in present}
    optional = [settings.stages_tab, settings.actions_tab]
    return [settings.pipeline_tab, *(n for n in optional if n.casefold() in folded)]


def managed_tables(report: Report, lang: str) -> dict[str, list[list[Any]]]:
    """The managed tabs' rows (headers first), from the shared report tables."""
    i = index(lang)
    tables = (summary_table(report, i), followup_table(report, i), quality_table(report, lang))
    return {
        names[i]: table.as_rows()
        for names, table in zip(MANAGED_TABS.values(), tables, strict=True)
    }


def run_sync(settings: SyncSettings, source: SyncSource, as_of: date) -> SyncReport:
    """Read the user's tabs in one call, build the report, write the managed tabs in one call.

    The user's tabs are never written: a managed tab named like one of them raises
    ConfigError before anything is written.
    """
    names = tabs_to_read(settings, source.titles())
    grids = source.read_tabs(names)
    options = PipelineOptions(
        deals_sheet=settings.pipeline_tab,
        stages_sheet=settings.stages_tab if settings.stages_tab in grids else None,
        actions_sheet=settings.actions_tab if settings.actions_tab in grids else None,
    )
    pipeline = load_pipeline(grids, source.title, options)
    report = build_report(pipeline, as_of, target=settings.target, period=settings.period)
    tables = managed_tables(report, settings.lang)
    _refuse_user_tabs(tables, names)
    source.write_tabs(tables)
    return SyncReport(
        source=source.title,
        as_of=as_of,
        tabs_read=list(names),
        deals=len(pipeline.deals),
        issues=len(report.issues),
        tabs_written=list(tables),
        rows_written=sum(len(rows) for rows in tables.values()),
        source_calls=2,
        report=report,
    )


def _refuse_user_tabs(tables: Mapping[str, object], read: Sequence[str]) -> None:
    clash = {n.casefold() for n in tables} & {n.casefold() for n in read}
    if clash:
        raise ConfigError(
            f"A managed tab has the name of a tab salespipe reads ({', '.join(sorted(clash))}); "
            "the user's tabs are never written: rename the input tab in the settings."
        )
