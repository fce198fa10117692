"""Action plan (seed 003): weeks, budget, weekly load, progress and cost per source."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.action_plan import (
    NO_SOURCE,
    NO_WEEK,
    UNSET,
    ActionProgress,
    ProgressTotals,
    SourceCost,
    action_iso_weeks,
    action_weeks,
    budget_by,
    cost_per_source,
    done_vs_planned,
    meeting_stage,
    progress_totals,
    week_month,
    weekly_load,
    weeks_in_year,
)
from salespipe.core.model import Action, Deal, Stage, StageTable, Status

STAGES = StageTable.default()


def action(row: int, name: str = "Action", **fields: object) -> Action:
    return Action(row, name, **fields)  # type: ignore[arg-type]


# --- weeks ------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "weeks"), [(2025, 52), (2026, 53), (2020, 53), (2027, 52)])
def test_weeks_in_year(year: int, weeks: int) -> None:
    assert weeks_in_year(year) == weeks


@pytest.mark.parametrize(
    ("fields", "year", "expected"),
    [
        ({"weeks": (12, 10, 10, 11)}, 2026, (10, 11, 12)),
        ({"start_week": 10, "end_week": 13}, 2026, (10, 11, 12, 13)),
        ({"start_week": 10}, 2026, (10,)),
        ({"end_week": 10}, 2026, ()),
        ({}, 2026, ()),
        ({"weeks": (5,), "start_week": 10, "end_week": 12}, 2026, (5,)),  # the grid wins
        ({"start_week": 51, "end_week": 2}, 2025, (51, 52, 1, 2)),  # wraps into 2026
        ({"start_week": 52, "end_week": 1}, 2026, (52, 53, 1)),
        ({"weeks": (53,)}, 2025, ()),  # 2025 has 52 ISO weeks
        ({"weeks": (53,)}, 2026, (53,)),
        ({"weeks": (53,), "year": 2025}, 2026, ()),  # the row's own year wins
        ({"weeks": (0, 54, 3)}, 2026, (3,)),
    ],
)
def test_action_weeks(fields: dict[str, object], year: int, expected: tuple[int, ...]) -> None:
    assert action_weeks(action(2, **fields), year) == expected


def test_action_iso_weeks_wrap_into_the_next_year() -> None:
    wrapped = action(2, start_week=51, end_week=2, year=2025)
    assert action_iso_weeks(wrapped, 2026) == ((2025, 51), (2025, 52), (2026, 1), (2026, 2))


@pytest.mark.parametrize(
    ("iso_year", "week", "month"),
    [
        (2026, 1, "2026-01"),  # Monday 29 Dec 2025, Thursday 1 Jan 2026
        (2025, 1, "2025-01"),  # Monday 30 Dec 2024, Thursday 2 Jan 2025
        (2020, 53, "2020-12"),  # Thursday 31 Dec 2020
        (2026, 53, "2026-12"),  # Thursday 31 Dec 2026
        (2026, 9, "2026-02"),  # Monday 23 Feb, Thursday 26 Feb
        (2026, 14, "2026-04"),  # Monday 30 Mar, Thursday 2 Apr
        (2026, 27, "2026-07"),  # Monday 29 Jun, Thursday 2 Jul
    ],
)
def test_week_month_is_the_month_of_the_thursday(iso_year: int, week: int, month: str) -> None:
    assert week_month(iso_year, week) == month


# --- budget -----------------------------------------------------------------------------


def plan() -> list[Action]:
    return [
        action(2, "Salon", type="Salon", owner="Alice", budget=1000.0, start_week=13, end_week=14),
        action(3, "Phoning", type="phoning", owner="alice ", budget=900.0, weeks=(9, 10, 11)),
        action(4, "Emailing", type="Phoning", owner=None, budget=120.0, lever="Levier"),
        action(5, "LinkedIn", type="LinkedIn", owner="Bob", budget=None, start_week=10),
        action(6, "Webinaire", type=None, owner="Bob", budget=300.0, weeks=(27,), lever="BAU"),
    ]


def test_budget_by_month_spreads_over_weeks_by_thursday() -> None:
    # Salon: W13 (Thu 26 Mar) and W14 (Thu 2 Apr), 500 each; Phoning: W9 in February,
    # W10 and W11 in March, 300 each; Emailing has no week; Webinaire: W27 (Thu 2 Jul).
    result = budget_by(plan(), "month", 2026)
    assert result == {
        "2026-02": 300.0,
        "2026-03": 1100.0,
        "2026-04": 500.0,
        "2026-07": 300.0,
        NO_WEEK: 120.0,
    }
    assert list(result) == ["2026-02", "2026-03", "2026-04", "2026-07", NO_WEEK]


def test_budget_by_month_wrapping_range_goes_to_both_years() -> None:
    wrapped = action(2, budget=600.0, start_week=51, end_week=2, year=2025)
    # W51 Thu 18 Dec, W52 Thu 25 Dec 2025; W1 Thu 1 Jan, W2 Thu 8 Jan 2026.
    assert budget_by([wrapped], "month", 2026) == {"2025-12": 300.0, "2026-01": 300.0}


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("owner", {"Alice": 1900.0, "Bob": 300.0, UNSET: 120.0}),
        ("type", {"Salon": 1000.0, "phoning": 1020.0, UNSET: 300.0}),
        ("lever", {"Levier": 120.0, "BAU": 300.0, UNSET: 1900.0}),
    ],
)
def test_budget_by_label(by: str, expected: dict[str, float]) -> None:
    result = budget_by(plan(), by, 2026)  # type: ignore[arg-type]
    assert result == expected
    assert list(result) == list(expected)


def test_actions_without_budget_add_no_key() -> None:
    assert budget_by([action(2, owner="Zoé", budget=None, weeks=(3,))], "owner", 2026) == {}
    assert budget_by([action(2, owner="Zoé", budget=math.nan)], "month", 2026) == {}


# --- weekly load ------------------------------------------------------------------------


def test_weekly_load_per_owner_and_week() -> None:
    assert weekly_load(plan(), 2026) == {
        "Alice": {9: 1, 10: 1, 11: 1, 13: 1, 14: 1},
        "Bob": {10: 1, 27: 1},
        UNSET: {},
    }


def test_weekly_load_counts_overlaps_and_only_the_year_asked() -> None:
    actions = [
        action(2, owner="Léa", weeks=(10, 11)),
        action(3, owner="LEA", start_week=11, end_week=12),
        action(4, owner="Léa", start_week=52, end_week=1, year=2025),
        action(5, owner="Léa", weeks=(11,), year=2027),
    ]
    assert weekly_load(actions, 2026) == {"Léa": {1: 1, 10: 1, 11: 2, 12: 1}}
    # Rows without a year belong to the year asked for.
    assert weekly_load(actions, 2025) == {"Léa": {10: 1, 11: 2, 12: 1, 52: 1}}


# --- done vs planned --------------------------------------------------------------------


def test_done_vs_planned_in_input_order() -> None:
    actions = [
        action(2, "Phoning", owner="Alice", planned_count=10.0, done_count=4.0),
        action(3, "Salon", planned_count=5.0),
        action(4, "Emailing", done_count=2.0),
        action(5, "Webinaire", planned_count=0.0, done_count=1.0),
    ]
    assert done_vs_planned(actions) == [
        ActionProgress(2, "Phoning", "Alice", 10.0, 4.0, 0.4),
        ActionProgress(3, "Salon", None, 5.0, None, None),
        ActionProgress(4, "Emailing", None, None, 2.0, None),
        ActionProgress(5, "Webinaire", None, 0.0, 1.0, None),
    ]
    assert progress_totals(actions) == ProgressTotals(planned=15.0, done=7.0, ratio=7.0 / 15.0)


def test_progress_totals_of_nothing() -> None:
    assert progress_totals([]) == ProgressTotals(planned=0.0, done=0.0, ratio=None)


# --- cost per source --------------------------------------------------------------------


def sourced(row: int, source: str | None, stage: str, **fields: object) -> Deal:
    return Deal(row, f"D{row}", f"Affaire {row}", stage=stage, source=source, **fields)  # type: ignore[arg-type]


def test_meeting_stage() -> None:
    assert meeting_stage(STAGES) == STAGES.get("Rendez-vous")
    four = StageTable(
        tuple(Stage(n, i, 0.1 * i) for i, n in enumerate(["Contact", "Appel", "Démo", "Offre"], 1))
    )
    assert meeting_stage(four) == four.get("Démo")
    two = StageTable((Stage("Contact", 1, 0.1), Stage("Offre", 2, 0.5)))
    assert meeting_stage(two) == two.get("Offre")
    assert meeting_stage(StageTable((Stage("Gagné", 1, 1.0, is_won=True),))) is None


def test_cost_per_source() -> None:
    actions = [
        action(2, "Salon Lyon", type="Salon", budget=3000.0),
        action(3, "Campagne LinkedIn", type="LinkedIn", budget=1200.0),
        action(4, "Webinaire mars", type="Webinar", budget=600.0),
        action(5, "Webinaire juin", type="Webinar"),
        action(6, "Salon Lyon", type="Salon", budget=1000.0),  # same action, second row
    ]
    won, lost = Status.WON, Status.LOST
    deals = [
        sourced(2, "salon lyon", "Suspect"),
        sourced(3, "Salon  Lyon", "Rendez-vous"),
        sourced(4, "SALON LYON", "Gagné", status=won, amount=10_000.0),
        sourced(5, "Salon Lyon", "Proposition envoyée", status=lost),  # got a meeting
        sourced(6, "Salon Lyon", "Perdu", status=lost),  # how far it got is unknown
        sourced(7, "linkedin", "Négociation"),  # by type, LinkedIn is one action's
        sourced(8, "Webinar", "Suspect"),  # by type, shared by two actions: none
        sourced(9, "Bouche à oreille", "Gagné", status=won, amount=5_000.0),
        sourced(10, None, "Suspect"),
        sourced(11, "  ", "Prospect qualifié"),
        sourced(12, "salon", "Suspect"),  # by type: both Salon rows are one action
    ]
    assert cost_per_source(actions, deals, STAGES) == [
        SourceCost("Salon Lyon", 4000.0, 6, 3, 1, 10_000.0, 4000.0 / 6, 4000.0 / 3, 4000.0),
        SourceCost("Campagne LinkedIn", 1200.0, 1, 1, 0, 0.0, 1200.0, 1200.0, None),
        SourceCost("Webinaire mars", 600.0, 0, 0, 0, 0.0, None, None, None),
        SourceCost("Webinaire juin", None, 0, 0, 0, 0.0, None, None, None),
        SourceCost("Webinar", None, 1, 0, 0, 0.0, None, None, None),
        SourceCost("Bouche à oreille", None, 1, 1, 1, 5_000.0, None, None, None),
        SourceCost(NO_SOURCE, None, 2, 0, 0, 0.0, None, None, None),
    ]


def test_name_match_wins_over_type_match() -> None:
    actions = [
        action(2, "Salon", type="Événement", budget=100.0),
        action(3, "Salon Lyon", type="Salon", budget=200.0),
    ]
    result = cost_per_source(actions, [sourced(2, "salon", "Suspect")], STAGES)
    assert [(line.action, line.leads) for line in result] == [("Salon", 1), ("Salon Lyon", 0)]


# --- properties -------------------------------------------------------------------------

labels = st.sampled_from([None, "", "Alice", "alice", " Bob ", "Événement", "evenement"])
actions_strategy = st.lists(
    st.builds(
        Action,
        row=st.integers(1, 500),
        action=st.sampled_from(["Salon", "salon ", "Phoning", "Webinaire", ""]),
        type=labels,
        owner=labels,
        lever=labels,
        budget=st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
        start_week=st.one_of(st.none(), st.integers(0, 54)),
        end_week=st.one_of(st.none(), st.integers(0, 54)),
        weeks=st.lists(st.integers(0, 54), max_size=6).map(tuple),
        year=st.one_of(st.none(), st.integers(2020, 2030)),
    ),
    max_size=15,
)


@given(actions_strategy, st.sampled_from(["owner", "type", "month", "lever"]))
def test_budget_by_adds_up_to_the_total_budget(actions: list[Action], by: str) -> None:
    total = math.fsum(a.budget for a in actions if a.budget is not None)
    result = budget_by(actions, by, 2026)  # type: ignore[arg-type]
    assert math.isclose(math.fsum(result.values()), total, rel_tol=1e-9, abs_tol=1e-6)


@given(actions_strategy)
def test_weekly_load_counts_each_action_once_per_week(actions: list[Action]) -> None:
    load = weekly_load(actions, 2026)
    expected = sum(sum(1 for y, _ in action_iso_weeks(a, 2026) if y == 2026) for a in actions)
    assert sum(sum(weeks.values()) for weeks in load.values()) == expected


@given(
    actions_strategy,
    st.lists(
        st.builds(
            Deal,
            row=st.integers(1, 500),
            deal_id=st.none(),
            name=st.none(),
            stage=st.sampled_from(["Suspect", "Rendez-vous", "Gagné", "Perdu", "?"]),
            status=st.sampled_from(list(Status)),
            source=st.sampled_from([None, "", "Salon", "SALON", "Phoning", "Alice", "Autre"]),
            amount=st.one_of(st.none(), st.floats(0, 1e6)),
        ),
        max_size=20,
    ),
)
def test_every_deal_is_counted_once_in_cost_per_source(
    actions: list[Action], deals: list[Deal]
) -> None:
    lines = cost_per_source(actions, deals, STAGES)
    assert sum(line.leads for line in lines) == len(deals)
    assert sum(line.signatures for line in lines) == sum(d.status == "won" for d in deals)
    for line in lines:
        assert line.signatures <= line.meetings <= line.leads
