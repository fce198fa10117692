"""The holiday table kept in the code is the ``holidays`` package's list, year for year."""

from __future__ import annotations

from datetime import date

import holidays

from salespipe.core.metrics import holiday_table
from salespipe.core.metrics.business_days import french_holidays


def test_the_table_is_what_the_installed_holidays_package_lists() -> None:
    years = range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1)
    expected = holiday_table.table_text(holidays.France(years=years).keys())
    assert expected == holiday_table.TABLE, "regenerate it: see holiday_table's docstring"


def test_a_decade_inside_the_table_gives_the_package_s_holidays() -> None:
    from_package = frozenset(holidays.France(years=range(2020, 2030)).keys())
    assert french_holidays(2020, 2029) == from_package
    assert date(2026, 5, 25) in from_package  # Whit Monday 2026, as the package lists it


def test_whit_monday_of_2005_to_2007_follows_the_package() -> None:
    # The « journée de solidarité » years: the package does not list Whit Monday.
    assert date(2006, 6, 5) not in french_holidays(2000, 2009)
    assert date(2008, 5, 12) in french_holidays(2000, 2009)


def test_years_outside_the_table_are_asked_of_the_package() -> None:
    from_package = frozenset(holidays.France(years=range(1980, 1990)).keys())
    assert french_holidays(1980, 1989) == from_package
    assert date(1980, 5, 8) not in from_package  # 8 May was no holiday from 1960 to 1981
    assert date(1985, 5, 8) in from_package
