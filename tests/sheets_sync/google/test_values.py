"""Python values to RAW Sheets values: serial dates, blanks, date columns, padding."""

from __future__ import annotations

import ast
import math
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sheets_sync
from sheets_sync.google.values import (
    DATE_FORMAT,
    DATE_TIME_FORMAT,
    pad,
    prepare,
    to_serial,
    to_sheet_value,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 1, 1), 43831),
        (date(1999, 1, 2), 36162),
        (datetime(2026, 11, 23, 12, 0), 46349.5),
        (pd.Timestamp("2026-11-23 06:00"), 46349.25),
        (time(18, 0), 0.75),
        (None, ""),
        (math.nan, ""),
        (math.inf, ""),
        (pd.NaT, ""),
        (pd.NA, ""),
        (np.int64(7), 7),
        (np.float64(2.5), 2.5),
        (Decimal("12500.50"), 12500.5),
        (True, True),
        ("=SUM(A1:A2)", "=SUM(A1:A2)"),
    ],
)
def test_to_sheet_value(value: Any, expected: Any) -> None:
    result = to_sheet_value(value)
    assert result == expected and type(result) is type(expected)


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_serials_count_days_from_1899_12_30(day: date) -> None:
    assert to_serial(day) - to_serial(date(1900, 3, 1)) == (day - date(1900, 3, 1)).days
    assert to_serial(datetime.combine(day, time(0))) == to_serial(day)


def test_date_columns_get_a_format_and_dates_among_numbers_one_each() -> None:
    rows = [
        ["Affaire", "Relance", "Valeur", "Vu le"],
        ["A1", date(2026, 11, 24), 12.5, datetime(2026, 11, 23, 9, 30)],
        ["A2", None, date(2026, 11, 25), datetime(2026, 11, 23, 10, 0)],
    ]
    grid, columns, cells = prepare(rows)
    assert columns == {1: DATE_FORMAT, 3: DATE_TIME_FORMAT}
    assert cells == {(2, 2): DATE_FORMAT}  # 12.5 above it stays a plain number
    assert grid[1] == ["A1", 46350, 12.5, 46349 + 9.5 / 24]
    assert grid[2] == ["A2", "", 46351, 46349 + 10 / 24]


def test_pad_blanks_stale_cells() -> None:
    assert pad([["a"], ["b", "c"]], 3, 3) == [["a", "", ""], ["b", "c", ""], ["", "", ""]]


GOOGLE_LIBRARIES = ("gspread", "google", "google_auth_oauthlib", "oauthlib")


def test_only_the_google_package_imports_google_libraries() -> None:
    """docs/architecture.md: only modules of sheets_sync/google/ import gspread, google.auth
    and google-auth-oauthlib."""
    package = Path(sheets_sync.__file__).parent
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in GOOGLE_LIBRARIES for n in names):
                importers.add(path.relative_to(package).as_posix())
    assert "google/gateway.py" in importers  # the check sees imports
    assert {path for path in importers if not path.startswith("google/")} == set()
    assert "google/values.py" not in importers  # Python values to Sheets values: no client
    assert "google/oauth.py" in importers
