"""Weighted forecast: per-deal values, period filter, grouping and its invariants."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.forecast import (
    NO_DATE,
    NO_OWNER,
    NO_STAGE,
    ForecastLine,
    closes_within,
    deal_probability,
    forecast_by,
    quarters_from_months,
    weighted_forecast,
    weighted_value,
)
from salespipe.core.model import Deal, StageTable, Status
from tests.core.factories import make_deal

STAGES = StageTable.default()
OPEN, WON, LOST = Status.OPEN, Status.WON, Status.LOST


def deal(
    row: int = 1, *, stage: str | None = "Suspect", status: Status = OPEN, **fields: Any
) -> Deal:
    """A deal with only the fields the forecast looks at."""
    return make_deal(row, stage=stage, status=status, **fields)


def test_three_deals_at_30_percent_forecast_45000() -> None:
    deals = [deal(i, amount=50_000, probability=0.30) for i in range(1, 4)]
    assert weighted_forecast(deals, STAGES) == pytest.approx(45_000, abs=0.005)


@pytest.mark.parametrize(
    ("stage", "probability", "expected"),
    [
        ("Négociation", None, 0.80),
        ("Négociation", 0.30, 0.30),
        ("Négociation", 0.0, 0.0),  # a typed 0 % is an override, not a blank
        ("RDV", None, 0.40),  # alias
        ("proposition envoyee", None, 0.60),  # case and accents
        ("Gagné", None, 1.0),
        (None, None, None),
        (None, 0.5, 0.5),
        ("Inconnue", None, None),
    ],
)
def test_deal_probability(
    stage: str | None, probability: float | None, expected: float | None
) -> None:
    assert deal_probability(deal(stage=stage, probability=probability), STAGES) == expected


@pytest.mark.parametrize(
    ("status", "stage", "amount", "probability", "expected"),
    [
        (WON, "Gagné", 12_000.0, None, 12_000.0),
        (WON, "Négociation", 12_000.0, 0.2, 12_000.0),  # won counts 100 %
        (WON, "Gagné", None, None, None),
        (LOST, "Perdu", 12_000.0, None, 0.0),
        (LOST, "Négociation", 12_000.0, 0.9, 0.0),
        (LOST, None, None, None, 0.0),
        (OPEN, "Proposition envoyée", 10_000.0, None, 6_000.0),
        (OPEN, "Proposition envoyée", 10_000.0, 0.25, 2_500.0),
        (OPEN, "Proposition envoyée", None, None, None),
        (OPEN, "Inconnue", 10_000.0, None, None),
        (OPEN, None, 10_000.0, 0.5, 5_000.0),
    ],
)
def test_weighted_value(
    status: Status,
    stage: str | None,
    amount: float | None,
    probability: float | None,
    expected: float | None,
) -> None:
    value = weighted_value(
        deal(stage=stage, status=status, amount=amount, probability=probability), STAGES
    )
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected, abs=0.005)


def _dated_deals() -> list[Deal]:
    # Négociation 80 %: 1 000 € weighs 800 €.
    return [
        deal(1, stage="Négociation", amount=1_000, close=date(2026, 1, 31)),
        deal(2, stage="Négociation", amount=2_000, close=date(2026, 2, 1)),
        deal(3, stage="Négociation", amount=4_000, close=date(2026, 2, 28)),
        deal(4, stage="Négociation", amount=8_000, close=date(2026, 3, 1)),
        deal(5, stage="Négociation", amount=16_000, close=None),
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, 24_800.0),  # every deal, the undated one too
        (date(2026, 2, 1), date(2026, 2, 28), 4_800.0),  # both bounds included
        (date(2026, 2, 1), None, 11_200.0),  # undated left out once a bound is given
        (None, date(2026, 2, 1), 2_400.0),
        (date(2026, 4, 1), date(2026, 4, 30), 0.0),
    ],
)
def test_weighted_forecast_period(start: date | None, end: date | None, expected: float) -> None:
    assert weighted_forecast(_dated_deals(), STAGES, start, end) == pytest.approx(
        expected, abs=0.005
    )


def test_closes_within_undated() -> None:
    undated = deal(close=None)
    assert closes_within(undated, None, None)
    assert not closes_within(undated, date(2026, 1, 1), None)
    assert not closes_within(undated, None, date(2026, 1, 1))


def test_weighted_forecast_mixes_won_lost_open() -> None:
    deals = [
        deal(1, stage="Gagné", status=WON, amount=30_000),
        deal(2, stage="Négociation", status=LOST, amount=99_000),
        deal(3, stage="Rendez-vous", amount=10_000),  # 40 % -> 4 000
        deal(4, stage="Inconnue", amount=50_000),  # no probability: adds nothing
        deal(5, stage="Suspect", amount=None),  # no amount: adds nothing
    ]
    assert weighted_forecast(deals, STAGES) == pytest.approx(34_000, abs=0.005)
    assert weighted_forecast([], STAGES) == 0.0


def _mixed_deals() -> list[Deal]:
    return [
        deal(1, stage="Gagné", status=WON, amount=10_000, close=date(2026, 3, 15), owner="Alice"),
        deal(2, stage="Négociation", amount=5_000, close=date(2026, 3, 31), owner="Bob"),
        deal(3, stage="Rendez-vous", amount=20_000, close=date(2026, 4, 1), owner="Alice"),
        deal(4, stage="Suspect", amount=1_000, close=date(2025, 12, 1), owner=None),
        deal(5, stage="Proposition", amount=3_000, close=None, owner="Bob"),
        deal(6, stage="Négociation", status=LOST, amount=7_000, close=date(2026, 5, 5)),
        deal(7, stage="Inconnue", amount=2_000, close=date(2026, 4, 2), owner="Chloé"),
    ]


def test_forecast_by_month() -> None:
    lines = forecast_by(_mixed_deals(), STAGES, "month")
    assert lines == [
        ForecastLine("2025-12", 0.0, 100.0, 1_000.0, 100.0, 1),
        ForecastLine("2026-03", 10_000.0, 4_000.0, 5_000.0, 14_000.0, 2),
        # deal 7's probability is unknown: its amount is open, its weight is not.
        ForecastLine("2026-04", 0.0, 8_000.0, 22_000.0, 8_000.0, 2),
        ForecastLine(NO_DATE, 0.0, 1_800.0, 3_000.0, 1_800.0, 1),
    ]  # the lost deal of May makes no line


def test_forecast_by_quarter_keys_and_order() -> None:
    lines = forecast_by(_mixed_deals(), STAGES, "quarter")
    assert [(line.key, line.forecast, line.deals) for line in lines] == [
        ("2025-T4", pytest.approx(100.0), 1),
        ("2026-T1", pytest.approx(14_000.0), 2),
        ("2026-T2", pytest.approx(8_000.0), 2),
        (NO_DATE, pytest.approx(1_800.0), 1),
    ]


@pytest.mark.parametrize(
    ("close", "key"),
    [
        (date(2026, 1, 1), "2026-T1"),
        (date(2026, 3, 31), "2026-T1"),
        (date(2026, 4, 1), "2026-T2"),
        (date(2026, 9, 30), "2026-T3"),
        (date(2026, 10, 1), "2026-T4"),
        (date(2026, 12, 31), "2026-T4"),
    ],
)
def test_forecast_by_quarter_boundaries(close: date, key: str) -> None:
    lines = forecast_by([deal(close=close, amount=100)], STAGES, "quarter")
    assert [line.key for line in lines] == [key]


def test_forecast_by_owner_sorted_by_forecast_descending() -> None:
    lines = forecast_by(_mixed_deals(), STAGES, "owner")
    assert [(line.key, line.forecast) for line in lines] == [
        ("Alice", pytest.approx(18_000.0)),
        ("Bob", pytest.approx(5_800.0)),
        (NO_OWNER, pytest.approx(100.0)),
        ("Chloé", pytest.approx(0.0)),
    ]


def test_forecast_by_owner_ties_by_name() -> None:
    deals = [deal(1, amount=100, owner="Zoé"), deal(2, amount=100, owner="Adam")]
    assert [line.key for line in forecast_by(deals, STAGES, "owner")] == ["Adam", "Zoé"]


def test_forecast_by_stage_in_table_order() -> None:
    deals = [
        *_mixed_deals(),
        deal(8, stage=None, amount=500, probability=0.5),
        deal(9, stage="rdv", amount=1_000),  # alias groups under the canonical name
    ]
    lines = forecast_by(deals, STAGES, "stage")
    assert [(line.key, line.forecast, line.deals) for line in lines] == [
        ("Suspect", pytest.approx(100.0), 1),
        ("Rendez-vous", pytest.approx(8_400.0), 2),
        ("Proposition envoyée", pytest.approx(1_800.0), 1),
        ("Négociation", pytest.approx(4_000.0), 1),
        ("Gagné", pytest.approx(10_000.0), 1),
        ("Inconnue", pytest.approx(0.0), 1),
        (NO_STAGE, pytest.approx(250.0), 1),
    ]


def test_forecast_by_period_filter_and_lost_only() -> None:
    lines = forecast_by(_mixed_deals(), STAGES, "month", date(2026, 3, 1), date(2026, 3, 31))
    assert [line.key for line in lines] == ["2026-03"]
    lost = [deal(1, status=LOST, amount=1_000, close=date(2026, 1, 1))]
    assert forecast_by(lost, STAGES, "month") == []


def test_forecast_by_rejects_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="week"):
        forecast_by([], STAGES, "week")  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------

STAGE_NAMES = [*STAGES.names, "rdv", "Inconnue", None]
amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=1e7))
probabilities = st.one_of(st.none(), st.floats(min_value=0, max_value=1))
dates = st.one_of(st.none(), st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))


@st.composite
def deals_strategy(draw: st.DrawFn, statuses: tuple[Status, ...] = (OPEN, WON, LOST)) -> Deal:
    return deal(
        draw(st.integers(min_value=1, max_value=10_000)),
        stage=draw(st.sampled_from(STAGE_NAMES)),
        status=draw(st.sampled_from(statuses)),
        amount=draw(amounts),
        probability=draw(probabilities),
        close=draw(dates),
        owner=draw(st.sampled_from([None, "Alice", "Bob", ""])),
    )


def _amounts(deals: list[Deal], status: Status) -> float:
    return sum(d.amount or 0.0 for d in deals if d.status == status)


@given(st.lists(deals_strategy()))
def test_forecast_between_zero_and_open_plus_won_amounts(deals: list[Deal]) -> None:
    forecast = weighted_forecast(deals, STAGES)
    ceiling = _amounts(deals, OPEN) + _amounts(deals, WON)
    assert -1e-6 <= forecast <= ceiling * (1 + 1e-9) + 1e-6


@given(st.lists(deals_strategy(statuses=(OPEN,))))
def test_open_only_forecast_between_zero_and_open_amounts(deals: list[Deal]) -> None:
    forecast = weighted_forecast(deals, STAGES)
    assert -1e-6 <= forecast <= _amounts(deals, OPEN) * (1 + 1e-9) + 1e-6


@given(
    st.lists(deals_strategy()),
    st.sampled_from(["month", "quarter", "owner", "stage"]),
    dates,
    dates,
)
def test_forecast_by_lines_sum_to_weighted_forecast(
    deals: list[Deal], by: str, start: date | None, end: date | None
) -> None:
    lines = forecast_by(deals, STAGES, by, start, end)  # type: ignore[arg-type]
    total = weighted_forecast(deals, STAGES, start, end)
    assert sum(line.forecast for line in lines) == pytest.approx(total, rel=1e-9, abs=1e-6)
    kept = [d for d in deals if d.status != LOST and closes_within(d, start, end)]
    assert sum(line.deals for line in lines) == len(kept)
    assert len({line.key for line in lines}) == len(lines)


@given(st.lists(deals_strategy(), max_size=40))
def test_quarters_rolled_up_from_months_equal_forecast_by_quarter(deals: list[Deal]) -> None:
    rolled = quarters_from_months(forecast_by(deals, STAGES, "month"))
    direct = forecast_by(deals, STAGES, "quarter")
    assert [line.key for line in rolled] == [line.key for line in direct]
    for mine, theirs in zip(rolled, direct, strict=True):
        assert mine.deals == theirs.deals
        for name in ("won", "weighted_open", "open_amount", "forecast"):
            assert getattr(mine, name) == pytest.approx(getattr(theirs, name), abs=1e-6)
