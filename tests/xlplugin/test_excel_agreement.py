"""The same figures in a cell as in ``salespipe report``, to the cent.

A pipeline sheet is generated (French number and date formats, stage aliases and a
typo, blank statuses, probability overrides), saved as .xlsx and reported on by the
CLI's library call (:func:`report_on_workbook`); the UDFs get the sheet's columns as
Excel would hand them over, through xlwings' Windows path.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salespipe.api import report_on_workbook
from salespipe.core.metrics.forecast import weighted_forecast
from salespipe.core.metrics.targets import required_deals_for_revenue
from salespipe.core.model import StageTable
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.tables import locate_table
from salespipe.core.report import Report
from tests.xlplugin.excel_harness import MISSING, WindowsXlwings, column, com

AS_OF = date(2026, 11, 23)
Q4 = (datetime(2026, 10, 1), datetime(2026, 12, 31))
TARGET = 1_500_000.0  # above the 510 302,50 € won in the quarter: coverage has a figure
HEADER = [
    "ID",
    "Affaire",
    "Commercial",
    "Étape",
    "Statut",
    "Montant HT",
    "Probabilité",
    "Date de création",
    "Date de clôture prévue",
    "Dernier contact",
    "Nb relances",
]
OPEN = ["Suspect", "Prospect", "RDV", "Rendez-vous", "Proposition", "Negociation", "Negociaton"]


def _amount(rng: random.Random) -> Any:
    value = rng.randrange(1000, 90000, 50) + rng.choice((0, 0.5))
    shape = rng.random()
    if shape < 0.15:
        return f"{value:,.2f} €".replace(",", "\u202f").replace(".", ",")
    if shape < 0.2:
        return f"{int(value) // 1000}k€"
    return float(value)


def _row(rng: random.Random, number: int) -> list[Any]:
    created = datetime(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    outcome = rng.random()
    if outcome < 0.25:
        stage, status = rng.choice(("Gagné", "Signé")), rng.choice((None, "gagné"))
    elif outcome < 0.45:
        stage, status = rng.choice([*OPEN[:6], "Perdu"]), "perdu"
    else:
        stage, status = rng.choice(OPEN), rng.choice((None, "en cours"))
    close = created + timedelta(days=rng.randrange(10, 200))
    close_cell: Any = close.strftime("%d/%m/%Y") if rng.random() < 0.2 else close
    probability = rng.choice((None, None, None, 0.45, "30 %", "0,7")) if status != "perdu" else None
    last = created + timedelta(days=rng.randrange(0, 60))
    touches = float(rng.randrange(0, 9))
    return [
        f"AFF-{number:03d}",
        f"Affaire {number}",
        rng.choice(("Marie", "Paul", None)),
        stage,
        status,
        _amount(rng),
        probability,
        created,
        close_cell,
        last,
        touches,
    ]


def generated_rows(count: int = 200, seed: int = 7) -> list[list[Any]]:
    rng = random.Random(seed)
    return [_row(rng, number) for number in range(1, count + 1)]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[list[Any]], Report]:
    """The generated rows, and the CLI's report on them saved as a workbook."""
    rows = generated_rows()
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Pipeline"
    ws.append(["Suivi des affaires"])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    path = Path(tmp_path_factory.mktemp("agreement")) / "pipeline.xlsx"
    book.save(path)
    return rows, report_on_workbook(path, AS_OF, target=TARGET)


def col(rows: list[list[Any]], header: str) -> tuple[Any, ...]:
    """One column of the sheet as Excel sends a range of it (COM values)."""
    index = HEADER.index(header)
    return com(column(*(row[index] for row in rows)))


def both(rows: list[list[Any]], first: str, second: str) -> tuple[Any, ...]:
    i, j = HEADER.index(first), HEADER.index(second)
    return com([[row[i], row[j]] for row in rows])


def test_the_sheet_is_clean_and_varied(sheet: tuple[list[list[Any]], Report]) -> None:
    _, report = sheet
    summary = report.summary
    assert summary.deals == 200 and summary.won_deals > 20 and summary.lost_deals > 20
    assert {i.code for i in report.issues} == {"stage_corrected", "lost_stage_unknown"}
    assert len(report.overdue) > 10 and len(report.required_pipeline) == 5


