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

No I/O: the SQLite store is :mod:`sheets_sync.history_store`. A deal is followed by its ID, or
by company and deal name when it has no ID (:func:`deal_key`); deals with neither (or a
second row with the same key) cannot be followed and are counted in
:attr:`Snapshot.untracked`. A deal missing from a run (deleted, or renamed when it has no
ID) is stored as ``removed`` (:data:`REMOVED`), so it never stays open in the figures.
Days are calendar days between the runs that saw the change, so their precision is the
schedule's; time spent in a stage before the first run is unknown and left blank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
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
    status: str  # a Status value, or REMOVED
    amount: float | None
    expected_close: date | None

    def same_as(self, other: DealState | None) -> bool:
        """True when nothing the history follows differs (names and row moves ignored)."""
        return other is not None and all(getattr(self, f) == getattr(other, f) for f in _FOLLOWED)


#: The fields whose change is recorded; a renamed deal or company alone is not a change.
_FOLLOWED = ("owner", "stage", "status", "amount", "expected_close")
STATE_FIELDS = tuple(f.name for f in fields(DealState))
#: The status stored for a deal a run no longer finds in the sheet.
REMOVED = "removed"


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
    """``id:<ID>`` (case-folded, as the parser compares IDs), else
    ``name:<company>|<deal name>`` (folded), else None."""
    if deal.deal_id and deal.deal_id.strip():
        return "id:" + deal.deal_id.strip().casefold()
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
            key,
            deal.deal_id,
            deal.name,
            deal.company,
            deal.owner,
            deal.stage,
            deal.status.value,
            deal.amount,
            deal.expected_close,
        )
    return Snapshot(states, untracked)


def changed_states(
    latest: Mapping[str, DealState], current: Mapping[str, DealState]
) -> list[DealState]:
    """The states of ``current`` to record: new deals, deals whose followed fields changed
    since ``latest`` (the last recorded state of each key), and a ``removed`` state for
    each deal of ``latest`` that ``current`` no longer has."""
    changed = [state for key, state in current.items() if not state.same_as(latest.get(key))]
    gone = [
        replace(state, status=REMOVED)
        for key, state in latest.items()
        if key not in current and state.status != REMOVED
    ]
    return changed + gone


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


def _by_deal(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    out: dict[str, list[Observation]] = defaultdict(list)
    for item in sorted(observations, key=lambda o: (o.observed_on, o.seq)):
        out[item.state.key].append(item)
    return out


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
    for seen in _by_deal(observations).values():
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


# --------------------------------------------------------------------------- funnel


@dataclass(frozen=True, slots=True)
class ObservedStage:
    """Conversion of one open stage from the moves the history saw.

    ``observed``: deals seen open at this stage, or seen turning lost there;
    ``moved_on``: of those, seen later at a further stage or won; ``lost_at``: lost while
    at this stage (the stage it was lost at, else the last one it was seen open at);
    ``undecided``: neither yet (still there, or gone back to an earlier stage);
    ``conversion`` = moved_on / (moved_on + lost_at); ``mean_days``: days between the run
    that saw the deal enter the stage and the first that saw it beyond (deals that moved
    on and entered it after the history began). Deals removed from the sheet before
    moving on or being lost are left out."""

    stage: str
    observed: int
    moved_on: int
    lost_at: int
    undecided: int
    conversion: float | None
    mean_days: float | None


def observed_funnel(observations: Sequence[Observation], stages: StageTable) -> list[ObservedStage]:
    """One line per open stage of ``stages``, in order (stages the table does not list and
    outcome stages are skipped: they are no step of the funnel)."""
    order = {s.name: i for i, s in enumerate(stages.open_stages)}
    tallies = [_Tally() for _ in order]
    start = min((o.observed_on for o in observations), default=None)
    for seen in _by_deal(observations).values():
        positions = [_position(o.state, stages, order) for o in seen]
        _tally_deal(seen, positions, start, tallies)
    return [tally.line(name) for name, tally in zip(order, tallies, strict=True)]


@dataclass
class _Tally:
    observed: int = 0
    moved_on: int = 0
    lost_at: int = 0
    days: list[int] = field(default_factory=list)

    def line(self, stage: str) -> ObservedStage:
        decided = self.moved_on + self.lost_at
        return ObservedStage(
            stage,
            self.observed,
            self.moved_on,
            self.lost_at,
            self.observed - decided,
            self.moved_on / decided if decided else None,
            mean(self.days) if self.days else None,
        )


#: Positions that are no open stage: won (beyond every open stage) and unknown/removed.
_WON, _NOWHERE = 10**6, -1


def _position(state: DealState, stages: StageTable, order: Mapping[str, int]) -> int:
    """Funnel position of a state: the open stage's index, _WON when won, else _NOWHERE."""
    if state.status == Status.WON.value:
        return _WON
    if state.status == REMOVED:
        return _NOWHERE
    stage = stages.get(state.stage) if state.stage else None
    if stage is None:
        return _NOWHERE
    return order.get(stage.name, _WON if stage.is_won else _NOWHERE)


def _losses(seen: Sequence[Observation], positions: Sequence[int]) -> dict[int, int]:
    """{index of the observation: stage position} of each loss the history saw: a state
    turning lost after a state that was not. The stage is the one it was lost at, else
    the one it was last seen open at."""
    lost = Status.LOST.value
    out: dict[int, int] = {}
    for j in range(1, len(seen)):
        if seen[j].state.status == lost and seen[j - 1].state.status != lost:
            where = positions[j] if 0 <= positions[j] < _WON else positions[j - 1]
            if 0 <= where < _WON:
                out[j] = where
    return out


def _tally_deal(
    seen: Sequence[Observation], positions: Sequence[int], start: date | None, tallies: list[_Tally]
) -> None:
    """Count one deal at each open stage it was seen at (its first sighting there), and
    at each stage it was seen lost at without being seen open there first."""
    losses = _losses(seen, positions)
    gone = seen[-1].state.status == REMOVED
    counted: set[int] = set()
    for i, where in enumerate(positions):
        if not 0 <= where < _WON or where in counted or seen[i].state.status != "open":
            continue
        counted.add(where)
        later = range(i + 1, len(seen))
        moved = next((j for j in later if positions[j] > where), None)
        lost = any(j > i and at == where for j, at in losses.items())
        if moved is None and not lost and gone:
            continue  # removed from the sheet with no outcome here: no figure to give
        tally = tallies[where]
        tally.observed += 1
        if moved is not None:
            tally.moved_on += 1
            if i > 0 or seen[0].observed_on != start:  # entered after the history began
                tally.days.append((seen[moved].observed_on - seen[i].observed_on).days)
        elif lost:
            tally.lost_at += 1
    for at in losses.values():
        if at not in counted:
            counted.add(at)
            tallies[at].observed += 1
            tallies[at].lost_at += 1


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
