"""LibreOffice Calc recalculates the template on each dataset; every dashboard figure read
back equals the core's figure on the same workbook (money to the cent)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from salespipe.cli import main
from salespipe.core.metrics.cycle import days_in_current_stage
from salespipe.core.metrics.followups import STATES
from salespipe.core.metrics.forecast import weighted_value
from salespipe.core.metrics.rotting import idle_since
from salespipe.core.model import Status
from salespipe.template.lang import WORDS
from salespipe.template.layout import (
    ACTION_FIRST,
    BUDGET_FIRST,
    BUDGET_MONTH_OTHERS,
    BUDGET_MONTH_TOTAL,
    FIRST_ROW,
    LAST_ROW,
    action_column,
    deal_column,
)
from salespipe.template.python_sheet import QUALITY_ROWS
from tests.template.datasets import NEW_YEAR_BUDGET, all_datasets
from tests.template.filling import (
    LANG_INDEX,
    core_figures,
    dashboard_figures,
    differences,
    same,
    settings_list,
)
from tests.template.recalculation import Recalculated

NAMES = [ds.name for ds in all_datasets()]


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def _column(ws: Any, key: str) -> dict[int, Any]:
    """Non-blank values of a Pipeline column, by sheet row."""
    letter = deal_column(key)
    cells = {row: ws[f"{letter}{row}"].value for row in range(FIRST_ROW, LAST_ROW + 1)}
    return {row: _day(v) for row, v in cells.items() if v not in (None, "")}


@pytest.mark.parametrize("name", NAMES)
def test_every_dashboard_figure_equals_the_core(recalculated: Recalculated, name: str) -> None:
    result = recalculated[name]
    owners = settings_list(result.values, result.dataset.lang, "owners")
    action_owners = settings_list(result.values, result.dataset.lang, "action_owners")
    native = dashboard_figures(result.values, result.dataset.lang)
    core = core_figures(result.report, result.dataset, owners, action_owners)
    assert differences(native, core) == []


def test_a_range_across_the_new_year_gives_the_same_budget_by_month_everywhere(
    recalculated: Recalculated, capsys: pytest.CaptureFixture[str]
) -> None:
    """« S50 » to « S3 » typed for 2026 with 6 000 €: seven ISO weeks (2026 has 53), W50-W53
    with Thursdays 10, 17, 24 and 31 December 2026, W1-W3 of 2027 with Thursdays 7, 14 and
    21 January 2027; 6 000 / 7 a week, so December 2026 = 4 × 6 000 / 7 = 3 428,57 € and
    January 2027 = 3 × 6 000 / 7 = 2 571,43 €. The workbook recalculated by LibreOffice,
    read by ``salespipe report --format json``, says so; its dashboard (plan year 2026)
    shows December in its month row and January 2027 under « other months »."""
    result = recalculated["new_year"]
    main(["report", str(result.path), "--as-of", "2026-12-01", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    by_month = payload["action_plan"]["budget_by_month"]
    assert list(by_month) == ["2026-12", "2027-01"]
    assert by_month["2026-12"] == pytest.approx(4 * NEW_YEAR_BUDGET / 7)
    assert by_month["2027-01"] == pytest.approx(3 * NEW_YEAR_BUDGET / 7)
    assert [(i["code"], i["severity"]) for i in payload["issues"]] == [("week_range_wraps", "info")]
    dashboard = result.sheet("dashboard")
    rows = {row: dashboard[f"E{row}"].value for row in range(BUDGET_FIRST, BUDGET_FIRST + 12)}
    assert rows[BUDGET_FIRST + 11] == pytest.approx(by_month["2026-12"])  # December 2026
    assert [v for row, v in rows.items() if row != BUDGET_FIRST + 11] == [0] * 11
    assert dashboard[f"E{BUDGET_MONTH_OTHERS}"].value == pytest.approx(by_month["2027-01"])
    assert dashboard[f"E{BUDGET_MONTH_TOTAL}"].value == NEW_YEAR_BUDGET
    actions = result.sheet("actions")
    helpers = ("start_used", "end_used", "year_weeks", "weeks", "month12", "month1")
    assert [actions[f"{action_column(key)}{ACTION_FIRST}"].value for key in helpers] == [
        50,
        3,
        53,
        7,
        pytest.approx(4 * NEW_YEAR_BUDGET / 7),
        0,
    ]


@pytest.mark.parametrize("name", NAMES)
def test_each_deal_weighs_what_the_core_says(recalculated: Recalculated, name: str) -> None:
    result = recalculated[name]
    pipeline, ws = result.pipeline, result.sheet("pipeline")
    counted = _column(ws, "counted")
    native = {row: v for row, v in _column(ws, "weighted").items() if counted.get(row) == 1}
    core = {d.row: weighted_value(d, pipeline.stages) for d in pipeline.deals}
    core = {row: value for row, value in core.items() if value is not None}
    assert sorted(native) == sorted(core)
    assert [row for row in core if not same(native[row], core[row])] == []
    assert sorted(r for r, v in counted.items() if v == 1) == sorted(d.row for d in pipeline.deals)


def _states(lang: str) -> dict[str, str]:
    return {WORDS[state][LANG_INDEX[lang]]: state for state in STATES}


@pytest.mark.parametrize("name", NAMES)
def test_each_follow_up_is_due_when_the_core_says(recalculated: Recalculated, name: str) -> None:
    result = recalculated[name]
    report, ws = result.report, result.sheet("pipeline")
    due, late, words = _column(ws, "due"), _column(ws, "late"), _states(result.dataset.lang)
    native = {
        row: (due.get(row), words[state], late.get(row, 0))
        for row, state in _column(ws, "state").items()
    }
    core = {f.row: (f.due, f.state, f.business_days_late) for f in report.followups}
    assert native == core


@pytest.mark.parametrize("name", NAMES)
def test_rotting_deals_and_idle_days_match(recalculated: Recalculated, name: str) -> None:
    result = recalculated[name]
    report, ws = result.report, result.sheet("pipeline")
    idle = _column(ws, "idle_days")
    native = {row: idle[row] for row, flag in _column(ws, "rotting").items() if flag == 1}
    assert native == {r.row: r.idle_days for r in report.rotting}


@pytest.mark.parametrize("name", NAMES)
def test_each_open_deal_is_idle_since_the_day_the_core_says(
    recalculated: Recalculated, name: str
) -> None:
    result = recalculated[name]
    ws = result.sheet("pipeline")
    opens = [d for d in result.pipeline.deals if d.status == Status.OPEN]
    core = {d.row: since for d, since in zip(opens, idle_since(opens), strict=True) if since}
    assert _column(ws, "idle_since") == core


def test_a_contact_restarts_the_idle_clock_in_the_template(recalculated: Recalculated) -> None:
    """Report date 20 August 2026, « Premier contact » rotting past 7 days:

    - I01 in its stage since 6 July (25 + 20 = 45 days), contacted 19 August: idle
      20 − 19 = 1 day, not rotting; 45 days in the stage all the same;
    - I02 entered 10 August, last contact 11 July: idle since 10 August, 10 days > 7;
    - I03 only created, 5 August: idle 15 days > 7;
    - I04 without any date: no idle time, not flagged.
    """
    result = recalculated["custom_stages"]
    ws = result.sheet("pipeline")
    deals = {
        d.deal_id: d for d in result.pipeline.deals if d.deal_id in ("I01", "I02", "I03", "I04")
    }
    row = {key: d.row for key, d in deals.items()}
    idle, rotting = _column(ws, "idle_days"), _column(ws, "rotting")
    assert [idle.get(row[k]) for k in ("I01", "I02", "I03", "I04")] == [1, 10, 15, None]
    assert [rotting.get(row[k]) for k in ("I01", "I02", "I03", "I04")] == [0, 1, 1, None]
    assert _column(ws, "idle_since")[row["I02"]] == date(2026, 8, 10)
    assert days_in_current_stage(deals["I01"], result.dataset.as_of) == 45
    core = {r.row: (r.idle_days, r.since) for r in result.report.rotting if r.row in row.values()}
    assert core == {row["I02"]: (10, date(2026, 8, 10)), row["I03"]: (15, date(2026, 8, 5))}


@pytest.mark.parametrize("name", NAMES)
def test_the_follow_up_view_lists_deals_in_the_core_order(
    recalculated: Recalculated, name: str
) -> None:
    result = recalculated[name]
    report, ws = result.report, result.sheet("followups")
    rows = [ws[f"B{row}"].value for row in range(FIRST_ROW, LAST_ROW + 1)]
    listed = [row for row in rows if row not in (None, "")]
    scheduled = ("overdue", "due_this_week", "later")
    assert listed == [f.row for f in report.followups if f.state in scheduled]
    assert rows[len(listed) :] == [None] * (len(rows) - len(listed))


@pytest.mark.parametrize("name", NAMES)
def test_native_quality_checks_count_what_the_core_reports(
    recalculated: Recalculated, name: str
) -> None:
    result = recalculated[name]
    report, ws = result.report, result.sheet("quality")
    native = {key: ws[f"B{row}"].value for key, row in QUALITY_ROWS.items()}
    counts = report.issue_counts()
    codes = (
        "duplicate_id",
        "unknown_stage",
        "missing_stage",
        "won_without_close_date",
        "close_before_created",
        "probability_out_of_range",
    )
    assert {code: native[code] for code in codes} == {code: counts.get(code, 0) for code in codes}
    assert native["counted"] == report.summary.deals
    assert (native["text_amount"], native["text_dates"], native["stage_cadence"]) == (0, 0, 0)


def test_the_datasets_cover_the_messy_cases(recalculated: Recalculated) -> None:
    """The datasets hold messy cases and every follow-up state, so equality means something."""
    seen: dict[str, int] = {}
    states: set[str] = set()
    for result in recalculated.values():
        report = result.report
        for code, count in report.issue_counts().items():
            seen[code] = seen.get(code, 0) + count
        states |= {f.state for f in report.followups}
    for code in (
        "unknown_stage",
        "missing_stage",
        "won_without_close_date",
        "duplicate_id",
        "lost_stage_unknown",
        "status_stage_conflict",
        "unknown_status",
    ):
        assert seen.get(code, 0) > 0, code
    assert states == set(STATES)
    assert sum(r.report.summary.close_date_passed for r in recalculated.values()) > 0
    assert None in recalculated["outcomes"].dataset.deals  # blank rows
    assert recalculated["followups"].dataset.as_of == date(2026, 5, 16)  # a Saturday
