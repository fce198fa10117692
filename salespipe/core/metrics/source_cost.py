"""Cost per source: what each action of the action plan cost and brought.

Deals are attributed to actions by their source; labels are grouped as
:mod:`salespipe.core.metrics.action_labels` says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from salespipe.core.metrics.action_budget import planned_budget
from salespipe.core.metrics.action_labels import UNSET
from salespipe.core.model import WON, Action, Deal, Stage, StageTable, fold

#: Source line for deals whose source is blank.
NO_SOURCE = "(source non renseignée)"


@dataclass(frozen=True)
class SourceCost:
    """What one source action cost and brought: leads, meetings, signatures, won amount.

    A cost is None when the budget is blank or the count is 0. Lines for sources
    that match no action have ``budget`` None and the source as typed as ``action``.
    """

    action: str
    budget: float | None
    leads: int
    meetings: int
    signatures: int
    won_amount: float
    cost_per_lead: float | None
    cost_per_meeting: float | None
    cost_per_signature: float | None


@dataclass
class _Tally:
    """Counts gathered for one source line."""

    label: str
    budget: float | None = None
    leads: int = 0
    meetings: int = 0
    signatures: int = 0
    won_amount: float = 0.0

    def add(self, deal: Deal, met: bool) -> None:
        self.leads += 1
        self.meetings += met
        if deal.status == WON:
            self.signatures += 1
            self.won_amount += deal.amount or 0.0

    def result(self) -> SourceCost:
        return SourceCost(
            action=self.label,
            budget=self.budget,
            leads=self.leads,
            meetings=self.meetings,
            signatures=self.signatures,
            won_amount=self.won_amount,
            cost_per_lead=_cost(self.budget, self.leads),
            cost_per_meeting=_cost(self.budget, self.meetings),
            cost_per_signature=_cost(self.budget, self.signatures),
        )


def _cost(budget: float | None, count: int) -> float | None:
    return budget / count if budget is not None and count > 0 else None


def meeting_stage(stages: StageTable) -> Stage | None:
    """The stage that counts as « a meeting took place » for cost per meeting.

    The open stage whose name or alias folds to « rendez vous », else the third
    open stage, else the last open stage; None when there is no open stage.
    """
    named = stages.get("Rendez-vous")
    if named is not None and named in stages.open_stages:
        return named
    opens = stages.open_stages
    return opens[2] if len(opens) >= 3 else (opens[-1] if opens else None)


def _meeting_test(stages: StageTable) -> dict[str, bool]:
    """For each folded stage label: does a deal at that stage count as having had a meeting?

    Won stages do; lost stages do not (how far a deal got before it was lost is
    not known then); unknown stages do not.
    """
    meeting = meeting_stage(stages)
    opens = stages.open_stages
    reached: dict[str, bool] = {}
    for stage in stages.stages:
        at_or_after = (
            meeting is not None and stage in opens and (opens.index(stage) >= opens.index(meeting))
        )
        for label in (stage.name, *stage.aliases):
            reached.setdefault(fold(label), stage.is_won or at_or_after)
    return reached


@dataclass
class _Attribution:
    """Which source line each folded source text goes to."""

    by_name: dict[str, _Tally]
    by_type: dict[str, _Tally | None]  # None: the type is shared by several actions

    @classmethod
    def of(cls, actions: Iterable[Action]) -> _Attribution:
        by_name: dict[str, _Tally] = {}
        type_owner: dict[str, str | None] = {}
        for action in actions:
            key = fold(action.action)
            tally = by_name.setdefault(key, _Tally(action.action.strip() or UNSET))
            budget = planned_budget(action)
            if budget is not None:
                tally.budget = (tally.budget or 0.0) + budget
            kind = fold(action.type or "")
            if kind:
                # A type claimed by two different action names belongs to neither.
                claimed = type_owner.get(kind, key)
                type_owner[kind] = key if claimed == key else None
        by_type = {kind: None if key is None else by_name[key] for kind, key in type_owner.items()}
        return cls(by_name, by_type)

    def find(self, source: str) -> _Tally | None:
        """The action line for a folded source: by name, else by a type unique to one action.

        None when nothing matches, or only a type that several actions share.
        """
        if source in self.by_name:
            return self.by_name[source]
        return self.by_type.get(source)


def cost_per_source(
    actions: Iterable[Action], deals: Iterable[Deal], stages: StageTable
) -> list[SourceCost]:
    """Leads, meetings, signatures and cost per each, for every source action.

    A deal belongs to the action whose name folds to the same text as its source;
    else to the action whose type does, if exactly one action name has that type
    (when several share it, the deal is attributed to none). Actions with the same
    folded name form one line with their budgets summed. Leads are all deals from
    the source; meetings, deals that reached the meeting stage (:func:`meeting_stage`)
    or later, won deals included; signatures, won deals. Deals whose source matches
    no action get one line per source text (budget None), and deals without a
    source one line named :data:`NO_SOURCE`, so every deal is counted once. Lines:
    actions in input order, then unmatched sources as first met, then :data:`NO_SOURCE`.
    """
    attribution = _Attribution.of(actions)
    met = _meeting_test(stages)
    folded: dict[str | None, str] = {}  # fold() is slow; sources and stages repeat a lot
    unmatched: dict[str, _Tally] = {}
    # A pipeline repeats a few sources and stages: each (source, stage) pair as typed is
    # attributed once, to its line and whether its stage counts as a meeting.
    pairs: dict[tuple[str | None, str | None], tuple[_Tally, bool]] = {}
    for deal in deals:
        pair = (deal.source, deal.stage)
        found = pairs.get(pair)
        if found is None:
            source = _fold_once(deal.source, folded)
            tally = attribution.find(source) if source else None
            if tally is None:
                label = (deal.source or "").strip() if source else NO_SOURCE
                tally = unmatched.setdefault(source, _Tally(label))
            found = pairs[pair] = (tally, met.get(_fold_once(deal.stage, folded), False))
        tally, at_meeting = found
        tally.add(deal, deal.status == WON or at_meeting)
    blank = unmatched.pop("", None)
    lines = [*attribution.by_name.values(), *unmatched.values(), *([blank] if blank else [])]
    return [t.result() for t in lines]


def _fold_once(text: str | None, cache: dict[str | None, str]) -> str:
    """``fold(text or "")``, computed once per distinct text."""
    result = cache.get(text)
    if result is None:
        result = cache[text] = fold(text or "")
    return result
