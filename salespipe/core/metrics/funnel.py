"""Stage conversion (the funnel), win rate and pipeline coverage, from a snapshot of deals.

A deal's ``stage`` is the furthest stage it reached and its ``status`` says how it
ended, which is what makes true conversion rates computable. For the open stages in
table order (positions 0, 1, ...):

- an open deal at position p reached stages 0..p, moved on from 0..p-1, is open at p;
- a lost deal at position p reached 0..p, moved on from 0..p-1, was lost at p;
- a won deal reached and moved on from every open stage, whatever its stage says;
- a lost deal whose stage is the lost stage, blank or unknown is left out of the
  per-stage funnel (where it was lost is unknown) but counts in the win rate;
- an open deal whose stage is blank, unknown or not an open stage is left out.

A stage's conversion is moved on / (moved on + lost at it): deals still open at a
stage are not decided about it yet and do not count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from salespipe.core.errors import InputError
from salespipe.core.metrics.forecast import forecast_by, stage_resolver, weighted_forecast
from salespipe.core.model import LOST, OPEN, WON, Deal, Stage, StageTable

#: Name of the funnel's last line when the stage table has no won stage.
DEFAULT_WON_NAME = "Gagné"


@dataclass(frozen=True)
class FunnelStage:
    """One line of the funnel.

    ``conversion``: moved_on / (moved_on + lost_at), None when both are 0: the rate among
    the deals decided at this stage, which the cumulative conversion, the win forecast of
    a stage and the pipeline needed use (deals still open do not drag it down).
    ``reached_conversion``: moved_on / reached, None when no deal reached the stage: the
    stage-to-stage rate CRMs show (HubSpot, Pipedrive), lower while deals are still open.
    ``cumulative_conversion``: the product of this stage's conversion and those of all
    later open stages, i.e. the chance that a deal decided at this stage ends won;
    None when any factor is None. ``amount_open``: sum of the amounts of the deals
    open at this stage (blank amounts count 0).
    """

    stage: str
    reached: int
    moved_on: int
    lost_at: int
    open_at: int
    conversion: float | None
    cumulative_conversion: float | None
    amount_open: float
    reached_conversion: float | None = None

    def values(self) -> list[Any]:
        """The line as a funnel table shows it, in column order: stage, reached, moved on,
        lost at, open at, conversion, cumulative conversion, open amount, stage-to-stage."""
        return [
            self.stage,
            self.reached,
            self.moved_on,
            self.lost_at,
            self.open_at,
            self.conversion,
            self.cumulative_conversion,
            self.amount_open,
            self.reached_conversion,
        ]


@dataclass
class _Tally:
    """Per open-stage position: deals lost there, open there, their open amounts; won."""

    lost_at: list[int]
    open_at: list[int]
    amount_open: list[float]
    won: int = 0


def _tally(deals: Iterable[Deal], stages: StageTable) -> _Tally:
    open_stages = stages.open_stages
    position = {stage.name: i for i, stage in enumerate(open_stages)}
    resolve = stage_resolver(stages)
    size = len(open_stages)
    tally = _Tally([0] * size, [0] * size, [0.0] * size)
    for deal in deals:
        if deal.status == WON:
            tally.won += 1
            continue
        stage = None if deal.stage is None else resolve(deal.stage)
        p = None if stage is None else position.get(stage.name)
        if p is None:
            continue
        if deal.status == LOST:
            tally.lost_at[p] += 1
        else:
            tally.open_at[p] += 1
            tally.amount_open[p] += deal.amount or 0.0
    return tally


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _lines(open_stages: tuple[Stage, ...], tally: _Tally) -> list[FunnelStage]:
    """Open-stage lines, computed from the last stage up (moved on = reached next)."""
    lines: list[FunnelStage] = []
    moved_on = tally.won
    cumulative: float | None = 1.0
    for p in reversed(range(len(open_stages))):
        lost, still_open = tally.lost_at[p], tally.open_at[p]
        conversion = _ratio(moved_on, moved_on + lost)
        cumulative = None if conversion is None or cumulative is None else conversion * cumulative
        reached = moved_on + lost + still_open
        lines.append(
            FunnelStage(
                open_stages[p].name,
                reached,
                moved_on,
                lost,
                still_open,
                conversion,
                cumulative,
                tally.amount_open[p],
                moved_on / reached if reached else None,
            )
        )
        moved_on = reached
    lines.reverse()
    return lines


def stage_funnel(deals: Iterable[Deal], stages: StageTable) -> list[FunnelStage]:
    """The funnel: one :class:`FunnelStage` per open stage in table order, then the won line.

    The won line (named after the table's won stage, else ``DEFAULT_WON_NAME``) has
    reached = number of won deals, moved_on = lost_at = open_at = 0, conversion None,
    cumulative_conversion 1.0 when there is a won deal, else None. ``reached`` never
    increases down the list.
    """
    open_stages = stages.open_stages
    tally = _tally(deals, stages)
    won_stage = stages.won_stage
    won_line = FunnelStage(
        DEFAULT_WON_NAME if won_stage is None else won_stage.name,
        tally.won,
        0,
        0,
        0,
        None,
        1.0 if tally.won else None,
        0.0,
    )
    return [*_lines(open_stages, tally), won_line]


def _funnel_position(stages: StageTable, name: str) -> int:
    """Position of a stage in :func:`stage_funnel`'s lines; the won stage is the last one.

    Raises KeyError(name) for an unknown stage and InputError (a ValueError) for the lost
    stage.
    """
    stage = stages.get(name)
    if stage is None:
        raise KeyError(name)
    if stage.is_lost:
        raise InputError("lost_stage_not_in_funnel", stage=stage.name)
    if stage.is_won:
        return len(stages.open_stages)
    return stages.open_stages.index(stage)


def conversion_rate(
    deals: Iterable[Deal], stages: StageTable, from_stage: str, to_stage: str
) -> float | None:
    """The chance that a deal which reached ``from_stage`` goes on to reach ``to_stage``.

    Computed as the product of the stage conversions from ``from_stage`` up to the stage
    just before ``to_stage`` (``to_stage`` may be the won stage). It equals the share
    that reached ``to_stage`` among the deals that reached ``from_stage`` and are decided
    about it when no deal sits open in between; with open deals in between, the product
    also uses what those deals already achieved, which the plain share would throw away.

    Names are matched through :meth:`StageTable.get` (aliases, accents, case). Returns
    None when a factor is None (no deal decided at a stage); for ``from_stage ==
    to_stage`` returns 1.0 if any deal reached it, else None. Raises KeyError(name) for
    an unknown name, InputError (a ValueError) for the lost stage, a won ``from_stage``
    or a ``to_stage`` before ``from_stage``.
    """
    start = _funnel_position(stages, from_stage)
    stop = _funnel_position(stages, to_stage)
    if start == len(stages.open_stages) and stop == start:
        raise InputError("nothing_after_won_stage", stage=from_stage)
    if stop < start:
        raise InputError("stages_in_reverse", from_stage=from_stage, to_stage=to_stage)
    lines = stage_funnel(deals, stages)
    if stop == start:
        return 1.0 if lines[start].reached else None
    factors = [line.conversion for line in lines[start:stop]]
    if any(factor is None for factor in factors):
        return None
    return math.prod(factor for factor in factors if factor is not None)


def win_rate(deals: Iterable[Deal]) -> float | None:
    """Won / (won + lost) over all deals, whatever their stage; None when none is decided."""
    won = lost = 0
    for deal in deals:
        if deal.status == WON:
            won += 1
        elif deal.status == LOST:
            lost += 1
    return _ratio(won, won + lost)


def remaining_target(
    deals: Iterable[Deal],
    stages: StageTable,
    target: float,
    start: date | None = None,
    end: date | None = None,
) -> float | None:
    """What remains to win of ``target``: the target minus the amounts of the deals won
    with a close date in ``[start, end]`` (every won deal without bounds). Zero or less
    once the target is reached; None when ``target`` is not a positive number."""
    if not target > 0:
        return None
    won = (deal for deal in deals if deal.status == WON)
    return target - weighted_forecast(won, stages, start, end)


def pipeline_coverage(
    deals: Iterable[Deal],
    stages: StageTable,
    target: float,
    start: date | None = None,
    end: date | None = None,
    *,
    weighted: bool = True,
) -> float | None:
    """How much of what remains to win the open deals closing in ``[start, end]`` cover:
    their weighted value (same weighting and period filter as :func:`weighted_forecast`),
    or with ``weighted=False`` their amounts, divided by :func:`remaining_target`.

    As Salesforce, Gong or Zendesk define pipeline coverage: open pipeline over the quota
    still to close. Returns None when ``target`` is not a positive number (0, negative,
    NaN) or when the deals won in the period already reach it (nothing remains to cover).
    """
    listed = list(deals)
    remaining = remaining_target(listed, stages, target, start, end)
    if remaining is None or remaining <= 0:
        return None
    open_deals = [deal for deal in listed if deal.status == OPEN]
    if weighted:
        return weighted_forecast(open_deals, stages, start, end) / remaining
    lines = forecast_by(open_deals, stages, "owner", start, end)
    return sum(line.open_amount for line in lines) / remaining
