"""Tolerant parsing of single cell values, as spreadsheets hand them over.

A cell arrives as whatever the reader produced: ``None`` or ``""`` for blank,
``float``/``int`` for numbers, ``datetime``/``date`` for dates, or text typed by
a person (``"12 500,50 €"``, ``"30 %"``, ``"31/01/2026"``). Each ``parse_*``
function returns the clean value, ``None`` for a blank cell, or raises
:class:`CellError` with a stable issue code; it never guesses wildly.

Text parses are memoised: real sheets repeat the same strings many times.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from salespipe.core.reading.lost_cells import LostCell

# Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers we accept as dates: 1950-01-01 .. 2099-12-31. A bare number
# outside that range is more likely a typo than a date.
_SERIAL_MIN = (date(1950, 1, 1) - EXCEL_EPOCH).days
_SERIAL_MAX = (date(2099, 12, 31) - EXCEL_EPOCH).days
# The limits of a cell (docs/limits.md). An amount above AMOUNT_MAX (10^15 €) is refused:
# a million deals at the limit still sum to a finite, exact-to-the-euro figure, where
# amounts near 1e308 summed to infinity. A date outside DATE_MIN..DATE_MAX (a typo, or a
# "never" such as 31/12/9999) is refused: follow-ups and periods computed from it would
# leave the calendar (year 10000).
AMOUNT_MAX = 1e15
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2999, 12, 31)


class CellError(ValueError):
    """A cell that cannot be read as the column expects; ``code`` keys the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(value: Any) -> bool:
    """True for None, empty or whitespace-only text, and NaN."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not value or value.isspace()
    if kind is float:
        return value != value  # NaN
    if isinstance(value, str):  # a str subclass: a lost cell is blank to row checks
        return isinstance(value, LostCell) or not value.strip()
    return False


def readable(value: Any) -> Any:
    """``value``, or CellError for a cell the reader could not read (an Excel error,
    a formula without its value: :mod:`salespipe.core.reading.lost_cells`)."""
    if isinstance(value, LostCell):
        raise CellError(value.code, **value.params)
    return value


# --- text -----------------------------------------------------------------


def parse_text(value: Any) -> str | None:
    """Trimmed text with inner runs of white space folded; numbers without a stray ``.0``."""
    if type(value) is str:
        return " ".join(value.split()) or None
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


# --- numbers --------------------------------------------------------------

_CURRENCY = re.compile(r"(€|eur(?:os?)?\b|\bht\b|\bttc\b)", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


@lru_cache(maxsize=65536)
def _number_from_text(text: str) -> float | None:
    """``"12 500,50 €"`` → 12500.5, ``"12.500,50"`` → 12500.5, ``"50k€"`` → 50000.

    Returns None when the text is not a number.
    """
    cleaned = _CURRENCY.sub("", text.strip().lower())
    multiplier = 1.0
    cleaned = _SPACES.sub("", cleaned)
    if cleaned.endswith(("k", "k€")) or cleaned.endswith("ke"):
        multiplier, cleaned = 1_000.0, cleaned.rstrip("€e")[:-1]
    elif cleaned.endswith(("m", "m€")) and not cleaned.endswith("mm"):
        multiplier, cleaned = 1_000_000.0, cleaned.rstrip("€")[:-1]
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    plain = _normalise_separators(cleaned)
    if plain is None or not _NUMBER.fullmatch(plain):
        return None
    return float(plain) * multiplier


def _normalise_separators(text: str) -> str | None:
    """Turn French/English thousands and decimal separators into a plain ``1234.5``."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        # The separator that comes last is the decimal one: 12.500,50 or 12,500.50
        decimal, thousands = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        if text.count(decimal) > 1:
            return None
        return text.replace(thousands, "").replace(decimal, ".")
    sep = "," if commas else "." if dots else None
    if sep is None:
        return text
    if _grouped(text, sep):  # 12.500 / 12,500 / 1.234.567: thousands, never 12,5
        return text.replace(sep, "")
    if text.count(sep) > 1:
        return None
    return text.replace(",", ".")  # a decimal comma or point: 0,3 / 12500,50 / 0.125


