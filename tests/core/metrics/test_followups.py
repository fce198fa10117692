"""Follow-ups (relances) and the nurture hand-off, on the 2026 French calendar."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.metrics.business_days import is_business_day
from salespipe.core.metrics.cadence import scheduled_followup
from salespipe.core.metrics.followups import STATES, FollowUp, followups, overdue_followups
from salespipe.core.model import DEFAULT_CADENCE, Cadence, Deal, Stage, StageTable, Status
from tests.core.factories import many_open_deals

D = date
STAGES = StageTable.default()
# as_of for most tests: Wednesday 6 May 2026, ISO week Mon 4 - Sun 10 May;
# Friday 1 May and Friday 8 May are public holidays.
AS_OF = D(2026, 5, 6)


def deal(row: int, **fields: object) -> Deal:
    values: dict[str, object] = {"deal_id": f"D{row}", "name": f"Affaire {row}"}
    values.update(fields)
    return Deal(row=row, **values)  # type: ignore[arg-type]


# --- followups --------------------------------------------------------------------------


def sample_deals() -> list[Deal]:
    return [
        deal(2, last_contact=D(2026, 4, 28), touches=1),  # due Wed 29 Apr
        deal(3, next_followup=D(2026, 5, 1), touches=2),  # typed on the 1 May holiday
        deal(4, last_contact=D(2026, 5, 6), touches=1),  # due Thu 7 May
        deal(5, last_contact=D(2026, 5, 5), touches=2),  # +3 = Fri 8 May (off) -> Mon 11
        deal(6, last_contact=D(2026, 3, 1), touches=7),  # 7 touches: nurture
        deal(7, company="Sans Date SA"),  # nothing to compute from
        deal(8, status=Status.WON, last_contact=D(2026, 1, 5), touches=1),
        deal(9, status=Status.LOST, last_contact=D(2026, 1, 5), touches=1),
        deal(10, next_followup=D(2026, 5, 4), touches=9),  # typed date beats nurture
        deal(11, last_contact=D(2026, 5, 6), touches=0),  # due today
        deal(12, next_followup=D(2026, 5, 10)),  # Sunday ending the week
        deal(13, next_followup=D(2026, 4, 29), touches=4),  # same due date as row 2
    ]


def test_followups_states_dates_and_order() -> None:
    result = followups(sample_deals(), STAGES, AS_OF)
    summary = [(f.row, f.due, f.origin, f.state, f.business_days_late) for f in result]
    assert summary == [
        # Wed 29 Apr -> Wed 6 May: 30 Apr, (1 May off), 4, 5, 6 May
        (2, D(2026, 4, 29), "last_contact", "overdue", 4),
        (13, D(2026, 4, 29), "explicit", "overdue", 4),
        (3, D(2026, 5, 1), "explicit", "overdue", 3),
        (10, D(2026, 5, 4), "explicit", "overdue", 2),
        (11, D(2026, 5, 6), "last_contact", "due_this_week", 0),
        (4, D(2026, 5, 7), "last_contact", "due_this_week", 0),
        (12, D(2026, 5, 10), "explicit", "due_this_week", 0),
        (5, D(2026, 5, 11), "last_contact", "later", 0),
        (6, None, "none", "nurture", 0),
        (7, None, "none", "unscheduled", 0),
    ]


def test_followup_carries_the_deal_fields() -> None:
    result = followups(
        [
            deal(
                5,
                company="Acme",
                owner="Léa",
                stage="Rendez-vous",
                touches=None,
                last_contact=AS_OF,
            )
        ],
        STAGES,
        AS_OF,
    )
    assert result == [
        FollowUp(
            row=5,
            deal_id="D5",
            deal_name="Affaire 5",
            company="Acme",
            owner="Léa",
            stage="Rendez-vous",
            due=AS_OF,
            origin="last_contact",
            state="due_this_week",
            business_days_late=0,
            touches=0,
        )
    ]


def test_overdue_followups_is_the_overdue_subset_in_order() -> None:
    rows = [f.row for f in overdue_followups(sample_deals(), STAGES, AS_OF)]
    assert rows == [2, 13, 3, 10]


def test_hand_off_to_nurture_after_7_touches() -> None:
    deals = [
        deal(2, last_contact=D(2026, 3, 2), touches=6),
        deal(3, last_contact=D(2026, 3, 2), touches=7),
        deal(4, last_contact=D(2026, 3, 2), touches=25),
    ]
    result = {f.row: f for f in followups(deals, STAGES, AS_OF)}
    # Six touches: the weekly step, Mon 9 March, long overdue.
    assert (result[2].state, result[2].due) == ("overdue", D(2026, 3, 9))
    assert (result[3].state, result[3].due, result[3].business_days_late) == ("nurture", None, 0)
    assert result[4].state == "nurture"
    assert [f.row for f in overdue_followups(deals, STAGES, AS_OF)] == [2]


def test_a_higher_max_touches_keeps_the_quarterly_step() -> None:
    deals = [deal(3, last_contact=D(2026, 3, 2), touches=7)]
    (result,) = followups(deals, STAGES, AS_OF, max_touches=8)
    # +90 days = Sunday 31 May, rolled to Monday 1 June.
    assert (result.state, result.due, result.origin) == ("later", D(2026, 6, 1), "last_contact")


def test_stage_cadence_is_used_and_unknown_stages_use_the_default() -> None:
    stages = StageTable(
        (
            Stage("Suspect", 1, 0.1),
            Stage("Rendez-vous", 2, 0.4, cadence=Cadence((2, 5, 12), from_stage_entry=True)),
            Stage("Gagné", 3, 1.0, is_won=True),
        )
    )
    deals = [
        deal(2, stage="Rendez-vous", last_contact=D(2026, 5, 6), touches=0),
        deal(3, stage="rdv inconnu", last_contact=D(2026, 5, 6), touches=1),
        deal(4, stage="Suspect", last_contact=D(2026, 5, 6), touches=2),
    ]
    due = {f.row: f.due for f in followups(deals, stages, AS_OF)}
    assert due == {
        2: D(2026, 5, 11),  # no stage entry: last contact +2 = Fri 8 May (off) -> Mon 11
        3: D(2026, 5, 7),  # default: next day
        4: D(2026, 5, 11),  # default +3 = Sat 9 May -> Mon 11 May
    }


# Seed 000's J+2, J+5, J+12 on the proposal stage; the default cadence elsewhere.
SEED_STAGES = StageTable(
    (
        Stage("Rendez-vous", 1, 0.4),
        Stage("Proposition envoyée", 2, 0.6, cadence=Cadence((2, 5, 12), from_stage_entry=True)),
        Stage("Gagné", 3, 1.0, is_won=True),
    )
)


def test_seed_000_cadence_from_stage_entry_and_the_rule_each_deal_used() -> None:
    # As of Wednesday 13 May 2026 (week of 11-17 May; Thursday 14 is Ascension).
    as_of = D(2026, 5, 13)
    proposal = "Proposition envoyée"
    deals = [
        # Proposal sent Wed 6 May: touch 2 is due at J+5 = Mon 11 May whatever day touch 1 was.
        deal(2, stage=proposal, stage_entered=D(2026, 5, 6), last_contact=D(2026, 5, 11),
             touches=1),
        # Same, stage entry unknown: last contact Mon 11 + 3 = Thu 14 (Ascension) -> Fri 15.
        deal(3, stage=proposal, last_contact=D(2026, 5, 11), touches=1),
        # Touch 3 at J+12 = Mon 18 May even though touch 2 was late (Tue 12 May).
        deal(4, stage=proposal, stage_entered=D(2026, 5, 6), last_contact=D(2026, 5, 12),
             touches=2),
        # Past J+12: last contact Tue 19 May... not yet; here last contact Mon 11 + 7.
        deal(5, stage=proposal, stage_entered=D(2026, 4, 1), last_contact=D(2026, 5, 11),
             touches=3),
        # Stage entered, no touch: J+2 from Thu 7 May is Sat 9 -> Mon 11 May.
        deal(6, stage=proposal, stage_entered=D(2026, 5, 7), touches=0),
        # The default cadence (gaps) ignores the stage entry: last contact Tue 12 + 1.
        deal(7, stage="Rendez-vous", stage_entered=D(2026, 4, 1), last_contact=D(2026, 5, 12),
             touches=1),
        # A typed date beats every rule.
        deal(8, stage=proposal, stage_entered=D(2026, 5, 6), next_followup=D(2026, 5, 20)),
    ]  # fmt: skip
    result = {f.row: (f.due, f.origin, f.state) for f in followups(deals, SEED_STAGES, as_of)}
    assert result == {
        2: (D(2026, 5, 11), "stage_entry", "overdue"),
        3: (D(2026, 5, 15), "last_contact", "due_this_week"),
        4: (D(2026, 5, 18), "stage_entry", "later"),
        5: (D(2026, 5, 18), "last_contact", "later"),
        6: (D(2026, 5, 11), "stage_entry", "overdue"),
        7: (D(2026, 5, 13), "last_contact", "due_this_week"),
        8: (D(2026, 5, 20), "explicit", "later"),
    }


def test_absurd_touch_counts_go_to_nurture_without_overflowing() -> None:
    deals = [deal(2, last_contact=AS_OF, touches=10**20)]
    (result,) = followups(deals, STAGES, AS_OF)
    assert (result.state, result.due) == ("nurture", None)


def test_overdue_counting_over_ascension() -> None:
    deals = [deal(2, next_followup=D(2026, 5, 13))]
    (result,) = followups(deals, STAGES, D(2026, 5, 15))
    # Wed 13 -> Fri 15 May: Thursday 14 is Ascension, only Friday counts.
    assert (result.state, result.business_days_late) == ("overdue", 1)


def test_overdue_on_a_weekend_right_after_the_due_date_is_zero_business_days_late() -> None:
    deals = [deal(2, next_followup=D(2026, 4, 30))]
    (result,) = followups(deals, STAGES, D(2026, 5, 2))  # Saturday, after the 1 May holiday
    assert (result.state, result.business_days_late) == ("overdue", 0)


def test_negative_touches_count_as_zero() -> None:
    (result,) = followups([deal(2, last_contact=AS_OF, touches=-2)], STAGES, AS_OF)
    assert (result.touches, result.due) == (0, AS_OF)


def test_no_deals_gives_no_followups() -> None:
    assert followups([], STAGES, AS_OF) == []


def test_followup_init_takes_the_fields_in_order() -> None:
    parameters = list(inspect.signature(FollowUp).parameters)
    assert parameters == [f.name for f in dataclasses.fields(FollowUp)]


def test_followup_is_frozen() -> None:
    (result,) = followups([deal(2, last_contact=AS_OF)], STAGES, AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.row = 3  # type: ignore[misc]
    assert dataclasses.replace(result, row=3).row == 3


deals_strategy = st.lists(
    st.builds(
        Deal,
        row=st.integers(1, 10_000),
        deal_id=st.none(),
        name=st.none(),
        stage=st.sampled_from([None, "Suspect", "Négociation", "inconnue"]),
        status=st.sampled_from(list(Status)),
        last_contact=st.one_of(st.none(), st.dates(D(2025, 1, 1), D(2026, 12, 31))),
        next_followup=st.one_of(st.none(), st.dates(D(2025, 1, 1), D(2026, 12, 31))),
        touches=st.one_of(st.none(), st.integers(-1, 12)),
        stage_entered=st.one_of(st.none(), st.dates(D(2025, 1, 1), D(2026, 12, 31))),
    ),
    max_size=30,
)
mixed_stages = StageTable(
    (
        Stage("Suspect", 1, 0.1, cadence=Cadence((0, 4), from_stage_entry=False)),
        Stage("Négociation", 2, 0.8, cadence=Cadence((1, 3, 3, 20), from_stage_entry=True)),
        Stage("Gagné", 3, 1.0, is_won=True),
    )
)


@given(deals_strategy, st.dates(D(2025, 6, 1), D(2026, 12, 31)))
def test_every_due_date_is_the_one_deal_rule(deals: list[Deal], as_of: date) -> None:
    """The whole-column computation gives each deal the date and rule of the one-deal one."""
    by_row = {i: dataclasses.replace(d, row=i) for i, d in enumerate(deals, start=2)}
    for f in followups(by_row.values(), mixed_stages, as_of, max_touches=99):
        d = by_row[f.row]
        stage = mixed_stages.get(d.stage) if d.stage else None
        cadence = stage.cadence if stage and stage.cadence else DEFAULT_CADENCE
        expected = scheduled_followup(
            d.last_contact, d.touches, cadence, d.next_followup, d.stage_entered
        )
        assert (f.due, f.origin) == expected


@given(deals_strategy, st.dates(D(2025, 6, 1), D(2026, 12, 31)))
def test_followups_properties(deals: list[Deal], as_of: date) -> None:
    result = followups(deals, STAGES, as_of)
    assert sorted(f.row for f in result) == sorted(d.row for d in deals if d.status == "open")
    sunday = as_of + timedelta(days=6 - as_of.weekday())
    for f in result:
        assert f.state in STATES
        assert (f.business_days_late > 0) <= (f.state == "overdue")
        if f.due is None:
            assert f.state in ("nurture", "unscheduled")
        elif f.state == "overdue":
            assert f.due < as_of
        elif f.state == "due_this_week":
            assert as_of <= f.due <= sunday
        else:
            assert f.state == "later" and f.due > sunday
        if f.origin in ("stage_entry", "last_contact"):
            assert f.due is not None and is_business_day(f.due)
        if f.state == "nurture":
            assert f.touches >= 7
    ranks = [STATES.index(f.state) for f in result]
    assert ranks == sorted(ranks)


# --- scale ------------------------------------------------------------------------------


@pytest.mark.slow
def test_100k_deals_take_no_per_deal_holiday_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole column of follow-ups goes through numpy's business-day calendar: the single-date
    helpers (one holiday look-up per deal, seconds at this size) are never called. Its speed
    is measured in bench/, not here: a timed test fails on a loaded machine."""
    from salespipe.core.metrics import business_days

    def per_deal(*args: object) -> object:
        raise AssertionError("per-deal business-day look-up on the bulk path")

    deals = many_open_deals(100_000, [s.name for s in STAGES.open_stages])
    for name in ("add_business_days", "business_days_between", "roll_forward"):
        monkeypatch.setattr(business_days, name, per_deal)
    result = followups(deals, STAGES, AS_OF)
    assert len(result) == 100_000
    assert all(f.due is None or f.state for f in result)
