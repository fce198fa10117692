"""Rotting deals: open deals idle longer than their stage's expected days."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

import pytest

from salespipe.core.metrics.cycle import days_in_current_stage, time_in_current_stage
from salespipe.core.metrics.rotting import RottingDeal, idle_since, rotting_deals
from salespipe.core.model import Stage, StageTable, Status
from tests.core.factories import make_deal, many_open_deals

D = date
STAGES = StageTable.default()
# Wednesday 6 May 2026.
AS_OF = D(2026, 5, 6)


def test_rotting_deals_against_stage_expected_days() -> None:
    # Expected days: Suspect 14, Rendez-vous 21, Proposition envoyée 30, Négociation 21.
    deals = [
        make_deal(2, stage="Proposition envoyée", stage_entered=D(2026, 3, 1)),  # 66 days
        make_deal(3, stage="Suspect", last_contact=D(2026, 4, 20)),  # 16 days
        make_deal(4, stage="Négociation", created=D(2026, 4, 15)),  # 21 days: not over
        make_deal(5, stage="Négociation", created=D(2026, 4, 14)),  # 22 days
        make_deal(6, stage="Suspect"),  # no date at all
        make_deal(7, stage="Inconnue", created=D(2025, 1, 1)),  # unknown stage
        make_deal(8, stage="Gagné", status=Status.WON, created=D(2025, 1, 1)),
        # 35 days in stage, but contacted yesterday: idle 1 day, not rotting
        make_deal(9, stage="Rendez-vous", stage_entered=D(2026, 4, 1), last_contact=D(2026, 5, 5)),
        # contacted 40 days ago, in stage for 25 (since 11 April): idle 25 > 21
        make_deal(
            10, stage="Rendez-vous", stage_entered=D(2026, 4, 11), last_contact=D(2026, 3, 27)
        ),
        make_deal(11, stage="Suspect", last_contact=D(2026, 4, 20), owner="Léa"),  # ties with row 3
    ]
    result = rotting_deals(deals, STAGES, AS_OF)
    assert [(r.row, r.idle_days, r.expected_days) for r in result] == [
        (2, 66, 30),
        (10, 25, 21),
        (3, 16, 14),
        (11, 16, 14),
        (5, 22, 21),
    ]
    assert result[3] == RottingDeal(
        row=11,
        deal_id="D11",
        deal_name="Affaire 11",
        owner="Léa",
        stage="Suspect",
        idle_days=16,
        expected_days=14,
        since=D(2026, 4, 20),
    )


# « Proposition envoyée » expected in 7 days, for the cases below.
SEVEN = StageTable(
    (
        Stage("Proposition envoyée", 1, 0.6, expected_days=7),
        Stage("Gagné", 2, 1.0, is_won=True),
        Stage("Perdu", 3, 0.0, is_lost=True),
    )
)


def test_a_contact_restarts_the_idle_clock_but_not_the_days_in_stage() -> None:
    """In its stage since 22 March (6 May − 22 March = 9 + 30 + 6 = 45 days), contacted
    yesterday (5 May): idle 6 May − 5 May = 1 day ≤ 7, not rotting; 45 days in stage."""
    deal = make_deal(
        2, stage="Proposition envoyée", stage_entered=D(2026, 3, 22), last_contact=D(2026, 5, 5)
    )
    assert idle_since([deal]) == [D(2026, 5, 5)]
    assert rotting_deals([deal], SEVEN, AS_OF) == []
    assert days_in_current_stage(deal, AS_OF) == 45
    stats = time_in_current_stage([deal], AS_OF)["Proposition envoyée"]
    assert (stats.count, stats.max_days) == (1, 45)


def test_idle_counts_from_the_stage_entry_when_it_is_later_than_the_last_contact() -> None:
    """Entered the stage 10 days ago (26 April), last contact 40 days ago (27 March:
    4 + 30 + 6 = 40 days): idle since 26 April, 6 May − 26 April = 10 days > 7, rotting."""
    deal = make_deal(
        3, stage="Proposition envoyée", stage_entered=D(2026, 4, 26), last_contact=D(2026, 3, 27)
    )
    assert rotting_deals([deal], SEVEN, AS_OF) == [
        RottingDeal(3, "D3", "Affaire 3", None, "Proposition envoyée", 10, 7, D(2026, 4, 26))
    ]


def test_without_stage_entry_or_contact_idle_counts_from_creation() -> None:
    """Created 28 April, nothing else: idle 6 May − 28 April = 8 days > 7, rotting;
    created 29 April: 7 days, not over. A creation date never wins over a later one:
    created 1 January, contacted 2 May → 4 days idle."""
    deals = [
        make_deal(4, stage="Proposition envoyée", created=D(2026, 4, 28)),
        make_deal(5, stage="Proposition envoyée", created=D(2026, 4, 29)),
        make_deal(
            6, stage="Proposition envoyée", created=D(2026, 1, 1), last_contact=D(2026, 5, 2)
        ),
        make_deal(7, stage="Proposition envoyée"),
    ]
    assert idle_since(deals) == [D(2026, 4, 28), D(2026, 4, 29), D(2026, 5, 2), None]
    result = rotting_deals(deals, SEVEN, AS_OF)
    assert [(r.row, r.idle_days, r.since) for r in result] == [(4, 8, D(2026, 4, 28))]


def test_idle_since_takes_the_later_of_stage_entry_and_last_contact() -> None:
    """Either one alone (a creation date then ignored, even later), both (the later
    wins either way round), both on the same day."""
    deals = [
        make_deal(2, stage_entered=D(2026, 4, 1)),
        make_deal(3, last_contact=D(2026, 4, 2), created=D(2026, 4, 30)),
        make_deal(4, stage_entered=D(2026, 4, 3), last_contact=D(2026, 4, 4)),
        make_deal(5, stage_entered=D(2026, 4, 6), last_contact=D(2026, 4, 5)),
        make_deal(6, stage_entered=D(2026, 4, 7), last_contact=D(2026, 4, 7)),
    ]
    assert idle_since(deals) == [
        D(2026, 4, 1),
        D(2026, 4, 2),
        D(2026, 4, 4),
        D(2026, 4, 6),
        D(2026, 4, 7),
    ]
    assert idle_since([]) == []


def test_no_deals_gives_no_rotting_deals() -> None:
    assert rotting_deals([], STAGES, AS_OF) == []


def test_rotting_deal_init_takes_the_fields_in_order() -> None:
    parameters = list(inspect.signature(RottingDeal).parameters)
    assert parameters == [f.name for f in dataclasses.fields(RottingDeal)]


@pytest.mark.slow
def test_100k_deals_give_what_the_rule_gives_deal_by_deal() -> None:
    """The whole-column path at scale against the documented rule applied one deal at a time
    (later of stage entered and last contact, idle days over the stage's expected days;
    worst first, ties by row). Its speed is measured in bench/, not here."""
    deals = many_open_deals(100_000, [s.name for s in STAGES.open_stages])
    expected = []
    for d in deals:
        stage = STAGES.get(d.stage or "")
        known = [x for x in (d.stage_entered, d.last_contact) if x is not None]
        since = max(known) if known else d.created
        if stage is None or stage.expected_days is None or since is None:
            continue
        idle = (AS_OF - since).days
        if idle > stage.expected_days:
            expected.append((idle - stage.expected_days, d.row, idle))
    expected.sort(key=lambda e: (-e[0], e[1]))
    result = rotting_deals(deals, STAGES, AS_OF)
    assert len(expected) > 50_000  # the factory's dates make most of them idle
    assert [(r.row, r.idle_days) for r in result] == [(row, idle) for _, row, idle in expected]
