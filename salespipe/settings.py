"""Settings of the sync and of ``salespipe export --config``: one frozen object per
spreadsheet, from a TOML file, ``SALESPIPE_*`` environment variables and CLI flags.

:func:`load_settings` builds one :class:`SyncSettings`, :func:`load_all_settings` one per
``[[sync.spreadsheets]]`` entry, with the precedence CLI flag > ``SALESPIPE_*``
environment variable > TOML file > defaults.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from salespipe.core.errors import ConfigError
from salespipe.core.reading.parsing import CellError, parse_amount
from salespipe.core.reading.pipeline import PipelineOptions, mapping_options
from salespipe.core.report import PeriodKind
from salespipe.core.report_tables import MANAGED_TABS
from salespipe.core.texts import LANGS, both, index

ENV_PREFIX = "SALESPIPE_"
PERIODS = ("month", "quarter", "year")


#: The pipeline tab a sync reads unless told otherwise; when a spreadsheet has no tab of
#: that name, the sync finds the pipeline table by content (sheets_sync.job.user_tabs).
DEFAULT_PIPELINE_TAB = "Pipeline"


@dataclass(frozen=True)
class SyncSettings:
    """Everything one sync run needs; Google mode when ``spreadsheet`` is set, else local."""

    name: str | None = None  # a label for log lines (several spreadsheets in one config)
    spreadsheet: str | None = None  # key or docs.google.com URL
    credentials: Path | None = None  # service-account or OAuth-user JSON file
    workbook: Path | None = None  # local mode: the user's workbook, only read
    output: Path | None = None  # local mode: where the managed tabs go
    pipeline_tab: str = DEFAULT_PIPELINE_TAB
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
        options = mapping_options(table, tabs.get("deals"))
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
        raise ConfigError("settings_use_load_all", path=str(toml_path))
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
        place = both("settings.place", where=where) if where else ""
        raise ConfigError(
            "settings_unknown", place=place, unknown=", ".join(unknown),
            known=", ".join(FIELD_NAMES),
        )  # fmt: skip
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
            "settings_identity_given", path=str(toml_path), given=", ".join(sorted(given))
        )
    base = _from_toml(Path(toml_path)) if toml_path is not None else {}
    shared = sorted(set(base) & set(IDENTITY))
    if shared:
        raise ConfigError("settings_identity_shared", path=str(toml_path), shared=", ".join(shared))
    return [
        _settings({**base, **entry}, overrides, environ, where=f"spreadsheets[{n}]")
        for n, entry in enumerate(entries, start=1)
    ]


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file (a configuration, a column mapping), with or without a UTF-8 byte-order
    mark. OSError for a missing file or one that is not regular (a pipe, a device: reading
    it could wait forever), TOMLDecodeError and UnicodeDecodeError for a bad one."""
    if path.exists() and not path.is_file():
        raise OSError(errno.EINVAL, "not a regular file (a pipe, a device...)")
    return tomllib.loads(path.read_text(encoding="utf-8-sig"))


#: A double-quoted TOML value holding a Windows path (``"C:\Users\…"``, ``"\\server\…"``).
_BACKSLASH_IN_STRING = re.compile(r'=\s*"(?:[A-Za-z]:)?\\')


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = read_toml(path)
    except FileNotFoundError:
        raise ConfigError("settings_file_not_found", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        if _BACKSLASH_IN_STRING.search(path.read_text(encoding="utf-8-sig", errors="replace")):
            # "C:\Users\marie\…" in a basic string: \U starts an escape (TOML 1.0, Strings)
            raise ConfigError("settings_windows_path", path=str(path), reason=str(exc)) from None
        raise ConfigError("settings_file_unreadable", path=str(path), reason=str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("settings_file_unreadable", path=str(path), reason=str(exc)) from None
    table = data.get("sync", data)
    if not isinstance(table, dict):
        raise ConfigError("settings_sync_not_a_table", path=str(path))
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
        raise ConfigError("settings_entries_not_tables", path=str(path))
    return [_relative_paths(e, path.parent) for e in entries]


def _mapping_file(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except FileNotFoundError:
        raise ConfigError("mapping_file_not_found", path=str(path)) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("mapping_file_unreadable", path=str(path), reason=str(exc)) from None


def _coerce(name: str, value: Any) -> Any:
    """One setting's value as its field's type; ConfigError names the setting."""
    if name in _PATH_FIELDS:
        return Path(value).expanduser()
    if name == "target":
        return _amount(value)
    if name == "keep_history":
        return _flag(value)
    choices = {"period": PERIODS, "lang": LANGS}.get(name)
    if choices is not None and value not in choices:
        raise ConfigError(
            "setting_not_one_of", name=name, value=repr(value), choices=", ".join(choices)
        )
    if not isinstance(value, str):
        raise ConfigError("setting_not_text", name=name, value=repr(value))
    return value


_TRUE, _FALSE = ("1", "true", "yes", "on", "oui"), ("0", "false", "no", "off", "non")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ConfigError("setting_not_a_flag", name="keep_history", value=repr(value))


def _amount(value: Any) -> float:
    try:  # a TOML number too: above the limit of an amount, no target can be reached
        amount = parse_amount(value if isinstance(value, int | float) else str(value))
    except CellError:
        amount = None
    if amount is None:
        raise ConfigError("setting_not_an_amount", name="target", value=repr(value))
    return amount
