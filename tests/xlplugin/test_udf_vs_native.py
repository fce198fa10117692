"""The UDFs, the template's native formulas and the core agree on the same cells.

Datasets of ``tests/template`` (the sample and three messy ones) are typed into copies of
the template and recalculated by the real LibreOffice (one soffice run for all of them,
once per session). Then, for each dataset, three computations of each figure:

- **native**: the « Tableau de bord » cell as LibreOffice computed it;
- **UDF**: the function called through xlwings' Windows UDF path (``excel_harness``) on
  the cell ranges the « Analyse Python » sheet gives it — the Pipeline table's columns
  (rows 2–501), ``'Étapes'!A1:E21``, the Paramètres cells — with the values Excel would
  hand over (2-D ranges, blank cells as None, dates as pywin32 dates, numbers as floats);
- **core**: ``build_report`` on the recalculated workbook (as ``salespipe report``).

and asserts UDF == native == core, money to the cent, rates to 1e-9.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from salespipe.core.texts import label
from salespipe.template import build_template, sample_data, template_path
from salespipe.template.layout import (
    FIRST_ROW,
    FUNNEL_FIRST,
    FUNNEL_WON,
    LAST_ROW,
    MONTH_FIRST,
    MONTHS,
    PARAMS,
    STAGE_LAST,
    SUMMARY_FIRST,
    SUMMARY_KEYS,
    deal_column,
)
from tests.template.datasets import SAMPLE_AS_OF, all_datasets
from tests.template.filling import Dataset, fill_template, same
from tests.template.libreoffice import make_profile, recalculate
from tests.template.recalculation import Result
from tests.xlplugin.excel_harness import WindowsXlwings, com

#: The sample; lost/won/duplicates/overrides; holidays and nurture; the user's own stages.
#: The last three type stages Étapes does not list, and « outcomes » a status « peut-être »:
#: the UDFs, like the core and the dashboard, leave those deals out of the figures.
MESSY = ("outcomes", "followups", "custom_stages")
#: A column function sees no ID column, so it counts a row whose ID is used higher up
#: (the core and the dashboard leave it out): the column functions are compared on
#: « outcomes » without its duplicate, and the difference is pinned on the whole of it.
UNIQUE = "outcomes_unique"
DATASETS = ("sample", *MESSY, UNIQUE)
COLUMN_DATASETS = ("sample", UNIQUE, "followups", "custom_stages")
#: The last deal column of the Pipeline table (« Pipeline[#All] » is A1:V501).
TABLE_LAST_COLUMN = "V"


@pytest.fixture(scope="session")
def recalculated_datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """``{name: Result}`` for :data:`DATASETS`, recalculated in one soffice run."""
    base = tmp_path_factory.mktemp("udf_vs_native")
    sample = base / "template_sample.xlsx"
    build_template("fr", sample_data(SAMPLE_AS_OF)).save(sample)
    (base / "in").mkdir()
    datasets = [ds for ds in all_datasets() if ds.name in DATASETS]
    datasets += [first_ids_only(ds, UNIQUE) for ds in datasets if ds.name == "outcomes"]
    filled = {
        ds.name: fill_template(
            sample if ds.sample else template_path(), ds, base / "in" / f"{ds.name}.xlsx"
        )
        for ds in datasets
    }
    outputs = recalculate(list(filled.values()), base / "out", make_profile(base / "profile"))
    return {ds.name: Result(ds, outputs[filled[ds.name]]) for ds in datasets}


def first_ids_only(dataset: Dataset, name: str) -> Dataset:
    """``dataset`` without the rows whose ID is used higher up (blank rows kept)."""
    seen: set[str] = set()
    deals: list[dict[str, Any] | None] = []
    for deal in dataset.deals:
        key = None if deal is None else deal.get("deal_id")
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        deals.append(deal)
    assert len(deals) < len(dataset.deals)
    return replace(dataset, name=name, deals=deals)


# --- cells as Excel hands them to a UDF -------------------------------------------------------


def excel_value(value: Any) -> Any:
    """A cell value as Excel sends it: numbers as floats, dates as datetimes, blank None."""
    if value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


class Cells:
    """Ranges of one recalculated workbook, as COM values for :meth:`WindowsXlwings.call`."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.pipeline = result.sheet("pipeline")
        self.stages = self.grid(result.sheet("stages"), f"A1:E{STAGE_LAST}")
        self.settings = result.sheet("settings")
        self.board = result.sheet("dashboard")

    @staticmethod
    def grid(ws: Any, ref: str) -> Any:
        return com([[excel_value(c.value) for c in row] for row in ws[ref]])

    def column(self, key: str) -> Any:
        """``Pipeline[<column>]``: the table column's data rows (2–501)."""
        letter = deal_column(key)
        return self.grid(self.pipeline, f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")

    def table(self) -> Any:
        """``Pipeline[#All]``: headers and data rows of the deal columns."""
        return self.grid(self.pipeline, f"A1:{TABLE_LAST_COLUMN}{LAST_ROW}")

    def param(self, key: str) -> Any:
        return com(excel_value(self.settings[f"B{PARAMS[key]}"].value))

    def native(self, ref: str) -> Any:
        value = self.board[ref].value
        return None if value == "" else value

    def summary(self, key: str) -> Any:
        return self.native(f"B{SUMMARY_FIRST + SUMMARY_KEYS.index(key)}")


def pipeline_args(cells: Cells, start: Any, end: Any) -> tuple[Any, ...]:
    """FORECAST_WEIGHTED's arguments after the first two, as « Analyse Python » gives them."""
    return (cells.column("expected_close"), start, end, cells.stages, cells.column("status"))


def stage_and_probability(cells: Cells) -> Any:
    """The Étape and Probabilité columns as one two-column range (stage, override), the
    form FORECAST_WEIGHTED reads overrides from when the columns are side by side."""
    stage, probability = cells.column("stage"), cells.column("probability")
    return tuple((s[0], p[0]) for s, p in zip(stage, probability, strict=True))


def has_overrides(cells: Cells) -> bool:
    return any(row[0] is not None for row in cells.column("probability"))


def unknown_stages(cells: Cells) -> bool:
    """The dataset types stages its Étapes sheet does not list (« En pause », or « Gagné »
    beside a stage table of the user's own)."""
    return cells.result.report.issue_counts().get("unknown_stage", 0) > 0


def agree(udf: Any, native: Any, core: Any) -> None:
    """UDF == native == core (a deal whose stage Étapes does not list is left out by all
    three, and reported)."""
    assert same(native, core), f"native {native!r} != core {core!r}"
    assert same(udf, core), f"UDF {udf!r} != core {core!r}"


@pytest.fixture(scope="module", params=COLUMN_DATASETS)
def cells(request: pytest.FixtureRequest, recalculated_datasets: dict[str, Result]) -> Cells:
    return Cells(recalculated_datasets[request.param])


# --- the figures --------------------------------------------------------------------------------


def test_weighted_forecast_of_the_period(excel: WindowsXlwings, cells: Cells) -> None:
    """FORECAST_WEIGHTED on (Étape, Probabilité) = the dashboard's period forecast."""
    start, end = cells.param("period_start"), cells.param("period_end")
    args = pipeline_args(cells, start, end)
    kinds = stage_and_probability(cells)
    udf = excel.call("FORECAST_WEIGHTED", cells.column("amount"), kinds, *args)
    agree(udf, cells.summary("period_forecast"), cells.result.report.summary.period_forecast)


def test_the_templates_call_with_the_probability_column(
    excel: WindowsXlwings, cells: Cells
) -> None:
    """« Analyse Python » passes Pipeline[Étape] and, last, Pipeline[Probabilité] (the two
    columns are not side by side in the template): typed probabilities count there too."""
    start, end = cells.param("period_start"), cells.param("period_end")
    args = pipeline_args(cells, start, end)
    udf = excel.call(
        "FORECAST_WEIGHTED",
        cells.column("amount"),
        cells.column("stage"),
        *args,
        cells.column("probability"),
    )
    agree(udf, cells.summary("period_forecast"), cells.result.report.summary.period_forecast)
    coverage = excel.call(
        "PIPELINE_COVERAGE",
        cells.column("amount"),
        cells.column("stage"),
        cells.param("target"),
        *args,
        cells.column("probability"),
    )
    agree(coverage, cells.summary("weighted_coverage"), _weighted_coverage(cells))
    if has_overrides(cells):  # without the column, the stage's probability is used instead
        stage_only = excel.call(
            "FORECAST_WEIGHTED", cells.column("amount"), cells.column("stage"), *args
        )
        assert not same(stage_only, cells.result.report.summary.period_forecast)


def test_weighted_forecast_by_month(excel: WindowsXlwings, cells: Cells) -> None:
    """Each month of the dashboard's forecast table = FORECAST_WEIGHTED over that month."""
    lines = {line.key: line for line in cells.result.report.forecast_by_month}
    kinds = stage_and_probability(cells)
    for row in range(MONTH_FIRST, MONTH_FIRST + MONTHS):
        first = cells.board[f"D{row}"].value
        assert isinstance(first, datetime)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        args = pipeline_args(cells, com(first), com(last))
        udf = excel.call("FORECAST_WEIGHTED", cells.column("amount"), kinds, *args)
        line = lines.get(f"{first.year:04d}-{first.month:02d}")
        core = line.forecast if line is not None else 0.0
        assert same(cells.native(f"G{row}"), core), (first, cells.native(f"G{row}"), core)
        agree(udf, cells.native(f"G{row}"), core)


def test_win_rate(excel: WindowsXlwings, cells: Cells) -> None:
    udf = excel.call("WIN_RATE", cells.column("status"), cells.column("stage"), cells.stages)
    agree(udf, cells.summary("win_rate"), cells.result.report.summary.win_rate)


def test_pipeline_coverage(excel: WindowsXlwings, cells: Cells) -> None:
    start, end = cells.param("period_start"), cells.param("period_end")
    udf = excel.call(
        "PIPELINE_COVERAGE",
        cells.column("amount"),
        stage_and_probability(cells),
        cells.param("target"),
        *pipeline_args(cells, start, end),
    )
    agree(udf, cells.summary("weighted_coverage"), _weighted_coverage(cells))


def _weighted_coverage(cells: Cells) -> Any:
    """PIPELINE_COVERAGE's figure as the core has it: the weighted coverage of what remains
    to win, or « objectif atteint » (the UDF's and the dashboard's words) once reached."""
    summary = cells.result.report.summary
    return label("report.target_reached") if summary.target_reached else summary.weighted_coverage


def test_funnel_table(excel: WindowsXlwings, cells: Cells) -> None:
    """FUNNEL's spilled table = the dashboard's funnel, line by line (A48:J58)."""
    spilled = excel.spill(
        "FUNNEL",
        cells.column("stage"),
        cells.column("status"),
        cells.stages,
        cells.column("amount"),
    )
    udf: Any = [tuple(None if v == "" else v for v in row) for row in spilled[1:]]
    native = [
        tuple(cells.native(f"{letter}{row}") for letter in "BCDEFGHIJ")
        for row in range(FUNNEL_FIRST, FUNNEL_WON + 1)
        if cells.native(f"B{row}") is not None
    ]
    core = [tuple(f.values()) for f in cells.result.report.funnel]
    agree(udf, native, core)
    assert len(core) >= 4


def test_conversion_rate_from_each_stage_to_won(excel: WindowsXlwings, cells: Cells) -> None:
    """CONVERSION_RATE(stage → won) = the funnel's cumulative conversion of that stage."""
    funnel = cells.result.report.funnel
    won = funnel[-1].stage
    checked = 0
    for offset, line in enumerate(funnel[:-1]):
        udf = excel.call(
            "CONVERSION_RATE",
            cells.column("stage"),
            line.stage,
            won,
            cells.stages,
            cells.column("status"),
        )
        native = cells.native(f"H{FUNNEL_FIRST + offset}")
        assert cells.native(f"B{FUNNEL_FIRST + offset}") == line.stage
        if line.cumulative_conversion is None:
            assert native is None and isinstance(udf, str) and udf.startswith("#SALESPIPE!")
            continue
        agree(udf, native, line.cumulative_conversion)
        checked += 1
    assert checked >= 1


@pytest.fixture(scope="module", params=DATASETS)
def any_cells(request: pytest.FixtureRequest, recalculated_datasets: dict[str, Result]) -> Cells:
    return Cells(recalculated_datasets[request.param])


def test_overdue_followups_count(excel: WindowsXlwings, any_cells: Cells) -> None:
    """OVERDUE_FOLLOWUPS(Pipeline[#All], report date, Étapes) lists as many deals as the
    dashboard counts overdue, the same deals as the core, most overdue first (it reads the
    whole table, IDs included, so duplicates are left out as the core leaves them)."""
    cells = any_cells
    spilled = excel.spill("OVERDUE_FOLLOWUPS", cells.table(), cells.param("as_of"), cells.stages)
    rows = spilled[1:]
    report = cells.result.report
    agree(len(rows), cells.summary("overdue_followups"), report.summary.overdue_followups)
    core = [f for f in report.followups if f.state == "overdue"]
    assert sorted(row[0] for row in rows) == sorted(f.row for f in core)


def test_column_functions_count_a_duplicate_id_row(
    excel: WindowsXlwings, recalculated_datasets: dict[str, Result]
) -> None:
    """The known difference: FUNNEL over columns counts the row « D05 » repeats (Suspect,
    open, 99 999 €) that the core and the dashboard leave out; DATA_QUALITY names it."""
    cells = Cells(recalculated_datasets["outcomes"])
    spilled = excel.spill(
        "FUNNEL",
        cells.column("stage"),
        cells.column("status"),
        cells.stages,
        cells.column("amount"),
    )
    first = cells.result.report.funnel[0]
    assert spilled[1][0] == first.stage == "Suspect"
    assert (spilled[1][1], spilled[1][4]) == (first.reached + 1, first.open_at + 1)
    assert spilled[1][7] == pytest.approx(first.amount_open + 99_999)
    issues = excel.spill("DATA_QUALITY", cells.table(), cells.stages)
    assert any("D05" in str(row) for row in issues[1:]), issues


def test_the_datasets_exercise_the_figures(recalculated_datasets: dict[str, Result]) -> None:
    """Agreement means something: overrides, lost deals, overdue follow-ups are there."""
    reports = {name: r.report for name, r in recalculated_datasets.items()}
    assert reports["sample"].summary.period_forecast > 0
    unknown = [
        name for name, result in recalculated_datasets.items() if unknown_stages(Cells(result))
    ]
    assert sorted(unknown) == sorted([*MESSY, UNIQUE])  # leaving those deals out is exercised
    assert sum(r.summary.overdue_followups for r in reports.values()) >= 3
    assert sum(r.summary.lost_deals for r in reports.values()) >= 3
    assert any(
        Cells(r).column("probability") != com([[None]] * (LAST_ROW - 1))
        for r in recalculated_datasets.values()
    )
