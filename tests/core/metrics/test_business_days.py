"""Business days with real French public holidays (2026 calendar)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.business_days import (
    add_business_days,
    business_days_between,
    business_days_between_array,
    french_holidays,
    is_business_day,
    roll_forward,
    roll_forward_array,
    to_dates,
    to_datetime64,
)

D = date
# 2026: Easter Monday 6 April, Fête du travail Fri 1 May, Victoire Fri 8 May,
# Ascension Thu 14 May, Pentecôte Mon 25 May, 14 July Tue, Christmas Fri 25 Dec.
some_dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))


def test_french_holidays_2026_are_the_eleven_metropolitan_ones() -> None:
    assert french_holidays(2026, 2026) == {
        D(2026, 1, 1),
        D(2026, 4, 6),
        D(2026, 5, 1),
        D(2026, 5, 8),
        D(2026, 5, 14),
        D(2026, 5, 25),
        D(2026, 7, 14),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 25),
    }


def test_alsace_moselle_only_days_are_not_holidays() -> None:
    holidays = french_holidays(2026, 2026)
    assert D(2026, 4, 3) not in holidays  # Good Friday
    assert D(2026, 12, 26) not in holidays  # Saint-Étienne


def test_french_holidays_of_an_empty_range_is_empty() -> None:
    assert french_holidays(2027, 2026) == frozenset()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 5, 1), False),  # Fête du travail, a Friday
        (D(2026, 5, 2), False),  # Saturday
        (D(2026, 5, 3), False),  # Sunday
        (D(2026, 5, 4), True),
        (D(2026, 5, 14), False),  # Ascension
        (D(2026, 5, 15), True),
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 4, 3), True),  # Good Friday: not a holiday outside Alsace-Moselle
        (D(2026, 7, 14), False),
        (D(2026, 12, 25), False),
        (D(2026, 12, 24), True),
    ],
)
def test_is_business_day(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 5, 4), D(2026, 5, 4)),  # already a business day
        (D(2026, 5, 1), D(2026, 5, 4)),  # holiday Friday, then the weekend
        (D(2026, 5, 2), D(2026, 5, 4)),  # Saturday
        (D(2026, 5, 8), D(2026, 5, 11)),  # Victoire 1945, a Friday
        (D(2026, 5, 14), D(2026, 5, 15)),  # Ascension
        (D(2026, 4, 4), D(2026, 4, 7)),  # Saturday, Sunday, Easter Monday
        (D(2026, 7, 14), D(2026, 7, 15)),
        (D(2026, 12, 25), D(2026, 12, 28)),
        (D(2027, 1, 1), D(2027, 1, 4)),  # New Year's Day 2027 is a Friday
    ],
)
def test_roll_forward(day: date, expected: date) -> None:
    assert roll_forward(day) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 4, 30), 1, D(2026, 5, 4)),  # over Friday 1 May
        (D(2026, 5, 7), 1, D(2026, 5, 11)),  # over Friday 8 May
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # over Ascension
        (D(2026, 5, 22), 1, D(2026, 5, 26)),  # over Whit Monday
        (D(2026, 5, 4), 5, D(2026, 5, 12)),  # 5, 6, 7, (8 off), 11, 12
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        (D(2026, 5, 2), 1, D(2026, 5, 4)),  # from a Saturday
        (D(2026, 5, 2), -1, D(2026, 4, 30)),  # back from a Saturday, over 1 May
        (D(2026, 5, 4), -1, D(2026, 4, 30)),
        (D(2026, 5, 2), 0, D(2026, 5, 2)),  # n = 0 leaves the date alone
        (D(2025, 12, 31), 252, D(2026, 12, 31)),  # 2026 has 261 weekdays, 9 on holidays
        (D(2025, 12, 31), 253, D(2027, 1, 4)),
    ],
)
def test_add_business_days(day: date, n: int, expected: date) -> None:
    assert add_business_days(day, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 5, 4), D(2026, 5, 4), 0),
        (D(2026, 4, 30), D(2026, 5, 4), 1),  # 1 May is off: only Monday counts
        (D(2026, 5, 1), D(2026, 5, 4), 1),
        (D(2026, 5, 4), D(2026, 4, 30), -1),
        (D(2026, 5, 2), D(2026, 5, 3), 0),  # a weekend
        (D(2026, 5, 4), D(2026, 5, 11), 4),  # 5, 6, 7, (8 off), 11
        (D(2026, 5, 13), D(2026, 5, 15), 1),  # Ascension in between
        (D(2025, 12, 31), D(2026, 12, 31), 252),
    ],
)
def test_business_days_between(start: date, end: date, expected: int) -> None:
    assert business_days_between(start, end) == expected


def test_to_datetime64_keeps_none_as_nat_and_back() -> None:
    days = to_datetime64([D(2026, 5, 1), None])
    assert np.isnat(days).tolist() == [False, True]
    assert to_dates(days) == [D(2026, 5, 1), None]


def test_roll_forward_array_matches_the_examples() -> None:
    days = to_datetime64([D(2026, 5, 1), D(2026, 5, 14), None, D(2026, 12, 25)])
    assert to_dates(roll_forward_array(days)) == [
        D(2026, 5, 4),
        D(2026, 5, 15),
        None,
        D(2026, 12, 28),
    ]


def test_business_days_between_array_matches_the_examples() -> None:
    start = to_datetime64([D(2026, 4, 30), D(2026, 5, 4), D(2026, 5, 13)])
    end = to_datetime64([D(2026, 5, 4), D(2026, 4, 30), D(2026, 5, 15)])
    assert business_days_between_array(start, end).tolist() == [1, -1, 1]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(1985, 5, 1), D(1985, 5, 2)),  # a Wednesday, before the default 1990-2100 window
        (D(2100, 7, 14), D(2100, 7, 15)),  # a Wednesday, the window's last year
    ],
)
def test_dates_outside_the_default_window_still_see_holidays(day: date, expected: date) -> None:
    assert roll_forward(day) == expected
    assert add_business_days(day - timedelta(days=1), 1) == expected


@given(some_dates)
def test_roll_forward_gives_the_first_business_day_on_or_after(day: date) -> None:
    rolled = roll_forward(day)
    assert is_business_day(rolled)
    assert day <= rolled <= day + timedelta(days=4)
    assert all(not is_business_day(day + timedelta(days=k)) for k in range((rolled - day).days))


@given(some_dates, st.integers(-600, 600))
def test_add_then_count_gives_n_back_from_a_business_day(day: date, n: int) -> None:
    start = roll_forward(day)
    assert business_days_between(start, add_business_days(start, n)) == n


@given(some_dates, some_dates)
def test_between_is_antisymmetric(a: date, b: date) -> None:
    assert business_days_between(a, b) == -business_days_between(b, a)


@given(st.lists(st.one_of(st.none(), some_dates), max_size=20))
def test_roll_forward_array_agrees_with_scalar(days: list[date | None]) -> None:
    rolled = to_dates(roll_forward_array(to_datetime64(days)))
    assert rolled == [None if d is None else roll_forward(d) for d in days]


@given(st.lists(st.tuples(some_dates, some_dates), max_size=20))
def test_between_array_agrees_with_scalar(pairs: list[tuple[date, date]]) -> None:
    start = to_datetime64(a for a, _ in pairs)
    end = to_datetime64(b for _, b in pairs)
    counts = business_days_between_array(start, end).tolist()
    assert counts == [business_days_between(a, b) for a, b in pairs]
