"""The pipeline over time: snapshots of each deal's state, and what changed between them.

A sync run records the state of every deal (:class:`DealState`) it reads; the store keeps
a state only when it differs from the deal's last recorded one, so running twice on the
same sheet records nothing the second time. From that sequence of observations come:

- :func:`history_events`: one line per change a person made between two runs — stage
  moved, deal won, lost or reopened, close date moved (slippage), amount or owner changed,
  deal added after history began;
- :func:`observed_funnel`: conversion per stage from *observed* moves rather than from the
  snapshot's "furthest stage reached" rule, with the days deals spent in each stage;
- :func:`slippage`: how many open deals had their close date pushed back, and by how much.

No I/O: the SQLite store is :mod:`sheets_sync.history`. A deal is followed by its ID, or
by company and deal name when it has no ID (:func:`deal_key`); deals with neither cannot
be followed and are counted in :attr:`Snapshot.untracked`. Days are calendar days between
the runs that saw the change, so their precision is the schedule's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import pairwise
from statistics import mean

from salespipe.core.model import Deal, StageTable, Status, fold


@dataclass(frozen=True, slots=True)
class DealState:
    """What the history keeps of one deal at one moment."""

    key: str
    deal_id: str | None
    name: str | None
    company: str | None
    owner: str | None
    stage: str | None
    status: str  # a Status value
    amount: float | None
    expected_close: date | None

    def same_as(self, other: DealState | None) -> bool:
        """True when nothing the history follows differs (names and row moves ignored)."""
        return other is not None and all(getattr(self, f) == getattr(other, f) for f in _FOLLOWED)


#: The fields whose change is recorded; a renamed deal or company alone is not a change.
_FOLLOWED = ("owner", "stage", "status", "amount", "expected_close")
STATE_FIELDS = tuple(f.name for f in fields(DealState))


@dataclass(frozen=True, slots=True)
class Observation:
    """A deal's state as recorded on ``observed_on``; ``seq`` orders two of the same day."""

    seq: int
    observed_on: date
    state: DealState


@dataclass(frozen=True)
class Snapshot:
    """The states of the deals of one run, by key, and how many could not be followed."""

    states: dict[str, DealState]
    untracked: int


def deal_key(deal: Deal) -> str | None:
    """``id:<ID>``, else ``name:<company>|<deal name>`` (folded), else None."""
    if deal.deal_id and deal.deal_id.strip():
        return "id:" + fold(deal.deal_id)
    if deal.name or deal.company:
        return f"name:{fold(deal.company or '')}|{fold(deal.name or '')}"
    return None


def snapshot(deals: Iterable[Deal]) -> Snapshot:
    """The state of every deal that can be followed; a key seen twice keeps its first row
    (IDs are unique already: the parser leaves duplicates out)."""
    states: dict[str, DealState] = {}
    untracked = 0
    for deal in deals:
        key = deal_key(deal)
        if key is None or key in states:
            untracked += 1
            continue
        states[key] = DealState(
            key, deal.deal_id, deal.name, deal.company, deal.owner, deal.stage,
            deal.status.value, deal.amount, deal.expected_close,
        )  # fmt: skip
    return Snapshot(states, untracked)


def changed_states(
    latest: Mapping[str, DealState], current: Mapping[str, DealState]
) -> list[DealState]:
    """The states of ``current`` to record: new deals and deals whose followed fields
    changed since ``latest`` (the last recorded state of each key)."""
    return [state for key, state in current.items() if not state.same_as(latest.get(key))]


# --------------------------------------------------------------------------- events

EVENT_KINDS = ("new", "stage", "won", "lost", "reopened", "close_date", "amount", "owner")


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One change seen between two runs. ``before``/``after`` hold stages, dates, amounts
    or owners depending on ``kind``; ``days`` is the time spent in the stage left (for a
    stage move, a win or a loss) or the close date's shift (positive = later)."""

    on: date
    kind: str
    state: DealState
    before: str | date | float | None
    after: str | date | float | None
    days: int | None


