"""Follow-up cadences and the next follow-up date of one deal, on the 2026 French calendar."""

from __future__ import annotations

from datetime import date

import pytest

from salespipe.core.errors import InputError
from salespipe.core.metrics.cadence import cadence_step, next_followup, parse_cadence
from salespipe.core.model import DEFAULT_CADENCE

D = date


# --- parse_cadence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,1,3,7,7,7,7,90", (0, 1, 3, 7, 7, 7, 7, 90)),
        ("0; 1; 3", (0, 1, 3)),
        ("J+2, J+5, J+12", (2, 5, 12)),
        ("J0 J+1 J+3", (0, 1, 3)),
        ("j+2;j+5", (2, 5)),
        ("D+2 D+5", (2, 5)),
        (" 2 / 5 / 12 ", (2, 5, 12)),
        ("J + 2, J + 5", (2, 5)),
        ("7", (7,)),
        ("+2, +5, +12", (2, 5, 12)),
    ],
)
def test_parse_cadence(text: str, expected: tuple[int, ...]) -> None:
    assert parse_cadence(text) == expected


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


@pytest.mark.parametrize(
    ("touches", "expected"),
    [
        (0, D(2026, 5, 11)),  # J+2 is Friday 8 May (Victoire 1945): rolled to Monday
        (1, D(2026, 5, 11)),  # J+5 is Monday 11 May
        (2, D(2026, 5, 18)),  # J+12 is Monday 18 May
        (3, D(2026, 5, 18)),
    ],
)
def test_cadence_j2_j5_j12_after_a_proposal(touches: int, expected: date) -> None:
    cadence = parse_cadence("J+2, J+5, J+12")
    # Last contact on Wednesday 6 May 2026.
    assert next_followup(D(2026, 5, 6), touches, cadence) == expected


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


def test_cadence_step_rules() -> None:
    assert cadence_step(DEFAULT_CADENCE, None) == 0
    assert cadence_step(DEFAULT_CADENCE, -3) == 0
    assert cadence_step((2, 5, 12), 10) == 12
    with pytest.raises(ValueError):
        cadence_step((), 1)
