"""The commercial action plan (plan d'actions): budget, load, progress, cost.

Weeks are ISO weeks. An action's weeks belong to ``Action.year``, or to the
``year`` passed in when the row has none. A start..end range whose end week is
before its start week (« S50 à S3 ») wraps into the next year. Week numbers that
do not exist in the year (0, 54, or 53 in a 52-week year) are ignored.

Labels (owner, type, lever, source) are grouped by their folded form
(:func:`~salespipe.core.model.fold`: case, accents and spacing ignored) and shown
as first typed; a blank label is shown as :data:`UNSET`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from salespipe.core.model import Action, Deal, Stage, StageTable, Status, fold

#: Label for a blank owner, type, lever or source.
UNSET = "(non renseigné)"
#: Month key for the budget of actions that have no week.
NO_WEEK = "(sans semaine)"
#: Source line for deals whose source is blank.
NO_SOURCE = "(source non renseignée)"

GroupBy = Literal["owner", "type", "month", "lever"]
IsoWeek = tuple[int, int]  # (ISO year, ISO week)
V = TypeVar("V")


# --- weeks ----------------------------------------------------------------------------


def weeks_in_year(year: int) -> int:
    """Number of ISO weeks in ``year``: 52 or 53 (28 December is always in the last week)."""
    return date(year, 12, 28).isocalendar().week


def _valid(iso_year: int, week: int) -> bool:
    return 1 <= week <= weeks_in_year(iso_year)


def action_iso_weeks(action: Action, year: int) -> tuple[IsoWeek, ...]:
    """The (ISO year, ISO week) pairs the action runs in, in chronological order.

    The year is ``action.year``, else ``year``. Weeks come from ``action.weeks`` if
    any, else ``start_week``..``end_week`` inclusive (wrapping into the next year
    when ``end_week < start_week``), else ``start_week`` alone, else nothing.
    Weeks that do not exist in their year are left out; duplicates are removed.
    """
    base = action.year if action.year is not None else year
    if action.weeks:
        pairs = [(base, w) for w in sorted(set(action.weeks))]
    elif action.start_week is not None and action.end_week is not None:
        pairs = _week_range(base, action.start_week, action.end_week)
    elif action.start_week is not None:
        pairs = [(base, action.start_week)]
    else:
        pairs = []
    return tuple(p for p in pairs if _valid(*p))


def _week_range(year: int, start: int, end: int) -> list[IsoWeek]:
    if start <= end:
        return [(year, w) for w in range(start, end + 1)]
    last = weeks_in_year(year)
    return [(year, w) for w in range(start, last + 1)] + [(year + 1, w) for w in range(1, end + 1)]


def action_weeks(action: Action, year: int) -> tuple[int, ...]:
    """The ISO week numbers the action runs in, as in :func:`action_iso_weeks`.

    ``action.weeks`` (sorted, without duplicates) when given, else the
    ``start_week``..``end_week`` range, else ``(start_week,)``, else ``()``;
    weeks that do not exist in the action's year are left out. A wrapping range
    (« S50 à S3 ») gives 50, 51, 52, 1, 2, 3, in that order.
    """
    return tuple(week for _, week in action_iso_weeks(action, year))


def week_month(iso_year: int, week: int) -> str:
    """The month ``"YYYY-MM"`` of the ISO week: the month of its Thursday (ISO convention)."""
    thursday = date.fromisocalendar(iso_year, week, 4)
    return f"{thursday.year:04d}-{thursday.month:02d}"


# --- labels ---------------------------------------------------------------------------


@dataclass
class _Labels:
    """Display labels grouped by folded text: the first spelling typed wins."""

    shown: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str | None) -> str:
        key = fold(text or "")
        if not key:
            return UNSET
        return self.shown.setdefault(key, (text or "").strip())


def _unset_last(mapping: dict[str, V], placeholder: str) -> dict[str, V]:
    """The same mapping, with the placeholder key (if present) moved to the end."""
    result = {k: v for k, v in mapping.items() if k != placeholder}
    if placeholder in mapping:
        result[placeholder] = mapping[placeholder]
    return result


def _budget(action: Action) -> float | None:
    """The action's budget; None when blank (or NaN, as a blank cell may arrive)."""
    budget = action.budget
    return None if budget is None or math.isnan(budget) else budget


