"""The ISO weeks an action of the action plan (plan d'actions) runs in.

Weeks are ISO weeks. An action's weeks belong to ``Action.year``, or to the
``year`` passed in when the row has none. A start..end range whose end week is
before its start week (« S50 à S3 ») wraps into the next year. Week numbers that
do not exist in the year (0, 54, or 53 in a 52-week year) are ignored.
"""

from __future__ import annotations

from datetime import date

from salespipe.core.model import Action

IsoWeek = tuple[int, int]  # (ISO year, ISO week)


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
