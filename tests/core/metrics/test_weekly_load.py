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


def test_weekly_load_of_s50_to_s3_counts_each_year_its_own_weeks() -> None:
    """S50..S3 typed for 2026 runs W50, W51, W52, W53 of 2026 and W1, W2, W3 of 2027:
    the load of 2026 has weeks 50-53, that of 2027 weeks 1-3 (and a 2027 row of its own,
    W2, makes two actions that week)."""
    actions = [
        make_action(2, owner="Marie", start_week=50, end_week=3, year=2026),
        make_action(3, owner="Marie", weeks=(2,), year=2027),
    ]
    assert weekly_load(actions, 2026) == {"Marie": {50: 1, 51: 1, 52: 1, 53: 1}}
    assert weekly_load(actions, 2027) == {"Marie": {1: 1, 2: 2, 3: 1}}


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
