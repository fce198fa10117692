"""xlwings Lite: ``xlplugin/lite/main.py`` registers the Windows add-in's functions, and
they give the same figures as through xlwings' Windows COM path on the same cells.

Lite's decorators are a STAND-IN here (tests/xlplugin/lite_harness.py says why: the real
ones are in xlwings' licence-gated ``pro`` package, not importable without a key): the
functions are imported through ``main.py`` under them and called as Lite's
``custom_functions_call`` calls them, with the values as Office.js sends them (2-D lists,
dates as serial numbers, "" for blanks, errors as dicts) read by xlwings' own conversion.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from salespipe.files import read_grids
from tests.xlplugin.excel_harness import MISSING, ExcelError, WindowsXlwings, column, com
from tests.xlplugin.lite_harness import MAIN, LiteXlwings, lite_xlwings, officejs
from tests.xlplugin.test_excel_agreement import HEADER, generated_rows
from tests.xlplugin.test_excel_macros import _Book
from xlplugin.macros import dashboard_tables

ROWS = generated_rows(120, seed=11)
TABLE = [["Suivi des affaires"] + [None] * 10, [None] * 11, HEADER, *ROWS]
Q4 = (datetime(2026, 10, 1), datetime(2026, 12, 31))
OMIT = object()  # an optional argument left out


@pytest.fixture(scope="module")
def lite() -> Iterator[LiteXlwings]:
    with lite_xlwings() as harness:
        yield harness


def col(header: str) -> list[list[Any]]:
    index = HEADER.index(header)
    return column(*(row[index] for row in ROWS))


def pair(first: str, second: str) -> list[list[Any]]:
    i, j = HEADER.index(first), HEADER.index(second)
    return [[row[i], row[j]] for row in ROWS]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    return "" if value is None else value


def _grid(result: Any) -> list[list[Any]]:
    """A result as the cells it fills: 2-D, blanks as "", dates as dates."""
    if not isinstance(result, list):
        result = [[result]]
    return [[_plain(v) for v in row] for row in result]


def same_in_both(excel: WindowsXlwings, lite: LiteXlwings, name: str, *args: Any) -> Any:
    """``=NAME(args…)`` through the Windows COM path and through Lite's: the cells they fill."""
    on_windows = excel.spill(name, *(MISSING if a is OMIT else com(a) for a in args))
    in_lite = lite.call(name, *(None if a is OMIT else officejs(a) for a in args))
    assert _grid(in_lite) == _grid(on_windows)
    return _grid(in_lite)


def test_main_registers_the_windows_functions_with_the_same_arguments_and_help(
    excel: WindowsXlwings, lite: LiteXlwings
) -> None:
    registered = lite.functions()
    on_windows = {n for n in dir(excel.udfs) if hasattr(getattr(excel.udfs, n), "__xlfunc__")}
    assert set(registered) == on_windows - {"refresh_dashboard", "export_crm"}
    assert len(registered) == 11
    for name, function in registered.items():
        windows = excel.metadata(name)
        assert [(a["name"], a["doc"]) for a in function.__xlfunc__["args"]] == [
            (a["name"], a["doc"]) for a in windows["args"]
        ]
        assert function.__xlfunc__["ret"]["doc"] == windows["ret"]["doc"]
        assert all(a["options"].get("err_to_str") for a in function.__xlfunc__["args"])
    # the one macro Lite can run, as a script taking the workbook
    assert list(lite.scripts()) == ["refresh_dashboard"]


