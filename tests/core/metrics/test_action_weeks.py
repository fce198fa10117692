"""The ISO weeks of the action plan's actions: ranges, wrapping, months."""

from __future__ import annotations

import pytest

from salespipe.core.metrics.action_weeks import (
    action_iso_weeks,
    action_weeks,
    week_month,
    weeks_in_year,
)
from tests.core.factories import make_action


@pytest.mark.parametrize(("year", "weeks"), [(2025, 52), (2026, 53), (2020, 53), (2027, 52)])
def test_weeks_in_year(year: int, weeks: int) -> None:
    assert weeks_in_year(year) == weeks


@pytest.mark.parametrize(
    ("fields", "year", "expected"),
    [
        ({"weeks": (12, 10, 10, 11)}, 2026, (10, 11, 12)),
        ({"start_week": 10, "end_week": 13}, 2026, (10, 11, 12, 13)),
        ({"start_week": 10}, 2026, (10,)),
        ({"end_week": 10}, 2026, ()),
        ({}, 2026, ()),
        ({"weeks": (5,), "start_week": 10, "end_week": 12}, 2026, (5,)),  # the grid wins
        ({"start_week": 51, "end_week": 2}, 2025, (51, 52, 1, 2)),  # wraps into 2026
        ({"start_week": 52, "end_week": 1}, 2026, (52, 53, 1)),
        ({"weeks": (53,)}, 2025, ()),  # 2025 has 52 ISO weeks
        ({"weeks": (53,)}, 2026, (53,)),
        ({"weeks": (53,), "year": 2025}, 2026, ()),  # the row's own year wins
        ({"weeks": (0, 54, 3)}, 2026, (3,)),
    ],
)
def test_action_weeks(fields: dict[str, object], year: int, expected: tuple[int, ...]) -> None:
    assert action_weeks(make_action(2, **fields), year) == expected


def test_s50_to_s3_in_2026_runs_seven_weeks_across_the_new_year() -> None:
    """2026 has 53 ISO weeks (1 January 2026 is a Thursday; 28 December 2026, a Monday,
    is in week 53), so « S50 à S3 » typed for 2026 is weeks 50, 51, 52, 53 of 2026, then
    weeks 1, 2, 3 of 2027: seven weeks, from Monday 7 December 2026 to Sunday 24 January
    2027."""
    action = make_action(2, budget=6000.0, start_week=50, end_week=3)
    assert action_iso_weeks(action, 2026) == (
        (2026, 50),
        (2026, 51),
        (2026, 52),
        (2026, 53),
        (2027, 1),
        (2027, 2),
        (2027, 3),
    )
    assert action_weeks(action, 2026) == (50, 51, 52, 53, 1, 2, 3)


def test_action_iso_weeks_wrap_into_the_next_year() -> None:
    wrapped = make_action(2, start_week=51, end_week=2, year=2025)
    assert action_iso_weeks(wrapped, 2026) == ((2025, 51), (2025, 52), (2026, 1), (2026, 2))


@pytest.mark.parametrize(
    ("iso_year", "week", "month"),
    [
        (2026, 1, "2026-01"),  # Monday 29 Dec 2025, Thursday 1 Jan 2026
        (2025, 1, "2025-01"),  # Monday 30 Dec 2024, Thursday 2 Jan 2025
        (2020, 53, "2020-12"),  # Thursday 31 Dec 2020
        (2026, 53, "2026-12"),  # Mon 28 Dec 2026 - Sun 3 Jan 2027: 4 days in Dec, Thu 31 Dec
        (2027, 1, "2027-01"),  # Monday 4 Jan, Thursday 7 Jan 2027 (1 Jan 2027 is a Friday)
        (2026, 9, "2026-02"),  # Monday 23 Feb, Thursday 26 Feb
        (2026, 14, "2026-04"),  # Monday 30 Mar, Thursday 2 Apr
        (2026, 27, "2026-07"),  # Monday 29 Jun, Thursday 2 Jul
    ],
)
def test_week_month_is_the_month_of_the_thursday(iso_year: int, week: int, month: str) -> None:
    assert week_month(iso_year, week) == month
