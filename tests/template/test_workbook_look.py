"""The template as a person meets it: the « Mode d'emploi » first, a message on entering
each checked cell and on a refusal, computed cells protected (without a password) while
their own columns stay editable, and the action plan's week grid with its months and this
week marked, as LibreOffice computes them."""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest

from salespipe.template import build_template, template_path
from salespipe.template.layout import (
    ACTION_FIRST,
    ACTION_HEADER_ROW,
    ACTION_LAST,
    DEAL_FIELDS,
    LAST_ROW,
    action_column,
    deal_column,
)
from tests.template.libreoffice import make_profile, recalculate


def test_the_guide_is_the_first_sheet_in_the_language() -> None:
    french, english = build_template("fr"), build_template("en")
    assert french.sheetnames[:2] == ["Mode d'emploi", "Pipeline"]
    assert english.sheetnames[:2] == ["How to use", "Pipeline"]
    guide = french["Mode d'emploi"]
    assert guide["A1"].value == "Mode d'emploi du classeur"
    assert [guide[f"A{row}"].value for row in (4, 6, 7)] == [
        "1. Paramètres",
        "3. Pipeline",
        "4. Plan d'actions",
    ]
    assert "Ôter la protection" in guide["B10"].value  # how to change a formula


def _validations(book: Any, sheet: str) -> dict[str, Any]:
    """The data validations of ``sheet`` by the first cell of their range."""
    found = book[sheet].data_validations.dataValidation
    return {str(dv.sqref).split(":")[0]: dv for dv in found}


def test_every_check_says_what_it_wants_in_french() -> None:
    book = openpyxl.load_workbook(template_path())
    stage = _validations(book, "Pipeline")[f"{deal_column('stage')}2"]
    assert (stage.promptTitle, stage.prompt) == (
        "Étape",
        "Choisissez l'étape dans la liste (feuille Étapes).",
    )
    assert (stage.errorStyle, stage.errorTitle) in {
        ("stop", "Étape inconnue"),
        (None, "Étape inconnue"),
    }
    assert stage.error.startswith("Cette étape n'est pas dans la feuille Étapes")
    amount = _validations(book, "Pipeline")[f"{deal_column('amount')}2"]
    assert amount.error == "Tapez un nombre positif ou nul, sans texte : 12500 ou 12 500,50."
    week = _validations(book, "Plan d'actions")[f"{action_column('week1')}{ACTION_FIRST}"]
    assert week.prompt == "Tapez x dans chaque semaine où l'action a lieu."
    every = [dv for ws in book.worksheets for dv in ws.data_validations.dataValidation]
    assert len(every) == 26  # 14 on Pipeline, 3 on Étapes, 5 on Plan d'actions, 4 on Paramètres
    for dv in every:
        assert dv.showInputMessage and dv.showErrorMessage, dv.sqref
        # Excel's limits: titles of 32 characters, messages of 255
        assert 0 < len(dv.promptTitle) <= 32 and 0 < len(dv.errorTitle) <= 32, dv.sqref
        assert 0 < len(dv.prompt) <= 255 and 0 < len(dv.error) <= 255, dv.sqref


def test_the_english_template_speaks_english_in_its_messages() -> None:
    book = build_template("en")
    stage = _validations(book, "Pipeline")[f"{deal_column('stage')}2"]
    assert (stage.promptTitle, stage.errorTitle) == ("Stage", "Unknown stage")


def test_computed_cells_are_protected_and_the_users_columns_are_not() -> None:
    book = openpyxl.load_workbook(template_path())
    pipeline = book["Pipeline"]
    assert pipeline.protection.sheet and not pipeline.protection.password
    last = deal_column(DEAL_FIELDS[-1])  # V, « Entrée dans l'étape »
    assert last == "V"
    for ref in ("A2", f"J{LAST_ROW}", f"{last}2"):
        assert pipeline[ref].protection.locked is False, ref
    assert pipeline.column_dimensions["J"].protection.locked is False  # rows below too
    for key in ("weighted", "state", "rank"):
        assert pipeline[f"{deal_column(key)}2"].protection.locked, key
    assert pipeline["A1"].protection.locked  # the headers salespipe reads
    # filtering, sorting and widening columns stay allowed
    assert not (pipeline.protection.autoFilter or pipeline.protection.sort)
    assert not pipeline.protection.formatColumns
    plan = book["Plan d'actions"]
    assert plan.protection.sheet
    assert plan[f"{action_column('week53')}{ACTION_LAST}"].protection.locked is False
    assert plan[f"{action_column('budget_used')}{ACTION_FIRST}"].protection.locked
    assert plan[f"{action_column('week1')}1"].protection.locked  # the months
    assert book["Étapes"].protection.sheet and book["Étapes"]["C2"].protection.locked is False
    assert not book["Tableau de bord"].protection.sheet  # a person may add notes


