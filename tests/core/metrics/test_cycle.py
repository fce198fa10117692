"""Sales cycle and time in stage."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.cycle import (
    CycleStats,
    StageTransition,
    cycle_stats,
    days_in_current_stage,
    sales_cycle,
    sales_cycle_by_owner,
    sales_cycle_days,
    sales_cycles,
    slowest_stage,
    time_in_current_stage,
    time_in_stage,
)
from salespipe.core.metrics.forecast import NO_OWNER
from salespipe.core.model import Deal, Status
from tests.core.factories import make_deal

OPEN, WON, LOST = Status.OPEN, Status.WON, Status.LOST
EMPTY = CycleStats(0, None, None, None, None)


def deal(row: int = 1, *, status: Status = WON, **fields: Any) -> Deal:
    """A deal with only the fields the cycle computations look at."""
    stage = "Gagné" if status == WON else "Négociation"
    return make_deal(row, stage=stage, status=status, **fields)


def won_after(days_later: int, owner: str | None = None) -> Deal:
    """A won deal created on 1 January 2026 and signed ``days_later`` days after."""
    created = date(2026, 1, 1)
    return deal(
        created=created, close=date.fromordinal(created.toordinal() + days_later), owner=owner
    )


@pytest.mark.parametrize(
    ("status", "created", "close", "expected"),
    [
        (WON, date(2026, 1, 1), date(2026, 3, 2), 60),  # 31 (Jan) + 28 (Feb) + 1
        (WON, date(2024, 2, 1), date(2024, 3, 1), 29),  # leap year
        (WON, date(2026, 5, 5), date(2026, 5, 5), 0),
        (WON, date(2026, 5, 5), date(2026, 5, 4), None),  # closed before created
        (WON, None, date(2026, 5, 5), None),
        (WON, date(2026, 5, 5), None, None),
        (OPEN, date(2026, 1, 1), date(2026, 3, 2), None),
        (LOST, date(2026, 1, 1), date(2026, 3, 2), None),
    ],
)
def test_sales_cycle_days(
    status: Status, created: date | None, close: date | None, expected: int | None
) -> None:
    assert sales_cycle_days(deal(status=status, created=created, close=close)) == expected


def test_sales_cycle_odd_count() -> None:
    deals = [won_after(60), won_after(10), won_after(20), deal(status=OPEN), deal(created=None)]
    assert sales_cycle(deals) == CycleStats(3, 30.0, 20.0, 10, 60)


def test_sales_cycle_even_count() -> None:
    deals = [won_after(10), won_after(20), won_after(30), won_after(61)]
    assert sales_cycle(deals) == CycleStats(4, 30.25, 25.0, 10, 61)


def test_sales_cycle_without_won_deals() -> None:
    assert sales_cycle([deal(status=OPEN), deal(status=LOST)]) == EMPTY
    assert sales_cycle([]) == EMPTY


def test_sales_cycle_by_owner() -> None:
    deals = [
        won_after(10, "Alice"),
        won_after(30, "Alice"),
        won_after(5, "Bob"),
        won_after(7, None),
        deal(owner="Chloé"),  # won but undated
        deal(status=OPEN, created=date(2026, 1, 1), close=date(2026, 2, 1), owner="David"),
    ]
    assert sales_cycle_by_owner(deals) == {
        NO_OWNER: CycleStats(1, 7.0, 7.0, 7, 7),
        "Alice": CycleStats(2, 20.0, 20.0, 10, 30),
        "Bob": CycleStats(1, 5.0, 5.0, 5, 5),
        "Chloé": EMPTY,
    }
    # The report's walk: both figures at once, the whole cycle over every owner's deals.
    assert sales_cycles(deals) == (CycleStats(4, 13.0, 8.5, 5, 30), sales_cycle_by_owner(deals))
    assert sales_cycles(deals)[0] == sales_cycle(deals)


def _transitions() -> list[StageTransition]:
    return [
        StageTransition("D1", "Suspect", date(2026, 1, 1), date(2026, 1, 11)),  # 10
        StageTransition("D1", "Proposition envoyée", date(2026, 1, 11), date(2026, 2, 10)),  # 30
        StageTransition("D1", "Négociation", date(2026, 2, 10), date(2026, 2, 20)),  # 10
        StageTransition("D2", "Suspect", date(2026, 1, 5), date(2026, 1, 25)),  # 20
        StageTransition("D2", "Proposition envoyée", date(2026, 1, 25), None),  # 35 to 1 March
    ]


def test_time_in_stage() -> None:
    stats = time_in_stage(_transitions(), as_of=date(2026, 3, 1))
    assert stats == {
        "Suspect": CycleStats(2, 15.0, 15.0, 10, 20),
        "Proposition envoyée": CycleStats(2, 32.5, 32.5, 30, 35),
        "Négociation": CycleStats(1, 10.0, 10.0, 10, 10),
    }


def test_time_in_stage_ignores_negative_stays() -> None:
    transitions = [
        StageTransition("D1", "Suspect", date(2026, 2, 1), date(2026, 1, 1)),
        StageTransition("D2", "Suspect", date(2026, 4, 1), None),  # after as_of
        StageTransition("D3", "RDV", date(2026, 2, 1), None),
    ]
    assert time_in_stage(transitions, as_of=date(2026, 3, 1)) == {
        "Suspect": EMPTY,
        "RDV": CycleStats(1, 28.0, 28.0, 28, 28),
    }


def test_proposal_stage_takes_over_half_the_cycle() -> None:
    stats = time_in_stage(_transitions(), as_of=date(2026, 3, 1))
    # Means 15 + 32.5 + 10 = 57.5 days; the proposal stage takes 32.5 / 57.5 = 13/23.
    result = slowest_stage(stats)
    assert result is not None
    stage, share = result
    assert stage == "Proposition envoyée"
    assert share == pytest.approx(13 / 23)
    assert share > 0.5


def test_slowest_stage_without_data() -> None:
    assert slowest_stage({}) is None
    assert slowest_stage({"Suspect": EMPTY}) is None
    assert slowest_stage({"Suspect": CycleStats(1, 0.0, 0.0, 0, 0)}) is None


@pytest.mark.parametrize(
    ("status", "entered", "expected"),
    [
        (OPEN, date(2026, 2, 1), 28),
        (OPEN, date(2026, 3, 1), 0),
        (OPEN, date(2026, 3, 2), None),  # entered after as_of
        (OPEN, None, None),
        (WON, date(2026, 2, 1), None),
        (LOST, date(2026, 2, 1), None),
    ],
)
def test_days_in_current_stage(status: Status, entered: date | None, expected: int | None) -> None:
    subject = deal(status=status, stage_entered=entered)
    assert days_in_current_stage(subject, as_of=date(2026, 3, 1)) == expected


@given(st.lists(st.integers(min_value=0, max_value=5_000)))
def test_cycle_stats_are_ordered(days: list[int]) -> None:
    stats = cycle_stats(days)
    assert stats.count == len(days)
    if days:
        assert stats.min_days is not None and stats.max_days is not None
        assert stats.mean_days is not None and stats.median_days is not None
        assert stats.min_days <= stats.median_days <= stats.max_days
        assert stats.min_days - 1e-9 <= stats.mean_days <= stats.max_days + 1e-9
    else:
        assert stats == EMPTY


@given(
    st.dictionaries(
        st.sampled_from(["Suspect", "RDV", "Devis", "Négociation"]),
        st.floats(min_value=0, max_value=1_000),
    )
)
def test_slowest_stage_share_is_a_fraction_and_the_largest(means: dict[str, float]) -> None:
    stats = {stage: CycleStats(1, mean, mean, None, None) for stage, mean in means.items()}
    result = slowest_stage(stats)
    if sum(means.values()) <= 0:
        assert result is None
    else:
        assert result is not None
        stage, share = result
        assert 0 < share <= 1
        assert means[stage] == max(means.values())


def test_time_in_current_stage_counts_open_deals_with_a_stage_entered_date() -> None:
    as_of = date(2026, 11, 23)
    deals = [
        deal(1, status=OPEN, stage_entered=date(2026, 11, 13)),  # Négociation, 10 days
        deal(2, status=OPEN, stage_entered=date(2026, 11, 3)),  # Négociation, 20 days
        deal(3, status=OPEN),  # no date: not counted
        deal(4, status=WON, stage_entered=date(2026, 1, 1)),  # closed: not counted
        deal(5, status=OPEN, stage_entered=date(2026, 12, 1)),  # in the future: not counted
    ]
    stats = time_in_current_stage(deals, as_of)
    assert list(stats) == ["Négociation"]
    assert stats["Négociation"] == CycleStats(2, 15.0, 15.0, 10, 20)