# --- budget ---------------------------------------------------------------------------


def _month_shares(action: Action, budget: float, year: int) -> dict[str, float]:
    """The action's budget split evenly over its weeks, summed by month of each week.

    The last month gets the remainder, so the shares add up to the budget.
    """
    weeks = action_iso_weeks(action, year)
    if not weeks:
        return {NO_WEEK: budget}
    counts: dict[str, int] = {}
    for iso_year, week in weeks:
        month = week_month(iso_year, week)
        counts[month] = counts.get(month, 0) + 1
    shares = {month: budget * n / len(weeks) for month, n in counts.items()}
    last = next(reversed(shares))
    shares[last] = budget - math.fsum(v for k, v in shares.items() if k != last)
    return shares


def budget_by(actions: Iterable[Action], by: GroupBy, year: int) -> dict[str, float]:
    """Planned budget summed by owner, type, lever or month (``"YYYY-MM"``).

    Actions without a budget contribute nothing (and create no key). By month,
    each action's budget is spread evenly over its ISO weeks and each week's share
    goes to the month of that week's Thursday; actions without weeks go to
    :data:`NO_WEEK`. ``year`` is the year of actions whose row has none. The
    values add up to the total budget (up to float rounding). Keys: months in
    chronological order, other labels in order of first appearance; blank
    labels as :data:`UNSET`, last.
    """
    totals: dict[str, float] = {}
    labels = _Labels()
    for action in actions:
        budget = _budget(action)
        if budget is None:
            continue
        if by == "month":
            shares = _month_shares(action, budget, year)
        else:
            shares = {labels(getattr(action, by)): budget}
        for key, amount in shares.items():
            totals[key] = totals.get(key, 0.0) + amount
    if by == "month":
        return _unset_last(dict(sorted(totals.items())), NO_WEEK)
    return _unset_last(totals, UNSET)


# --- weekly load ----------------------------------------------------------------------


def weekly_load(actions: Iterable[Action], year: int) -> dict[str, dict[int, int]]:
    """Per owner, per ISO week of ``year``: the number of actions running that week.

    Weeks are those of :func:`action_iso_weeks` that fall in ISO year ``year``
    (an action of another year, or the wrapped part of a range, counts in its
    own year). Every owner appears, with an empty mapping if none of their
    actions runs in ``year``; owners in order of first appearance, blank
    (:data:`UNSET`) last; weeks in ascending order.
    """
    load: dict[str, dict[int, int]] = {}
    labels = _Labels()
    for action in actions:
        weeks = load.setdefault(labels(action.owner), {})
        for iso_year, week in action_iso_weeks(action, year):
            if iso_year == year:
                weeks[week] = weeks.get(week, 0) + 1
    ordered = {owner: dict(sorted(weeks.items())) for owner, weeks in load.items()}
    return _unset_last(ordered, UNSET)


# --- done vs planned ------------------------------------------------------------------


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


# --- cost per source ------------------------------------------------------------------


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
        if deal.status == Status.WON:
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
            budget = _budget(action)
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
    for deal in deals:
        source = _fold_once(deal.source, folded)
        tally = attribution.find(source) if source else None
        if tally is None:
            label = (deal.source or "").strip() if source else NO_SOURCE
            tally = unmatched.setdefault(source, _Tally(label))
        reached = deal.status == Status.WON or met.get(_fold_once(deal.stage, folded), False)
        tally.add(deal, reached)
    blank = unmatched.pop("", None)
    lines = [*attribution.by_name.values(), *unmatched.values(), *([blank] if blank else [])]
    return [t.result() for t in lines]


def _fold_once(text: str | None, cache: dict[str | None, str]) -> str:
    """``fold(text or "")``, computed once per distinct text."""
    result = cache.get(text)
    if result is None:
        result = cache[text] = fold(text or "")
    return result
