"""Funnel: per-stage counts and conversions, conversion between stages, win rate, coverage."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest import approx

from salespipe.core.metrics.funnel import (
    FunnelStage,
    conversion_rate,
    pipeline_coverage,
    remaining_target,
    stage_funnel,
    win_rate,
)
from salespipe.core.model import Deal, Stage, StageTable, Status
from tests.core.factories import make_deal

STAGES = StageTable.default()
OPEN, WON, LOST = Status.OPEN, Status.WON, Status.LOST


def deal(row: int = 1, *, stage: str | None, status: Status = OPEN, **fields: Any) -> Deal:
    """A deal with only the fields the funnel looks at."""
    return make_deal(row, stage=stage, status=status, **fields)


def _many(count: int, stage: str | None, status: Status, amount: float | None = None) -> list[Deal]:
    return [deal(stage=stage, status=status, amount=amount) for _ in range(count)]


def _sample() -> list[Deal]:
    """A hand-made pipeline; the funnel below was worked out on paper from it."""
    return [
        deal(stage="Gagné", status=WON, amount=10_000),
        deal(stage="Négociation", status=WON, amount=20_000),  # won counts past every stage
        *_many(3, "Suspect", LOST),
        deal(stage="Lead", amount=1_000),  # alias of Suspect
        *_many(2, "Rendez-vous", LOST),
        deal(stage="Proposition envoyée", amount=5_000),
        deal(stage="Proposition envoyée", amount=None),
        deal(stage="Négociation", status=LOST),
        deal(stage="Négociation", amount=8_000),
        deal(stage="Perdu", status=LOST),  # lost, stage unknown: win rate only
        deal(stage=None, status=LOST),
        deal(stage=None),  # open without a stage: left out
        deal(stage="Inconnue"),
    ]


def test_stage_funnel_worked_example() -> None:
    # From the last open stage up: moved on = reached of the next stage (won = 2).
    #   Négociation: moved 2, lost 1, open 1 -> reached 4, conv 2/3, cum 2/3
    #   Proposition: moved 4, lost 0, open 2 -> reached 6, conv 1,   cum 2/3
    #   Rendez-vous: moved 6, lost 2, open 0 -> reached 8, conv 3/4, cum 1/2
    #   Prospect q.: moved 8, lost 0, open 0 -> reached 8, conv 1,   cum 1/2
    #   Suspect:     moved 8, lost 3, open 1 -> reached 12, conv 8/11, cum 4/11
    # The stage-to-stage rate CRMs show is moved on / reached: 8/12, 8/8, 6/8, 4/6, 2/4;
    # it is lower than the decided-deals conversion wherever deals are still open.
    assert [astuple(line) for line in stage_funnel(_sample(), STAGES)] == [
        ("Suspect", 12, 8, 3, 1, approx(8 / 11), approx(4 / 11), 1_000.0, approx(8 / 12)),
        ("Prospect qualifié", 8, 8, 0, 0, 1.0, approx(0.5), 0.0, 1.0),
        ("Rendez-vous", 8, 6, 2, 0, 0.75, approx(0.5), 0.0, 0.75),
        ("Proposition envoyée", 6, 4, 0, 2, 1.0, approx(2 / 3), 5_000.0, approx(4 / 6)),
        ("Négociation", 4, 2, 1, 1, approx(2 / 3), approx(2 / 3), 8_000.0, 0.5),
        ("Gagné", 2, 0, 0, 0, None, 1.0, 0.0, None),
    ]
    # The tables of every front end show a line in that same column order.
    assert all(line.values() == list(astuple(line)) for line in stage_funnel(_sample(), STAGES))


def test_stage_funnel_empty() -> None:
    lines = stage_funnel([], STAGES)
    assert [line.stage for line in lines] == [*(s.name for s in STAGES.open_stages), "Gagné"]
    assert all(line.reached == 0 for line in lines)
    assert all(line.conversion is None and line.cumulative_conversion is None for line in lines)
    assert all(line.reached_conversion is None for line in lines)  # nothing reached


def test_stage_funnel_only_won_deals_convert_fully() -> None:
    lines = stage_funnel(_many(3, "Gagné", WON), STAGES)
    assert [(line.reached, line.moved_on, line.conversion) for line in lines[:-1]] == [
        (3, 3, 1.0)
    ] * 5
    assert lines[-1] == FunnelStage("Gagné", 3, 0, 0, 0, None, 1.0, 0.0)


def test_cumulative_is_none_when_a_later_stage_has_no_decision() -> None:
    # Nobody decided at Négociation (one open deal, none won or lost there).
    deals = [*_many(2, "Suspect", LOST), deal(stage="Négociation")]
    lines = stage_funnel(deals, STAGES)
    assert lines[0].conversion == pytest.approx(1 / 3)
    assert lines[0].cumulative_conversion is None
    assert lines[4].conversion is None
    assert lines[-1].cumulative_conversion is None


def test_all_lost_at_last_stage_gives_zero() -> None:
    lines = stage_funnel(_many(2, "Négociation", LOST), STAGES)
    assert lines[4].conversion == 0.0
    assert lines[0].cumulative_conversion == 0.0


def test_stage_funnel_follows_the_users_table() -> None:
    table = StageTable(
        (
            Stage("Devis", 2, 0.5),
            Stage("Contact", 1, 0.1),
            Stage("Signé", 3, 1.0, is_won=True),
            Stage("Abandon", 4, 0.0, is_lost=True),
        )
    )
    deals = [
        deal(stage="Contact", status=LOST),
        deal(stage="Devis"),
        deal(stage="Signé", status=WON),
    ]
    lines = stage_funnel(deals, table)
    assert [(line.stage, line.reached, line.conversion) for line in lines] == [
        ("Contact", 3, pytest.approx(2 / 3)),
        ("Devis", 2, 1.0),
        ("Signé", 1, None),
    ]


@pytest.mark.parametrize(
    ("from_stage", "to_stage", "expected"),
    [
        ("Suspect", "Gagné", 4 / 11),  # equals the funnel's cumulative conversion
        ("Rendez-vous", "Proposition envoyée", 0.75),
        ("rdv", "negociation", 0.75),  # 3/4 x 1; aliases and accents
        ("Suspect", "Rendez-vous", 8 / 11),
        ("Négociation", "Won", 2 / 3),
        ("Rendez-vous", "RDV", 1.0),
    ],
)
def test_conversion_rate(from_stage: str, to_stage: str, expected: float) -> None:
    assert conversion_rate(_sample(), STAGES, from_stage, to_stage) == pytest.approx(expected)


def test_conversion_rate_equals_decided_share_without_open_deals_between() -> None:
    # Reached Rendez-vous: 10. Lost before Négociation: 2 at RDV, 3 at Proposition;
    # reached Négociation: 5 (2 open there, 3 won). Share 5 / 10 = (8/10) x (5/8).
    deals = [
        *_many(2, "Rendez-vous", LOST),
        *_many(3, "Proposition envoyée", LOST),
        *_many(2, "Négociation", OPEN),
        *_many(3, "Gagné", WON),
    ]
    assert conversion_rate(deals, STAGES, "Rendez-vous", "Négociation") == pytest.approx(0.5)


def test_conversion_rate_none_when_nobody_decided() -> None:
    deals = [deal(stage="Suspect")]
    assert conversion_rate(deals, STAGES, "Suspect", "Prospect qualifié") is None
    assert conversion_rate([], STAGES, "Suspect", "Suspect") is None


def test_conversion_rate_unknown_stage_raises_key_error_with_name() -> None:
    with pytest.raises(KeyError, match="Signature"):
        conversion_rate([], STAGES, "Suspect", "Signature")
    with pytest.raises(KeyError, match="Inconnue"):
        conversion_rate([], STAGES, "Inconnue", "Gagné")


@pytest.mark.parametrize(
    ("from_stage", "to_stage"),
    [("Négociation", "Suspect"), ("Suspect", "Perdu"), ("Gagné", "Gagné"), ("Gagné", "Suspect")],
)
def test_conversion_rate_rejects_impossible_pairs(from_stage: str, to_stage: str) -> None:
    with pytest.raises(ValueError):
        conversion_rate([], STAGES, from_stage, to_stage)


def test_win_rate() -> None:
    # 2 won, 8 lost (3 + 2 + 1 in the funnel, 2 whose stage is unknown); open ignored.
    assert win_rate(_sample()) == pytest.approx(0.2)
    assert win_rate(_many(3, "Suspect", OPEN)) is None
    assert win_rate([]) is None


def test_pipeline_coverage_is_of_what_remains_to_win() -> None:
    """Open deals weigh 8 000 + 6 000 (March) + 1 000 (April) = 15 000 € (30 000 € of
    amounts); 10 000 € were won in March. Target 40 000 €: 30 000 € remain, covered
    15 000 / 30 000 = 50 % weighted, 30 000 / 30 000 = 100 % unweighted. March alone,
    target 24 000 €: 14 000 remain, 14 000 / 14 000 = 100 % weighted, 20 000 / 14 000
    unweighted. The lost deal counts nowhere."""
    deals = [
        deal(stage="Négociation", amount=10_000, close=date(2026, 3, 10)),  # 8 000
        deal(stage="Proposition envoyée", amount=10_000, close=date(2026, 3, 20)),  # 6 000
        deal(stage="Suspect", amount=10_000, close=date(2026, 4, 1)),  # 1 000
        deal(stage="Gagné", status=WON, amount=10_000, close=date(2026, 3, 5)),
        deal(stage="Négociation", status=LOST, amount=50_000, close=date(2026, 3, 5)),
    ]
    assert remaining_target(deals, STAGES, 40_000) == 30_000
    assert pipeline_coverage(deals, STAGES, 40_000) == pytest.approx(0.5)
    assert pipeline_coverage(deals, STAGES, 40_000, weighted=False) == pytest.approx(1.0)
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert remaining_target(deals, STAGES, 24_000, *march) == 14_000
    assert pipeline_coverage(deals, STAGES, 24_000, *march) == pytest.approx(1.0)
    unweighted = pipeline_coverage(deals, STAGES, 24_000, *march, weighted=False)
    assert unweighted == pytest.approx(20_000 / 14_000)


def test_no_coverage_once_the_target_is_reached() -> None:
    """10 000 € won in March against a 10 000 € (then 8 000 €) target: nothing remains
    (0, then −2 000 €), so there is no ratio to show."""
    deals = [
        deal(stage="Négociation", amount=10_000, close=date(2026, 3, 10)),
        deal(stage="Gagné", status=WON, amount=10_000, close=date(2026, 3, 5)),
    ]
    assert remaining_target(deals, STAGES, 10_000) == 0
    assert remaining_target(deals, STAGES, 8_000) == -2_000
    assert pipeline_coverage(deals, STAGES, 10_000) is None
    assert pipeline_coverage(deals, STAGES, 8_000, weighted=False) is None


@pytest.mark.parametrize("target", [0.0, -1_000.0, float("nan")])
def test_pipeline_coverage_none_without_positive_target(target: float) -> None:
    assert pipeline_coverage([deal(stage="Suspect", amount=1_000)], STAGES, target) is None


# --- properties -----------------------------------------------------------------------

STAGE_NAMES = [*STAGES.names, "RDV", "Inconnue", None]


@st.composite
def deals_strategy(draw: st.DrawFn) -> Deal:
    return deal(
        stage=draw(st.sampled_from(STAGE_NAMES)),
        status=draw(st.sampled_from([OPEN, WON, LOST])),
        amount=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=1e7))),
    )


@given(st.lists(deals_strategy()))
def test_funnel_properties(deals: list[Deal]) -> None:
    lines = stage_funnel(deals, STAGES)
    for line in lines:
        if line.conversion is not None:
            assert 0.0 <= line.conversion <= 1.0
            if line.cumulative_conversion is not None:
                assert 0.0 <= line.cumulative_conversion <= line.conversion + 1e-12
    reached = [line.reached for line in lines]
    assert reached == sorted(reached, reverse=True)
    for line in lines[:-1]:
        assert line.reached == line.moved_on + line.lost_at + line.open_at
    for line, below in pairwise(lines):
        assert line.moved_on == below.reached


@given(st.lists(deals_strategy()))
def test_conversion_to_won_matches_cumulative(deals: list[Deal]) -> None:
    lines = stage_funnel(deals, STAGES)
    for line in lines[:-1]:
        rate = conversion_rate(deals, STAGES, line.stage, "Gagné")
        if line.cumulative_conversion is None:
            assert rate is None
        else:
            assert rate == pytest.approx(line.cumulative_conversion)
