"""Weighted forecast: what the pipeline is expected to bring in, by period, owner or stage.

Definitions (docs/metrics.md, "Weighted forecast"):

- a won deal counts at 100 % of its amount, a lost deal at 0;
- an open deal counts at amount × probability, the probability being the deal's own
  override when typed, else its stage's default probability;
- a period ``[start, end]`` keeps the deals whose ``expected_close`` (the actual close
  date once won or lost) falls within it, bounds included.

Worked example: three open deals of 50 000 € at 30 % forecast 45 000 €.

Amounts are returned unrounded; round to cents only when presenting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from salespipe.core.model import LOST, WON, Deal, Stage, StageTable

#: Group label for deals without an owner (commercial).
NO_OWNER = "(sans commercial)"
#: Group label for deals without a stage.
NO_STAGE = "(sans étape)"
#: Group label for deals without an expected close date, when grouping by period.
NO_DATE = "(sans date)"

ForecastBy = Literal["month", "quarter", "owner", "stage"]

StageResolver = Callable[[str], Stage | None]


def stage_resolver(stages: StageTable) -> StageResolver:
    """A cached ``stages.get``: returns the Stage for a name, or None for an unknown name.

    Folding a label is the slow part of a lookup; a pipeline repeats a handful of
    stage names, so each distinct name is folded once per resolver.
    """
    cache: dict[str, Stage | None] = {}

    def resolve(name: str) -> Stage | None:
        try:
            return cache[name]
        except KeyError:
            found = cache[name] = stages.get(name)
            return found

    return resolve


def closes_within(deal: Deal, start: date | None, end: date | None) -> bool:
    """Whether the deal's ``expected_close`` lies in ``[start, end]`` (bounds included).

    A None bound is open. With both bounds None every deal is kept, even one without
    a close date; as soon as one bound is given, a deal without a close date is not.
    """
    if start is None and end is None:
        return True
    close = deal.expected_close
    if close is None:
        return False
    return (start is None or close >= start) and (end is None or close <= end)


def _probability(deal: Deal, resolve: StageResolver) -> float | None:
    if deal.probability is not None:
        return deal.probability
    stage = None if deal.stage is None else resolve(deal.stage)
    return None if stage is None else stage.probability


def _weighted(deal: Deal, resolve: StageResolver) -> float | None:
    if deal.status == LOST:
        return 0.0
    if deal.amount is None:
        return None
    if deal.status == WON:
        return deal.amount
    probability = _probability(deal, resolve)
    return None if probability is None else deal.amount * probability


def deal_probability(deal: Deal, stages: StageTable) -> float | None:
    """The deal's probability override if typed, else its stage's default probability.

    Returns None when there is no override and the stage is blank or not in the table.
    The status is not looked at (see :func:`weighted_value` for won and lost deals).
    """
    return _probability(deal, stages.get)


def weighted_value(deal: Deal, stages: StageTable) -> float | None:
    """What the deal counts for in the forecast, in euros (unrounded).

    Won: its amount (100 %). Lost: 0.0, whatever its amount (even blank). Open: amount ×
    :func:`deal_probability`. None when a won or open deal has no amount, or an open
    deal's probability is unknown: such a deal adds nothing to a forecast.
    """
    return _weighted(deal, stages.get)


def weighted_forecast(
    deals: Iterable[Deal],
    stages: StageTable,
    start: date | None = None,
    end: date | None = None,
) -> float:
    """Sum of :func:`weighted_value` over the deals closing within ``[start, end]``.

    The period filter is :func:`closes_within`. Deals whose weighted value is None
    (no amount, unknown probability) add nothing. Returns 0.0 for no deals.
    """
    resolve = stage_resolver(stages)
    total = 0.0
    for deal in deals:
        if closes_within(deal, start, end):
            value = _weighted(deal, resolve)
            if value is not None:
                total += value
    return total


@dataclass(frozen=True)
class ForecastLine:
    """One group of the forecast.

    ``won``: amounts of won deals; ``weighted_open``: weighted amounts of open deals;
    ``open_amount``: unweighted amounts of open deals (all with an amount, even those
    whose probability is unknown); ``forecast`` = ``won + weighted_open``; ``deals``:
    number of won and open deals in the group (lost deals are not counted).
    """

    key: str
    won: float
    weighted_open: float
    open_amount: float
    forecast: float
    deals: int


class _Totals:
    """Mutable running sums for one group, turned into a ForecastLine at the end."""

    __slots__ = ("deals", "open_amount", "weighted_open", "won")

    def __init__(self) -> None:
        self.won = 0.0
        self.weighted_open = 0.0
        self.open_amount = 0.0
        self.deals = 0

    def add(self, deal: Deal, resolve: StageResolver) -> None:
        self.deals += 1
        if deal.amount is None:
            return
        if deal.status == WON:
            self.won += deal.amount
            return
        self.open_amount += deal.amount
        weighted = _weighted(deal, resolve)
        if weighted is not None:
            self.weighted_open += weighted

    def line(self, key: str) -> ForecastLine:
        forecast = self.won + self.weighted_open
        return ForecastLine(
            key, self.won, self.weighted_open, self.open_amount, forecast, self.deals
        )


def _month_label(close: date) -> str:
    return f"{close.year:04d}-{close.month:02d}"


def _quarter_label(close: date) -> str:
    return f"{close.year:04d}-T{(close.month - 1) // 3 + 1}"


def _period_key_function(label: Callable[[date], str]) -> Callable[[Deal], str]:
    """Key by close date; a pipeline has few distinct dates, so each is formatted once."""
    cache: dict[date, str] = {}

    def period_key(deal: Deal) -> str:
        close = deal.expected_close
        if close is None:
            return NO_DATE
        key = cache.get(close)
        if key is None:
            key = cache[close] = label(close)
        return key

    return period_key


def _owner_key(deal: Deal) -> str:
    owner = (deal.owner or "").strip()
    return owner or NO_OWNER


def _stage_key_function(resolve: StageResolver) -> Callable[[Deal], str]:
    def stage_key(deal: Deal) -> str:
        if deal.stage is None or not deal.stage.strip():
            return NO_STAGE
        stage = resolve(deal.stage)
        return deal.stage if stage is None else stage.name

    return stage_key


def _sorted_lines(
    lines: list[ForecastLine], by: ForecastBy, stages: StageTable
) -> list[ForecastLine]:
    if by == "owner":
        return sorted(lines, key=lambda line: (-line.forecast, line.key))
    if by == "stage":
        rank = {s.name: i for i, s in enumerate(sorted(stages.stages, key=lambda s: s.order))}
        last = len(rank)
        return sorted(
            lines,
            key=lambda line: (line.key == NO_STAGE, rank.get(line.key, last), line.key),
        )
    # "YYYY-MM" and "YYYY-Tn" sort chronologically as text; undated goes last.
    return sorted(lines, key=lambda line: (line.key == NO_DATE, line.key))


def forecast_by(
    deals: Iterable[Deal],
    stages: StageTable,
    by: ForecastBy,
    start: date | None = None,
    end: date | None = None,
) -> list[ForecastLine]:
    """The forecast split into groups, one :class:`ForecastLine` per group.

    ``by``: ``"month"`` (key ``"2026-03"``), ``"quarter"`` (``"2026-T1"``, T for
    trimestre), ``"owner"`` (blank owner -> ``NO_OWNER``) or ``"stage"`` (the stage's
    canonical name, a name unknown to the table as typed, blank -> ``NO_STAGE``).
    Undated deals go under ``NO_DATE`` for periods. The period filter is the one of
    :func:`weighted_forecast`, so the lines' ``forecast`` sum to it. Lost deals create
    no line and are not counted.

    Sorted chronologically for periods (``NO_DATE`` last), in stage-table order for
    stages (unknown names after, alphabetically, ``NO_STAGE`` last), by forecast
    descending for owners (ties by name). Raises ValueError for another ``by``.
    """
    resolve = stage_resolver(stages)
    key_of = _key_function(by, resolve)
    groups: dict[str, _Totals] = {}
    bounded = start is not None or end is not None  # else every deal is within
    for deal in deals:
        if deal.status == LOST or (bounded and not closes_within(deal, start, end)):
            continue
        key = key_of(deal)
        totals = groups.get(key)
        if totals is None:
            totals = groups[key] = _Totals()
        totals.add(deal, resolve)
    lines = [totals.line(key) for key, totals in groups.items()]
    return _sorted_lines(lines, by, stages)


def _key_function(by: ForecastBy, resolve: StageResolver) -> Callable[[Deal], str]:
    if by == "month":
        return _period_key_function(_month_label)
    if by == "quarter":
        return _period_key_function(_quarter_label)
    if by == "owner":
        return _owner_key
    if by == "stage":
        return _stage_key_function(resolve)
    choices = ", ".join(get_args(ForecastBy))
    raise ValueError(f"cannot group a forecast by {by!r}; choose one of: {choices}")


def quarters_from_months(months: Sequence[ForecastLine]) -> list[ForecastLine]:
    """The quarterly lines (``2026-T1``) rolled up from monthly ones (``2026-01``..``03``).

    Equal to ``forecast_by(deals, stages, "quarter")`` for the same deals and period,
    without walking the deals again; ``NO_DATE`` stays last.
    """
    groups: dict[str, list[ForecastLine]] = {}
    for line in months:
        if line.key == NO_DATE:
            key = NO_DATE
        else:
            year, month = line.key.split("-")
            key = f"{year}-T{(int(month) - 1) // 3 + 1}"
        groups.setdefault(key, []).append(line)
    quarters = [
        ForecastLine(
            key,
            sum(x.won for x in lines),
            sum(x.weighted_open for x in lines),
            sum(x.open_amount for x in lines),
            sum(x.forecast for x in lines),
            sum(x.deals for x in lines),
        )
        for key, lines in groups.items()
    ]
    return sorted(quarters, key=lambda line: (line.key == NO_DATE, line.key))
