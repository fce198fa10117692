"""Every metric of a parsed pipeline in one object, for every front end.

:func:`build_report` is the single place that decides which computations make
up "the report"; the CLI prints it, the sync job writes it to managed tabs, the
JSON output serialises it. Figures are kept unrounded here; presentation rounds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any, Literal

from salespipe.core.metrics.action_budget import budget_by
from salespipe.core.metrics.action_progress import ActionProgress, done_vs_planned
from salespipe.core.metrics.cycle import (
    CycleStats,
    sales_cycles,
    time_in_current_stage,
)
from salespipe.core.metrics.followups import FollowUp, open_followups
from salespipe.core.metrics.forecast import ForecastLine, forecast_by, quarters_from_months
from salespipe.core.metrics.funnel import FunnelStage, stage_funnel
from salespipe.core.metrics.open_deals import OpenDeals
from salespipe.core.metrics.rotting import RottingDeal, open_rotting_deals
from salespipe.core.metrics.source_cost import SourceCost, cost_per_source
from salespipe.core.metrics.targets import required_pipeline
from salespipe.core.metrics.weekly_load import weekly_load
from salespipe.core.model import DEFAULT_MAX_TOUCHES, LOST, OPEN, WON
from salespipe.core.quality import Issue, count_by_code
from salespipe.core.reading.missing_columns import MissingColumns
from salespipe.core.reading.pipeline import Pipeline
from salespipe.core.reading.rows import RowAccount

PeriodKind = Literal["month", "quarter", "year"]


def period_bounds(as_of: date, kind: PeriodKind) -> tuple[date, date]:
    """First and last day of the month, quarter or year containing ``as_of``."""
    if kind == "year":
        return date(as_of.year, 1, 1), date(as_of.year, 12, 31)
    first_month = as_of.month if kind == "month" else 3 * ((as_of.month - 1) // 3) + 1
    start = date(as_of.year, first_month, 1)
    months = 1 if kind == "month" else 3
    year, month = divmod(first_month - 1 + months, 12)
    return start, date(as_of.year + year, month + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Summary:
    """The headline figures of the dashboard."""

    deals: int
    open_deals: int
    won_deals: int
    lost_deals: int
    open_amount: float
    weighted_open: float
    won_amount: float
    win_rate: float | None
    period: str
    period_start: date
    period_end: date
    period_forecast: float
    target: float | None
    #: Against the target, as sales tools show it (docs/metrics.md « Objectif »): won in the
    #: period, attainment (won / target), forecast attainment (period forecast / target),
    #: what remains to win (target − won; ≤ 0 once reached), and the coverage of what
    #: remains by the open deals expected to close in the period, unweighted and weighted.
    #: Ratios are None without a positive target; coverages also once the target is reached.
    won_in_period: float
    open_in_period: float
    weighted_open_in_period: float
    attainment: float | None
    forecast_attainment: float | None
    remaining_target: float | None
    coverage: float | None
    weighted_coverage: float | None
    overdue_followups: int
    due_this_week: int
    nurture: int
    rotting: int
    #: Open deals whose expected close date is before the report date (« date dépassée »):
    #: their forecast sits in a month already gone until someone moves the date.
    close_date_passed: int = 0
    close_date_passed_amount: float = 0.0
    #: True when a target is set and what was won in the period reaches it (« objectif
    #: atteint »): the coverages are then None.
    target_reached: bool = False


@dataclass(frozen=True)
class ActionPlanReport:
    budget_total: float
    budget_by_owner: dict[str, float]
    budget_by_type: dict[str, float]
    budget_by_month: dict[str, float]
    budget_by_lever: dict[str, float]
    weekly_load: dict[str, dict[int, int]]
    progress: list[ActionProgress]
    cost_per_source: list[SourceCost]


@dataclass(frozen=True)
class Report:
    """The full report; :meth:`to_dict` gives a JSON-ready form, and
    :func:`salespipe.formats.json.render_json` the JSON."""

    source: str
    as_of: date
    sheets: dict[str, str]
    stages: list[str]
    summary: Summary
    forecast_by_month: list[ForecastLine]
    forecast_by_quarter: list[ForecastLine]
    forecast_by_owner: list[ForecastLine]
    forecast_by_stage: list[ForecastLine]
    funnel: list[FunnelStage]
    followups: list[FollowUp]
    rotting: list[RottingDeal]
    cycle: CycleStats
    cycle_by_owner: dict[str, CycleStats]
    time_in_stage: dict[str, CycleStats]
    required_pipeline: list[tuple[str, int]]
    action_plan: ActionPlanReport
    issues: list[Issue]
    accounts: list[RowAccount]
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The headline columns the pipeline table lacks: every output says so first.
    missing_columns: MissingColumns | None = None
    #: sheet -> field -> header as typed: the columns recognised (or mapped) in each table.
    columns: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def overdue(self) -> list[FollowUp]:
        return [f for f in self.followups if f.state == "overdue"]

    def issue_counts(self) -> dict[str, int]:
        return count_by_code(self.issues)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """Plain dicts, lists, numbers and ISO date strings (the JSON report's content)."""
        return {key: _plain(value) for key, value in self.payload(lang).items()}

    def payload(self, lang: str = "fr") -> dict[str, Any]:
        """The report's content for a serialiser that takes dataclasses, dates and enums as
        they are (:func:`salespipe.formats.json.render_json`): issues and row accounts
        already as dicts, messages in ``lang``."""
        missing = self.missing_columns
        data: dict[str, Any] = {"missing_columns": missing.to_dict(lang) if missing else None}
        data.update(
            (f.name, getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in ("issues", "accounts", "missing_columns")
        )
        data["accounts"] = [a.to_dict() for a in self.accounts]
        data["issues"] = [i.to_dict(lang) for i in self.issues]
        data["issue_counts"] = self.issue_counts()
        return data


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """JSON-ready copy of ``value`` (dataclasses to dicts, dates to ISO strings)."""
    kind = type(value)
    if kind in _SCALARS:
        return None if kind is float and value != value else value  # NaN: null, as orjson
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def build_report(
    pipeline: Pipeline,
    as_of: date,
    *,
    target: float | None = None,
    period: PeriodKind = "quarter",
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> Report:
    """Compute every metric of docs/metrics.md on ``pipeline`` as of ``as_of``.

    ``target`` is the revenue target for the ``period`` (month, quarter or
    year) containing ``as_of``; it drives attainment, the coverage of what remains to win and
    the pipeline needed for it.
    Headline sums come from the forecast lines (which sum to
    :func:`~salespipe.core.metrics.forecast.weighted_forecast`, a tested property), so
    100 000 deals are walked as few times as possible.
    """
    deals, stages = pipeline.deals, pipeline.stages
    start, end = period_bounds(as_of, period)
    opened = OpenDeals(deals)  # its columns computed once for the follow-ups and rotting deals
    follow = open_followups(opened, stages, as_of, max_touches)
    rotting = open_rotting_deals(opened, stages, as_of)
    by_month = forecast_by(deals, stages, "month")  # every deal: no period filter
    by_owner = forecast_by(deals, stages, "owner", start, end)  # the period's deals
    funnel = stage_funnel(deals, stages)
    cycle, cycle_by_owner = sales_cycles(deals)
    counts = Counter(d.status for d in deals)
    passed = [d for d in opened.deals if d.expected_close is not None and d.expected_close < as_of]
    won_in_period = sum((line.won for line in by_owner), 0.0)
    open_in_period = sum((line.open_amount for line in by_owner), 0.0)
    weighted_in_period = sum((line.weighted_open for line in by_owner), 0.0)
    period_forecast = sum((line.forecast for line in by_owner), 0.0)
    goal = target if target is not None and target > 0 else None
    remaining = goal - won_in_period if goal is not None else None
    left = remaining if remaining is not None and remaining > 0 else None
    summary = Summary(
        deals=len(deals),
        open_deals=counts[OPEN],
        won_deals=counts[WON],
        lost_deals=counts[LOST],
        open_amount=sum((line.open_amount for line in by_month), 0.0),
        weighted_open=sum((line.weighted_open for line in by_month), 0.0),
        won_amount=sum((line.won for line in by_month), 0.0),
        win_rate=_ratio(counts[WON], counts[WON] + counts[LOST]),
        period=period,
        period_start=start,
        period_end=end,
        period_forecast=period_forecast,
        target=target,
        won_in_period=won_in_period,
        open_in_period=open_in_period,
        weighted_open_in_period=weighted_in_period,
        attainment=won_in_period / goal if goal else None,
        forecast_attainment=period_forecast / goal if goal else None,
        remaining_target=remaining,
        coverage=open_in_period / left if left else None,
        weighted_coverage=weighted_in_period / left if left else None,
        overdue_followups=sum(f.state == "overdue" for f in follow),
        due_this_week=sum(f.state == "due_this_week" for f in follow),
        nurture=sum(f.state == "nurture" for f in follow),
        rotting=len(rotting),
        close_date_passed=len(passed),
        close_date_passed_amount=sum((d.amount or 0.0 for d in passed), 0.0),
        target_reached=remaining is not None and remaining <= 0,
    )
    return Report(
        source=pipeline.source,
        as_of=as_of,
        sheets=dict(pipeline.sheets),
        stages=list(stages.names),
        summary=summary,
        forecast_by_month=by_month,
        forecast_by_quarter=quarters_from_months(by_month),
        forecast_by_owner=by_owner,
        forecast_by_stage=forecast_by(deals, stages, "stage", start, end),
        funnel=funnel,
        followups=follow,
        rotting=rotting,
        cycle=cycle,
        cycle_by_owner=cycle_by_owner,
        time_in_stage=time_in_current_stage(deals, as_of),
        required_pipeline=required_pipeline(left, deals, stages, funnel) if left else [],
        action_plan=_action_plan(pipeline, as_of),
        issues=list(pipeline.issues),
        accounts=list(pipeline.accounts),
        ignored_columns=dict(pipeline.ignored_columns),
        missing_columns=pipeline.missing,
        columns={sheet: dict(named) for sheet, named in pipeline.columns.items()},
    )


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _action_plan(pipeline: Pipeline, as_of: date) -> ActionPlanReport:
    actions, year = pipeline.actions, as_of.year
    return ActionPlanReport(
        budget_total=sum((a.budget or 0.0 for a in actions), 0.0),
        budget_by_owner=budget_by(actions, "owner", year),
        budget_by_type=budget_by(actions, "type", year),
        budget_by_month=budget_by(actions, "month", year),
        budget_by_lever=budget_by(actions, "lever", year),
        weekly_load=weekly_load(actions, year),
        progress=done_vs_planned(actions),
        cost_per_source=cost_per_source(actions, pipeline.deals, pipeline.stages),
    )
