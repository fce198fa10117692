"""The history's arithmetic: what changed between runs, observed conversion, slippage.

The observations are built as the store keeps them: a deal's state only when it changed
(``record`` below plays one run), so each test reads like a pipeline's life over a few
weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salespipe.core.metrics.deal_states import (
    DealState,
    Observation,
    changed_states,
    deal_key,
    snapshot,
)
from salespipe.core.metrics.history import history_events, history_report
from salespipe.core.metrics.observed_funnel import observed_funnel
from salespipe.core.model import Deal, StageTable, Status
from tests.core.factories import make_deal

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
    renamed = [
        Deal(
            row=1,
            deal_id="D1",
            name="Nouveau nom",
            stage=first.stage,
            status=first.status,
            amount=first.amount,
        ),
        pipeline[1],
    ]
    assert runs.record(MONDAY + timedelta(days=8), renamed) == 0


def test_events_of_a_deal_moving_slipping_and_won() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Rendez-vous", close=date(2026, 12, 1)), deal(2, "Suspect")])
    runs.record(
        date(2026, 11, 9),
        [deal(1, "Proposition envoyée", close=date(2026, 12, 15)), deal(2, "Suspect")],
    )
    won = deal(1, "Gagné", Status.WON, close=date(2026, 11, 30))
    runs.record(date(2026, 11, 30), [won, deal(2, "Suspect", owner="Paul"), deal(3, "Suspect")])
    events = history_events(runs.observations)
    summary = [
        (e.on.isoformat(), e.state.deal_id, e.kind, e.before, e.after, e.days) for e in events
    ]
    assert summary == [
        ("2026-11-30", "D3", "new", None, "Suspect", None),
        ("2026-11-30", "D1", "won", "Proposition envoyée", "Gagné", 21),
        ("2026-11-30", "D2", "owner", None, "Paul", None),
        ("2026-11-09", "D1", "stage", "Rendez-vous", "Proposition envoyée", None),
        ("2026-11-09", "D1", "close_date", date(2026, 12, 1), date(2026, 12, 15), 14),
    ]
    # Days: unknown for the stage D1 was already in at the first run (it may have been
    # there for months), 21 for the stage it entered on 9 November. The close date set
    # when winning is the signature date, not a slip.


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
        ("lost", "Négociation", "Négociation", None),  # in Négociation since before the history
    ]


def test_observed_funnel_counts_the_moves_the_runs_saw() -> None:
    """Five deals added at Rendez-vous after the first run: three moved on (after 7, 7
    and 14 days), one was lost there, one is still there; conversion 3 / 4."""
    runs = Runs()
    week = [MONDAY + timedelta(days=7 * n) for n in range(3)]
    baseline = deal(9, "Suspect")
    runs.record(MONDAY - timedelta(days=7), [baseline])
    runs.record(week[0], [baseline, *(deal(n, "Rendez-vous") for n in range(1, 6))])
    runs.record(
        week[1],
        [
            baseline,
            deal(1, "Proposition envoyée"),
            deal(2, "Négociation"),
            deal(3, "Rendez-vous"),
            deal(4, "Rendez-vous", Status.LOST),
            deal(5, "Rendez-vous"),
        ],
    )
    runs.record(
        week[2],
        [
            baseline,
            deal(1, "Gagné", Status.WON),
            deal(2, "Perdu", Status.LOST),
            deal(3, "Proposition envoyée"),
            deal(4, "Rendez-vous", Status.LOST),
            deal(5, "Rendez-vous"),
        ],
    )
    lines = {line.stage: line for line in observed_funnel(runs.observations, STAGES)}
    meeting = lines["Rendez-vous"]
    assert (meeting.observed, meeting.moved_on, meeting.lost_at, meeting.undecided) == (5, 3, 1, 1)
    assert meeting.conversion == pytest.approx(3 / 4)
    assert meeting.mean_days == pytest.approx((7 + 7 + 14) / 3)
    proposal = lines["Proposition envoyée"]  # D1 seen there then won; D3 seen there, open
    assert (proposal.observed, proposal.moved_on, proposal.lost_at) == (2, 1, 0)
    negotiation = lines["Négociation"]  # D2 seen there, then lost (stage « Perdu »)
    assert (negotiation.observed, negotiation.lost_at, negotiation.conversion) == (1, 1, 0.0)
    suspect = lines["Suspect"]  # D9, there since the first run, never moved
    assert (suspect.observed, suspect.undecided, suspect.conversion) == (1, 1, None)
    assert list(lines) == [s.name for s in STAGES.open_stages]


def test_report_slippage_and_moves() -> None:
    runs = Runs()
    runs.record(
        MONDAY,
        [
            deal(1, "Négociation", close=date(2026, 12, 1)),
            deal(2, "Négociation", close=date(2026, 12, 1)),
        ],
    )
    later = [
        deal(1, "Négociation", close=date(2026, 12, 21)),
        deal(2, "Négociation", close=date(2026, 11, 25)),
    ]
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
        st.lists(
            st.tuples(st.sampled_from(STAGE_NAMES), st.sampled_from(list(Status))),
            min_size=4,
            max_size=4,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_observed_funnel_stays_consistent(weeks: list[list[tuple[str, Status]]]) -> None:
    """Whatever the runs saw: observed = moved on + lost + still open, conversion in [0, 1],
    and replaying the last run again records nothing."""
    runs = Runs()
    for n, week in enumerate(weeks):
        deals = [deal(i + 1, stage, status) for i, (stage, status) in enumerate(week)]
        runs.record(MONDAY + timedelta(days=7 * n), deals)
    assert runs.record(MONDAY + timedelta(days=7 * len(weeks)), deals) == 0
    for line in observed_funnel(runs.observations, STAGES):
        assert line.observed == line.moved_on + line.lost_at + line.undecided
        assert line.undecided >= 0
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


def test_a_deal_removed_or_renamed_without_id_never_stays_open() -> None:
    """ACME's deal has no ID: renaming its company makes it another deal to the history.
    The old one is « removed » (out of the funnel), the new one « new »."""
    runs = Runs()
    old = Deal(
        row=2,
        deal_id=None,
        name="Site",
        company="ACME",
        stage="Rendez-vous",
        status=Status.OPEN,
        amount=5000.0,
    )
    runs.record(MONDAY, [old, deal(1, "Suspect")])
    renamed = Deal(
        row=2,
        deal_id=None,
        name="Site",
        company="ACME SAS",
        stage="Rendez-vous",
        status=Status.OPEN,
        amount=5000.0,
    )
    assert runs.record(MONDAY + timedelta(days=7), [renamed]) == 3  # new + 2 removed
    kinds = sorted(
        (e.kind, e.state.company or e.state.deal_id) for e in history_events(runs.observations)
    )
    assert kinds == [("new", "ACME SAS"), ("removed", "ACME"), ("removed", "D1")]
    meeting = next(
        s for s in observed_funnel(runs.observations, STAGES) if s.stage == "Rendez-vous"
    )
    assert meeting.observed == 1  # ACME SAS only: the removed one is left out
    runs.record(MONDAY + timedelta(days=14), [renamed, deal(1, "Suspect")])
    newest = history_events(runs.observations)[0]
    assert (newest.kind, newest.state.deal_id) == ("new", "D1")  # D1 is back


def test_a_deal_gone_back_then_lost_is_lost_once() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Suspect")])
    runs.record(MONDAY + timedelta(days=7), [deal(1, "Proposition envoyée")])
    runs.record(MONDAY + timedelta(days=14), [deal(1, "Rendez-vous")])
    runs.record(MONDAY + timedelta(days=21), [deal(1, "Rendez-vous", Status.LOST)])
    lines = {s.stage: s for s in observed_funnel(runs.observations, STAGES)}
    assert sum(s.lost_at for s in lines.values()) == 1 and lines["Rendez-vous"].lost_at == 1
    assert (lines["Proposition envoyée"].undecided, lines["Suspect"].moved_on) == (1, 1)


def test_slippage_is_net_of_close_dates_pulled_in() -> None:
    runs = Runs()
    runs.record(MONDAY, [deal(1, "Négociation", close=date(2026, 12, 20))])
    runs.record(MONDAY + timedelta(days=7), [deal(1, "Négociation", close=date(2026, 12, 9))])
    runs.record(MONDAY + timedelta(days=14), [deal(1, "Négociation", close=date(2026, 12, 14))])
    report = history_report(runs.observations, STAGES, ["id:d1"])
    assert (report.slippage.deals, report.slippage.total_days) == (0, 0)  # -11 then +5
