"""The action plan's weekly load per owner."""

from __future__ import annotations

from hypothesis import given

from salespipe.core.metrics.action_labels import UNSET
from salespipe.core.metrics.action_weeks import action_iso_weeks
from salespipe.core.metrics.weekly_load import weekly_load
from salespipe.core.model import Action
from tests.core.factories import actions_strategy, budget_plan, make_action


def test_weekly_load_per_owner_and_week() -> None:
    assert weekly_load(budget_plan(), 2026) == {
        "Alice": {9: 1, 10: 1, 11: 1, 13: 1, 14: 1},
        "Bob": {10: 1, 27: 1},
        UNSET: {},
    }


def test_weekly_load_counts_overlaps_and_only_the_year_asked() -> None:
    actions = [
        make_action(2, owner="Léa", weeks=(10, 11)),
        make_action(3, owner="LEA", start_week=11, end_week=12),
        make_action(4, owner="Léa", start_week=52, end_week=1, year=2025),
        make_action(5, owner="Léa", weeks=(11,), year=2027),
    ]
    assert weekly_load(actions, 2026) == {"Léa": {1: 1, 10: 1, 11: 2, 12: 1}}
    # Rows without a year belong to the year asked for.
    assert weekly_load(actions, 2025) == {"Léa": {10: 1, 11: 2, 12: 1, 52: 1}}


@given(actions_strategy)
def test_weekly_load_counts_each_action_once_per_week(actions: list[Action]) -> None:
    load = weekly_load(actions, 2026)
    expected = sum(sum(1 for y, _ in action_iso_weeks(a, 2026) if y == 2026) for a in actions)
    assert sum(sum(weeks.values()) for weeks in load.values()) == expected