def _grouped(text: str, sep: str) -> bool:
    """True for ``12.500`` / ``1.234.567``-style thousands grouping.

    A first group of 0 (``0,125``) is a decimal, not a thousands grouping.
    """
    head, *groups = text.lstrip("+-").split(sep)
    return (
        1 <= len(head) <= 3
        and head.isdigit()
        and head != "0"
        and bool(groups)
        and all(len(g) == 3 and g.isdigit() for g in groups)
    )


def parse_number(value: Any, code: str = "bad_number") -> float | None:
    """Any number as typed in a French or English sheet; raises CellError(code)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(code)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isinf(value):
            raise CellError(code)
        return float(value)
    if isinstance(value, str):
        number = _number_from_text(value)
        if number is not None:
            return number
    raise CellError(code)


def parse_amount(value: Any) -> float | None:
    """A money amount in euros; negative amounts and those above AMOUNT_MAX are refused."""
    amount = parse_number(value, "bad_amount")
    if amount is not None and amount < 0:
        raise CellError("negative_amount")
    if amount is not None and amount > AMOUNT_MAX:
        raise CellError("amount_too_large", limit="1 000 000 000 000 000 €")
    return None if amount is None else amount + 0.0  # -0 is 0


def parse_percent(value: Any) -> float | None:
    """A probability as a fraction: ``"30 %"``, ``"30"``, ``0.3``, ``"0,3"`` → 0.3.

    A number above 1 and at most 100 without a percent sign is read as a
    percentage (people type 30 for 30 %). Raises CellError for text that is not
    a number, and for values outside 0–100 %.
    """
    if is_blank(value):
        return None
    percent_sign = isinstance(value, str) and "%" in value
    text = value.replace("%", "") if isinstance(value, str) else value
    number = parse_number(text, "bad_probability")
    if number is None:
        raise CellError("bad_probability")
    if percent_sign or number > 1:
        number /= 100.0
    if not 0.0 <= number <= 1.0:
        raise CellError("probability_out_of_range")
    return number


def parse_int(value: Any) -> int | None:
    """A whole, non-negative count (touches, counts); ``"3"``, ``3.0`` → 3."""
    number = parse_number(value, "bad_integer")
    if number is None:
        return None
    if not number.is_integer() or number < 0:
        raise CellError("bad_integer")
    return int(number)


# --- dates ----------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_TIME_TAIL = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$")

_FRENCH_MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "mar": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_TEXT_MONTH = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")


def date_from_serial(serial: float) -> date:
    """The date of an Excel/Sheets serial number (time of day dropped)."""
    return EXCEL_EPOCH + timedelta(days=int(serial))


@lru_cache(maxsize=65536)
def _date_from_text(text: str) -> date | None:
    cleaned = _TIME_TAIL.sub("", text.strip().lower())
    match = _YMD.fullmatch(cleaned)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _safe_date(year, month, day)
    match = _DMY.fullmatch(cleaned)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _safe_date(year, month, day)
    match = _TEXT_MONTH.fullmatch(_fold_ascii(cleaned))
    if match:
        month_number = _FRENCH_MONTHS.get(match.group(2))
        if month_number:
            return _safe_date(int(match.group(3)), month_number, int(match.group(1)))
    if _NUMBER.fullmatch(cleaned):
        serial = float(cleaned)
        if _SERIAL_MIN <= serial <= _SERIAL_MAX:
            return date_from_serial(serial)
    return None


def _fold_ascii(text: str) -> str:
    return text.translate(str.maketrans("éèêëûùôîïàâç", "eeeeuuoiiaac"))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A date from a datetime, an Excel serial, or text (dd/mm/yyyy first, ISO, ``3 mars 2026``).

    Day-first is the French convention: ``04/03/2026`` is 4 March. Raises
    CellError("bad_date") for anything else, including impossible dates, and
    CellError("date_out_of_range") for a date outside DATE_MIN..DATE_MAX.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _in_range(value.date())
    if isinstance(value, date):
        return _in_range(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return date_from_serial(value)
        raise CellError("bad_date")
    if isinstance(value, str):
        parsed = _date_from_text(value)
        if parsed is not None:
            return _in_range(parsed)
    raise CellError("bad_date")


def _in_range(day: date) -> date:
    """``day``, or CellError("date_out_of_range") outside DATE_MIN..DATE_MAX."""
    if DATE_MIN <= day <= DATE_MAX:
        return day
    raise CellError("date_out_of_range", first="01/01/1900", last="31/12/2999")


# --- weeks ----------------------------------------------------------------

_WEEK = re.compile(r"(?:s|w|sem(?:aine)?|week|wk)?\s*\.?\s*(\d{1,2})")


def parse_week(value: Any) -> int | None:
    """An ISO week number 1–53 from ``12``, ``"S12"``, ``"W12"``, ``"semaine 12"`` or a date."""
    if is_blank(value):
        return None
    if isinstance(value, date):
        return value.isocalendar().week
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 53:
            return int(value)
        raise CellError("bad_week")
    if isinstance(value, str):
        match = _WEEK.fullmatch(value.strip().lower())
        if match and 1 <= int(match.group(1)) <= 53:
            return int(match.group(1))
        try:
            parsed = _date_from_text(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed.isocalendar().week
    raise CellError("bad_week")


_TRUE_MARKS = {"x", "oui", "yes", "o", "y", "1", "✓", "✔", "vrai", "true", "*"}


def parse_mark(value: Any) -> bool:
    """A week-grid cell: ticked (``x``, ``1``, ``oui``, any positive number) or not."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    return str(value).strip().lower() in _TRUE_MARKS


