"""Rotting deals: open deals idle longer than their stage's expected days."""

from __future__ import annotations

import dataclasses
import inspect
import time
from datetime import date

import pytest

from salespipe.core.metrics.rotting import RottingDeal, rotting_deals
from salespipe.core.model import StageTable, Status
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
        # stage_entered wins over a recent last contact: 35 days in stage
        make_deal(9, stage="Rendez-vous", stage_entered=D(2026, 4, 1), last_contact=D(2026, 5, 5)),
        make_deal(11, stage="Suspect", last_contact=D(2026, 4, 20), owner="Léa"),  # ties with row 3
    ]
    result = rotting_deals(deals, STAGES, AS_OF)
    assert [(r.row, r.idle_days, r.expected_days) for r in result] == [
        (2, 66, 30),
        (9, 35, 21),
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


def test_no_deals_gives_no_rotting_deals() -> None:
    assert rotting_deals([], STAGES, AS_OF) == []


def test_rotting_deal_init_takes_the_fields_in_order() -> None:
    parameters = list(inspect.signature(RottingDeal).parameters)
    assert parameters == [f.name for f in dataclasses.fields(RottingDeal)]


@pytest.mark.slow
def test_100k_deals_in_well_under_a_second() -> None:
    deals = many_open_deals(100_000, [s.name for s in STAGES.open_stages])
    start = time.perf_counter()
    rotting_deals(deals, STAGES, AS_OF)
    # About 0.25 s on a small CI machine, as the follow-ups.
    assert time.perf_counter() - start < 1.0
