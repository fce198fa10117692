"""Cell parsers: the ways French and English sheets type numbers, percentages and dates."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.reading.parsing import (
    CellError,
    date_from_serial,
    parse_amount,
    parse_column,
    parse_date,
    parse_int,
    parse_mark,
    parse_number,
    parse_percent,
    parse_text,
    parse_week,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12 500,50 €", 12500.50),
        ("12\u00a0500,50\u00a0€", 12500.50),  # Excel's non-breaking space
        ("12\u202f500 €", 12500.0),  # narrow no-break space, as French locales print
        ("12.500,50", 12500.50),
        ("12,500.50", 12500.50),
        ("1 234 567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("50k€", 50000.0),
        ("50 k€", 50000.0),
        ("1,5 M€", 1_500_000.0),
        ("12 500 € HT", 12500.0),
        ("3 200,00 EUR", 3200.0),
        ("2500 euros", 2500.0),
        ("€ 1200", 1200.0),
        ("0,3", 0.3),
        ("30", 30.0),
        (30, 30.0),
        (12500.5, 12500.5),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_number_reads_french_and_english_typing(
    typed: object, expected: float | None
) -> None:
    result = parse_number(typed)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    "typed", ["à voir", "abc", "12,5,3", "1.2.3.4x", "--5", True, float("inf")]
)
def test_parse_number_refuses_text_that_is_not_a_number(typed: object) -> None:
    with pytest.raises(CellError) as err:
        parse_number(typed)
    assert err.value.code == "bad_number"


def test_parse_amount_refuses_negative_and_unreadable_amounts() -> None:
    with pytest.raises(CellError) as neg:
        parse_amount("-500")
    assert neg.value.code == "negative_amount"
    with pytest.raises(CellError) as bad:
        parse_amount("sur devis")
    assert bad.value.code == "bad_amount"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30 %", 0.3),
        ("30%", 0.3),
        ("0,3", 0.3),
        ("30", 0.3),
        (0.3, 0.3),
        (45, 0.45),
        ("100 %", 1.0),
        ("0 %", 0.0),
        (1, 1.0),
        ("12,5 %", 0.125),
    ],
)
def test_parse_percent_accepts_the_ways_people_type_probabilities(
    typed: object, expected: float
) -> None:
    assert parse_percent(typed) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("150 %", "probability_out_of_range"),
        (250, "probability_out_of_range"),
        ("-10 %", "probability_out_of_range"),
        ("élevée", "bad_probability"),
    ],
)
def test_parse_percent_reports_out_of_range_and_unreadable(typed: object, code: str) -> None:
    with pytest.raises(CellError) as err:
        parse_percent(typed)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/01/2026", date(2026, 1, 31)),
        ("04/03/2026", date(2026, 3, 4)),  # day first: 4 March, never 3 April
        ("4/3/2026", date(2026, 3, 4)),
        ("31-01-2026", date(2026, 1, 31)),
        ("31.01.2026", date(2026, 1, 31)),
        ("31/01/26", date(2026, 1, 31)),
        ("2026-01-31", date(2026, 1, 31)),
        ("2026-01-31T10:00:00", date(2026, 1, 31)),
        ("2026-01-31 00:00:00", date(2026, 1, 31)),
        ("3 mars 2026", date(2026, 3, 3)),
        ("1er janvier 2026", date(2026, 1, 1)),
        ("14 juillet 2026", date(2026, 7, 14)),
        (46053, date(2026, 1, 31)),  # Excel serial
        (46053.75, date(2026, 1, 31)),  # serial with a time of day
        ("46053", date(2026, 1, 31)),
        (datetime(2026, 1, 31, 9, 30), date(2026, 1, 31)),
        (date(2026, 1, 31), date(2026, 1, 31)),
    ],
)
def test_parse_date_reads_french_iso_serial_and_datetime(typed: object, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "32/01/2026", "demain", "12", 5, "2026-13-01", "Q3"]
)
def test_parse_date_refuses_impossible_or_ambiguous_dates(typed: object) -> None:
    with pytest.raises(CellError) as err:
        parse_date(typed)
    assert err.value.code == "bad_date"


def test_excel_serial_epoch_matches_excel() -> None:
    # Excel shows serial 45658 as 01/01/2025 and 1 as 01/01/1900 (after its leap-year bug).
    assert date_from_serial(45658) == date(2025, 1, 1)
    assert date_from_serial(61) == date(1900, 3, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (12, 12),
        ("S12", 12),
        ("s 12", 12),
        ("W7", 7),
        ("semaine 40", 40),
        ("Sem. 3", 3),
        (date(2026, 3, 18), 12),
        ("18/03/2026", 12),
    ],
)
def test_parse_week(typed: object, expected: int) -> None:
    assert parse_week(typed) == expected


@pytest.mark.parametrize("typed", [0, 54, "S60", "mars", 12.5])
def test_parse_week_refuses_out_of_range(typed: object) -> None:
    with pytest.raises(CellError):
        parse_week(typed)


def test_parse_int_counts_and_refuses_fractions() -> None:
    assert parse_int("3") == 3
    assert parse_int(4.0) == 4
    assert parse_int(None) is None
    for bad in ("2,5", -1, "beaucoup"):
        with pytest.raises(CellError):
            parse_int(bad)


def test_parse_text_trims_and_folds_whitespace_and_drops_float_suffix() -> None:
    assert parse_text("  Boulangerie   Lemaire \n") == "Boulangerie Lemaire"
    assert parse_text(1234.0) == "1234"
    assert parse_text(None) is None
    assert parse_text("   ") is None


@pytest.mark.parametrize(
    ("typed", "ticked"),
    [
        ("x", True),
        ("X", True),
        ("oui", True),
        (1, True),
        (None, False),
        ("", False),
        (0, False),
        ("-", False),
    ],
)
def test_parse_mark(typed: object, ticked: bool) -> None:
    assert parse_mark(typed) is ticked


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_french_typed_amount_round_trips(units: int, cents: int) -> None:
    grouped = f"{units:,}".replace(",", " ")
    typed = f"{grouped},{cents:02d} €"
    assert parse_amount(typed) == pytest.approx(units + cents / 100, abs=1e-6)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_english_typed_amount_round_trips(units: int, cents: int) -> None:
    typed = f"{units:,}.{cents:02d}"
    assert parse_amount(typed) == pytest.approx(units + cents / 100, abs=1e-6)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_reads_back_in_each_typed_form(day: date) -> None:
    serial = (day - date(1899, 12, 30)).days
    for typed in (day.strftime("%d/%m/%Y"), day.isoformat(), serial, float(serial)):
        assert parse_date(typed) == day


@given(st.text(max_size=30))
def test_parsers_either_return_or_raise_cell_error(text: str) -> None:
    for parse in (parse_number, parse_amount, parse_percent, parse_date, parse_int, parse_week):
        with contextlib.suppress(CellError):
            parse(text)


column_cells = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.sampled_from(["12 500,50 €", " 30 % ", "31/02/2026", "  Marie  Curie ", "x\u00a0y", "S12"]),
)


def _one_by_one(values: list[object], parse: Callable[[object], object]) -> tuple[list, list]:
    out, errors = [], []
    for position, value in enumerate(values):
        try:
            out.append(parse(value))
        except CellError as exc:
            out.append(None)
            errors.append((position, value, exc.code))
    return out, errors


@pytest.mark.parametrize(
    "parse", [parse_text, parse_amount, parse_percent, parse_date, parse_int, parse_number]
)
@given(values=st.lists(column_cells, max_size=30))
def test_parse_column_equals_parsing_cell_by_cell(
    parse: Callable[[object], object], values: list[object]
) -> None:
    out, errors = parse_column(values, parse)
    expected_out, expected_errors = _one_by_one(values, parse)
    assert [repr(v) for v in out] == [repr(v) for v in expected_out]
    assert [(p, repr(v), e.code) for p, v, e in errors] == [
        (p, repr(v), code) for p, v, code in expected_errors
    ]


# --- the limits of a cell (docs/limits.md) ------------------------------------------------


def test_an_amount_above_the_limit_is_refused_not_summed_to_infinity() -> None:
    assert parse_amount(1e15) == 1e15  # the limit itself: a million billion euros
    assert parse_amount("1 000 000 000 000 000 €") == 1e15
    for too_large in (1e15 + 1, 1.7e308, "9" * 400, "2 000 000 000 000 000 €"):
        with pytest.raises(CellError) as error:
            parse_amount(too_large)
        assert error.value.code == "amount_too_large"
        assert error.value.params == {"limit": "1 000 000 000 000 000 €"}


@pytest.mark.parametrize(
    "value", ["31/12/9999", "9999-12-31", date(9999, 12, 31), datetime(3000, 1, 1), "31/12/1899"]
)
def test_a_date_outside_1900_to_2999_is_refused_with_its_own_code(value: object) -> None:
    with pytest.raises(CellError) as error:
        parse_date(value)
    assert error.value.code == "date_out_of_range"
    assert error.value.params == {"first": "01/01/1900", "last": "31/12/2999"}


def test_the_first_and_last_dates_read() -> None:
    assert parse_date("01/01/1900") == date(1900, 1, 1)
    assert parse_date("31/12/2999") == date(2999, 12, 31)
    assert parse_date(datetime(2999, 12, 31, 23, 59)) == date(2999, 12, 31)
