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

from tests.xlplugin.excel_harness import WindowsXlwings, com

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
                match = _CALL.match(cell.value) if isinstance(cell.value, str) else None
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
