"""Deals for the metric tests: only the fields a test names, the rest blank."""

from __future__ import annotations

from datetime import date
from typing import Any

from salespipe.core.model import Deal


def make_deal(row: int = 1, *, close: date | None = None, **fields: Any) -> Deal:
    """A deal on sheet row ``row`` (ID ``D<row>``); ``close`` is its expected close date."""
    return Deal(row=row, deal_id=f"D{row}", name=f"Affaire {row}", expected_close=close, **fields)
