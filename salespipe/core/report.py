"""Every metric of a parsed pipeline in one object, for every front end.

:func:`build_report` is the single place that decides which computations make
up "the report"; the CLI prints it, the sync job writes it to managed tabs, the
JSON output serialises it. Figures are kept unrounded here; presentation rounds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from salespipe.core.action_plan import (
    ActionProgress,
    SourceCost,
    budget_by,
    cost_per_source,
    done_vs_planned,
    weekly_load,
)
from salespipe.core.cycle import CycleStats, sales_cycle, sales_cycle_by_owner
from salespipe.core.followups import FollowUp, RottingDeal, followups, rotting_deals
from salespipe.core.forecast import ForecastLine, forecast_by, weighted_forecast
from salespipe.core.funnel import FunnelStage, pipeline_coverage, stage_funnel, win_rate
from salespipe.core.model import DEFAULT_MAX_TOUCHES, Status
from salespipe.core.pipeline import Pipeline
from salespipe.core.quality import Issue, Severity, count_by_code
from salespipe.core.records import RowAccount
from salespipe.core.targets import required_pipeline

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
    coverage: float | None
    overdue_followups: int
    due_this_week: int
    nurture: int
    rotting: int


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
    """The full report; :meth:`to_dict` gives a JSON-ready form."""

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
    required_pipeline: list[tuple[str, int]]
    action_plan: ActionPlanReport
    issues: list[Issue]
    accounts: list[RowAccount]
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def overdue(self) -> list[FollowUp]:
        return [f for f in self.followups if f.state == "overdue"]

    def issue_counts(self) -> dict[str, int]:
        return count_by_code(self.issues)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """Plain dicts, lists, numbers and ISO date strings."""
        data = {
            f.name: _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in ("issues", "accounts")
        }
        data["accounts"] = [a.to_dict() for a in self.accounts]
        data["issues"] = [i.to_dict(lang) for i in self.issues]
        data["issue_counts"] = self.issue_counts()
        return data


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Status | Severity):
        return value.value
    return value


def build_report(
    pipeline: Pipeline,
    as_of: date,
    *,
    target: float | None = None,
    period: PeriodKind = "quarter",
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> Report:
    """Compute every metric of PRODUCT.md on ``pipeline`` as of ``as_of``.

    ``target`` is the revenue target for the ``period`` (month, quarter or
    year) containing ``as_of``; it drives coverage and the required pipeline.
    """
    deals, stages = pipeline.deals, pipeline.stages
    start, end = period_bounds(as_of, period)
    follow = followups(deals, stages, as_of, max_touches)
    rotting = rotting_deals(deals, stages, as_of)
    summary = Summary(
        deals=len(deals),
        open_deals=sum(d.status is Status.OPEN for d in deals),
        won_deals=sum(d.status is Status.WON for d in deals),
        lost_deals=sum(d.status is Status.LOST for d in deals),
        open_amount=sum((d.amount or 0.0 for d in deals if d.status is Status.OPEN), 0.0),
        weighted_open=weighted_forecast([d for d in deals if d.status is Status.OPEN], stages),
        won_amount=sum((d.amount or 0.0 for d in deals if d.status is Status.WON), 0.0),
        win_rate=win_rate(deals),
        period=period,
        period_start=start,
        period_end=end,
        period_forecast=weighted_forecast(deals, stages, start, end),
        target=target,
        coverage=pipeline_coverage(deals, stages, target, start, end) if target else None,
        overdue_followups=sum(f.state == "overdue" for f in follow),
        due_this_week=sum(f.state == "due_this_week" for f in follow),
        nurture=sum(f.state == "nurture" for f in follow),
        rotting=len(rotting),
    )
    return Report(
        source=pipeline.source,
        as_of=as_of,
        sheets=dict(pipeline.sheets),
        stages=list(stages.names),
        summary=summary,
        forecast_by_month=forecast_by(deals, stages, "month"),
        forecast_by_quarter=forecast_by(deals, stages, "quarter"),
        forecast_by_owner=forecast_by(deals, stages, "owner", start, end),
        forecast_by_stage=forecast_by(deals, stages, "stage", start, end),
        funnel=stage_funnel(deals, stages),
        followups=follow,
        rotting=rotting,
        cycle=sales_cycle(deals),
        cycle_by_owner=sales_cycle_by_owner(deals),
        required_pipeline=required_pipeline(target, deals, stages) if target else [],
        action_plan=_action_plan(pipeline, as_of),
        issues=list(pipeline.issues),
        accounts=list(pipeline.accounts),
        ignored_columns=dict(pipeline.ignored_columns),
    )


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
