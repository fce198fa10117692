"""Follow-ups (relances): every open deal's next follow-up, its state, most urgent first.

Due dates follow :mod:`salespipe.core.metrics.cadence`: a typed date kept as typed; else,
for a ``J+n`` cadence with the stage-entry date known, stage entry plus the offset of the
next touch; else the last contact plus the cadence gap; rolled forward to a business day.
Each follow-up says which rule gave its date (``origin``).
After ``max_touches`` touches (7 by default) a deal with no typed follow-up date
is handed to marketing nurture: it gets no due date and is never overdue.

Dates are computed for the whole column at once with numpy, so 100 000 deals
take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np

from salespipe.core.bulk import gc_paused
from salespipe.core.metrics.business_days import (
    DateArray,
    business_days_between_array,
    roll_forward_array,
    to_dates,
    to_datetime64,
)
from salespipe.core.metrics.cadence import Rule
from salespipe.core.metrics.open_deals import OpenDeals
from salespipe.core.model import (
    DEFAULT_CADENCE,
    DEFAULT_MAX_TOUCHES,
    Cadence,
    Deal,
    Stage,
    StageTable,
)

#: Which rule gave the due date: typed, stage entry + J+n, last contact + gap, or none.
Origin = Rule
State = Literal["overdue", "due_this_week", "later", "nurture", "unscheduled"]

#: States in report order; the index is the sort key.
STATES: tuple[State, ...] = ("overdue", "due_this_week", "later", "nurture", "unscheduled")
_OVERDUE, _THIS_WEEK, _LATER, _NURTURE, _UNSCHEDULED = range(5)


# FollowUp is a frozen dataclass with a hand-written __init__ (as RottingDeal): the generated
# frozen __init__ calls object.__setattr__ once per field; setting the instance dict in one
# call builds 100 000 records about a third faster. Keep the __init__ parameters in field
# order (a test checks it).
_set_attribute = object.__setattr__


@dataclass(frozen=True, init=False)
class FollowUp:
    """One open deal's follow-up, as reported in the « Relances » tab.

    ``due`` is None for nurture and unscheduled deals. ``origin`` is the rule that gave
    ``due``: ``explicit`` (typed), ``stage_entry`` (stage entry + J+n), ``last_contact``
    (last contact + gap) or ``none``. ``business_days_late`` is
    the number of business days in ``(due, as_of]`` for overdue deals, else 0; it
    can be 0 for an overdue deal when ``as_of`` is a weekend or holiday right
    after ``due``.
    """

    row: int
    deal_id: str | None
    deal_name: str | None
    company: str | None
    owner: str | None
    stage: str | None
    due: date | None
    origin: Origin
    state: State
    business_days_late: int
    touches: int

    def __init__(
        self,
        row: int,
        deal_id: str | None,
        deal_name: str | None,
        company: str | None,
        owner: str | None,
        stage: str | None,
        due: date | None,
        origin: Origin,
        state: State,
        business_days_late: int,
        touches: int,
    ) -> None:
        _set_attribute(
            self,
            "__dict__",
            {
                "row": row,
                "deal_id": deal_id,
                "deal_name": deal_name,
                "company": company,
                "owner": owner,
                "stage": stage,
                "due": due,
                "origin": origin,
                "state": state,
                "business_days_late": business_days_late,
                "touches": touches,
            },
        )


@dataclass(frozen=True)
class _Columns:
    """The open deals' fields needed for follow-ups, one numpy array per field.

    ``gaps`` is each deal's cadence gap after its last contact; ``offsets`` the offset
    from stage entry of its next touch, -1 when the cadence has none (gap notation, or
    touches past the offsets).
    """

    deals: list[Deal]
    touches: np.ndarray
    gaps: np.ndarray
    offsets: np.ndarray
    last_contact: DateArray
    stage_entered: DateArray
    explicit: DateArray


#: Touch counts beyond this are treated as this many (any cadence has ended long before);
#: keeps absurd counts (1e20) inside 64-bit integers.
_MAX_TOUCH_COUNT = 1_000_000


def _stage_cadence(stage: Stage | None) -> Cadence:
    if stage is None or stage.cadence is None:
        return DEFAULT_CADENCE
    return stage.cadence


def _step_tables(
    names: list[str | None], stages: StageTable
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per deal, the row of its stage's cadence in tables of gaps and offsets.

    Returns ``(ids, gaps, offsets)``: ``gaps[ids[i], k]`` is deal i's gap for k touches
    (the last one repeated past the cadence's end), ``offsets[ids[i], k]`` its offset
    from stage entry or -1. One stage look-up per distinct stage name.
    """
    distinct = list(dict.fromkeys(names))
    cadences = [_stage_cadence(stages.get(n) if n is not None else None) for n in distinct]
    width = max((len(c.days) for c in cadences), default=1)
    gap_rows = [[c.gap(k) for k in range(width)] for c in cadences] or [[0]]
    offset_rows = [[_or_none(c.offset(k)) for k in range(width + 1)] for c in cadences]
    index = {name: i for i, name in enumerate(distinct)}
    ids = np.fromiter(map(index.__getitem__, names), dtype=np.int64, count=len(names))
    gap_table = np.array(gap_rows, dtype=np.int64)
    offset_table = np.array(offset_rows or [[-1, -1]], dtype=np.int64)
    return ids, gap_table, offset_table


