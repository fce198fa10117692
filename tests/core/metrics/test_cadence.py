"""Follow-up cadences and the next follow-up date of one deal, on the 2026 French calendar."""

from __future__ import annotations

from datetime import date

import pytest

from salespipe.core.errors import InputError
from salespipe.core.metrics.cadence import (
    gaps,
    next_followup,
    parse_cadence,
    scheduled_followup,
)
from salespipe.core.model import DEFAULT_CADENCE, Cadence

D = date


# --- parse_cadence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("0,1,3,7,7,7,7,90", (0, 1, 3, 7, 7, 7, 7, 90)),
        ("0; 1; 3", (0, 1, 3)),
        (" 2 / 5 / 12 ", (2, 5, 12)),
        ("7", (7,)),
        ("+2, +5, +12", (2, 5, 12)),
        ("+0 +1 +3 +7", (0, 1, 3, 7)),
        ("0, +1, 3", (0, 1, 3)),  # plain numbers are gaps too
    ],
)
def test_plain_numbers_and_plus_steps_are_gaps_after_the_last_contact(
    text: str, days: tuple[int, ...]
) -> None:
    assert parse_cadence(text) == Cadence(days, from_stage_entry=False)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("J+2, J+5, J+12", (2, 5, 12)),
        ("J0 J+1 J+3", (0, 1, 3)),
        ("j+2;j+5", (2, 5)),
        ("D+2 D+5", (2, 5)),
        ("J + 2, J + 5", (2, 5)),
        ("J+2, J+2, J+9", (2, 2, 9)),  # two touches the same day
    ],
)
def test_j_steps_are_offsets_from_stage_entry(text: str, days: tuple[int, ...]) -> None:
    assert parse_cadence(text) == Cadence(days, from_stage_entry=True)


@pytest.mark.parametrize(
    "text", ["", "   ", "J-2", "abc", "1,5.5", "2 semaines", "J+99999", "J+2J+5", "J++2"]
)
def test_parse_cadence_rejects_in_french_and_english(text: str) -> None:
    with pytest.raises(ValueError, match="cadence") as error:
        parse_cadence(text)
    assert isinstance(error.value, InputError)
    assert "J+2, J+5, J+12" in str(error.value)
    assert "cadence de relance illisible" in str(error.value)
    english = error.value.message("en")
    assert "J+2, J+5, J+12" in english
    assert "unreadable follow-up cadence" in english


def test_mixing_the_two_notations_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError) as error:
        parse_cadence("J+2, +3, J+12")
    assert "J+n (depuis l'entrée dans l'étape) mêlé à des écarts +n" in str(error.value)
    assert "D+n (from stage entry) mixed with +n gaps" in error.value.message("en")


def test_offsets_that_go_back_are_refused() -> None:
    with pytest.raises(InputError) as error:
        parse_cadence("J+5, J+2")
    assert "J+2 après J+5 : les décalages depuis l'entrée dans l'étape ne reculent pas" in str(
        error.value
    )


@pytest.mark.parametrize("text", ["J+2, J+5, J+12", "+0, +1, +3, +7, +7, +7, +7, +90", "J0, J+4"])
def test_a_cadence_writes_back_as_it_reads(text: str) -> None:
    assert parse_cadence(text).text() == text


def test_the_default_cadence_is_written_as_gaps() -> None:
    assert DEFAULT_CADENCE.text() == "+0, +1, +3, +7, +7, +7, +7, +90"
    assert not DEFAULT_CADENCE.from_stage_entry


# --- next_followup ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("touches", "expected"),
    [
        (None, D(2026, 3, 2)),  # blank touches = 0: same day
        (0, D(2026, 3, 2)),  # same day
        (1, D(2026, 3, 3)),  # next day
        (2, D(2026, 3, 5)),  # +3 days
        (3, D(2026, 3, 9)),  # weekly for a month
        (4, D(2026, 3, 9)),
        (5, D(2026, 3, 9)),
        (6, D(2026, 3, 9)),
        (7, D(2026, 6, 1)),  # quarterly: +90 days is Sunday 31 May, rolled to Monday
        (12, D(2026, 6, 1)),  # past the end, the last step repeats
    ],
)
def test_default_cadence_day_0_1_3_weekly_then_quarterly(
    touches: int | None, expected: date
) -> None:
    # Last contact on Monday 2 March 2026.
    assert next_followup(D(2026, 3, 2), touches) == expected


# Seed 000's cadence after a proposal: J+2, J+5, J+12 from the day the proposal went out.
SEED_000 = "J+2, J+5, J+12"


