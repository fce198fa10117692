"""Deals for the metric and CRM tests: only the fields a test names, the rest blank."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from salespipe.core.model import Deal


def make_deal(row: int = 1, *, close: date | None = None, **fields: Any) -> Deal:
    """A deal on sheet row ``row`` (ID ``D<row>``, name ``Affaire <row>``, both of which
    ``fields`` may replace); ``close`` is its expected close date."""
    values: dict[str, Any] = {"deal_id": f"D{row}", "name": f"Affaire {row}", **fields}
    return Deal(row=row, expected_close=close, **values)


def many_open_deals(count: int, stage_names: list[str]) -> list[Deal]:
    """``count`` open deals for speed tests, spread over ``stage_names``, last contacts,
    typed follow-ups (one deal in three), touches and stage-entered dates."""
    return [
        make_deal(
            i + 2,
            stage=stage_names[i % len(stage_names)],
            last_contact=date(2025, 1, 1) + timedelta(days=i % 500),
            next_followup=date(2026, 1, 1) + timedelta(days=i % 300) if i % 3 == 0 else None,
            touches=i % 9,
            stage_entered=date(2025, 1, 1) + timedelta(days=i % 400),
        )
        for i in range(count)
    ]
