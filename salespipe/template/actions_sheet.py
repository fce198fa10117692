"""« Plan d'actions »: the action plan, its week grid and managed budget-by-month columns."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import ACTION_HEADERS
from salespipe.template.lang import Lang, listed
from salespipe.template.layout import (
    ACTION_FIELDS,
    ACTION_HELPERS,
    ACTION_LAST,
    MONTHS,
    WEEKS,
    action_column,
)
from salespipe.template.styles import DATE_FORMAT, EURO_FORMAT, header, managed, validation, widths


def _week_value(cell: str) -> str:
    """A formula reading an ISO week (12, "S12", "W12") from ``cell``; "" when not 1..53."""
    value = (
        f'IF(ISNUMBER({cell}),{cell},VALUE(SUBSTITUTE(SUBSTITUTE(UPPER(TRIM({cell})),"S",""),'
        f'"W","")))'
    )
    return f'IFERROR(IF(AND({value}>=1,{value}<=53,{value}=INT({value})),{value},""),"")'


def _ticks(r: int) -> str:
    """1 or 0 for each box of row r's week grid: ``x``, ``oui`` or a positive number."""
    grid = f"{action_column('week1')}{r}:{action_column(f'week{WEEKS}')}{r}"
    return f'(({grid}="x")+({grid}="oui")+ISNUMBER({grid})*({grid}>0))'


def _action_weeks(L: Lang, r: int) -> dict[str, str]:
    """Budget, year, ISO base, weeks in the year, ticks, start/end and week count of row r.

    As salespipe reads weeks: the ticked boxes if any, else start..end (an end before the
    start wraps into the next year: start..the year's last week, then 1..end of the next
    year; no end means the start week alone), else nothing; weeks the year lacks drop.
    """
    c = {key: f"{action_column(key)}{r}" for key in (*ACTION_FIELDS, *ACTION_HELPERS)}
    blank = f'IF({c["budget_used"]}="","",'
    start, end, base = c["start_used"], c["end_used"], c["iso_base"]
    typed_end = _week_value(c["end_week"])
    last_box = action_column(f"week{WEEKS}")
    return {
        "budget_used": f'=IF(COUNTA(A{r}:{last_box}{r})=0,"",IF(AND(ISNUMBER('
        f"{c['budget']}),{c['budget']}>=0),{c['budget']},0))",
        "year_used": f"={blank}IF(AND(ISNUMBER({c['year']}),{c['year']}>=1,{c['year']}="
        f"INT({c['year']})),{c['year']},{L.param('plan_year')}))",
        "iso_base": f"={blank}DATE({c['year_used']},1,4)-WEEKDAY(DATE({c['year_used']},1,4),2))",
        "year_weeks": f"={blank}IF(YEAR({base}+7*53-3)={c['year_used']},53,52))",
        "ticks": f"={blank}SUMPRODUCT({_ticks(r)}))",
        "start_used": f"={blank}{_week_value(c['start_week'])})",
        "end_used": f'={blank}IF({start}="","",IF({typed_end}="",{start},{typed_end})))',
        "weeks": f"={blank}IF({c['ticks']}>0,SUMPRODUCT({_ticks(r)}*({L.weeks()}<="
        f'{c["year_weeks"]})),IF({start}="",0,IF({end}<{start},'
        f"MAX(0,{c['year_weeks']}-{start}+1)+{end},IF({start}>{c['year_weeks']},0,"
        f"MIN({end},{c['year_weeks']})-{start}+1)))))",
    }


