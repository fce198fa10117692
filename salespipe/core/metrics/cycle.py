"""Sales cycle: days from creation to signature, time spent in each stage.

Waiting for the answer to a proposal often takes over half of the cycle;
:func:`slowest_stage` names the stage with the biggest share of the total mean time.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from salespipe.core.metrics.forecast import NO_OWNER
from salespipe.core.model import OPEN, WON, Deal


@dataclass(frozen=True)
class CycleStats:
    """Durations in days: how many, their mean, median, shortest and longest.

    With ``count == 0`` every other field is None.
    """

    count: int
    mean_days: float | None
    median_days: float | None
    min_days: int | None
    max_days: int | None


def cycle_stats(days: Sequence[int]) -> CycleStats:
    """:class:`CycleStats` of a list of durations in days (any order; may be empty)."""
    if not days:
        return CycleStats(0, None, None, None, None)
    return CycleStats(
        len(days),
        statistics.fmean(days),
        float(statistics.median(days)),
        min(days),
        max(days),
    )


def sales_cycle_days(deal: Deal) -> int | None:
    """Days from ``created`` to ``expected_close`` (the actual close date) of a won deal.

    Returns None for a deal that is not won, misses either date, or whose close date
    is before its creation date.
    """
    if deal.status != WON or deal.created is None or deal.expected_close is None:
        return None
    days = (deal.expected_close - deal.created).days
    return days if days >= 0 else None


def sales_cycle(deals: Iterable[Deal]) -> CycleStats:
    """Statistics of :func:`sales_cycle_days` over the won deals where it is known."""
    days = [d for d in map(sales_cycle_days, deals) if d is not None]
    return cycle_stats(days)


def sales_cycle_by_owner(deals: Iterable[Deal]) -> dict[str, CycleStats]:
    """:func:`sales_cycle` per owner, keyed by owner name sorted (blank -> ``NO_OWNER``).

    Every owner with at least one won deal has an entry, with ``count == 0`` when none
    of their won deals has both dates.
    """
    return sales_cycles(deals)[1]


def sales_cycles(deals: Iterable[Deal]) -> tuple[CycleStats, dict[str, CycleStats]]:
    """:func:`sales_cycle` and :func:`sales_cycle_by_owner` in one walk over the deals."""
    every: list[int] = []
    by_owner: dict[str, list[int]] = {}
    for deal in deals:
        if deal.status != WON:
            continue
        owner = (deal.owner or "").strip() or NO_OWNER
        days = by_owner.setdefault(owner, [])
        cycle = sales_cycle_days(deal)
        if cycle is not None:
            days.append(cycle)
            every.append(cycle)
    return cycle_stats(every), {owner: cycle_stats(by_owner[owner]) for owner in sorted(by_owner)}


@dataclass(frozen=True)
class StageTransition:
    """A deal's stay in one stage: entered on ``entered``, left on ``left`` (None: still there)."""

    deal_id: str
    stage: str
    entered: date
    left: date | None


def time_in_stage(transitions: Iterable[StageTransition], as_of: date) -> dict[str, CycleStats]:
    """Days spent in each stage: ``left - entered``, or ``as_of - entered`` while still there.

    Keys are the stage names as recorded, in order of first appearance. A stay with a
    negative duration (left before entered, or entered after ``as_of``) is ignored; its
    stage still gets an entry, with ``count == 0`` if no stay is usable.
    """
    by_stage: dict[str, list[int]] = {}
    for transition in transitions:
        days = by_stage.setdefault(transition.stage, [])
        end = as_of if transition.left is None else transition.left
        duration = (end - transition.entered).days
        if duration >= 0:
            days.append(duration)
    return {stage: cycle_stats(days) for stage, days in by_stage.items()}


def slowest_stage(stats: dict[str, CycleStats]) -> tuple[str, float] | None:
    """The stage with the largest mean time, and its share (0..1) of the sum of mean times.

    Stages without a mean are left out. Returns None when no stage has a mean or all
    means are 0. Ties go to the first stage in the dict's order.
    """
    means = {stage: s.mean_days for stage, s in stats.items() if s.mean_days is not None}
    total = sum(means.values())
    if total <= 0:
        return None
    stage = max(means, key=lambda name: means[name])
    return stage, means[stage] / total


def days_in_current_stage(deal: Deal, as_of: date) -> int | None:
    """Days since the open deal entered its current stage (``as_of - stage_entered``).

    Returns None for a won or lost deal (it is in no stage any more), when
    ``stage_entered`` is blank, or when it is after ``as_of``.
    """
    if deal.status != OPEN or deal.stage_entered is None:
        return None
    days = (as_of - deal.stage_entered).days
    return days if days >= 0 else None


def time_in_current_stage(deals: Iterable[Deal], as_of: date) -> dict[str, CycleStats]:
    """Per stage, how long the open deals have been in it (from their stage-entered date).

    A snapshot measure, available without history: only open deals whose « Entrée dans
    l'étape » is filled count. Stages in first-seen order; deals without a stage skipped.
    """
    days_by_stage: dict[str, list[int]] = {}
    for deal in deals:
        days = days_in_current_stage(deal, as_of)
        if days is not None and deal.stage:
            days_by_stage.setdefault(deal.stage, []).append(days)
    return {stage: cycle_stats(days) for stage, days in days_by_stage.items()}
