"""The history's arithmetic: what changed between runs, observed conversion, slippage.

The observations are built as the store keeps them: a deal's state only when it changed
(``record`` below plays one run), so each test reads like a pipeline's life over a few
weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_deal
from hypothesis import given, settings
from hypothesis import strategies as st

from salespipe.core.history import (
    DealState,
    Observation,
    changed_states,
    deal_key,
    history_events,
    history_report,
    observed_funnel,
    snapshot,
)
from salespipe.core.model import Deal, StageTable, Status

STAGES = StageTable.default()
MONDAY = date(2026, 11, 2)


class Runs:
    """Runs of the sync on a changing pipeline; keeps what the store would keep."""

    def __init__(self) -> None:
        self.observations: list[Observation] = []
        self.latest: dict[str, DealState] = {}

    def record(self, on: date, deals: list[Deal]) -> int:
        shot = snapshot(deals)
        changed = changed_states(self.latest, shot.states)
        for state in changed:
            self.observations.append(Observation(len(self.observations) + 1, on, state))
            self.latest[state.key] = state
        return len(changed)


def deal(row: int, stage: str, status: Status = Status.OPEN, **fields: object) -> Deal:
    return make_deal(row, stage=stage, status=status, amount=10_000.0, **fields)  # type: ignore[arg-type]


def test_a_deal_is_followed_by_its_id_else_by_company_and_name() -> None:
    assert deal_key(make_deal(3)) == "id:d3"
    unnamed = Deal(row=4, deal_id=None, name="Site web", company="ACME SAS")
    assert deal_key(unnamed) == "name:acme sas|site web"
    assert deal_key(Deal(row=5, deal_id="  ", name=None)) is None
    shot = snapshot([make_deal(1), Deal(row=2, deal_id=None, name=None), make_deal(1)])
    assert list(shot.states) == ["id:d1"] and shot.untracked == 2


def test_a_second_run_on_unchanged_data_records_nothing() -> None:
    runs = Runs()
    pipeline = [deal(1, "Suspect"), deal(2, "Rendez-vous")]
    assert runs.record(MONDAY, pipeline) == 2
    assert runs.record(MONDAY, pipeline) == 0
    assert runs.record(MONDAY + timedelta(days=7), pipeline) == 0
    # a renamed deal alone is not a change the history follows
    first = pipeline[0]
    renamed = [Deal(row=1, deal_id="D1", name="Nouveau nom", stage=first.stage,
                    status=first.status, amount=first.amount), pipeline[1]]  # fmt: skip
    assert runs.record(MONDAY + timedelta(days=8), renamed) == 0


def test_events_of_a_deal_moving_slipping_and_won() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Rendez-vous", close=date(2026, 12, 1)), deal(2, "Suspect")])
    runs.record(date(2026, 11, 9), [deal(1, "Proposition envoyée", close=date(2026, 12, 15)),
                                    deal(2, "Suspect")])  # fmt: skip
    won = deal(1, "Gagné", Status.WON, close=date(2026, 11, 30))
    runs.record(date(2026, 11, 30), [won, deal(2, "Suspect", owner="Paul"), deal(3, "Suspect")])
    events = history_events(runs.observations)
    summary = [(e.on.isoformat(), e.state.deal_id, e.kind, e.before, e.after, e.days)
               for e in events]  # fmt: skip
    assert summary == [
        ("2026-11-30", "D3", "new", None, "Suspect", None),
        ("2026-11-30", "D1", "won", "Proposition envoyée", "Gagné", 21),
        ("2026-11-30", "D2", "owner", None, "Paul", None),
        ("2026-11-09", "D1", "stage", "Rendez-vous", "Proposition envoyée", 7),
        ("2026-11-09", "D1", "close_date", date(2026, 12, 1), date(2026, 12, 15), 14),
    ]
    # the close date set when winning is the signature date, not a slip


def test_lost_reopened_and_amount_changes() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Négociation")])
    runs.record(MONDAY + timedelta(days=3), [deal(1, "Négociation", Status.LOST)])
    reopened = make_deal(1, stage="Négociation", status=Status.OPEN, amount=12_000.0)
    runs.record(MONDAY + timedelta(days=10), [reopened])
    kinds = [(e.kind, e.before, e.after, e.days) for e in history_events(runs.observations)]
    assert kinds == [
        ("reopened", "Négociation", "Négociation", 7),
        ("amount", 10_000.0, 12_000.0, None),
        ("lost", "Négociation", "Négociation", 3),
    ]


def test_observed_funnel_counts_the_moves_the_runs_saw() -> None:
    """Five deals seen at Rendez-vous: three moved on (after 7, 7 and 14 days), one was
    lost there, one is still there; conversion 3 / 4."""
    runs = Runs()
    week = [MONDAY + timedelta(days=7 * n) for n in range(3)]
    runs.record(week[0], [deal(n, "Rendez-vous") for n in range(1, 6)])
    runs.record(week[1], [deal(1, "Proposition envoyée"), deal(2, "Négociation"),
                          deal(3, "Rendez-vous"), deal(4, "Rendez-vous", Status.LOST),
                          deal(5, "Rendez-vous")])  # fmt: skip
    runs.record(week[2], [deal(1, "Gagné", Status.WON), deal(2, "Perdu", Status.LOST),
                          deal(3, "Proposition envoyée"), deal(4, "Rendez-vous", Status.LOST),
                          deal(5, "Rendez-vous")])  # fmt: skip
    lines = {line.stage: line for line in observed_funnel(runs.observations, STAGES)}
    meeting = lines["Rendez-vous"]
    assert (meeting.observed, meeting.moved_on, meeting.lost_at, meeting.still_open) == (5, 3, 1, 1)
    assert meeting.conversion == pytest.approx(3 / 4)
    assert meeting.mean_days == pytest.approx((7 + 7 + 14) / 3)
    proposal = lines["Proposition envoyée"]  # D1 seen there then won; D3 seen there, open
    assert (proposal.observed, proposal.moved_on, proposal.lost_at) == (2, 1, 0)
    negotiation = lines["Négociation"]  # D2 seen there, then lost (stage « Perdu »)
    assert (negotiation.observed, negotiation.lost_at, negotiation.conversion) == (1, 1, 0.0)
    assert lines["Suspect"].observed == 0 and lines["Suspect"].conversion is None
    assert list(lines) == [s.name for s in STAGES.open_stages]


def test_report_slippage_and_moves() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Négociation", close=date(2026, 12, 1)),
                         deal(2, "Négociation", close=date(2026, 12, 1))])  # fmt: skip
    later = [deal(1, "Négociation", close=date(2026, 12, 21)),
             deal(2, "Négociation", close=date(2026, 11, 25))]  # fmt: skip
    runs.record(MONDAY + timedelta(days=7), later)
    report = history_report(runs.observations, STAGES, ["id:d1", "id:d2"])
    assert (report.slippage.deals, report.slippage.total_days) == (1, 20)  # D2 moved earlier
    assert report.runs == 2 and report.since == MONDAY
    assert not report.has_moves  # close dates moved, no stage yet
    runs.record(MONDAY + timedelta(days=8), [deal(1, "Gagné", Status.WON), later[1]])
    assert history_report(runs.observations, STAGES, ["id:d2"]).has_moves


STAGE_NAMES = [s.name for s in STAGES.stages]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(STAGE_NAMES), st.sampled_from(list(Status))),
                 min_size=4, max_size=4),
        min_size=1, max_size=6,
    )
)  # fmt: skip
def test_observed_funnel_stays_consistent(weeks: list[list[tuple[str, Status]]]) -> None:
    """Whatever the runs saw: observed = moved on + lost + still open, conversion in [0, 1],
    and replaying the last run again records nothing."""
    runs = Runs()
    for n, week in enumerate(weeks):
        deals = [deal(i + 1, stage, status) for i, (stage, status) in enumerate(week)]
        runs.record(MONDAY + timedelta(days=7 * n), deals)
    assert runs.record(MONDAY + timedelta(days=7 * len(weeks)), deals) == 0
    for line in observed_funnel(runs.observations, STAGES):
        assert line.observed == line.moved_on + line.lost_at + line.still_open
        assert line.still_open >= 0
        assert line.conversion is None or 0.0 <= line.conversion <= 1.0
        assert line.mean_days is None or line.mean_days >= 0


def test_losses_and_wins_before_the_history_began_are_not_observed_moves() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Rendez-vous", Status.LOST), deal(2, "Gagné", Status.WON)])
    same = [deal(1, "Rendez-vous", Status.LOST), deal(2, "Gagné", Status.WON)]
    runs.record(MONDAY + timedelta(days=7), [*same, deal(3, "Suspect")])
    observed = {line.stage: line.observed for line in observed_funnel(runs.observations, STAGES)}
    assert observed == {name: int(name == "Suspect") for name in observed}  # D3 only
    assert [e.kind for e in history_events(runs.observations)] == ["new"]