# --- whole columns --------------------------------------------------------

ColumnErrors = list[tuple[int, Any, CellError]]


def parse_column(
    values: Sequence[Any], parse: Callable[[Any], Any]
) -> tuple[list[Any], ColumnErrors]:
    """``parse`` applied to a whole column, with an inline fast path for typed cells.

    Returns the parsed values (None for blank or unreadable cells) and, for each
    unreadable cell, ``(position, value, error)``. Same results as calling
    ``parse`` cell by cell (a property test checks it), several times faster:
    cells that are already floats, dates or clean text never leave the
    comprehension.
    """
    errors: ColumnErrors = []

    def slow(position: int, value: Any) -> Any:
        try:
            return parse(readable(value))
        except CellError as exc:
            errors.append((position, value, exc))
            return None

    # Blank cells come as None (openpyxl, CSV) or "" (calamine, gspread).
    e = enumerate(values)
    if parse is parse_text:
        # Clean text kept as is, else white space folded. ``strip()`` hands back the
        # string itself when there is nothing to strip (CPython): no copy for clean text.
        out = [
            (
                v
                if v.isprintable() and v.strip() is v and v and "  " not in v
                else " ".join(v.split()) or None
            )
            if type(v) is str
            else None
            if v is None
            else slow(i, v)
            for i, v in e
        ]
    elif parse is parse_date:
        out = [
            v.date()
            if type(v) is datetime
            else v
            if type(v) is date
            else None
            if v is None or v == ""
            else slow(i, v)
            for i, v in e
        ]
        _dates_in_range(values, out, slow, errors)
    elif parse is parse_amount:
        out = [
            v + 0.0  # -0.0 is 0.0, as parse_amount gives it
            if type(v) is float and 0.0 <= v <= AMOUNT_MAX
            else None
            if v is None or v == ""
            else slow(i, v)
            for i, v in e
        ]
    elif parse is parse_percent:
        out = [
            v
            if type(v) is float and 0.0 <= v <= 1.0
            else None
            if v is None or v == ""
            else slow(i, v)
            for i, v in e
        ]
    elif parse is parse_int:
        out = [
            int(v)
            if type(v) is float and v >= 0 and v.is_integer()
            else None
            if v is None or v == ""
            else slow(i, v)
            for i, v in e
        ]
    else:
        out = [None if v is None or v == "" else slow(i, v) for i, v in e]
    return out, errors


def _dates_in_range(
    values: Sequence[Any], out: list[Any], slow: Callable[[int, Any], Any], errors: ColumnErrors
) -> None:
    """The range check of :func:`parse_date` after the fast path: one min and one max
    over the column (a comparison per cell in the comprehension cost twice as much);
    a date out of range, rare, goes through ``slow`` like any unreadable cell."""
    present = [*filter(None, out)]
    if not present or (min(present) >= DATE_MIN and max(present) <= DATE_MAX):
        return
    for position, day in enumerate(out):
        if day is not None and not DATE_MIN <= day <= DATE_MAX:
            out[position] = slow(position, values[position])
    errors.sort(key=lambda error: error[0])  # in cell order, as cell by cell
