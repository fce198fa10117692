"""Deals for the metric and CRM tests: only the fields a test names, the rest blank."""

from __future__ import annotations

from datetime import date
from typing import Any

from salespipe.core.model import Deal


def make_deal(row: int = 1, *, close: date | None = None, **fields: Any) -> Deal:
    """A deal on sheet row ``row`` (ID ``D<row>``, name ``Affaire <row>``, both of which
    ``fields`` may replace); ``close`` is its expected close date."""
    values: dict[str, Any] = {"deal_id": f"D{row}", "name": f"Affaire {row}", **fields}
    return Deal(row=row, expected_close=close, **values)
