"""The action plan's budget by owner, type, lever and month."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.action_budget import NO_WEEK, budget_by
from salespipe.core.metrics.action_labels import UNSET
from salespipe.core.model import Action
from tests.core.factories import actions_strategy, budget_plan, make_action


def test_budget_by_month_spreads_over_weeks_by_thursday() -> None:
    # Salon: W13 (Thu 26 Mar) and W14 (Thu 2 Apr), 500 each; Phoning: W9 in February,
    # W10 and W11 in March, 300 each; Emailing has no week; Webinaire: W27 (Thu 2 Jul).
    result = budget_by(budget_plan(), "month", 2026)
    assert result == {
        "2026-02": 300.0,
        "2026-03": 1100.0,
        "2026-04": 500.0,
        "2026-07": 300.0,
        NO_WEEK: 120.0,
    }
    assert list(result) == ["2026-02", "2026-03", "2026-04", "2026-07", NO_WEEK]


def test_budget_by_month_wrapping_range_goes_to_both_years() -> None:
    wrapped = make_action(2, budget=600.0, start_week=51, end_week=2, year=2025)
    # W51 Thu 18 Dec, W52 Thu 25 Dec 2025; W1 Thu 1 Jan, W2 Thu 8 Jan 2026.
    assert budget_by([wrapped], "month", 2026) == {"2025-12": 300.0, "2026-01": 300.0}


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("owner", {"Alice": 1900.0, "Bob": 300.0, UNSET: 120.0}),
        ("type", {"Salon": 1000.0, "phoning": 1020.0, UNSET: 300.0}),
        ("lever", {"Levier": 120.0, "BAU": 300.0, UNSET: 1900.0}),
    ],
)
def test_budget_by_label(by: str, expected: dict[str, float]) -> None:
    result = budget_by(budget_plan(), by, 2026)  # type: ignore[arg-type]
    assert result == expected
    assert list(result) == list(expected)


def test_actions_without_budget_add_no_key() -> None:
    assert budget_by([make_action(2, owner="Zoé", budget=None, weeks=(3,))], "owner", 2026) == {}
    assert budget_by([make_action(2, owner="Zoé", budget=math.nan)], "month", 2026) == {}


@given(actions_strategy, st.sampled_from(["owner", "type", "month", "lever"]))
def test_budget_by_adds_up_to_the_total_budget(actions: list[Action], by: str) -> None:
    total = math.fsum(a.budget for a in actions if a.budget is not None)
    result = budget_by(actions, by, 2026)  # type: ignore[arg-type]
    assert math.isclose(math.fsum(result.values()), total, rel_tol=1e-9, abs_tol=1e-6)
