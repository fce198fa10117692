"""« Plan d'actions »: the action plan, its week grid and managed budget-by-month columns."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import ACTION_HEADERS
from salespipe.core.texts import section
from salespipe.template.lang import Lang, listed
from salespipe.template.layout import (
    ACTION_FIELDS,
    ACTION_FIRST,
    ACTION_HEADER_ROW,
    ACTION_HELPERS,
    ACTION_LAST,
    MONTHS,
    WEEKS,
    action_column,
)
from salespipe.template.styles import (
    BOLD,
    DATE_FORMAT,
    EURO_FORMAT,
    MONTH_ALIGNMENT,
    MONTH_FILL,
    MONTH_FONT,
    PLANNED_FILL,
    TICKED_FILL,
    TODAY_FILL,
    header,
    managed,
    print_setup,
    protect_managed,
    validation,
    widths,
)


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


def _iso_base(L: Lang) -> str:
    """The Sunday before week 1 of the plan year (ISO: the week of 4 January), as the
    « Base ISO » column has it: week w runs from base + 7w - 6 (Monday) to base + 7w."""
    year = L.param("plan_year")
    return f"(DATE({year},1,4)-WEEKDAY(DATE({year},1,4),2))"


def month_formula(L: Lang, week: int) -> str:
    """Row 1 above week ``week``: the month's short name on the first week whose Thursday
    falls in it (its day of month is 1..7), else blank; by the plan year of Paramètres."""
    thursday = f"({_iso_base(L)}+7*{week}-3)"
    names = ",".join('"' + section("template.month.")[str(m)][L.i] + '"' for m in range(1, 13))
    return (
        f"=IF(AND(DAY({thursday})<=7,YEAR({thursday})={L.param('plan_year')}),"
        f'CHOOSE(MONTH({thursday}),{names}),"")'
    )


def _week_grid(ws: Worksheet, L: Lang) -> None:
    """The months on row 1, then the colours: odd months banded, this week's column marked
    (TODAY(), so it moves by itself), ticked boxes green and the weeks start..end of a row
    without ticks light green."""
    first, last = action_column("week1"), action_column(f"week{WEEKS}")
    c0 = ws[f"{first}1"].column
    for number in range(1, WEEKS + 1):
        cell = ws[f"{action_column(f'week{number}')}1"]
        cell.value = month_formula(L, number)
        cell.font = MONTH_FONT
        cell.alignment = MONTH_ALIGNMENT  # « févr. » shrinks rather than being cut
    base = _iso_base(L)
    week = f"(COLUMN()-{c0}+1)"
    monday = f"({base}+7*{week}-6)"
    months = f"{first}1:{last}1"
    band = f"MOD(MONTH({monday}+3),2)=1"
    ws.conditional_formatting.add(months, FormulaRule(formula=[band], fill=MONTH_FILL))
    # In a plan year of 52 ISO weeks, column S53 is the next year's week 1: only weeks of
    # the plan year are marked.
    in_year = f"YEAR({monday}+3)={L.param('plan_year')}"
    today = f"AND({in_year},TODAY()>={monday},TODAY()<{monday}+7)"
    head = f"{first}1:{last}{ACTION_HEADER_ROW}"
    grid = f"{first}{ACTION_FIRST}:{last}{ACTION_LAST}"
    box = f"{first}{ACTION_FIRST}"
    ticked = f'OR({box}="x",{box}="oui",AND(ISNUMBER({box}),{box}>0))'
    # A ticked box stays green in the current week: its rule comes first (priority).
    ws.conditional_formatting.add(grid, FormulaRule(formula=[ticked], fill=TICKED_FILL))
    ws.conditional_formatting.add(
        head, FormulaRule(formula=[today], fill=TODAY_FILL, font=BOLD, stopIfTrue=True)
    )
    ws.conditional_formatting.add(grid, FormulaRule(formula=[today], fill=TODAY_FILL))
    r = ACTION_FIRST
    ticks, start, end = (f"${action_column(k)}{r}" for k in ("ticks", "start_used", "end_used"))
    planned = (
        f"AND({in_year},{ticks}=0,ISNUMBER({start}),"
        f"IF({end}<{start},OR({week}>={start},{week}<={end}),"
        f"AND({week}>={start},{week}<={end})))"
    )
    ws.conditional_formatting.add(grid, FormulaRule(formula=[planned], fill=PLANNED_FILL))


def _action_headers(ws: Worksheet, L: Lang) -> None:
    row = ACTION_HEADER_ROW
    for column, name in enumerate(ACTION_FIELDS, start=1):
        header(ws, row, column, ACTION_HEADERS[name][L.i])
    prefix = "S" if L.lang == "fr" else "W"
    for week in range(1, WEEKS + 1):
        letter = action_column(f"week{week}")
        header(ws, row, ws[f"{letter}1"].column, f"{prefix}{week}")
        ws.column_dimensions[letter].width = 4.5
    for key, labels in ACTION_HELPERS.items():
        letter = action_column(key)
        header(ws, row, ws[f"{letter}1"].column, labels[L.i], managed=True)
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


def _action_validations(ws: Worksheet, L: Lang) -> None:
    """Drop-downs (a warning, not a refusal, for another value), budgets ≥ 0, « x » boxes."""

    def column(name: str) -> str:
        letter = action_column(name)
        return f"{letter}{ACTION_FIRST}:{letter}{ACTION_LAST}"

    for name, values, message in (
        ("owner", "action_owners", "action_owner"),
        ("type", "action_types", "action_type"),
        ("lever", "levers", "lever"),
    ):
        validation(
            ws,
            column(name),
            "list",
            listed(L, values),
            errorStyle="warning",
            lang=L.lang,
            message=message,
        )
    validation(
        ws,
        column("budget"),
        "decimal",
        "0",
        operator="greaterThanOrEqual",
        lang=L.lang,
        message="budget",
    )
    grid = f"{action_column('week1')}{ACTION_FIRST}:{action_column(f'week{WEEKS}')}{ACTION_LAST}"
    validation(ws, grid, "list", '"x"', errorStyle="warning", lang=L.lang, message="week")


def write_actions(ws: Worksheet, L: Lang) -> None:
    """Action-plan columns, the week grid S1..S53 and managed budget-by-month columns."""
    _action_headers(ws, L)
    _week_grid(ws, L)
    money = {"budget_used", *(f"month{m}" for m in range(1, MONTHS + 1)), "no_week"}
    for row in range(ACTION_FIRST, ACTION_LAST + 1):
        for name in ("budget", "expected_revenue"):
            ws[f"{action_column(name)}{row}"].number_format = EURO_FORMAT
        for key, formula in action_formulas(L.lang, row).items():
            fmt = EURO_FORMAT if key in money else DATE_FORMAT if key == "iso_base" else None
            managed(ws, action_column(key), row, formula, fmt)
    _action_validations(ws, L)
    ws.freeze_panes = f"B{ACTION_FIRST}"
    ws.row_dimensions[ACTION_HEADER_ROW].height = 32
    last_box = action_column(f"week{WEEKS}")
    protect_managed(ws, f"A:{last_box}", ACTION_FIRST, ACTION_LAST)
    area = f"A1:{last_box}{ACTION_LAST}"
    print_setup(ws, area, landscape=True, title_rows=f"1:{ACTION_HEADER_ROW}")