def _by_deal(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    out: dict[str, list[Observation]] = defaultdict(list)
    for item in sorted(observations, key=lambda o: (o.observed_on, o.seq)):
        out[item.state.key].append(item)
    return out


def history_events(observations: Sequence[Observation]) -> list[HistoryEvent]:
    """Every change between consecutive observations of a deal, newest first.

    Deals already there at the first run are the baseline, not "new"; a deal first seen
    later is ``new``.
    """
    if not observations:
        return []
    start = min(o.observed_on for o in observations)
    events: list[HistoryEvent] = []
    for seen in _by_deal(observations).values():
        if seen[0].observed_on > start:
            first = seen[0].state
            events.append(HistoryEvent(seen[0].observed_on, "new", first, None, first.stage, None))
        entered = seen[0].observed_on
        for previous, current in pairwise(seen):
            found, entered = _changes(previous, current, entered)
            events.extend(found)
    events.sort(key=lambda e: (-e.on.toordinal(), EVENT_KINDS.index(e.kind), e.state.key))
    return events


def _changes(
    previous: Observation, current: Observation, entered: date
) -> tuple[list[HistoryEvent], date]:
    """Events between two observations of one deal, and when it entered its stage."""
    a, b, on = previous.state, current.state, current.observed_on
    out: list[HistoryEvent] = []
    in_stage = (on - entered).days
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


# --------------------------------------------------------------------------- funnel


@dataclass(frozen=True, slots=True)
class ObservedStage:
    """Conversion of one open stage from the moves the history saw.

    ``observed``: deals seen open at this stage (or seen turning lost there);
    ``moved_on``: of those, seen later at a
    further stage or won; ``lost_at``: seen lost before moving on; ``conversion`` =
    moved_on / (moved_on + lost_at); ``mean_days``: days between the first run that saw
    the deal at this stage and the first that saw it beyond (deals that moved on)."""

    stage: str
    observed: int
    moved_on: int
    lost_at: int
    still_open: int
    conversion: float | None
    mean_days: float | None


def observed_funnel(observations: Sequence[Observation], stages: StageTable) -> list[ObservedStage]:
    """One line per open stage of ``stages``, in order (stages the table does not list and
    outcome stages are skipped: they are no step of the funnel)."""
    order = {s.name: i for i, s in enumerate(stages.open_stages)}
    beyond = len(order)
    tallies = {name: _Tally() for name in order}
    for seen in _by_deal(observations).values():
        _tally_deal(seen, stages, order, beyond, tallies)
    return [tallies[name].line(name) for name in order]


@dataclass
class _Tally:
    observed: int = 0
    moved_on: int = 0
    lost_at: int = 0
    days: list[int] = field(default_factory=list)

    def line(self, stage: str) -> ObservedStage:
        decided = self.moved_on + self.lost_at
        return ObservedStage(
            stage, self.observed, self.moved_on, self.lost_at,
            self.observed - decided, self.moved_on / decided if decided else None,
            mean(self.days) if self.days else None,
        )  # fmt: skip


def _position(state: DealState, stages: StageTable, order: Mapping[str, int], beyond: int) -> int:
    """Funnel position of a state: open stage index, ``beyond`` when won, -1 unknown."""
    if state.status == Status.WON.value:
        return beyond
    stage = stages.get(state.stage) if state.stage else None
    if stage is None:
        return -1
    return order.get(stage.name, beyond if stage.is_won else -1)


def _tally_deal(
    seen: Sequence[Observation],
    stages: StageTable,
    order: Mapping[str, int],
    beyond: int,
    tallies: Mapping[str, _Tally],
) -> None:
    """Count one deal at each open stage it was seen at (its first sighting there): moved
    on if a later run saw it further or won, lost if a later run saw it lost first. A deal
    seen turning lost at a stage it was never seen open at counts there as observed and
    lost; a deal already lost (or won) when first seen shows no move and is not counted."""
    positions = [_position(o.state, stages, order, beyond) for o in seen]
    names = list(order)
    counted: set[int] = set()
    lost = Status.LOST.value
    for i, (item, where) in enumerate(zip(seen, positions, strict=True)):
        if not 0 <= where < beyond or where in counted:
            continue
        if item.state.status == lost and (i == 0 or seen[i - 1].state.status == lost):
            continue  # a loss before the history began, or no new loss
        counted.add(where)
        tally = tallies[names[where]]
        tally.observed += 1
        if item.state.status == lost:
            tally.lost_at += 1
            continue
        later = range(i + 1, len(seen))
        moved = next((j for j in later if positions[j] > where), None)
        if moved is not None:
            tally.moved_on += 1
            tally.days.append((seen[moved].observed_on - item.observed_on).days)
        elif any(seen[j].state.status == Status.LOST.value for j in later):
            tally.lost_at += 1


# --------------------------------------------------------------------------- slippage


@dataclass(frozen=True, slots=True)
class Slippage:
    """Open deals whose expected close date was moved later, and the days added in all."""

    deals: int
    total_days: int

    @property
    def mean_days(self) -> float | None:
        return self.total_days / self.deals if self.deals else None


def slippage(events: Iterable[HistoryEvent], open_keys: Iterable[str]) -> Slippage:
    """Over the deals still open now: those with at least one later close date, and the
    sum of the days their close dates moved (earlier moves count against it)."""
    keep = set(open_keys)
    shifts: dict[str, int] = defaultdict(int)
    slipped: set[str] = set()
    for event in events:
        if event.kind == "close_date" and event.days is not None and event.state.key in keep:
            shifts[event.state.key] += event.days
            if event.days > 0:
                slipped.add(event.state.key)
    return Slippage(len(slipped), sum(shifts[k] for k in slipped))


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
