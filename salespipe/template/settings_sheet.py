"""« Paramètres »: parameters, default cadence, drop-down lists, holidays, word tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.model import DEFAULT_CADENCE, DEFAULT_MAX_TOUCHES
from salespipe.core.reading.vocabulary import LOST_WORDS, STATUS_WORDS, WON_WORDS
from salespipe.template.lang import ACCENTED, LIST_VALUES, Lang
from salespipe.template.layout import (
    CADENCE_FIRST,
    CADENCE_ROWS,
    LISTS,
    PARAMS,
    STAGE_WORD_COLUMNS,
    STATUS_WORD_COLUMNS,
    WEEK_FIRST_COLUMN,
    WEEK_ROW,
    WEEKS,
    holiday_dates,
)
from salespipe.template.sample import Sample
from salespipe.template.styles import (
    BOLD,
    DATE_FORMAT,
    EURO_FORMAT,
    HEADER_FILL,
    MONTH_FORMAT,
    TITLE,
    formats,
    header,
    print_setup,
    section,
    validation,
    widths,
)

_PARAM_DEFAULTS: dict[str, tuple[Any, str | None, str | None]] = {
    "as_of": ("=TODAY()", DATE_FORMAT, "note.as_of"),
    "target": (None, EURO_FORMAT, "note.target"),
    "period_start": ("=DATE(YEAR(B3),3*INT((MONTH(B3)-1)/3)+1,1)", DATE_FORMAT, "note.period"),
    "period_end": ("=EOMONTH(B5,2)", DATE_FORMAT, None),
    "max_touches": (DEFAULT_MAX_TOUCHES, "0", "note.max_touches"),
    "first_month": ("=B5", MONTH_FORMAT, "note.first_month"),
    "plan_year": ("=YEAR(B3)", "0", "note.plan_year"),
}


def _status_words(L: Lang) -> list[tuple[str, str]]:
    """Every status wording the core reads, with its accented forms, and what it means."""
    rows: list[tuple[str, str]] = []
    for word, status in STATUS_WORDS.items():
        meaning = L.word(status.value)
        rows += [(word, meaning)] + ([(ACCENTED[word], meaning)] if word in ACCENTED else [])
    return rows


def _stage_words(L: Lang) -> list[tuple[str, str]]:
    """Stage names that make a stage the won or lost outcome (as the core decides)."""
    rows: list[tuple[str, str]] = []
    for words, meaning in ((WON_WORDS, L.word("won")), (LOST_WORDS, L.word("lost"))):
        for word in sorted(words):
            rows += [(word, meaning)] + ([(ACCENTED[word], meaning)] if word in ACCENTED else [])
    return rows


def _write_list(ws: Worksheet, letter: str, title: str, values: Iterable[Any]) -> None:
    header(ws, 1, ws[f"{letter}1"].column, title)
    for row, value in enumerate(values, start=2):
        ws[f"{letter}{row}"] = value


def write_settings(ws: Worksheet, L: Lang, sample: Sample | None) -> None:
    """Parameters (B3:B9), the default cadence, the drop-down lists, holidays, word tables."""
    ws["A1"] = L.t("param.title")
    ws["A1"].font = TITLE
    for key, row in PARAMS.items():
        value, fmt, note = _PARAM_DEFAULTS[key]
        if key == "target" and sample is not None:
            value = sample.target
        ws[f"A{row}"] = L.t(f"param.{key}")
        ws[f"A{row}"].font = BOLD
        ws[f"B{row}"] = value
        ws[f"B{row}"].fill = HEADER_FILL
        if fmt:
            ws[f"B{row}"].number_format = fmt
        if note:
            ws[f"C{row}"] = L.t(note)
    _write_cadence(ws, L)
    _write_lists(ws, L, sample)
    validation(ws, "B3", "date", "36526", "73051", lang=L.lang, message="as_of")
    validation(
        ws, "B4", "decimal", "0", operator="greaterThanOrEqual", lang=L.lang, message="target"
    )
    validation(ws, "B7", "whole", "1", "100", lang=L.lang, message="max_touches")
    widths(
        ws,
        {
            "A": 34,
            "B": 14,
            "C": 52,
            "D": 18,
            "E": 20,
            "F": 12,
            "G": 10,
            "H": 13,
            "I": 16,
            "J": 20,
            "K": 13,
            "M": 14,
            "N": 10,
            "P": 18,
            "Q": 10,
        },
    )
    ws.freeze_panes = "A2"
    area = f"A1:{STAGE_WORD_COLUMNS[-1]}{1 + len(holiday_dates())}"  # the lists, not the weeks
    print_setup(ws, area, landscape=True, title_rows="1:1")


def _write_cadence(ws: Worksheet, L: Lang) -> None:
    section(ws, f"A{CADENCE_FIRST - 2}", L.t("cadence.title"))
    header(ws, CADENCE_FIRST - 1, 1, L.t("cadence.touches"))
    header(ws, CADENCE_FIRST - 1, 2, L.t("cadence.days"))
    ws[f"C{CADENCE_FIRST - 1}"] = L.t("cadence.note")
    for offset in range(CADENCE_ROWS):
        row = CADENCE_FIRST + offset
        ws[f"A{row}"] = offset
        if offset < len(DEFAULT_CADENCE.days):
            ws[f"B{row}"] = DEFAULT_CADENCE.days[offset]
        ws[f"B{row}"].fill = HEADER_FILL
    cadence = f"B{CADENCE_FIRST}:B{CADENCE_FIRST + CADENCE_ROWS - 1}"
    validation(ws, cadence, "whole", "0", "3660", lang=L.lang, message="cadence")


def _write_lists(ws: Worksheet, L: Lang, sample: Sample | None) -> None:
    owners = sample.owners if sample else ()
    action_owners = sample.action_owners if sample else ()
    _write_list(ws, LISTS["owners"], L.t("list.owners"), owners)
    _write_list(ws, LISTS["action_owners"], L.t("list.action_owners"), action_owners)
    for name, values in LIST_VALUES.items():
        _write_list(ws, LISTS[name], L.t(f"list.{name}"), values[L.i])
    _write_list(ws, LISTS["holidays"], L.t("list.holidays"), holiday_dates())
    formats(ws, LISTS["holidays"], 2, 1 + len(holiday_dates()), DATE_FORMAT)
    for (word_col, meaning_col), rows, titles in (
        (STATUS_WORD_COLUMNS, _status_words(L), ("list.status_words", "list.status_meaning")),
        (STAGE_WORD_COLUMNS, _stage_words(L), ("list.stage_words", "list.stage_meaning")),
    ):
        _write_list(ws, word_col, L.t(titles[0]), [word for word, _ in rows])
        _write_list(ws, meaning_col, L.t(titles[1]), [meaning for _, meaning in rows])
    ws.cell(row=WEEK_ROW - 1, column=WEEK_FIRST_COLUMN, value=L.t("list.weeks")).font = BOLD
    for week in range(1, WEEKS + 1):
        ws.cell(row=WEEK_ROW, column=WEEK_FIRST_COLUMN + week - 1, value=week)
