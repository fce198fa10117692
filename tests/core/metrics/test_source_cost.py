"""Cost per source: leads, meetings, signatures and their cost per action."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.source_cost import NO_SOURCE, SourceCost, cost_per_source, meeting_stage
from salespipe.core.model import Action, Deal, Stage, StageTable, Status
from tests.core.factories import actions_strategy, make_action

STAGES = StageTable.default()


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
        make_action(2, "Salon Lyon", type="Salon", budget=3000.0),
        make_action(3, "Campagne LinkedIn", type="LinkedIn", budget=1200.0),
        make_action(4, "Webinaire mars", type="Webinar", budget=600.0),
        make_action(5, "Webinaire juin", type="Webinar"),
        make_action(6, "Salon Lyon", type="Salon", budget=1000.0),  # same action, second row
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
        make_action(2, "Salon", type="Événement", budget=100.0),
        make_action(3, "Salon Lyon", type="Salon", budget=200.0),
    ]
    result = cost_per_source(actions, [sourced(2, "salon", "Suspect")], STAGES)
    assert [(line.action, line.leads) for line in result] == [("Salon", 1), ("Salon Lyon", 0)]


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
