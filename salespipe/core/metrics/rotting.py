"""Rotting deals: open deals idle for longer than their stage's expected days.

Idle as Pipedrive means it: the clock starts when the deal enters its stage and any
contact restarts it, so a deal is idle since the later of its stage-entered date and its
last contact (its creation date when neither is known). Days in the current stage are a
separate figure (``core.metrics.cycle.days_in_current_stage``).

Computed for the whole column at once with numpy, as the follow-ups are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from salespipe.core.bulk import gc_paused
from salespipe.core.metrics.business_days import DateArray, to_dates, to_datetime64
from salespipe.core.metrics.open_deals import OpenDeals
from salespipe.core.model import Deal, StageTable

# A frozen dataclass with a hand-written __init__, as FollowUp (core.metrics.followups):
# setting the instance dict in one call builds 100 000 records about a third faster than
# the generated one. Keep the __init__ parameters in field order (a test checks it).
_set_attribute = object.__setattr__


@dataclass(frozen=True, init=False)
class RottingDeal:
    """An open deal idle in its stage for longer than the stage's expected days."""

    row: int
    deal_id: str | None
    deal_name: str | None
    owner: str | None
    stage: str | None
    idle_days: int
    expected_days: int
    since: date

    def __init__(
        self,
        row: int,
        deal_id: str | None,
        deal_name: str | None,
        owner: str | None,
        stage: str | None,
        idle_days: int,
        expected_days: int,
        since: date,
    ) -> None:
        _set_attribute(
            self,
            "__dict__",
            {
                "row": row,
                "deal_id": deal_id,
                "deal_name": deal_name,
                "owner": owner,
                "stage": stage,
                "idle_days": idle_days,
                "expected_days": expected_days,
                "since": since,
            },
        )


def _expected_days(stage_name: str | None, stages: StageTable) -> int | None:
    stage = stages.get(stage_name) if stage_name is not None else None
    if stage is None or stage.is_won or stage.is_lost:
        return None
    return stage.expected_days


def _stage_limits(names: list[str | None], stages: StageTable) -> np.ndarray:
    """Expected days of each deal's stage, -1 when unknown or not set."""
    limit = {n: _expected_days(n, stages) for n in dict.fromkeys(names)}
    limits = {n: -1 if days is None else days for n, days in limit.items()}
    return np.fromiter(map(limits.__getitem__, names), dtype=np.int64, count=len(names))


def _idle_since(entered: DateArray, contact: DateArray, deals: Sequence[Deal]) -> DateArray:
    """Per deal: the later of stage entered and last contact, else created; NaT if none."""
    # fmax ignores NaT: the later date when both are known, else the one known.
    since = np.fmax(entered, contact)
    unknown = np.flatnonzero(np.isnat(since)).tolist()  # the creation date for these only
    since[unknown] = to_datetime64(deals[i].created for i in unknown)
    return since


def idle_since(deals: Sequence[Deal]) -> list[date | None]:
    """The day each deal's idle time counts from, None when it has none of the dates.

    The later of « Entrée dans l'étape » and « Dernier contact » when either is
    known (a contact restarts the clock), else « Date de création ». Any status:
    :func:`rotting_deals` keeps the open deals.
    """
    entered = to_datetime64(d.stage_entered for d in deals)
    contact = to_datetime64(d.last_contact for d in deals)
    return to_dates(_idle_since(entered, contact, deals))


def rotting_deals(deals: Iterable[Deal], stages: StageTable, as_of: date) -> list[RottingDeal]:
    """Open deals idle for more calendar days than their stage's expected days.

    Idle since the later of stage entered and last contact when either is known,
    else created (:func:`idle_since`); deals with none of these dates, or whose
    stage is unknown or has no expected days, are not reported.
    Rotting when ``(as_of - since).days > expected_days``.
    Sorted by ``idle_days - expected_days`` descending, ties by row.
    """
    return open_rotting_deals(OpenDeals(deals), stages, as_of)


def open_rotting_deals(opened: OpenDeals, stages: StageTable, as_of: date) -> list[RottingDeal]:
    """:func:`rotting_deals` of the open deals at hand (their columns shared with other
    metrics)."""
    opens = opened.deals
    limits = _stage_limits(opened.stages, stages)
    since = _idle_since(opened.stage_entered, opened.last_contact, opens)
    idle = (np.datetime64(as_of, "D") - since).astype(np.int64)
    found = np.flatnonzero((limits >= 0) & ~np.isnat(since) & (idle > limits))
    rows = opened.rows
    order = found[np.lexsort((rows[found], limits[found] - idle[found]))]
    with gc_paused():
        return [
            RottingDeal(d.row, d.deal_id, d.name, d.owner, d.stage, days, limit, start)
            for d, days, limit, start in zip(
                [opens[i] for i in order.tolist()],
                idle[order].tolist(),
                limits[order].tolist(),
                since[order].tolist(),
                strict=True,
            )
        ]
