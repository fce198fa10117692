"""Back-calculation of prospects and pipeline from a sales target."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.errors import InputError
from salespipe.core.metrics.targets import (
    required_deals_for_revenue,
    required_pipeline,
    required_prospects,
)
from salespipe.core.model import Deal, StageTable, Status

STAGES = StageTable.default()
OPEN, WON, LOST = Status.OPEN, Status.WON, Status.LOST
GARAGE = [("Audience touchée", 0.20), ("Visiteurs du garage", 0.0025)]


def deal(row: int = 1, *, stage: str, status: Status, amount: float | None = None) -> Deal:
    """A deal with only the fields the pipeline back-calculation looks at."""
    return Deal(
        row=row, deal_id=f"D{row}", name=f"Affaire {row}", stage=stage, status=status, amount=amount
    )


def _many(count: int, stage: str, status: Status) -> list[Deal]:
    return [deal(stage=stage, status=status) for _ in range(count)]


def test_garage_example_400_visitors_per_car() -> None:
    assert required_prospects(1, GARAGE[1:]) == [("Visiteurs du garage", 400)]


def test_garage_example_2000_suspects_per_sale() -> None:
    assert required_prospects(1, GARAGE) == [
        ("Audience touchée", 2_000),
        ("Visiteurs du garage", 400),
    ]


def test_garage_example_15_sales_need_30000_people() -> None:
    assert required_prospects(15, GARAGE) == [
        ("Audience touchée", 30_000),
        ("Visiteurs du garage", 6_000),
    ]


@pytest.mark.parametrize(
    ("target", "rates", "expected"),
    [
        (1, [("Leads", 0.3)], [("Leads", 4)]),  # 3.33 -> 4: a real fraction rounds up
        (10, [("Leads", 0.5), ("RDV", 0.5)], [("Leads", 40), ("RDV", 20)]),
        (7, [("Leads", 1.0)], [("Leads", 7)]),
        (0, GARAGE, [("Audience touchée", 0), ("Visiteurs du garage", 0)]),
        (2.5, [("Leads", 0.5)], [("Leads", 5)]),
        # float noise must not add a person: 21 / 0.7 = 30.000000000000004,
        # 7 / (0.35 x 0.01) = 2000.0000000000002
        (21, [("Leads", 0.7)], [("Leads", 30)]),
        (7, [("Audience", 0.35), ("Visiteurs", 0.01)], [("Audience", 2_000), ("Visiteurs", 700)]),
        (3, [], []),
    ],
)
def test_required_prospects(
    target: float, rates: list[tuple[str, float]], expected: list[tuple[str, int]]
) -> None:
    assert required_prospects(target, rates) == expected


@pytest.mark.parametrize(
    ("target", "rates", "message"),
    [
        (10, [("Leads", 0.0)], "Leads"),
        (10, [("Leads", -0.1)], "Leads"),
        (10, [("Leads", 1.5)], "Leads"),
        (10, [("Leads", math.nan)], "Leads"),
        (-1, [("Leads", 0.5)], "target"),
        (math.nan, [("Leads", 0.5)], "target"),
        (math.inf, [("Leads", 0.5)], "target"),
    ],
)
def test_required_prospects_rejects_bad_input(
    target: float, rates: list[tuple[str, float]], message: str
) -> None:
    with pytest.raises(InputError) as caught:  # a ValueError
        required_prospects(target, rates)
    assert isinstance(caught.value, ValueError)
    assert re.search(message, caught.value.message("en"))


@pytest.mark.parametrize(
    ("revenue", "average", "expected"),
    [
        (100_000, 25_000, 4),
        (100_001, 25_000, 5),
        (0.3, 0.1, 3),  # 2.9999999999999996 in floats
        (0, 25_000, 0),
        (45_000, 50_000, 1),
    ],
)
def test_required_deals_for_revenue(revenue: float, average: float, expected: int) -> None:
    assert required_deals_for_revenue(revenue, average) == expected


@pytest.mark.parametrize(
    ("revenue", "average"), [(-1, 1_000), (1_000, 0), (1_000, -5), (1_000, math.nan)]
)
def test_required_deals_for_revenue_rejects_bad_input(revenue: float, average: float) -> None:
    with pytest.raises(ValueError):
        required_deals_for_revenue(revenue, average)


def _history() -> list[Deal]:
    # Won 3, two with an amount (average 25 000 €). From the bottom of the funnel:
    # Négociation 3 moved / 1 lost -> 3/4; Proposition 4 moved / 4 lost -> 1/2;
    # Rendez-vous 8 moved / 0 lost -> 1; Prospect qualifié 8 / 8 -> 1/2; Suspect 16 / 16 -> 1/2.
    return [
        deal(stage="Gagné", status=WON, amount=20_000),
        deal(stage="Gagné", status=WON, amount=30_000),
        deal(stage="Gagné", status=WON, amount=None),  # counts as won, not in the average
        *_many(1, "Négociation", LOST),
        *_many(4, "Proposition envoyée", LOST),
        *_many(8, "Prospect qualifié", LOST),
        *_many(16, "Suspect", LOST),
        deal(stage="Perdu", status=LOST),  # not in the funnel
    ]


def test_required_pipeline() -> None:
    # 100 000 € / 25 000 € = 4 deals to win; products of conversions from each stage down:
    #   Négociation 4 / (3/4) = 5.33 -> 6; Proposition 4 / (3/8) = 10.67 -> 11;
    #   Rendez-vous 11 (same product); Prospect qualifié 4 / (3/16) = 21.3 -> 22;
    #   Suspect 4 / (3/32) = 42.67 -> 43.
    assert required_pipeline(100_000, _history(), STAGES) == [
        ("Suspect", 43),
        ("Prospect qualifié", 22),
        ("Rendez-vous", 11),
        ("Proposition envoyée", 11),
        ("Négociation", 6),
    ]


def test_required_pipeline_with_halving_funnel() -> None:
    deals = [d for d in _history() if d.amount is not None or d.status != WON]
    deals.append(deal(stage="Négociation", status=LOST))
    # Conversions 1/2, 1/2, 1, 1/2, 1/2 (bottom up 2/4, 4/8, 8/8, 8/16, 16/32); 4 to win.
    assert required_pipeline(100_000, deals, STAGES) == [
        ("Suspect", 64),
        ("Prospect qualifié", 32),
        ("Rendez-vous", 16),
        ("Proposition envoyée", 16),
        ("Négociation", 8),
    ]


@pytest.mark.parametrize(
    "deals",
    [
        [],
        _many(5, "Suspect", LOST),  # no won deal
        [deal(stage="Gagné", status=WON, amount=None)],  # no won amount
        [deal(stage="Gagné", status=WON, amount=0.0)],  # average 0
    ],
)
def test_required_pipeline_empty_when_history_cannot_tell(deals: list[Deal]) -> None:
    assert required_pipeline(100_000, deals, STAGES) == []


def test_required_pipeline_rejects_negative_target() -> None:
    with pytest.raises(ValueError):
        required_pipeline(-1, _history(), STAGES)


rates_strategy = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C"]), st.floats(min_value=0.001, max_value=1.0)),
    max_size=5,
)


@given(st.floats(min_value=0, max_value=1e6), rates_strategy)
def test_required_prospects_cover_the_target_and_widen_upwards(
    target: float, rates: list[tuple[str, float]]
) -> None:
    needed = required_prospects(target, rates)
    assert [name for name, _ in needed] == [name for name, _ in rates]
    counts = [count for _, count in needed]
    assert counts == sorted(counts, reverse=True)
    for i, (_, count) in enumerate(needed):
        # Enough people at level i to make the target through the remaining rates.
        assert count * math.prod(rate for _, rate in rates[i:]) >= target * (1 - 1e-9) - 1e-9