# --- the week grid, computed by LibreOffice -------------------------------------------

#: A Sunday of ISO week 49 of 2026 (Monday 30 November to Sunday 6 December).
TODAY = "DATE(2026,12,6)"
PROBE_ROW = ACTION_LAST + 5
#: The plan year as the rules refer to it (Paramètres, row 9).
PLAN_YEAR = "Paramètres!$B$9"


def _rule(ws: Any, fragment: str, area_start: str) -> str:
    """The formula of the conditional-format rule over a range starting at
    ``area_start`` whose formula holds ``fragment``."""
    for cf in ws.conditional_formatting:
        if str(cf.sqref).startswith(area_start):
            for rule in cf.rules:
                if fragment in rule.formula[0]:
                    return str(rule.formula[0])
    raise AssertionError(f"no rule with {fragment} over {area_start}")


@pytest.fixture(scope="module")
def week_grid(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The Plan d'actions of a template for plan year 2026, recalculated, with two probe
    rows under the grid: the « this week » rule with today on 6 December 2026, and the
    month band rule, each in the column it colours; a third row: the « this week » rule for
    plan year 2027 (52 ISO weeks) with today on Wednesday 5 January 2028, the Monday of the
    week S53's column would fall in."""
    base = tmp_path_factory.mktemp("weeks")
    book = build_template("fr")
    book["Paramètres"]["B9"] = 2026  # the plan year
    plan = book["Plan d'actions"]
    first = action_column("week1")
    today = _rule(plan, "TODAY()", f"{first}{ACTION_FIRST}")
    band = _rule(plan, "MOD(", f"{first}1")
    for week in range(1, 54):
        letter = action_column(f"week{week}")
        plan[f"{letter}{PROBE_ROW}"] = "=" + today.replace("TODAY()", TODAY)
        plan[f"{letter}{PROBE_ROW + 1}"] = "=" + band
        in_2027 = today.replace("TODAY()", "DATE(2028,1,5)").replace(PLAN_YEAR, "2027")
        plan[f"{letter}{PROBE_ROW + 2}"] = "=" + in_2027
    source = base / "weeks.xlsx"
    book.save(source)
    out = recalculate([source], base / "out", make_profile(base / "profile"))[source]
    return openpyxl.load_workbook(out, data_only=True)["Plan d'actions"]


def _row(ws: Any, row: int) -> dict[int, Any]:
    """Row ``row`` of the week grid by week number (S1 in column M, S53 in BM)."""
    return {week: ws[f"{action_column(f'week{week}')}{row}"].value for week in range(1, 54)}


def test_the_months_head_their_first_week(week_grid: Any) -> None:
    """2026: ISO week 1 holds Thursday 1 January; a month heads the first week whose
    Thursday falls in it: 5 February is week 6, 5 March week 10, … 3 December week 49;
    week 53's Thursday, 31 December, belongs to a week already headed."""
    months = {week: value for week, value in _row(week_grid, 1).items() if value}
    assert months == {
        1: "janv.", 6: "févr.", 10: "mars", 14: "avr.", 19: "mai", 23: "juin",
        27: "juil.", 32: "août", 36: "sept.", 40: "oct.", 45: "nov.", 49: "déc.",
    }  # fmt: skip
    assert week_grid[f"{action_column('week1')}{ACTION_HEADER_ROW}"].value == "S1"


def test_this_week_is_marked_and_odd_months_banded(week_grid: Any) -> None:
    today = _row(week_grid, PROBE_ROW)
    assert [week for week, marked in today.items() if marked] == [49]
    band = _row(week_grid, PROBE_ROW + 1)
    # January: weeks 1-5 (Thursdays 1-29 January); February, weeks 6-9, is not banded
    assert [band[w] for w in range(1, 11)] == [True] * 5 + [False] * 4 + [True]
    # Week 53 of 2026 (Thursday 31 December) is in December: not banded.
    assert band[53] is False


def test_a_52_week_plan_year_marks_no_week_of_the_next_year(week_grid: Any) -> None:
    # 2027 has 52 ISO weeks: the S53 column would be 3-9 January 2028, the next plan's S1.
    next_year = _row(week_grid, PROBE_ROW + 2)
    assert not any(next_year.values())
