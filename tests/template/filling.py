"""Fill a copy of the template with a dataset, and read figures back from both sides.

:func:`fill_template` writes typed values into a copy of the template (openpyxl), as a
person would type them. :func:`dashboard_figures` reads every dashboard figure of a
recalculated copy; :func:`core_figures` computes the same keys from salespipe's report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.metrics.action_budget import NO_WEEK
from salespipe.core.metrics.action_labels import UNSET
from salespipe.core.metrics.forecast import NO_DATE, NO_OWNER, ForecastLine
from salespipe.core.report import Report
from salespipe.core.texts import entry
from salespipe.template import SHEETS
from salespipe.template.layout import (
    ACTION_FIRST,
    BUDGET_FIRST,
    BUDGET_MONTH_OTHERS,
    BUDGET_MONTH_TOTAL,
    BUDGET_NO_WEEK,
    BUDGET_OWNER_OTHERS,
    BUDGET_OWNER_TOTAL,
    BUDGET_OWNER_UNSET,
    FUNNEL_FIRST,
    FUNNEL_WON,
    LIST_ROWS,
    LISTS,
    MONTH_AFTER,
    MONTH_BEFORE,
    MONTH_FIRST,
    MONTH_NO_DATE,
    MONTH_TOTAL,
    MONTHS,
    OWNER_FIRST,
    OWNER_NONE,
    OWNER_OTHERS,
    OWNER_TOTAL,
    PARAMS,
    STAGE_LAST,
    SUMMARY_FIRST,
    SUMMARY_KEYS,
    action_column,
    deal_column,
)

LANG_INDEX = {"fr": 0, "en": 1}
FORECAST_COLUMNS = ("won", "weighted_open", "forecast", "open_amount", "deals")
OWNER_COLUMNS = ("won", "weighted_open", "forecast", "deals")


@dataclass(frozen=True)
class Dataset:
    """What a person typed: deals (``None`` = a blank row), optionally a stage table
    (rows of name, order, probability, expected days, cadence), actions (fields plus
    ``"weeks"``: ticked boxes as ``{week: mark}``), the Paramètres lists, the report date
    and target. ``sample=True`` starts from the template built with ``--sample``."""

    name: str
    as_of: date
    target: float | None = None
    deals: Sequence[dict[str, Any] | None] = ()
    stages: Sequence[tuple[Any, ...]] | None = None
    actions: Sequence[dict[str, Any]] = ()
    owners: Sequence[str] = ()
    action_owners: Sequence[str] = ()
    lang: str = "fr"
    sample: bool = False
    notes: str = field(default="", compare=False)


def sheet(workbook: Any, key: str, lang: str) -> Worksheet:
    ws = workbook[SHEETS[key][LANG_INDEX[lang]]]
    assert isinstance(ws, Worksheet)
    return ws


def _write_rows(
    ws: Worksheet, rows: Sequence[dict[str, Any] | None], column: Any, first: int = 2
) -> None:
    for row, values in enumerate(rows, start=first):
        for name, value in (values or {}).items():
            if name == "weeks":
                for week, mark in value.items():
                    ws[f"{action_column(f'week{week}')}{row}"] = mark
            elif value is not None:
                ws[f"{column(name)}{row}"] = value


def fill_template(template: Path, dataset: Dataset, out: Path) -> Path:
    """A copy of ``template`` at ``out`` with the dataset typed in; returns ``out``."""
    wb = openpyxl.load_workbook(template)
    lang = dataset.lang
    _write_rows(sheet(wb, "pipeline", lang), dataset.deals, deal_column)
    _write_rows(sheet(wb, "actions", lang), dataset.actions, action_column, ACTION_FIRST)
    settings = sheet(wb, "settings", lang)
    settings[f"B{PARAMS['as_of']}"] = dataset.as_of
    if not dataset.sample:
        settings[f"B{PARAMS['target']}"] = dataset.target
    for name, values in (("owners", dataset.owners), ("action_owners", dataset.action_owners)):
        for offset, value in enumerate(values):
            settings[f"{LISTS[name]}{2 + offset}"] = value
    if dataset.stages is not None:
        stages = sheet(wb, "stages", lang)
        for row in range(2, STAGE_LAST + 1):
            values = dataset.stages[row - 2] if row - 2 < len(dataset.stages) else ()
            for column in range(1, 6):
                value = values[column - 1] if column <= len(values) else None
                stages.cell(row=row, column=column, value=value)
    wb.save(out)
    return out


# --- reading the dashboard ------------------------------------------------------------------


def _value(value: Any) -> Any:
    """Cell values as comparable Python values: "" → None, datetimes → dates."""
    if value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    return value


def _month_key(value: Any) -> str:
    day = _value(value)
    assert isinstance(day, date), f"not a month: {value!r}"
    return f"{day.year:04d}-{day.month:02d}"


def dashboard_figures(wb: Any, lang: str) -> dict[str, Any]:
    """Every figure of a recalculated dashboard (workbook loaded with ``data_only=True``),
    keyed like :func:`core_figures`."""
    ws = sheet(wb, "dashboard", lang)
    get = lambda ref: _value(ws[ref].value)  # noqa: E731
    figures = {f"summary.{key}": get(f"B{SUMMARY_FIRST + i}") for i, key in enumerate(SUMMARY_KEYS)}
    rows = {r: _month_key(ws[f"D{r}"].value) for r in range(MONTH_FIRST, MONTH_FIRST + MONTHS)}
    rows |= {
        MONTH_BEFORE: "before",
        MONTH_AFTER: "after",
        MONTH_NO_DATE: "no_date",
        MONTH_TOTAL: "total",
    }
    for row, key in rows.items():
        for letter, column in zip("EFGHI", FORECAST_COLUMNS, strict=True):
            figures[f"month.{key}.{column}"] = get(f"{letter}{row}")
    owners = {r: get(f"D{r}") for r in range(OWNER_FIRST, OWNER_FIRST + LIST_ROWS)}
    owners = {r: name for r, name in owners.items() if name is not None}
    owners |= {OWNER_NONE: "none", OWNER_OTHERS: "others", OWNER_TOTAL: "total"}
    for row, key in owners.items():
        for letter, column in zip("EFGH", OWNER_COLUMNS, strict=True):
            figures[f"owner.{key}.{column}"] = get(f"{letter}{row}")
    figures["funnel"] = [
        tuple(get(f"{letter}{row}") for letter in "BCDEFGHIJ")
        for row in range(FUNNEL_FIRST, FUNNEL_WON + 1)
        if get(f"B{row}") is not None
    ]
    figures |= _budget_figures(get)
    return figures


def _budget_figures(get: Any) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for row in range(BUDGET_FIRST, BUDGET_FIRST + LIST_ROWS):
        if get(f"A{row}") is not None:
            figures[f"budget.owner.{get(f'A{row}')}"] = get(f"B{row}")
    for key, row in (
        ("unset", BUDGET_OWNER_UNSET),
        ("others", BUDGET_OWNER_OTHERS),
        ("total", BUDGET_OWNER_TOTAL),
    ):
        figures[f"budget.owner.{key}"] = get(f"B{row}")
    for row in range(BUDGET_FIRST, BUDGET_FIRST + MONTHS):
        figures[f"budget.month.{_month_key(get(f'D{row}'))}"] = get(f"E{row}")
    for key, row in (
        ("no_week", BUDGET_NO_WEEK),
        ("others", BUDGET_MONTH_OTHERS),
        ("total", BUDGET_MONTH_TOTAL),
    ):
        figures[f"budget.month.{key}"] = get(f"E{row}")
    return figures


# --- the same figures from the core ---------------------------------------------------------


def _line(line: ForecastLine | None) -> dict[str, float]:
    if line is None:
        return dict.fromkeys(FORECAST_COLUMNS, 0.0)
    return {c: getattr(line, "forecast" if c == "forecast" else c) for c in FORECAST_COLUMNS}


def _sum(lines: Sequence[ForecastLine]) -> dict[str, float]:
    return {c: sum((getattr(x, c) for x in lines), 0.0) for c in FORECAST_COLUMNS}


def _months(first: date) -> list[str]:
    return [
        f"{first.year + (first.month - 1 + i) // 12:04d}-{(first.month - 1 + i) % 12 + 1:02d}"
        for i in range(MONTHS)
    ]


def settings_list(wb: Any, lang: str, name: str) -> list[str]:
    """The names typed in a Paramètres list (owners, action_owners) of a loaded workbook."""
    ws = sheet(wb, "settings", lang)
    cells = (ws[f"{LISTS[name]}{row}"].value for row in range(2, 2 + LIST_ROWS))
    return [str(v) for v in cells if v not in (None, "")]


def core_figures(
    report: Report, dataset: Dataset, owners: Sequence[str], action_owners: Sequence[str]
) -> dict[str, Any]:
    """The dashboard's figures computed by salespipe's core on the same workbook; owner
    rows for the names of the Paramètres lists, as the dashboard shows them."""
    s = report.summary
    figures: dict[str, Any] = {f"summary.{k}": getattr(s, k, None) for k in SUMMARY_KEYS}
    if s.target_reached:  # the dashboard says so where a coverage ratio would stand
        reached = entry("report.target_reached")[LANG_INDEX[dataset.lang]]
        figures["summary.coverage"] = figures["summary.weighted_coverage"] = reached
    figures["summary.action_budget"] = report.action_plan.budget_total
    by_month = {line.key: line for line in report.forecast_by_month}
    window = _months(s.period_start)
    groups: dict[str, dict[str, float]] = {key: _line(by_month.get(key)) for key in window}
    dated = [line for key, line in by_month.items() if key != NO_DATE]
    groups["before"] = _sum([x for x in dated if x.key < window[0]])
    groups["after"] = _sum([x for x in dated if x.key > window[-1]])
    groups["no_date"] = _line(by_month.get(NO_DATE))
    groups["total"] = _sum(report.forecast_by_month)
    for key, values in groups.items():
        for column, value in values.items():
            figures[f"month.{key}.{column}"] = value
    figures |= _owner_figures(report, owners)
    figures["funnel"] = [tuple(f.values()) for f in report.funnel]
    figures |= _core_budget(report, dataset.as_of.year, action_owners)
    return figures


def _owner_figures(report: Report, owners: Sequence[str]) -> dict[str, Any]:
    lines = {line.key: line for line in report.forecast_by_owner}
    groups = {name: _line(lines.get(name)) for name in owners}
    groups["none"] = _line(lines.get(NO_OWNER))
    groups["others"] = _sum([x for k, x in lines.items() if k not in owners and k != NO_OWNER])
    groups["total"] = _sum(report.forecast_by_owner)
    return {
        f"owner.{key}.{column}": values[column]
        for key, values in groups.items()
        for column in OWNER_COLUMNS
    }


def _core_budget(report: Report, year: int, names: Sequence[str]) -> dict[str, Any]:
    plan = report.action_plan
    figures: dict[str, Any] = {}
    for name in names:
        figures[f"budget.owner.{name}"] = plan.budget_by_owner.get(name, 0.0)
    figures["budget.owner.unset"] = plan.budget_by_owner.get(UNSET, 0.0)
    figures["budget.owner.others"] = sum(
        v for k, v in plan.budget_by_owner.items() if k not in names and k != UNSET
    )
    figures["budget.owner.total"] = plan.budget_total
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    for key in months:
        figures[f"budget.month.{key}"] = plan.budget_by_month.get(key, 0.0)
    figures["budget.month.no_week"] = plan.budget_by_month.get(NO_WEEK, 0.0)
    figures["budget.month.others"] = sum(
        v for k, v in plan.budget_by_month.items() if k not in months and k != NO_WEEK
    )
    figures["budget.month.total"] = plan.budget_total
    return figures


def differences(native: dict[str, Any], core: dict[str, Any]) -> list[str]:
    """Every key whose values differ (money to the cent, ratios to 1e-9), as messages."""
    problems = [f"{k}: missing on the dashboard" for k in core if k not in native]
    problems += [f"{k}: not computed by the core" for k in native if k not in core]
    for key in sorted(set(native) & set(core)):
        if not same(native[key], core[key]):
            problems.append(f"{key}: dashboard {native[key]!r} != core {core[key]!r}")
    return problems


def same(native: Any, core: Any) -> bool:
    """Equal values: numbers within half a cent, None and 0 rows alike only when both empty."""
    if isinstance(native, list | tuple) and isinstance(core, list | tuple):
        return len(native) == len(core) and all(map(same, native, core))
    if isinstance(native, int | float) and isinstance(core, int | float):
        tolerance = 0.005 if max(abs(native), abs(core)) >= 1 else 1e-9
        return abs(native - core) <= tolerance
    return bool(native == core)
