"""The action plan's progress: done vs planned counts (comptages), per action and in total."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from salespipe.core.model import Action


@dataclass(frozen=True)
class ActionProgress:
    """Planned and done counts (comptage) of one action; ratio = done / planned."""

    row: int
    action: str
    owner: str | None
    planned: float | None
    done: float | None
    ratio: float | None


@dataclass(frozen=True)
class ProgressTotals:
    """Sum of the planned counts typed, sum of the done counts typed, and their ratio."""

    planned: float
    done: float
    ratio: float | None


def _ratio(done: float | None, planned: float | None) -> float | None:
    """done / planned; None when either is blank or planned is not positive."""
    if done is None or planned is None or not planned > 0:
        return None
    return done / planned


def done_vs_planned(actions: Iterable[Action]) -> list[ActionProgress]:
    """One progress line per action, in input order.

    ``ratio`` is None when the planned or done count is blank, or planned is 0.
    """
    return [
        ActionProgress(
            row=a.row,
            action=a.action,
            owner=a.owner,
            planned=a.planned_count,
            done=a.done_count,
            ratio=_ratio(a.done_count, a.planned_count),
        )
        for a in actions
    ]


def progress_totals(actions: Iterable[Action]) -> ProgressTotals:
    """Totals of :func:`done_vs_planned`, as a sheet's SUM(done) / SUM(planned) gives them.

    Blank counts add nothing; ``ratio`` is None when the planned total is not positive.
    """
    items = list(actions)
    planned = math.fsum(a.planned_count for a in items if a.planned_count is not None)
    done = math.fsum(a.done_count for a in items if a.done_count is not None)
    return ProgressTotals(planned=planned, done=done, ratio=_ratio(done, planned))
