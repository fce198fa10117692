"""Back-calculation: how many prospects or deals a sales target needs at each step.

The garage example: 0.25 % of visitors buy a car, so one sale needs 400 visitors; 20 %
of the audience reached comes to the garage, so one sale needs 2 000 suspects, and
15 sales a month need 30 000 people reached.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence

from salespipe.core.errors import InputError
from salespipe.core.metrics.funnel import FunnelStage, stage_funnel
from salespipe.core.model import WON, Deal, StageTable
from salespipe.core.texts import both

#: Decimals kept before rounding up, so that float noise (15 / 0.0025 =
#: 6000.000000000001) does not ask for one more person.
_NOISE_DECIMALS = 9


def _ceil(value: float) -> int:
    """``value`` rounded up to a whole number, after dropping float noise."""
    return math.ceil(round(value, _NOISE_DECIMALS))


def _check_target(target: float, what: str) -> None:
    """``what``: the code of the target's name, ``metrics.target``…"""
    if not (math.isfinite(target) and target >= 0):
        raise InputError("target_not_positive", what=both(what), value=repr(target))


def required_prospects(target: float, rates: Sequence[tuple[str, float]]) -> list[tuple[str, int]]:
    """How many people are needed at each level to make ``target`` sales.

    ``rates`` are (level name, conversion rate from this level to the next), top of
    the funnel first; the last rate converts into the sale. Level i needs
    ``target / (rates[i] × … × rates[-1])`` people, rounded up to a whole person.
    Returns (level name, people) in the order of ``rates``; [] for no rates.

    Raises InputError (a ValueError) for a negative or non-finite target, or a rate
    that is not in ]0, 1].
    """
    _check_target(target, "metrics.target")
    for name, rate in rates:
        if not 0 < rate <= 1:
            raise InputError("conversion_rate_out_of_range", name=name, rate=repr(rate))
    needed: list[tuple[str, int]] = []
    product = 1.0
    for name, rate in reversed(rates):
        product *= rate
        needed.append((name, _ceil(target / product)))
    needed.reverse()
    return needed


def required_deals_for_revenue(revenue_target: float, average_won_amount: float) -> int:
    """Number of deals to win to reach ``revenue_target`` at ``average_won_amount`` each.

    Rounded up to a whole deal (after dropping float noise). Raises InputError (a
    ValueError) for a negative or non-finite target or an average that is not a
    positive finite amount.
    """
    _check_target(revenue_target, "metrics.revenue_target")
    if not (math.isfinite(average_won_amount) and average_won_amount > 0):
        raise InputError("average_won_amount_not_positive", value=repr(average_won_amount))
    return _ceil(revenue_target / average_won_amount)


def _average_won_amount(deals: Iterable[Deal]) -> float | None:
    amounts = [d.amount for d in deals if d.status == WON and d.amount is not None]
    return statistics.fmean(amounts) if amounts else None


def required_pipeline(
    revenue_target: float,
    deals: Sequence[Deal],
    stages: StageTable,
    funnel: Sequence[FunnelStage] | None = None,
) -> list[tuple[str, int]]:
    """How many deals must enter each open stage to reach ``revenue_target``.

    The number of deals to win is :func:`required_deals_for_revenue` with the average
    amount of the won deals that have one; it is then carried up the funnel with the
    conversions of :func:`stage_funnel` exactly as :func:`required_prospects` does.
    Returns (open stage name, deals) in funnel order.

    Returns [] when the history cannot support the calculation: no won deal with an
    amount (or an average of 0), or any open stage whose conversion is unknown (no deal
    decided there) or 0 (no deal ever moved on from it). Raises InputError for a
    negative or non-finite target. ``funnel``: :func:`stage_funnel` of the same deals,
    when the caller already has it.
    """
    _check_target(revenue_target, "metrics.revenue_target")
    average = _average_won_amount(deals)
    if average is None or average <= 0:
        return []
    lines = list(funnel or stage_funnel(deals, stages))[:-1]  # the last line is the won stage
    rates: list[tuple[str, float]] = []
    for line in lines:
        if not line.conversion:
            return []
        rates.append((line.stage, line.conversion))
    return required_prospects(required_deals_for_revenue(revenue_target, average), rates)
