"""The state of each deal as a sync run saw it, and which states changed since the last run.

A sync run records the state of every deal (:class:`DealState`) it reads; the store keeps
a state only when it differs from the deal's last recorded one, so running twice on the
same sheet records nothing the second time. A deal is followed by its ID, or by company
and deal name when it has no ID (:func:`deal_key`); deals with neither (or a second row
with the same key) cannot be followed and are counted in :attr:`Snapshot.untracked`. A
deal missing from a run (deleted, or renamed when it has no ID) is stored as ``removed``
(:data:`REMOVED`), so it never stays open in the figures. No I/O: the SQLite store is
:mod:`sheets_sync.history_store`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from salespipe.core.model import Deal, fold


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


def by_deal(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    """Each deal's observations, oldest first (by day, then by the order stored)."""
    out: dict[str, list[Observation]] = defaultdict(list)
    for item in sorted(observations, key=lambda o: (o.observed_on, o.seq)):
        out[item.state.key].append(item)
    return out
