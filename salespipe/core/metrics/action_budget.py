"""The action plan's budget, by owner, type, lever or month.

Labels are grouped as :mod:`salespipe.core.metrics.action_labels` says; months are
those of the actions' ISO weeks (:mod:`salespipe.core.metrics.action_weeks`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from salespipe.core.metrics.action_labels import UNSET, Labels, unset_last
from salespipe.core.metrics.action_weeks import action_iso_weeks, week_month
from salespipe.core.model import Action

#: Month key for the budget of actions that have no week.
NO_WEEK = "(sans semaine)"

GroupBy = Literal["owner", "type", "month", "lever"]


def planned_budget(action: Action) -> float | None:
    """The action's budget; None when blank (or NaN, as a blank cell may arrive)."""
    budget = action.budget
    return None if budget is None or math.isnan(budget) else budget


def _month_shares(action: Action, budget: float, year: int) -> dict[str, float]:
    """The action's budget split evenly over its weeks, summed by month of each week.

    The last month gets the remainder, so the shares add up to the budget.
    """
    weeks = action_iso_weeks(action, year)
    if not weeks:
        return {NO_WEEK: budget}
    counts: dict[str, int] = {}
    for iso_year, week in weeks:
        month = week_month(iso_year, week)
        counts[month] = counts.get(month, 0) + 1
    shares = {month: budget * n / len(weeks) for month, n in counts.items()}
    last = next(reversed(shares))
    shares[last] = budget - math.fsum(v for k, v in shares.items() if k != last)
    return shares


def budget_by(actions: Iterable[Action], by: GroupBy, year: int) -> dict[str, float]:
    """Planned budget summed by owner, type, lever or month (``"YYYY-MM"``).

    Actions without a budget contribute nothing (and create no key). By month,
    each action's budget is spread evenly over its ISO weeks and each week's share
    goes to the month of that week's Thursday; actions without weeks go to
    :data:`NO_WEEK`. ``year`` is the year of actions whose row has none. The
    values add up to the total budget (up to float rounding). Keys: months in
    chronological order, other labels in order of first appearance; blank
    labels as :data:`UNSET`, last.
    """
    totals: dict[str, float] = {}
    labels = Labels()
    for action in actions:
        budget = planned_budget(action)
        if budget is None:
            continue
        if by == "month":
            shares = _month_shares(action, budget, year)
        else:
            shares = {labels(getattr(action, by)): budget}
        for key, amount in shares.items():
            totals[key] = totals.get(key, 0.0) + amount
    if by == "month":
        return unset_last(dict(sorted(totals.items())), NO_WEEK)
    return unset_last(totals, UNSET)