def test_forecast_and_coverage_as_the_report(
    excel: WindowsXlwings, sheet: tuple[list[list[Any]], Report]
) -> None:
    rows, report = sheet
    s = report.summary
    amounts, kinds = col(rows, "Montant HT"), both(rows, "Étape", "Probabilité")
    closes, statuses = col(rows, "Date de clôture prévue"), col(rows, "Statut")
    start, end = com(Q4[0]), com(Q4[1])
    everything = excel.call(
        "FORECAST_WEIGHTED", amounts, kinds, closes, MISSING, MISSING, MISSING, statuses
    )
    assert everything == pytest.approx(s.won_amount + s.weighted_open, abs=0.005)
    quarter = excel.call("FORECAST_WEIGHTED", amounts, kinds, closes, start, end, MISSING, statuses)
    assert quarter == pytest.approx(s.period_forecast, abs=0.005)
    coverage = excel.call(
        "PIPELINE_COVERAGE", amounts, kinds, TARGET, closes, start, end, MISSING, statuses
    )
    assert s.weighted_coverage is not None
    assert coverage == pytest.approx(s.weighted_coverage, abs=1e-12)


def test_funnel_win_rate_and_cycle_as_the_report(
    excel: WindowsXlwings, sheet: tuple[list[list[Any]], Report]
) -> None:
    rows, report = sheet
    stages, statuses = col(rows, "Étape"), col(rows, "Statut")
    funnel = excel.call("FUNNEL", stages, statuses, MISSING, col(rows, "Montant HT"))
    expected = [f.values() for f in report.funnel]
    assert funnel[1:] == [[("" if v is None else v) for v in line] for line in expected]
    assert excel.call("WIN_RATE", statuses, stages) == report.summary.win_rate
    created, closes = col(rows, "Date de création"), col(rows, "Date de clôture prévue")
    cycle = excel.call("SALES_CYCLE_DAYS", created, closes, statuses, MISSING, stages)
    assert cycle == report.cycle.mean_days


def test_required_pipeline_from_the_funnel_spill(
    excel: WindowsXlwings, sheet: tuple[list[list[Any]], Report]
) -> None:
    """=REQUIRED_PROSPECTS(deals to win; the FUNNEL's conversion column) gives the
    report's « pipeline needed for the target »."""
    rows, report = sheet
    funnel = excel.call("FUNNEL", col(rows, "Étape"), col(rows, "Statut"))
    names_and_rates = com([[line[0], line[5]] for line in funnel[1:-1]])
    won = [d for d in report.funnel][-1]
    assert won.reached == report.summary.won_deals
    remaining = report.summary.remaining_target  # the pipeline is needed for what remains
    assert remaining is not None and 0 < remaining < TARGET
    to_win = required_deals_for_revenue(remaining, report.summary.won_amount / won.reached)
    needed = excel.call("REQUIRED_PROSPECTS", float(to_win), names_and_rates)
    assert [tuple(line) for line in needed] == report.required_pipeline


def test_table_functions_as_the_report(
    excel: WindowsXlwings, sheet: tuple[list[list[Any]], Report]
) -> None:
    rows, report = sheet
    table = com([["Suivi des affaires"] + [None] * 10, [None] * 11, HEADER, *rows])
    overdue = excel.call("OVERDUE_FOLLOWUPS", table, com(datetime(2026, 11, 23)))
    assert [line[1] for line in overdue[1:]] == [f.deal_id for f in report.overdue]
    assert [line[7] for line in overdue[1:]] == [f.business_days_late for f in report.overdue]
    quality = excel.call("DATA_QUALITY", table)
    assert [(q[0], q[4]) for q in quality[1:]] == [(i.row, i.code) for i in report.issues]


# --- any small pipeline ---------------------------------------------------------------

_STAGE_CELLS = st.sampled_from(
    [
        "Suspect",
        "RDV",
        "Proposition",
        "Négociation",
        "NEGOCIATION",
        "Gagné",
        "Perdu",
        "Signée",
        "Negociaton",
        None,
    ]
)
_STATUS_CELLS = st.sampled_from([None, "en cours", "gagné", "perdu", "won"])
_PROBABILITY_CELLS = st.sampled_from([None, None, 0.3, "45 %", "0,1", 1.0])
_AMOUNT_CELLS = st.one_of(
    st.none(),
    st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=10**6).map(lambda n: f"{n} €"),
)
_ROWS = st.lists(
    st.tuples(_AMOUNT_CELLS, _STAGE_CELLS, _PROBABILITY_CELLS, _STATUS_CELLS),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_ROWS)
def test_forecast_equals_the_core_on_any_small_pipeline(
    excel: WindowsXlwings, rows: list[tuple[Any, Any, Any, Any]]
) -> None:
    grid = [["ID", "Montant HT", "Étape", "Probabilité", "Statut"]]
    grid += [[f"A{i}", *row] for i, row in enumerate(rows)]
    deals = parse_deals(locate_table(grid, "deals", "Pipeline"), StageTable.default()).records
    expected = weighted_forecast(deals, StageTable.default())
    got = excel.call(
        "FORECAST_WEIGHTED",
        com([[r[0]] for r in rows]),
        com([[r[1], r[2]] for r in rows]),
        MISSING,
        MISSING,
        MISSING,
        MISSING,
        com([[r[3]] for r in rows]),
    )
    assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-9)