def _or_none(offset: int | None) -> int:
    return -1 if offset is None else offset


def _touch_counts(deals: list[Deal]) -> np.ndarray:
    """Touches done per deal: None and negative as 0, absurd counts capped."""
    touches = [d.touches for d in deals]
    # A pipeline holds a handful of distinct counts: each is capped once.
    capped = {t: min(max(t or 0, 0), _MAX_TOUCH_COUNT) for t in set(touches)}
    return np.fromiter(map(capped.__getitem__, touches), dtype=np.int64, count=len(touches))


def _columns(opened: OpenDeals, stages: StageTable) -> _Columns:
    """The open deals' touches, cadence gaps and offsets, and dates as arrays."""
    deals = opened.deals
    touches = _touch_counts(deals)
    ids, gap_table, offset_table = _step_tables(opened.stages, stages)
    return _Columns(
        deals=deals,
        touches=touches,
        gaps=gap_table[ids, np.minimum(touches, gap_table.shape[1] - 1)],
        offsets=offset_table[ids, np.minimum(touches, offset_table.shape[1] - 1)],
        last_contact=opened.last_contact,
        stage_entered=opened.stage_entered,
        explicit=to_datetime64(d.next_followup for d in deals),
    )


_EXPLICIT, _STAGE_ENTRY, _LAST_CONTACT, _NONE = range(4)


def _due_dates(cols: _Columns, nurture: np.ndarray) -> tuple[DateArray, np.ndarray]:
    """Due dates (NaT when none) and origin codes (index into :data:`ORIGINS`)."""
    from_entry = (cols.offsets >= 0) & ~np.isnat(cols.stage_entered)
    offsets = np.maximum(cols.offsets, 0).astype("timedelta64[D]")
    base = np.where(
        from_entry,
        cols.stage_entered + offsets,
        cols.last_contact + cols.gaps.astype("timedelta64[D]"),
    )
    by_cadence = roll_forward_array(base)
    has_explicit = ~np.isnat(cols.explicit)
    due = np.where(has_explicit, cols.explicit, by_cadence)
    due[nurture] = np.datetime64("NaT")
    rule = np.where(from_entry, _STAGE_ENTRY, _LAST_CONTACT)
    origin = np.where(has_explicit, _EXPLICIT, np.where(np.isnat(due), _NONE, rule))
    origin[nurture] = _NONE
    return due, origin


def _states(due: DateArray, nurture: np.ndarray, as_of: date) -> np.ndarray:
    """State codes (index into :data:`STATES`) of each deal."""
    today = np.datetime64(as_of, "D")
    sunday = np.datetime64(as_of + timedelta(days=6 - as_of.weekday()), "D")
    state = np.full(due.shape, _LATER, dtype=np.int64)
    state[due <= sunday] = _THIS_WEEK
    state[due < today] = _OVERDUE
    state[np.isnat(due)] = _UNSCHEDULED
    state[nurture] = _NURTURE
    return state


