"""The template's « Analyse Python » sheet calls the UDFs as they are defined.

The template (templates/action_plan.xlsx, built by ``salespipe template``) writes
formulas such as ``=FORECAST_WEIGHTED(Pipeline[Montant HT],…)`` for the xlwings
add-in. A function renamed, or an argument added before others, would break those
cells in every user's workbook; this test catches it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from salespipe.template.layout import STAGE_LAST
from salespipe.template.python_sheet import RATE_ROWS
from tests.workbooks import formula_text
from tests.xlplugin.excel_harness import MISSING, WindowsXlwings, com

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "action_plan.xlsx"
_CALL = re.compile(r"^=([A-Z_]+)\((.*)\)$", re.DOTALL)


def split_arguments(text: str) -> list[str]:
    """Top-level arguments of a formula call (commas inside quotes or brackets kept)."""
    parts, depth, quoted, current = [], 0, False, ""
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth -= 1
        elif not quoted and depth == 0 and ch == ",":
            parts.append(current)
            current = ""
            continue
        current += ch
    return [*parts, current] if current or parts else []


def template_calls() -> list[tuple[str, list[str]]]:
    if not TEMPLATE.exists():
        pytest.skip(f"{TEMPLATE} not built yet (salespipe template)")
    book = openpyxl.load_workbook(TEMPLATE)
    calls = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = formula_text(cell.value)
                match = _CALL.match(value) if isinstance(value, str) else None
                if match and match.group(1).isupper() and "_" in match.group(1):
                    calls.append((match.group(1), split_arguments(match.group(2))))
    return calls


def test_every_udf_call_of_the_template_fits_its_signature(excel: WindowsXlwings) -> None:
    calls = template_calls()
    assert len({name for name, _ in calls}) >= 10
    for name, args in calls:
        info = excel.metadata(name)  # AttributeError: the template calls an unknown function
        required = sum("optional" not in a for a in info["args"])
        assert required <= len(args) <= len(info["args"]), (name, args)


def test_the_templates_stage_range_is_read_as_the_default_stages(excel: WindowsXlwings) -> None:
    template_calls()  # skips when the template is not there
    book = openpyxl.load_workbook(TEMPLATE)
    stages: list[list[Any]] = [
        list(r)
        for r in book["Étapes"].iter_rows(min_row=1, max_row=21, max_col=5, values_only=True)
    ]
    for name, probability in (("Proposition envoyée", 0.6), ("RENDEZ VOUS", 0.4), ("Gagné", 1.0)):
        assert excel.call("STAGE_PROBABILITY", name, com(stages)) == probability


# --- spill extents: no table spills onto another cell ---------------------------------


def _twenty_stages() -> list[list[Any]]:
    """An Étapes range filled to its last row (20 stages: 18 open, won, lost)."""
    rows: list[list[Any]] = [["Étape", "Ordre", "Probabilité", "Durée prévue (jours)", "Cadence"]]
    rows += [[f"Étape {n}", n, n / 20, 10, None] for n in range(1, 19)]
    rows += [["Gagné", 19, 1.0, None, None], ["Perdu", 20, 0.0, None, None]]
    assert len(rows) == STAGE_LAST
    return rows


def _extent(result: Any) -> tuple[int, int]:
    """(rows, columns) a UDF's result fills once spilled."""
    if not isinstance(result, list):
        return 1, 1
    if result and isinstance(result[0], list):
        return len(result), max(len(r) for r in result)
    return 1, len(result)


def test_no_table_of_analyse_python_spills_onto_another_cell(excel: WindowsXlwings) -> None:
    """A 20-stage funnel and the five required-prospects rates, spilled from the cells the
    template gives them, cover no other cell of « Analyse Python » (Excel would show
    #SPILL!). OVERDUE_FOLLOWUPS grows with the deals, so nothing may sit below it."""
    template_calls()  # skips when the template is not there
    stages = _twenty_stages()
    names = [r[0] for r in stages[1:]]
    deals = [name for name in names[:18] for _ in range(2)] + ["Gagné", "Perdu"]
    funnel = excel.call("FUNNEL", com([[d] for d in deals]), MISSING, com(stages))
    prospects = excel.call("REQUIRED_PROSPECTS", 10.0, com([[0.5]] * RATE_ROWS))
    extents = {"FUNNEL": _extent(funnel), "REQUIRED_PROSPECTS": _extent(prospects)}
    assert extents["FUNNEL"] == (1 + 19, 9)  # header, 18 open stages, the won line
    assert extents["REQUIRED_PROSPECTS"] == (RATE_ROWS, 1)
    sheet = openpyxl.load_workbook(TEMPLATE)["Analyse Python"]
    filled = {(c.row, c.column) for row in sheet.iter_rows() for c in row if c.value is not None}
    for name, (height, width) in extents.items():
        (cell,) = [
            c
            for row in sheet.iter_rows()
            for c in row
            if str(formula_text(c.value)).startswith(f"={name}(")
        ]
        covered = {
            (r, k)
            for r in range(cell.row, cell.row + height)
            for k in range(cell.column, cell.column + width)
        }
        assert covered & filled == {(cell.row, cell.column)}, name
    (overdue,) = [
        c
        for row in sheet.iter_rows()
        for c in row
        if "=OVERDUE_FOLLOWUPS(" in str(formula_text(c.value))
    ]
    assert max(r for r, _ in filled) == overdue.row
