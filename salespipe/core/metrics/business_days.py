"""Business-day arithmetic with metropolitan French public holidays.

A business day (jour ouvré) is Monday to Friday and not a public holiday of
metropolitan France, as listed by the ``holidays`` package (``holidays.France``
without subdivision: no Alsace-Moselle Good Friday or 26 December; Whit Monday
is included, as the package lists it).

Holidays are known for the years the ``holidays`` package covers (up to 2100 in
version 0.109; later years have weekends only). They are computed once per year
range and cached; every function works on a window of years (at least 1990-2100)
that covers its dates, so a whole column of dates is handled by one numpy call
(``numpy.busday_offset`` / ``busday_count`` with a cached ``numpy.busdaycalendar``),
never one holidays look-up per deal.

Conventions, used everywhere in salespipe:

- ``business_days_between(start, end)`` counts the business days in the
  half-open interval ``(start, end]``: after ``start``, up to and including
  ``end``. It is 0 when ``start == end``, and ``-business_days_between(end, start)``
  when ``end < start``. A follow-up due on Thursday 30 April 2026 and looked at on
  Monday 4 May 2026 is 1 business day late (Friday 1 May is a holiday).
- ``add_business_days(d, n)`` is the n-th business day after ``d`` (n > 0), the
  |n|-th business day before ``d`` (n < 0), or ``d`` itself (n == 0), whether or
  not ``d`` is a business day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

#: The window of years always covered, so that ordinary dates share one cached calendar.
DEFAULT_FIRST_YEAR = 1990
_WEEKMASK = "1111100"
# Fewest business days in any year is above 240: n business days span at most n // 240 + 1 years.
_MIN_BUSINESS_DAYS_PER_YEAR = 240

DateArray = npt.NDArray[np.datetime64]
IntArray = npt.NDArray[np.int64]


@lru_cache(maxsize=32)
def french_holidays(start_year: int, end_year: int) -> frozenset[date]:
    """Public holidays of metropolitan France from ``start_year`` to ``end_year`` inclusive.

    Returns an empty set when ``start_year > end_year``. Cached per year range.
    """
    if start_year > end_year:
        return frozenset()
    import holidays  # imported on first use: it takes 60 ms, and most commands never need it

    return frozenset(holidays.France(years=range(start_year, end_year + 1)).keys())


@lru_cache(maxsize=32)
def _calendar(start_year: int, end_year: int) -> np.busdaycalendar:
    """A numpy business-day calendar (Mon-Fri, French holidays) for the year range."""
    days = np.array(sorted(french_holidays(start_year, end_year)), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask=_WEEKMASK, holidays=days)


def _window(first_year: int, last_year: int) -> tuple[int, int]:
    """The year range to use: whole decades covering the given years.

    Decades keep the cache small and shared (a pipeline's dates rarely leave one
    or two decades) while building only the holidays needed: the whole 1990-2100
    range takes a tenth of a second to compute, one decade a few milliseconds.
    """
    return first_year // 10 * 10, last_year // 10 * 10 + 9


def calendar_for_years(first_year: int, last_year: int) -> np.busdaycalendar:
    """The cached numpy business-day calendar covering ``first_year``..``last_year``.

    The calendar always covers at least the default window (1990-2100), so that
    most calls share one cached object. Pass it as ``busdaycal=`` to numpy's
    ``busday_offset``, ``busday_count`` and ``is_busday``.
    """
    return _calendar(*_window(first_year, last_year))


def _holiday_set(year: int) -> frozenset[date]:
    return french_holidays(*_window(year - 1, year + 1))


def is_business_day(d: date) -> bool:
    """True when ``d`` is Monday to Friday and not a French public holiday."""
    return d.weekday() < 5 and d not in _holiday_set(d.year)


def roll_forward(d: date) -> date:
    """``d`` itself if it is a business day, else the next business day after it."""
    while not is_business_day(d):
        d += timedelta(days=1)
    return d


def add_business_days(d: date, n: int) -> date:
    """The n-th business day after ``d`` (n > 0), before it (n < 0), or ``d`` (n == 0).

    ``d`` need not be a business day: Saturday + 1 is Monday, Saturday - 1 is Friday.
    For n >= 0, and for any n when ``d`` is a business day,
    ``business_days_between(d, add_business_days(d, n)) == n``.
    """
    if n == 0:
        return d
    span = abs(n) // _MIN_BUSINESS_DAYS_PER_YEAR + 1
    calendar = calendar_for_years(d.year - span, d.year + span)
    # Roll a non-business start day towards the direction of travel's origin, so that
    # Saturday + 1 is Monday and Saturday - 1 is Friday.
    roll: Literal["backward", "forward"] = "backward" if n > 0 else "forward"
    result = np.busday_offset(np.datetime64(d, "D"), n, roll=roll, busdaycal=calendar)
    return _to_date(result)


def business_days_between(start: date, end: date) -> int:
    """Business days in ``(start, end]``: after ``start``, up to and including ``end``.

    0 when ``start == end``; negative (minus the count in ``(end, start]``) when
    ``end < start``. Friday 1 May 2026 to Monday 4 May 2026 is 1.
    """
    low, high = min(start, end), max(start, end)
    calendar = calendar_for_years(low.year, high.year + 1)
    one = np.timedelta64(1, "D")
    count = int(
        np.busday_count(
            np.datetime64(low, "D") + one, np.datetime64(high, "D") + one, busdaycal=calendar
        )
    )
    return count if start <= end else -count


def _to_date(value: np.datetime64) -> date:
    result = value.astype(object)
    if not isinstance(result, date):
        raise ValueError(f"date out of range: {value}")
    return result


# --- vectorised helpers: whole columns of dates at once -------------------------------


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_NAT_INT = np.iinfo(np.int64).min


def to_datetime64(dates: Iterable[date | None]) -> DateArray:
    """A ``datetime64[D]`` array of the dates, with ``NaT`` where a date is None.

    Datetimes are truncated to their day.
    """
    # Through ordinals: about ten times faster than numpy parsing date objects.
    days = np.fromiter(
        (_NAT_INT if d is None else d.toordinal() - _EPOCH_ORDINAL for d in dates),
        dtype=np.int64,
    )
    return days.view("datetime64[D]")


def to_dates(days: DateArray) -> list[date | None]:
    """Python dates from a ``datetime64[D]`` array; None where the array holds ``NaT``."""
    dates: list[date | None] = days.astype("datetime64[D]").tolist()
    return dates


def _year_range(*arrays: DateArray) -> tuple[int, int]:
    """First and last calendar year present (ignoring NaT) in the arrays."""
    years = np.concatenate(
        [a[~np.isnat(a)].astype("datetime64[Y]").astype(np.int64) for a in arrays]
    )
    if years.size == 0:
        return DEFAULT_FIRST_YEAR, DEFAULT_FIRST_YEAR
    return int(years.min()) + 1970, int(years.max()) + 1970


def roll_forward_array(days: DateArray) -> DateArray:
    """Each date rolled forward to a business day (unchanged if already one); NaT stays NaT."""
    days = np.asarray(days, dtype="datetime64[D]")
    first, last = _year_range(days)
    return np.busday_offset(days, 0, roll="forward", busdaycal=calendar_for_years(first, last + 1))


def business_days_between_array(start: DateArray, end: DateArray) -> IntArray:
    """Element-wise :func:`business_days_between` of two ``datetime64[D]`` arrays.

    Assumes neither array holds ``NaT`` (numpy cannot count with it): mask first.
    """
    start = np.asarray(start, dtype="datetime64[D]")
    end = np.asarray(end, dtype="datetime64[D]")
    first, last = _year_range(start, end)
    one = np.timedelta64(1, "D")
    calendar = calendar_for_years(first, last + 1)
    # numpy counts a reversed interval differently from ours: count (low, high] and negate.
    low, high = np.minimum(start, end), np.maximum(start, end)
    count = np.busday_count(low + one, high + one, busdaycal=calendar).astype(np.int64)
    return np.where(end < start, -count, count)
