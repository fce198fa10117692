"""The pipeline over time: what changed between the deals' recorded states.

From the sequence of observations (:mod:`salespipe.core.metrics.deal_states`) come:

- :func:`history_events`: one line per change a person made between two runs — stage
  moved, deal won, lost or reopened, close date moved (slippage), amount or owner changed,
  deal added after history began;
- :func:`~salespipe.core.metrics.observed_funnel.observed_funnel`: conversion per stage
  from observed moves, with the days deals spent in each stage;
- :func:`slippage`: how many open deals had their close date pushed back, and by how much;
- :func:`history_report`: all of it as of a run.

Days are calendar days between the runs that saw the change, so their precision is the
schedule's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from salespipe.core.metrics.deal_states import REMOVED, DealState, Observation, by_deal
from salespipe.core.metrics.observed_funnel import ObservedStage, observed_funnel
from salespipe.core.model import StageTable, Status

# --------------------------------------------------------------------------- events

EVENT_KINDS = (
    "new",
    "removed",
    "stage",
    "won",
    "lost",
    "reopened",
    "close_date",
    "amount",
    "owner",
)


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One change seen between two runs. ``before``/``after`` hold stages, dates, amounts
    or owners depending on ``kind``; ``days`` is the time spent in the stage left (for a
    stage move, a win or a loss; None when the deal was already in it at the first run)
    or the close date's shift (positive = later)."""

    on: date
    kind: str
    state: DealState
    before: str | date | float | None
    after: str | date | float | None
    days: int | None


def history_events(observations: Sequence[Observation]) -> list[HistoryEvent]:
    """Every change between consecutive observations of a deal, newest first.

    Deals already there at the first run are the baseline, not "new"; a deal first seen
    later, or seen again after it was removed, is ``new``; one missing from a run is
    ``removed``.
    """
    if not observations:
        return []
    start = min(o.observed_on for o in observations)
    events: list[HistoryEvent] = []
    for seen in by_deal(observations).values():
        first = seen[0]
        if first.observed_on > start:
            events.append(
                HistoryEvent(first.observed_on, "new", first.state, None, first.state.stage, None)
            )
        entered = first.observed_on if first.observed_on > start else None
        for previous, current in pairwise(seen):
            found, entered = _changes(previous, current, entered)
            events.extend(found)
    events.sort(key=lambda e: (-e.on.toordinal(), EVENT_KINDS.index(e.kind), e.state.key))
    return events


def _changes(
    previous: Observation, current: Observation, entered: date | None
) -> tuple[list[HistoryEvent], date | None]:
    """Events between two observations of one deal, and when it entered its stage (None:
    before the history began)."""
    a, b, on = previous.state, current.state, current.observed_on
    if b.status == REMOVED:
        return [HistoryEvent(on, "removed", a, a.stage, None, None)], None
    if a.status == REMOVED:
        return [HistoryEvent(on, "new", b, None, b.stage, None)], on
    out: list[HistoryEvent] = []
    in_stage = None if entered is None else (on - entered).days
    if a.status != b.status:
        kind = {"won": "won", "lost": "lost"}.get(b.status, "reopened")
        out.append(HistoryEvent(on, kind, b, a.stage, b.stage, in_stage))
    elif a.stage != b.stage:
        out.append(HistoryEvent(on, "stage", b, a.stage, b.stage, in_stage))
    if a.stage != b.stage or a.status != b.status:
        entered = on
    if a.expected_close != b.expected_close and b.status == Status.OPEN.value:
        shift = (
            (b.expected_close - a.expected_close).days
            if a.expected_close and b.expected_close
            else None
        )
        out.append(HistoryEvent(on, "close_date", b, a.expected_close, b.expected_close, shift))
    if a.amount != b.amount:
        out.append(HistoryEvent(on, "amount", b, a.amount, b.amount, None))
    if a.owner != b.owner:
        out.append(HistoryEvent(on, "owner", b, a.owner, b.owner, None))
    return out, entered


# --------------------------------------------------------------------------- slippage


@dataclass(frozen=True, slots=True)
class Slippage:
    """Open deals whose expected close date moved later (net of moves back), and the days
    added in all."""

    deals: int
    total_days: int

    @property
    def mean_days(self) -> float | None:
        return self.total_days / self.deals if self.deals else None


def slippage(events: Iterable[HistoryEvent], open_keys: Iterable[str]) -> Slippage:
    """Over the deals still open now: those whose close dates, all moves added up, went
    later, and the sum of those net shifts (a deal pulled in as much as pushed out has not
    slipped)."""
    keep = set(open_keys)
    shifts: dict[str, int] = defaultdict(int)
    for event in events:
        if event.kind == "close_date" and event.days is not None and event.state.key in keep:
            shifts[event.state.key] += event.days
    slipped = [days for days in shifts.values() if days > 0]
    return Slippage(len(slipped), sum(slipped))


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class HistoryReport:
    """What the history says as of a run: when it began, how many runs changed something,
    the events newest first, the observed funnel and the close-date slippage."""

    since: date | None
    runs: int
    events: list[HistoryEvent]
    funnel: list[ObservedStage]
    slippage: Slippage
    untracked: int

    @property
    def has_moves(self) -> bool:
        """True once a run has seen a deal change stage or be won or lost."""
        return any(e.kind in ("stage", "won", "lost") for e in self.events)


def history_report(
    observations: Sequence[Observation],
    stages: StageTable,
    open_keys: Iterable[str],
    untracked: int = 0,
) -> HistoryReport:
    """The :class:`HistoryReport` of ``observations`` (one source), ``open_keys`` being
    the deals open in the latest run."""
    events = history_events(observations)
    days = {o.observed_on for o in observations}
    return HistoryReport(
        since=min(days) if days else None,
        runs=len(days),
        events=events,
        funnel=observed_funnel(observations, stages),
        slippage=slippage(events, open_keys),
        untracked=untracked,
    )
