"""What a real Excel sends through COM, and what a real xlwings does with the macros.

- A cell formatted as currency (the template's ``#,##0.00 "€"``) is read through
  ``Range.Value``, which uses the Currency type (Microsoft, Range.Value2: « the only
  difference … is that the Value2 property doesn't use the Currency and Date data
  types »); pywin32 hands a Currency to Python as ``decimal.Decimal``.
- Error values newer than xlwings' list of seven reach Python as integers
  (0x800A0000 + XlCVError).
- A macro runs through ``XLPython.CallUDF`` like a function, and xlwings converts what it
  returns with the converter its return annotation names.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import xlwings

from tests.xlplugin.excel_harness import (
    ERROR_CODES,
    ExcelError,
    WindowsXlwings,
    column,
    com,
    windows_decorators,
    windows_xlwings,
)
from tests.xlplugin.test_udfs import PIPELINE_HEADER, PIPELINE_ROWS, is_message


def test_currency_amounts_count_as_numbers(excel: WindowsXlwings) -> None:
    """Seed 000: 3 deals × 50 000 € at 30 % = 45 000 €, the amounts in currency cells."""
    amounts = com(column(Decimal("50000"), Decimal("50000.00"), Decimal("50000")))
    probabilities = com(column(0.3, 0.3, 0.3))
    assert excel.call("FORECAST_WEIGHTED", amounts, probabilities) == 45000.0
    cents = com(column(Decimal("1234.5678"), Decimal("0.01")))
    assert excel.call("FORECAST_WEIGHTED", cents, com(column(1.0, 1.0))) == pytest.approx(1234.5778)


def test_a_currency_target_is_a_number(excel: WindowsXlwings) -> None:
    # Nothing won yet: 5 000 € at 30 % = 1 500 € weighted over the 100 000 € to go.
    amounts, target = com(column(Decimal("5000"))), Decimal("100000")
    got = excel.call("PIPELINE_COVERAGE", amounts, com(column(0.3)), target)
    assert got == pytest.approx(1500 / 100000)


def test_a_pipeline_table_of_currency_cells_gives_the_same_figures(
    excel: WindowsXlwings,
) -> None:
    amount = PIPELINE_HEADER.index("Montant HT")

    def grid(money: type) -> Any:
        rows = [
            [money(str(v)) if i == amount and isinstance(v, float) else v for i, v in enumerate(r)]
            for r in PIPELINE_ROWS
        ]
        return com([PIPELINE_HEADER, *rows])

    as_of = com(date(2026, 11, 23))
    floats = excel.call("OVERDUE_FOLLOWUPS", grid(float), as_of)
    decimals = excel.call("OVERDUE_FOLLOWUPS", grid(Decimal), as_of)
    assert decimals == floats and len(floats) == 4
    assert excel.call("DATA_QUALITY", grid(Decimal)) == excel.call("DATA_QUALITY", grid(float))


@pytest.mark.parametrize("error", list(ERROR_CODES))
def test_every_error_value_is_named_in_the_message(excel: WindowsXlwings, error: str) -> None:
    amounts = com(column(50000.0, ExcelError(error)))
    got = excel.call("FORECAST_WEIGHTED", amounts, com(column(0.3, 0.3)))
    assert is_message(got, "amounts, ligne 2", error)
    assert str(ERROR_CODES[error]) not in got


def test_a_spill_error_as_the_target_is_named(excel: WindowsXlwings) -> None:
    got = excel.call(
        "PIPELINE_COVERAGE",
        com(column(5000.0)),
        com(column(0.3)),
        com(ExcelError("#SPILL!")),
    )
    assert is_message(got, "target", "#SPILL!")


# --- macros, through xlwings' own call path ---------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, date]] = []

    def __call__(self, book: Any, as_of: date) -> None:
        self.calls.append((book, as_of))


@pytest.mark.parametrize("name", ["refresh_dashboard", "export_crm"])
def test_a_macro_runs_to_the_end_through_call_udf(
    excel: WindowsXlwings, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """As the « Actualiser » button runs it: ``XLPy.CallUDF(module, name, Array(),
    ThisWorkbook, …)``. The macro's work gets the calling workbook, and xlwings' handling
    of what the macro returns does not fail afterwards (xlwings issue #2666)."""
    work = _Recorder()
    monkeypatch.setattr(excel.udfs.macros, name, work)
    workbook = object()  # the COM Workbook: what Book.caller() wraps
    assert excel.server.CallUDF(excel.udfs.__name__, name, (), workbook, None) == ""
    ((book, as_of),) = work.calls
    assert book.impl.xl is workbook
    assert as_of == date.today()
    assert excel.metadata(name)["sub"] is True


@pytest.fixture
def old_xlwings() -> Iterator[WindowsXlwings]:
    """xlwings before 0.33.17 on Windows: ``xw.sub`` only, no ``xw.script``."""
    with windows_xlwings(without=("script",)) as harness:
        yield harness


def test_the_macros_register_with_an_xlwings_that_has_no_script(
    old_xlwings: WindowsXlwings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not hasattr(xlwings, "script")
    assert old_xlwings.metadata("refresh_dashboard")["sub"] is True
    work = _Recorder()
    monkeypatch.setattr(old_xlwings.udfs.macros, "refresh_dashboard", work)
    old_xlwings.server.CallUDF(old_xlwings.udfs.__name__, "refresh_dashboard", (), object(), None)
    assert len(work.calls) == 1


def test_the_decorators_are_the_installed_xlwings_own(excel: WindowsXlwings) -> None:
    """The harness's decorators come from the installed xlwings' own ``__init__``: ``script``
    from 0.33.17 on, ``sub`` before (CI also runs these tests on xlwings 0.33.15)."""
    assert xlwings.func is excel.xlwings_udfs.xlfunc
    assert xlwings.sub is excel.xlwings_udfs.xlsub
    if "script" in windows_decorators():
        assert xlwings.script is excel.xlwings_udfs.xlsub
    else:
        assert not hasattr(xlwings, "script")