@pytest.mark.parametrize(
    ("touches", "last_contact", "expected"),
    [
        # Proposal sent on Wednesday 6 May 2026 (stage entry).
        (0, D(2026, 5, 6), D(2026, 5, 11)),  # J+2 is Friday 8 May (Victoire 1945): Monday
        (1, D(2026, 5, 11), D(2026, 5, 11)),  # J+5 is Monday 11 May, whatever day touch 1 was
        (2, D(2026, 5, 12), D(2026, 5, 18)),  # J+12 is Monday 18 May, not touch 2 + 7
        (2, D(2026, 5, 15), D(2026, 5, 18)),  # a late touch 2 does not move touch 3
        (3, D(2026, 5, 19), D(2026, 5, 26)),  # past J+12: last contact + 7 (the last gap)
    ],
)
def test_seed_000_cadence_counts_from_stage_entry(
    touches: int, last_contact: date, expected: date
) -> None:
    due, rule = scheduled_followup(
        last_contact, touches, parse_cadence(SEED_000), stage_entered=D(2026, 5, 6)
    )
    assert due == expected
    assert rule == ("last_contact" if touches >= 3 else "stage_entry")


@pytest.mark.parametrize(
    ("touches", "last_contact", "expected"),
    [
        (0, D(2026, 5, 6), D(2026, 5, 11)),  # +2: Friday 8 May is a holiday, so Monday
        (1, D(2026, 5, 11), D(2026, 5, 15)),  # +3 (5 − 2): Thursday 14 May is Ascension
        (2, D(2026, 5, 12), D(2026, 5, 19)),  # +7 (12 − 5)
        (5, D(2026, 5, 20), D(2026, 5, 27)),  # past the end, +7 again
    ],
)
def test_seed_000_cadence_without_stage_entry_uses_the_differences_after_the_last_contact(
    touches: int, last_contact: date, expected: date
) -> None:
    assert scheduled_followup(last_contact, touches, parse_cadence(SEED_000)) == (
        expected,
        "last_contact",
    )


def test_both_rules_give_the_same_dates_when_touches_happen_on_time() -> None:
    # Stage entered Wednesday 4 March 2026: J+2 Friday 6, J+5 Monday 9 (Sunday 8 rolled),
    # J+12 Monday 16 (Sunday 15 rolled); touches done on those days.
    cadence = parse_cadence(SEED_000)
    entered = D(2026, 3, 4)
    on_time = [(0, entered), (1, D(2026, 3, 6)), (2, D(2026, 3, 9))]
    expected = [D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 16)]
    from_entry = [next_followup(c, t, cadence, stage_entered=entered) for t, c in on_time]
    from_contact = [next_followup(c, t, cadence) for t, c in on_time]
    assert from_entry == from_contact == expected


def test_no_date_known_gives_none_and_says_so() -> None:
    cadence = parse_cadence(SEED_000)
    assert scheduled_followup(None, 0, cadence) == (None, "none")
    # Past the offsets the stage entry alone is not enough: the last contact is needed.
    assert scheduled_followup(None, 3, cadence, stage_entered=D(2026, 5, 6)) == (None, "none")


@pytest.mark.parametrize(
    ("last_contact", "touches", "expected"),
    [
        (D(2026, 4, 30), 1, D(2026, 5, 4)),  # Friday 1 May, then the weekend
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # Ascension
        (D(2026, 7, 13), 1, D(2026, 7, 15)),  # 14 July
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # Christmas on a Friday
        (D(2026, 4, 3), 2, D(2026, 4, 7)),  # +3 is Easter Monday
        (D(2026, 5, 2), 0, D(2026, 5, 4)),  # contact on a Saturday, same-day step
    ],
)
def test_due_date_on_a_holiday_or_weekend_rolls_forward(
    last_contact: date, touches: int, expected: date
) -> None:
    assert next_followup(last_contact, touches) == expected


def test_explicit_date_is_kept_as_typed_even_on_a_holiday() -> None:
    assert next_followup(D(2026, 4, 1), 3, explicit=D(2026, 5, 1)) == D(2026, 5, 1)
    assert next_followup(None, None, explicit=D(2026, 5, 2)) == D(2026, 5, 2)


def test_no_last_contact_and_no_explicit_date_gives_none() -> None:
    assert next_followup(None, 2) is None


def test_gaps_past_the_end_repeat_the_last_one() -> None:
    assert DEFAULT_CADENCE.gap(-3) == 0
    assert DEFAULT_CADENCE.gap(100) == 90
    offsets = Cadence((2, 5, 12), from_stage_entry=True)
    assert [offsets.gap(k) for k in range(5)] == [2, 3, 7, 7, 7]
    assert [offsets.offset(k) for k in range(4)] == [2, 5, 12, None]
    assert Cadence((4,), from_stage_entry=True).gap(3) == 4
    with pytest.raises(InputError):
        gaps([])
