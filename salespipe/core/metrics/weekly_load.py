"""The action plan's weekly load: how many actions each owner runs per ISO week."""

from __future__ import annotations

from collections.abc import Iterable

from salespipe.core.metrics.action_labels import UNSET, Labels, unset_last
from salespipe.core.metrics.action_weeks import action_iso_weeks
from salespipe.core.model import Action


def weekly_load(actions: Iterable[Action], year: int) -> dict[str, dict[int, int]]:
    """Per owner, per ISO week of ``year``: the number of actions running that week.

    Weeks are those of :func:`action_iso_weeks` that fall in ISO year ``year``
    (an action of another year, or the wrapped part of a range, counts in its
    own year). Every owner appears, with an empty mapping if none of their
    actions runs in ``year``; owners in order of first appearance, blank
    (:data:`UNSET`) last; weeks in ascending order.
    """
    load: dict[str, dict[int, int]] = {}
    labels = Labels()
    for action in actions:
        weeks = load.setdefault(labels(action.owner), {})
        for iso_year, week in action_iso_weeks(action, year):
            if iso_year == year:
                weeks[week] = weeks.get(week, 0) + 1
    ordered = {owner: dict(sorted(weeks.items())) for owner, weeks in load.items()}
    return unset_last(ordered, UNSET)