def _lateness(due: DateArray, state: np.ndarray, as_of: date) -> np.ndarray:
    """Business days late for overdue deals, 0 for the others."""
    today = np.datetime64(as_of, "D")
    overdue = state == _OVERDUE
    start = np.where(overdue, due, today)
    late = business_days_between_array(start, np.full(due.shape, today))
    return np.where(overdue, late, 0)


def _sort_order(due: DateArray, state: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Report order: by state, then by due date (earliest = most late first), then row."""
    day = np.where(np.isnat(due), 0, due.astype(np.int64))
    return np.lexsort((rows, day, state))


@dataclass(frozen=True)
class _Schedule:
    """Every open deal's due date, origin, state and lateness, and the report order."""

    cols: _Columns
    due: DateArray
    origin: np.ndarray
    state: np.ndarray
    late: np.ndarray
    order: np.ndarray


def _schedule(opened: OpenDeals, stages: StageTable, as_of: date, max_touches: int) -> _Schedule:
    cols = _columns(opened, stages)
    nurture = (cols.touches >= max_touches) & np.isnat(cols.explicit)
    due, origin = _due_dates(cols, nurture)
    state = _states(due, nurture, as_of)
    late = _lateness(due, state, as_of)
    order = _sort_order(due, state, opened.rows)
    return _Schedule(cols, due, origin, state, late, order)


def followups(
    deals: Iterable[Deal],
    stages: StageTable,
    as_of: date,
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> list[FollowUp]:
    """The follow-up of every open deal, most urgent first.

    Won and lost deals are left out. States: ``nurture`` when touches >=
    ``max_touches`` and no follow-up date is typed (``due`` is then None);
    ``unscheduled`` when no date can be computed (no last contact, no typed date);
    ``overdue`` when due before ``as_of``; ``due_this_week`` when due from
    ``as_of`` to the Sunday of its ISO week; ``later`` otherwise. Sorted: overdue
    (earliest due, i.e. most late, first), due this week and later (by date),
    nurture, unscheduled; ties by row.
    """
    return open_followups(OpenDeals(deals), stages, as_of, max_touches)


def open_followups(
    opened: OpenDeals,
    stages: StageTable,
    as_of: date,
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> list[FollowUp]:
    """:func:`followups` of the open deals at hand (their columns shared with other
    metrics)."""
    schedule = _schedule(opened, stages, as_of, max_touches)
    return _build(schedule, schedule.order)


def overdue_followups(
    deals: Iterable[Deal],
    stages: StageTable,
    as_of: date,
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> list[FollowUp]:
    """The overdue follow-ups of :func:`followups`, in the same order (most late first)."""
    schedule = _schedule(OpenDeals(deals), stages, as_of, max_touches)
    order = schedule.order
    return _build(schedule, order[schedule.state[order] == _OVERDUE])


#: The rules in code order; the index is the origin code.
ORIGINS: tuple[Origin, ...] = ("explicit", "stage_entry", "last_contact", "none")
_ORIGIN_NAMES = np.array(ORIGINS, dtype=object)
_STATE_NAMES = np.array(STATES, dtype=object)


def _build(schedule: _Schedule, order: np.ndarray) -> list[FollowUp]:
    """FollowUp records of the deals at ``order``, built from plain Python lists."""
    deals = [schedule.cols.deals[i] for i in order.tolist()]
    with gc_paused():
        return [
            FollowUp(d.row, d.deal_id, d.name, d.company, d.owner, d.stage, day, o, s, n, t)
            for d, day, o, s, n, t in zip(
                deals,
                to_dates(schedule.due[order]),
                _ORIGIN_NAMES[schedule.origin[order]].tolist(),
                _STATE_NAMES[schedule.state[order]].tolist(),
                schedule.late[order].tolist(),
                schedule.cols.touches[order].tolist(),
                strict=True,
            )
        ]
