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


def test_budget_of_s50_to_s3_in_2026_goes_to_december_and_january_2027() -> None:
    """6 000 € over S50..S3 typed for 2026: seven ISO weeks (2026 has 53), 6 000 / 7 =
    857,142857… € each, each week to the month of its Thursday:
    W50 Thu 10 Dec, W51 Thu 17 Dec, W52 Thu 24 Dec, W53 (Mon 28 Dec 2026 - Sun 3 Jan
    2027: 4 days in December, 3 in January) Thu 31 Dec → December 2026: 4 × 6 000 / 7 =
    24 000 / 7 = 3 428,571428… €;
    W1 2027 (Mon 4 Jan) Thu 7 Jan, W2 Thu 14 Jan, W3 Thu 21 Jan → January 2027:
    3 × 6 000 / 7 = 18 000 / 7 = 2 571,428571… €. 3 428,57 + 2 571,43 = 6 000."""
    action = make_action(2, budget=6000.0, start_week=50, end_week=3)
    result = budget_by([action], "month", 2026)
    assert list(result) == ["2026-12", "2027-01"]
    assert result["2026-12"] == pytest.approx(24_000 / 7)
    assert result["2027-01"] == pytest.approx(18_000 / 7)
    assert math.fsum(result.values()) == 6000.0
    assert round(result["2026-12"], 2) == 3428.57 and round(result["2027-01"], 2) == 2571.43


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
