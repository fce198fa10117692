"""salespipe reads the template as any pipeline: its columns, its lists, its formulas."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from salespipe.api import report_on_workbook
from salespipe.core.metrics.business_days import french_holidays
from salespipe.core.model import DEFAULT_CADENCE, DEFAULT_MAX_TOUCHES
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS, locate_table
from salespipe.sample import ACTIONS, OWNERS
from salespipe.template import NATIVE_FUNCTIONS, SHEETS, build_template, sample_data, template_path
from salespipe.template.layout import (
    ACTION_HELPERS,
    CADENCE_FIRST,
    DEAL_HELPERS,
    LISTS,
    PARAMS,
    STAGE_HELPERS,
    TABLE_NAME,
    holiday_dates,
)
from salespipe.template.python_sheet import XLWINGS_CONF
from tests.workbooks import formula_text

AS_OF = date(2026, 11, 23)
LANG = {"fr": 0, "en": 1}


def _labels(headers: dict[str, tuple[str, str]], lang: str) -> list[str]:
    return [labels[LANG[lang]] for labels in headers.values()]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_managed_columns_are_never_taken_for_user_columns(lang: str) -> None:
    for kind, fields, helpers in (
        ("deals", DEAL_HEADERS, DEAL_HELPERS),
        ("stages", STAGE_HEADERS, STAGE_HELPERS),
        ("actions", ACTION_HEADERS, ACTION_HELPERS),
    ):
        header = [*_labels(fields, lang), None, *_labels(helpers, lang)]
        table = locate_table([header], kind, "sheet")  # type: ignore[arg-type]
        assert {c.field: c.header for c in table.columns.values()} == dict(
            zip(fields, _labels(fields, lang), strict=True)
        )
        assert table.ignored_headers == tuple(_labels(helpers, lang))
        assert table.week_columns == {}


def test_the_empty_template_reads_with_no_issue() -> None:
    report = report_on_workbook(template_path(), AS_OF)
    assert report.issues == []
    assert report.summary.deals == 0
    assert report.sheets == {"stages": "Étapes", "deals": "Pipeline", "actions": "Plan d'actions"}
    assert report.ignored_columns == {
        "Pipeline": tuple(_labels(DEAL_HELPERS, "fr")),
        "Plan d'actions": tuple(_labels(ACTION_HELPERS, "fr")),
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_sample_filled_template_reports_the_sample_with_no_issue(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "sample.xlsx"
    sample = sample_data(AS_OF, lang)
    build_template(lang, sample).save(path)
    report = report_on_workbook(path, AS_OF, target=sample.target)
    assert report.issues == []
    s = report.summary
    assert (s.deals, s.open_deals, s.won_deals, s.lost_deals) == (240, 124, 52, 64)
    assert len(report.action_plan.progress) == len(ACTIONS)
    assert set(report.action_plan.budget_by_owner) == {a.owner for a in ACTIONS}
    assert {line.key for line in report.forecast_by_owner} <= set(OWNERS)
    assert report.action_plan.budget_total == sum(a.budget for a in ACTIONS)
    assert report.ignored_columns[SHEETS["pipeline"][LANG[lang]]] == tuple(
        _labels(DEAL_HELPERS, lang)
    )


def test_the_pipeline_sheet_is_an_excel_table_of_the_deal_headers() -> None:
    wb = openpyxl.load_workbook(template_path())
    ws = wb["Pipeline"]
    header = [c.value for c in ws[1]]
    assert header[: len(DEAL_HEADERS)] == _labels(DEAL_HEADERS, "fr")
    table = ws.tables[TABLE_NAME]
    assert table.ref == f"A1:V{1 + 500}"
    assert [c.name for c in table.tableColumns] == _labels(DEAL_HEADERS, "fr")
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["H2:H501"] == "'Étapes'!$A$2:$A$21"
    for column, name in (
        ("I", "statuses"),
        ("G", "owners"),
        ("R", "segments"),
        ("S", "temperatures"),
    ):
        assert lists[f"{column}2:{column}501"].startswith(f"'Paramètres'!${LISTS[name]}$2:")
    rules = [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules]
    assert rules == ['$AH2="en retard"', "$AL2=1"]
    assert ws.freeze_panes == "C2"
    assert ws["J2"].number_format == '#,##0.00 "€"' and ws["M2"].number_format == "DD/MM/YYYY"


def test_settings_hold_the_cores_defaults_and_french_holidays() -> None:
    ws = openpyxl.load_workbook(template_path())["Paramètres"]
    assert ws[f"B{PARAMS['as_of']}"].value == "=TODAY()"
    assert ws[f"B{PARAMS['max_touches']}"].value == DEFAULT_MAX_TOUCHES
    steps = [ws[f"B{CADENCE_FIRST + i}"].value for i in range(len(DEFAULT_CADENCE.days) + 1)]
    assert tuple(steps) == (*DEFAULT_CADENCE.days, None)
    column = LISTS["holidays"]
    days = [ws[f"{column}{row}"].value for row in range(2, 2 + len(holiday_dates()) + 1)]
    assert [d.date() for d in days[:-1]] == sorted(french_holidays(2024, 2035))
    assert days[-1] is None


def _formulas(path: Path) -> dict[str, list[str]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [
            str(formula_text(c.value))
            for row in ws.iter_rows()
            for c in row
            if str(formula_text(c.value)).startswith("=")
        ]
        for ws in wb.worksheets
    }


def _functions(formula: str) -> set[str]:
    return set(re.findall(r"([A-Z][A-Z0-9_.]*)\(", re.sub(r'"[^"]*"', '""', formula)))


def _sumproduct_arguments(formula: str) -> list[str]:
    """The text inside each SUMPRODUCT(...) of a formula."""
    found = []
    for match in re.finditer(r"SUMPRODUCT\(", formula):
        depth, start = 1, match.end()
        for end in range(start, len(formula)):
            depth += {"(": 1, ")": -1}.get(formula[end], 0)
            if depth == 0:
                found.append(formula[start:end])
                break
    return found


def test_native_formulas_use_only_functions_every_spreadsheet_has() -> None:
    udfs = {
        "FORECAST_WEIGHTED",
        "PIPELINE_COVERAGE",
        "WIN_RATE",
        "CONVERSION_RATE",
        "STAGE_PROBABILITY",
        "SALES_CYCLE_DAYS",
        "NEXT_FOLLOWUP",
        "REQUIRED_PROSPECTS",
        "FUNNEL",
        "OVERDUE_FOLLOWUPS",
        "DATA_QUALITY",
    }
    used: set[str] = set()
    for sheet, formulas in _formulas(template_path()).items():
        for formula in formulas:
            names = _functions(formula)
            if names & udfs:
                assert sheet in ("Analyse Python", "Contrôle qualité"), formula
                continue
            used |= names
            for inside in _sumproduct_arguments(formula):  # old Excel: IF there needs CSE
                assert "IF(" not in inside.replace("IFERROR(", ""), formula
    assert used == set(NATIVE_FUNCTIONS)
    python = _formulas(template_path())["Analyse Python"] + ["=DATA_QUALITY("]
    assert set().union(*map(_functions, python)) >= udfs
    assert not any(f in used for f in ("XLOOKUP", "FILTER", "LET", "LAMBDA", "TEXT"))


def test_the_dashboard_has_a_forecast_chart_and_a_funnel_chart() -> None:
    with zipfile.ZipFile(template_path()) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = [archive.read(n).decode() for n in charts]
    assert len(xml) == 2
    # with or without a space before « /> »: lxml and ElementTree write it each their way
    xml = [x.replace(" />", "/>") for x in xml]
    assert '<barDir val="col"/>' in xml[0] and '<grouping val="stacked"/>' in xml[0]
    assert '<barDir val="bar"/>' in xml[1]
    sheet = "'Tableau de bord'!"
    assert f"{sheet}$E$6:$E$17" in xml[0] and f"{sheet}$F$6:$F$17" in xml[0]
    assert f"{sheet}$C$48:$C$58" in xml[1] and f"{sheet}$B$48:$B$58" in xml[1]


def test_xlwings_reads_its_settings_from_the_hidden_sheet() -> None:
    ws = openpyxl.load_workbook(template_path())["xlwings.conf"]
    assert ws.sheet_state == "hidden"
    assert [(r[0].value, r[1].value) for r in ws.iter_rows()] == list(XLWINGS_CONF)
