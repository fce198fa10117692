"""The observed funnel: conversion per stage from the moves the history saw between runs,
rather than from the snapshot's "furthest stage reached" rule, with the days deals spent
in each stage (calendar days between the runs that saw the change; time spent in a stage
before the first run is unknown and left blank)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import mean

from salespipe.core.metrics.deal_states import REMOVED, DealState, Observation, by_deal
from salespipe.core.model import StageTable, Status


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
    for seen in by_deal(observations).values():
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
