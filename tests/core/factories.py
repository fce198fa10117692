"""Deals for the metric and CRM tests: only the fields a test names, the rest blank."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from salespipe.core.model import Action, Deal


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


def make_action(row: int, name: str = "Action", **fields: Any) -> Action:
    """An action-plan row on sheet row ``row`` named ``name``, with only ``fields`` filled."""
    return Action(row, name, **fields)


def budget_plan() -> list[Action]:
    """Five actions of 2026: budgets, weeks, ranges, a blank owner, type and budget."""
    return [
        make_action(
            2, "Salon", type="Salon", owner="Alice", budget=1000.0, start_week=13, end_week=14
        ),
        make_action(3, "Phoning", type="phoning", owner="alice ", budget=900.0, weeks=(9, 10, 11)),
        make_action(4, "Emailing", type="Phoning", owner=None, budget=120.0, lever="Levier"),
        make_action(5, "LinkedIn", type="LinkedIn", owner="Bob", budget=None, start_week=10),
        make_action(6, "Webinaire", type=None, owner="Bob", budget=300.0, weeks=(27,), lever="BAU"),
    ]


_labels = st.sampled_from([None, "", "Alice", "alice", " Bob ", "Événement", "evenement"])
#: Lists of up to 15 action-plan rows, labels that fold alike, weeks that may not exist.
actions_strategy = st.lists(
    st.builds(
        Action,
        row=st.integers(1, 500),
        action=st.sampled_from(["Salon", "salon ", "Phoning", "Webinaire", ""]),
        type=_labels,
        owner=_labels,
        lever=_labels,
        budget=st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
        start_week=st.one_of(st.none(), st.integers(0, 54)),
        end_week=st.one_of(st.none(), st.integers(0, 54)),
        weeks=st.lists(st.integers(0, 54), max_size=6).map(tuple),
        year=st.one_of(st.none(), st.integers(2020, 2030)),
    ),
    max_size=15,
)