def _action_months(L: Lang, r: int) -> dict[str, str]:
    """Budget of row r spread over its weeks, by month of the plan year; no-week budget; owner.

    A week's Thursday gives its month. A range wrapping into the next year (end < start)
    runs from start to the year's last week, then weeks 1..end of the next year, whose
    Thursdays follow on: week w of the next year is week (weeks in the year + w) counted
    from this year's ISO base.
    """
    c = {key: f"{action_column(key)}{r}" for key in (*ACTION_FIELDS, *ACTION_HELPERS)}
    start, end, weeks, ticks = c["start_used"], c["end_used"], L.weeks(), c["ticks"]
    year_weeks = c["year_weeks"]
    # this year: the ticked boxes, else start..end, or start..the last week when wrapping
    active = (
        f"(({ticks}>0)*{_ticks(r)}+({ticks}=0)*({weeks}>={start})*"
        f"(({weeks}<={end})+({end}<{start})))"
    )
    thursday = f"({c['iso_base']}+7*{weeks}-3)"
    # the next year: weeks 1..end of a wrapping range
    wrapped = f"(({ticks}=0)*({end}<{start})*({weeks}<={end}))"
    next_thursday = f"({c['iso_base']}+7*({year_weeks}+{weeks})-3)"
    formulas: dict[str, str] = {}
    for month in range(1, MONTHS + 1):
        first = f"DATE({L.param('plan_year')},{month},1)"
        share = (
            f"(SUMPRODUCT({active}*({weeks}<={year_weeks})*({thursday}>={first})*"
            f"({thursday}<=EOMONTH({first},0)))+SUMPRODUCT({wrapped}*"
            f"({next_thursday}>={first})*({next_thursday}<=EOMONTH({first},0))))"
        )
        formulas[f"month{month}"] = (
            f'=IF(OR({c["budget_used"]}="",{c["weeks"]}=0),"",'
            f"{c['budget_used']}*{share}/{c['weeks']})"
        )
    formulas["no_week"] = f'=IF({c["budget_used"]}="","",IF({c["weeks"]}=0,{c["budget_used"]},0))'
    formulas["owner_used"] = (
        f'=IF({c["budget_used"]}="","",IF(TRIM({c["owner"]})="",{L.lit("unset")},'
        f"TRIM({c['owner']})))"
    )
    return formulas


def action_formulas(lang: str, row: int) -> dict[str, str]:
    """The managed formulas of one Plan d'actions row, keyed like :data:`ACTION_HELPERS`."""
    L = Lang(lang)
    formulas = {**_action_weeks(L, row), **_action_months(L, row)}
    return {key: formulas[key] for key in ACTION_HELPERS}


def _action_headers(ws: Worksheet, L: Lang) -> None:
    for column, name in enumerate(ACTION_FIELDS, start=1):
        header(ws, 1, column, ACTION_HEADERS[name][L.i])
    prefix = "S" if L.lang == "fr" else "W"
    for week in range(1, WEEKS + 1):
        letter = action_column(f"week{week}")
        header(ws, 1, ws[f"{letter}1"].column, f"{prefix}{week}")
        ws.column_dimensions[letter].width = 4.5
    for key, labels in ACTION_HELPERS.items():
        letter = action_column(key)
        header(ws, 1, ws[f"{letter}1"].column, labels[L.i], managed=True)
        ws.column_dimensions[letter].width = 13
    widths(
        ws,
        {
            "A": 26,
            "B": 15,
            "C": 18,
            "D": 12,
            "E": 9,
            "F": 9,
            "G": 8,
            "H": 24,
            "I": 8,
            "J": 8,
            "K": 20,
            "L": 13,
        },
    )


def write_actions(ws: Worksheet, L: Lang) -> None:
    """Action-plan columns, the week grid S1..S53 and managed budget-by-month columns."""
    _action_headers(ws, L)
    money = {"budget_used", *(f"month{m}" for m in range(1, MONTHS + 1)), "no_week"}
    for row in range(2, ACTION_LAST + 1):
        for name in ("budget", "expected_revenue"):
            ws[f"{action_column(name)}{row}"].number_format = EURO_FORMAT
        for key, formula in action_formulas(L.lang, row).items():
            fmt = EURO_FORMAT if key in money else DATE_FORMAT if key == "iso_base" else None
            managed(ws, action_column(key), row, formula, fmt)
    owner, kind, lever = (action_column(n) for n in ("owner", "type", "lever"))
    validation(
        ws,
        f"{owner}2:{owner}{ACTION_LAST}",
        "list",
        listed(L, "action_owners"),
        errorStyle="warning",
    )
    validation(
        ws, f"{kind}2:{kind}{ACTION_LAST}", "list", listed(L, "action_types"), errorStyle="warning"
    )
    validation(
        ws, f"{lever}2:{lever}{ACTION_LAST}", "list", listed(L, "levers"), errorStyle="warning"
    )
    budget = action_column("budget")
    validation(
        ws, f"{budget}2:{budget}{ACTION_LAST}", "decimal", "0", operator="greaterThanOrEqual"
    )
    grid = f"{action_column('week1')}2:{action_column(f'week{WEEKS}')}{ACTION_LAST}"
    validation(ws, grid, "list", '"x"', errorStyle="warning")
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 32