def test_forecast_and_coverage(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    amounts, kinds = col("Montant HT"), pair("Étape", "Probabilité")
    closes, statuses = col("Date de clôture prévue"), col("Statut")
    forecast = same_in_both(
        excel, lite, "FORECAST_WEIGHTED", amounts, kinds, closes, Q4[0], Q4[1], OMIT, statuses
    )
    assert isinstance(forecast[0][0], float) and forecast[0][0] > 0
    same_in_both(
        excel, lite, "PIPELINE_COVERAGE", amounts, kinds, 2_000_000.0, closes, *Q4, OMIT, statuses
    )


def test_the_hand_worked_forecast(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    """docs/metrics.md: three open deals of 50 000 € at 30 % weigh 45 000 €."""
    amounts = column(50_000.0, 50_000.0, 50_000.0)
    assert same_in_both(excel, lite, "FORECAST_WEIGHTED", amounts, column(0.3, 0.3, 0.3)) == [
        [45_000.0]
    ]


def test_funnel_rates_and_cycle(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    stages, statuses = col("Étape"), col("Statut")
    funnel = same_in_both(excel, lite, "FUNNEL", stages, statuses, OMIT, col("Montant HT"))
    assert funnel[0][0] == "Étape" and len(funnel) > 5
    figures = [
        same_in_both(
            excel, lite, "CONVERSION_RATE", stages, "Rendez-vous", "Gagné", OMIT, statuses
        ),
        same_in_both(excel, lite, "WIN_RATE", statuses, stages),
    ]
    assert all(0 < f[0][0] < 1 for f in figures)
    assert len(same_in_both(excel, lite, "STAGE_PROBABILITY", stages)) == len(ROWS)
    assert same_in_both(excel, lite, "STAGE_PROBABILITY", "Negociaton") == [[0.8]]
    created, closes = col("Date de création"), col("Date de clôture prévue")
    for statistic in (OMIT, "médiane", "max"):
        days = same_in_both(
            excel, lite, "SALES_CYCLE_DAYS", created, closes, statuses, statistic, stages
        )
        assert isinstance(days[0][0], float | int) and days[0][0] > 0


def test_targets_and_next_followup(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    """REQUIRED_PROSPECTS(15; 20 % then 0,25 %) = 30 000 then 6 000 (docs/excel.md)."""
    needed = same_in_both(excel, lite, "REQUIRED_PROSPECTS", 15.0, column(0.2, 0.0025))
    assert needed == [[30_000], [6_000]]
    # dates arrive in Lite as serial numbers (46346.0 for 20/11/2026)
    assert officejs(datetime(2026, 11, 20)) == 46346.0
    assert same_in_both(excel, lite, "NEXT_FOLLOWUP", datetime(2026, 11, 20), 2.0)[0][0] > date(
        2026, 11, 20
    )
    same_in_both(
        excel, lite, "NEXT_FOLLOWUP", datetime(2026, 11, 2), 1.0, "J+2, J+7", datetime(2026, 10, 30)
    )


def test_table_functions(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    overdue = same_in_both(excel, lite, "OVERDUE_FOLLOWUPS", TABLE, datetime(2026, 11, 23))
    assert len(overdue) > 5 and isinstance(overdue[1][6], date)
    quality = same_in_both(excel, lite, "DATA_QUALITY", TABLE)
    assert {line[4] for line in quality[1:]} == {"stage_corrected", "lost_stage_unknown"}


def test_bad_cells_give_the_same_message(excel: WindowsXlwings, lite: LiteXlwings) -> None:
    """An unreadable amount and an Excel error (an integer code through COM, a dict through
    Office.js) give the same message, naming the argument and the line."""
    probabilities = column(0.3, 0.3)
    for bad, said in (
        ("abc", "montant illisible « abc »"),
        (ExcelError("#N/A"), "erreur Excel #N/A"),
    ):
        cells = same_in_both(excel, lite, "FORECAST_WEIGHTED", column(50_000.0, bad), probabilities)
        assert cells[0][0].startswith("#SALESPIPE! amounts, ligne 2 : ") and said in cells[0][0]


def test_refresh_dashboard_as_a_lite_script_writes_what_the_macro_writes(
    lite: LiteXlwings, small_pipeline: Path
) -> None:
    grids = {name: [list(row) for row in grid] for name, grid in read_grids(small_pipeline).items()}
    book = _Book(grids)
    lite.main.refresh_dashboard(book)
    expected = dashboard_tables(grids, book.name, date.today())
    assert all(book.sheets[name].rows == rows for name, rows in expected.items())
    assert book.alerts == []


def test_main_and_requirements_name_only_what_lite_can_install() -> None:
    """requirements.txt: xlwings and salespipe's base install (no rapidfuzz, orjson or
    python-calamine, which have no Pyodide build); main.py imports nothing else."""
    lines = (MAIN.parent / "requirements.txt").read_text(encoding="utf-8").splitlines()
    wanted = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert wanted == ["xlwings<1.0.0", "salespipe"]
    source = MAIN.read_text(encoding="utf-8")
    imports = {
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imports == {"datetime", "xlwings", "xlplugin"}
