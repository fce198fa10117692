"""« Tableau de bord »: synthesis, forecast by month and by owner, funnel, budget, charts.

Every figure is a native formula (:data:`~salespipe.template.layout.NATIVE_FUNCTIONS`).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Font
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.texts import entry
from salespipe.formats.xlsx_charts import forecast_chart, funnel_chart
from salespipe.template.lang import Lang
from salespipe.template.layout import (
    BUDGET_FIRST,
    BUDGET_MONTH_OTHERS,
    BUDGET_MONTH_TOTAL,
    BUDGET_NO_WEEK,
    BUDGET_OWNER_OTHERS,
    BUDGET_OWNER_TOTAL,
    BUDGET_OWNER_UNSET,
    FUNNEL_COLUMNS,
    FUNNEL_FIRST,
    FUNNEL_ROWS,
    FUNNEL_WON,
    LIST_ROWS,
    LISTS,
    MONTH_AFTER,
    MONTH_BEFORE,
    MONTH_COLUMNS,
    MONTH_FIRST,
    MONTH_NO_DATE,
    MONTH_TOTAL,
    MONTHS,
    OWNER_COLUMNS,
    OWNER_FIRST,
    OWNER_NONE,
    OWNER_OTHERS,
    OWNER_TOTAL,
    SUMMARY_FIRST,
    SUMMARY_KEYS,
)
from salespipe.template.styles import (
    BOLD,
    DATE_FORMAT,
    EURO_FORMAT,
    MANAGED_FONT,
    MONTH_FORMAT,
    PERCENT_FORMAT,
    header,
    print_setup,
    section,
    widths,
)

#: The last column the charts cover (22 cm from K at the default width).
CHARTS_LAST_COLUMN = "W"
#: A:W printed by LibreOffice fits the width of an A4 landscape page at 38 % (42 % does not).
DASHBOARD_SCALE = 38


def summary_formulas(lang: str) -> dict[str, str]:
    """The synthesis figures of the dashboard, keyed like :data:`SUMMARY_KEYS`."""
    L = Lang(lang)
    status, amount, weighted = L.deals("status_used"), L.deals("amount"), L.deals("weighted")
    state, period = L.deals("state"), L.deals("in_period")
    open_, won, lost = L.lit("open"), L.lit("won"), L.lit("lost")
    count = lambda word: f"COUNTIF({status},{word})"  # noqa: E731
    target = L.param("target")
    cell = lambda key: f"B{SUMMARY_FIRST + SUMMARY_KEYS.index(key)}"  # noqa: E731
    has_target = f"AND(ISNUMBER({target}),{target}>0)"
    reached = '"' + entry("report.target_reached")[L.i] + '"'

    def ratio(part: str, whole: str) -> str:
        return f'=IF({has_target},{part}/{whole},"")'

    def coverage(part: str) -> str:
        remaining = cell("remaining_target")
        return f'=IF({has_target},IF({remaining}<=0,{reached},{part}/{remaining}),"")'

    return {
        "deals": f"=COUNTIF({L.deals('counted')},1)",
        "open_deals": f"={count(open_)}",
        "won_deals": f"={count(won)}",
        "lost_deals": f"={count(lost)}",
        "open_amount": f'=SUMIFS({amount},{status},{open_},{amount},">=0")',
        "weighted_open": f"=SUMIFS({weighted},{status},{open_})",
        "won_amount": f'=SUMIFS({amount},{status},{won},{amount},">=0")',
        "win_rate": f'=IF({count(won)}+{count(lost)}=0,"",{count(won)}/({count(won)}+'
        f"{count(lost)}))",
        "period_start": f"={L.param('period_start')}",
        "period_end": f"={L.param('period_end')}",
        "period_forecast": f"=SUMIFS({weighted},{period},1)",
        "target": f'=IF(ISNUMBER({target}),{target},"")',
        "won_in_period": f"=SUMIFS({weighted},{status},{won},{period},1)",
        "attainment": ratio(cell("won_in_period"), target),
        "forecast_attainment": ratio(cell("period_forecast"), target),
        "remaining_target": f'=IF({has_target},{target}-{cell("won_in_period")},"")',
        "open_in_period": f'=SUMIFS({amount},{status},{open_},{amount},">=0",{period},1)',
        "weighted_open_in_period": f"=SUMIFS({weighted},{status},{open_},{period},1)",
        "coverage": coverage(cell("open_in_period")),
        "weighted_coverage": coverage(cell("weighted_open_in_period")),
        "overdue_followups": f"=COUNTIF({state},{L.lit('overdue')})",
        "due_this_week": f"=COUNTIF({state},{L.lit('due_this_week')})",
        "nurture": f"=COUNTIF({state},{L.lit('nurture')})",
        "rotting": f"=COUNTIF({L.deals('rotting')},1)",
        "close_date_passed": f"=COUNTIFS({status},{open_},{L.deals('expected_close')},"
        f'"<"&{L.param("as_of")})',
        "action_budget": f"=SUM({L.actions('budget_used')})",
    }


_SUMMARY_FORMATS = {
    "open_amount": EURO_FORMAT,
    "weighted_open": EURO_FORMAT,
    "won_amount": EURO_FORMAT,
    "win_rate": PERCENT_FORMAT,
    "period_start": DATE_FORMAT,
    "period_end": DATE_FORMAT,
    "period_forecast": EURO_FORMAT,
    "target": EURO_FORMAT,
    "won_in_period": EURO_FORMAT,
    "attainment": PERCENT_FORMAT,
    "forecast_attainment": PERCENT_FORMAT,
    "remaining_target": EURO_FORMAT,
    "open_in_period": EURO_FORMAT,
    "weighted_open_in_period": EURO_FORMAT,
    "coverage": PERCENT_FORMAT,
    "weighted_coverage": PERCENT_FORMAT,
    "action_budget": EURO_FORMAT,
}


def _write_summary(ws: Worksheet, L: Lang) -> None:
    section(ws, f"A{SUMMARY_FIRST - 1}", L.t("dash.summary"))
    for row, (key, formula) in enumerate(summary_formulas(L.lang).items(), start=SUMMARY_FIRST):
        ws[f"A{row}"] = entry(f"report.summary.{key}")[L.i]  # the report's labels
        ws[f"B{row}"] = formula
        ws[f"B{row}"].font = BOLD
        ws[f"B{row}"].number_format = _SUMMARY_FORMATS.get(key, "0")


def _forecast_cells(L: Lang, criteria: str) -> list[str]:
    """Won, weighted open, (forecast), open amount and deal count for extra SUMIFS criteria."""
    status, amount, weighted = L.deals("status_used"), L.deals("amount"), L.deals("weighted")
    open_, won = L.lit("open"), L.lit("won")
    return [
        f"=SUMIFS({weighted},{status},{won}{criteria})",
        f"=SUMIFS({weighted},{status},{open_}{criteria})",
        f'=SUMIFS({amount},{status},{open_},{amount},">=0"{criteria})',
        f"=COUNTIFS({status},{won}{criteria})+COUNTIFS({status},{open_}{criteria})",
    ]


def _forecast_row(L: Lang, row: int, label: str, criteria: str) -> list[str]:
    """Label, won, weighted open, forecast (= won + weighted), open amount, deals."""
    won, weighted, amount, deals = _forecast_cells(L, criteria)
    return [label, won, weighted, f"=E{row}+F{row}", amount, deals]


def month_formulas(lang: str) -> dict[int, list[str]]:
    """Rows of the forecast by month (D:I): month, won, weighted open, forecast, open
    amount, deals; then earlier months, later months, no close date and the total."""
    L = Lang(lang)
    month, first = L.deals("close_month"), L.param("first_month")
    rows: dict[int, list[str]] = {}
    for offset in range(MONTHS):
        row = MONTH_FIRST + offset
        label = f"=DATE(YEAR({first}),MONTH({first})+{offset},1)"
        rows[row] = _forecast_row(L, row, label, f",{month},$D{row}")
    last = MONTH_FIRST + MONTHS - 1
    before, after = f',{month},"<"&$D${MONTH_FIRST}', f',{month},">"&$D${last}'
    rows[MONTH_BEFORE] = _forecast_row(L, MONTH_BEFORE, L.t("dash.before"), before)
    rows[MONTH_AFTER] = _forecast_row(L, MONTH_AFTER, L.t("dash.after"), after)
    everything = _forecast_row(L, MONTH_NO_DATE, L.t("dash.no_date"), "")
    dated = _forecast_row(L, MONTH_NO_DATE, "", f',{month},">0"')
    rows[MONTH_NO_DATE] = [
        value if i in (0, 3) else f"{value}-({dated[i][1:]})" for i, value in enumerate(everything)
    ]
    rows[MONTH_TOTAL] = [L.t("dash.total")] + [
        f"=SUM({col}{MONTH_FIRST}:{col}{MONTH_NO_DATE})" for col in "EFGHI"
    ]
    return rows


def owner_formulas(lang: str) -> dict[int, list[str]]:
    """Rows of the period forecast by owner (D:H): owner, won, weighted open, forecast,
    deals; one row per name of the Paramètres list, then no owner, others and the total."""
    L = Lang(lang)
    owner, period = L.deals("owner_used"), L.deals("in_period")
    rows: dict[int, list[str]] = {}
    for offset in range(LIST_ROWS):
        row = OWNER_FIRST + offset
        name = f"{L.ref('settings')}!${LISTS['owners']}${2 + offset}"
        _, *values = _forecast_row(L, row, "", f",{owner},$D{row},{period},1")
        del values[3]  # no open-amount column here
        rows[row] = [f'=IF({name}="","",{name})'] + [f'=IF($D{row}="","",{v[1:]})' for v in values]
    none = _forecast_row(L, OWNER_NONE, L.word("no_owner"), f",{owner},$D{OWNER_NONE},{period},1")
    total = _forecast_row(L, OWNER_TOTAL, L.t("dash.total"), f",{period},1")
    rows[OWNER_NONE] = none[:4] + none[5:]
    rows[OWNER_OTHERS] = [L.t("dash.others")] + [
        f"={col}{OWNER_TOTAL}-SUM({col}{OWNER_FIRST}:{col}{OWNER_NONE})" for col in "EFGH"
    ]
    rows[OWNER_TOTAL] = total[:4] + total[5:]
    return rows


def funnel_formulas(lang: str) -> dict[int, list[str]]:
    """Rows of the funnel (A:J): Étapes row, stage, reached, moved on, lost at, open at,
    conversion of decided deals, cumulative conversion to won, open amount, stage-to-stage
    rate (moved on / reached); open stages in funnel order
    (blank rows past the last one), then the won line. Moved on = reached of the next
    stage, or the number of won deals for the last open stage."""
    L = Lang(lang)
    stage_row, status, amount = L.deals("stage_row"), L.deals("status_used"), L.deals("amount")
    open_, lost, won = L.lit("open"), L.lit("lost"), L.lit("won")
    rows: dict[int, list[str]] = {}
    for offset in range(FUNNEL_ROWS):
        n, nxt = FUNNEL_FIRST + offset, FUNNEL_FIRST + offset + 1
        guard = f'=IF($A{n}="","",'
        rows[n] = [
            f'=IFERROR(MATCH({offset + 1},{L.stages("place")},0),"")',
            f"{guard}INDEX({L.stages('name')},$A{n}))",
            f"{guard}D{n}+E{n}+F{n})",
            f'{guard}IF($A{nxt}="",$C${FUNNEL_WON},C{nxt}))',
            f"{guard}COUNTIFS({stage_row},$A{n},{status},{lost}))",
            f"{guard}COUNTIFS({stage_row},$A{n},{status},{open_}))",
            f'{guard}IF(D{n}+E{n}=0,"",D{n}/(D{n}+E{n})))',
            f'=IF(OR($A{n}="",G{n}=""),"",IF($A{nxt}="",G{n},IF(H{nxt}="","",G{n}*H{nxt})))',
            f'{guard}SUMIFS({amount},{stage_row},$A{n},{status},{open_},{amount},">=0"))',
            f'{guard}IF(C{n}=0,"",D{n}/C{n}))',
        ]
    won_name = f"IFERROR(INDEX({L.stages('name')},MATCH({won},{L.stages('kind')},0)),{won})"
    rows[FUNNEL_WON] = [
        "",
        f"={won_name}",
        f"=COUNTIF({status},{won})",
        "=0",
        "=0",
        "=0",
        '=""',
        f'=IF(C{FUNNEL_WON}>0,1,"")',
        "=0",
        '=""',
    ]
    return rows


def budget_formulas(lang: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Action-plan budget rows: by owner (A:B, from the Paramètres list, then not set,
    others, total) and by month of the plan year (D:E, then no week, others, total)."""
    L = Lang(lang)
    budget, owner = L.actions("budget_used"), L.actions("owner_used")
    by_owner: dict[int, list[str]] = {}
    for offset in range(LIST_ROWS):
        row = BUDGET_FIRST + offset
        name = f"{L.ref('settings')}!${LISTS['action_owners']}${2 + offset}"
        by_owner[row] = [
            f'=IF({name}="","",{name})',
            f'=IF($A{row}="","",SUMIFS({budget},{owner},$A{row}))',
        ]
    by_owner[BUDGET_OWNER_UNSET] = [
        L.word("unset"),
        f"=SUMIFS({budget},{owner},$A{BUDGET_OWNER_UNSET})",
    ]
    by_owner[BUDGET_OWNER_OTHERS] = [
        L.t("dash.others"),
        f"=B{BUDGET_OWNER_TOTAL}-SUM(B{BUDGET_FIRST}:B{BUDGET_OWNER_UNSET})",
    ]
    by_owner[BUDGET_OWNER_TOTAL] = [L.t("dash.total"), f"=SUM({budget})"]
    by_month: dict[int, list[str]] = {}
    for month in range(1, MONTHS + 1):
        row = BUDGET_FIRST + month - 1
        by_month[row] = [
            f"=DATE({L.param('plan_year')},{month},1)",
            f"=SUM({L.actions(f'month{month}')})",
        ]
    by_month[BUDGET_NO_WEEK] = [L.t("dash.no_week"), f"=SUM({L.actions('no_week')})"]
    by_month[BUDGET_MONTH_OTHERS] = [
        L.t("dash.other_months"),
        f"=E{BUDGET_MONTH_TOTAL}-SUM(E{BUDGET_FIRST}:E{BUDGET_NO_WEEK})",
    ]
    by_month[BUDGET_MONTH_TOTAL] = [L.t("dash.total"), f"=SUM({budget})"]
    return by_owner, by_month


def _write_block(
    ws: Worksheet,
    first_column: int,
    header_row: int,
    headers: Sequence[str],
    rows: dict[int, list[str]],
    formats: Sequence[str | None],
) -> None:
    """Headers on ``header_row``, then each row's cells from ``first_column``, formatted."""
    for offset, text in enumerate(headers):
        header(ws, header_row, first_column + offset, text)
    for row, values in rows.items():
        for offset, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            cell = ws.cell(row=row, column=first_column + offset, value=value or None)
            if fmt:
                cell.number_format = fmt


def write_dashboard(ws: Worksheet, L: Lang) -> None:
    """Synthesis, forecast by month and by owner, funnel, action-plan budget, two charts."""
    ws["A1"] = L.t("dash.title")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"], ws["B2"] = L.t("dash.as_of"), f"={L.param('as_of')}"
    ws["B2"].number_format = DATE_FORMAT
    ws["D2"] = L.t("dash.native")
    _write_summary(ws, L)
    money = EURO_FORMAT
    section(ws, f"D{MONTH_FIRST - 2}", L.t("dash.by_month"))
    _write_block(
        ws,
        4,
        MONTH_FIRST - 1,
        [L.t(f"col.{k}") for k in MONTH_COLUMNS],
        month_formulas(L.lang),
        [MONTH_FORMAT, money, money, money, money, "0"],
    )
    section(ws, f"D{OWNER_FIRST - 2}", L.t("dash.by_owner"))
    _write_block(
        ws,
        4,
        OWNER_FIRST - 1,
        [L.t(f"col.{k}") for k in OWNER_COLUMNS],
        owner_formulas(L.lang),
        [None, money, money, money, "0"],
    )
    section(ws, f"A{FUNNEL_FIRST - 2}", L.t("dash.funnel"))
    _write_block(
        ws,
        1,
        FUNNEL_FIRST - 1,
        [L.t(f"col.{k}") for k in FUNNEL_COLUMNS],
        funnel_formulas(L.lang),
        ["0", None, "0", "0", "0", "0", PERCENT_FORMAT, PERCENT_FORMAT, money, PERCENT_FORMAT],
    )
    for row in range(FUNNEL_FIRST, FUNNEL_WON + 1):
        ws[f"A{row}"].font = MANAGED_FONT
    section(ws, f"A{BUDGET_FIRST - 2}", L.t("dash.budget"))
    by_owner, by_month = budget_formulas(L.lang)
    _write_block(
        ws,
        1,
        BUDGET_FIRST - 1,
        [L.t("dash.budget_owner"), L.t("dash.budget_value")],
        by_owner,
        [None, money],
    )
    _write_block(
        ws,
        4,
        BUDGET_FIRST - 1,
        [L.t("dash.budget_month"), L.t("dash.budget_value")],
        by_month,
        [MONTH_FORMAT, money],
    )
    _dashboard_charts(ws, L)
    widths(ws, {"A": 44, "B": 20, "C": 12, "D": 22, "E": 15, "F": 16, "G": 15, "H": 15, "I": 15})
    ws.freeze_panes = "A3"
    # the charts end near column W; a page break above the funnel keeps each chart whole,
    # at a scale that fits A:W on the width of the page
    area = f"A1:{CHARTS_LAST_COLUMN}{BUDGET_OWNER_TOTAL}"
    print_setup(ws, area, landscape=True, scale=DASHBOARD_SCALE)
    ws.row_breaks.append(Break(id=FUNNEL_FIRST - 3))


def _dashboard_charts(ws: Worksheet, L: Lang) -> None:
    """Native charts: the forecast by month (stacked won + weighted open) and the funnel,
    the same as the report workbook's (:mod:`salespipe.formats.xlsx_charts`)."""
    last = MONTH_FIRST + MONTHS - 1
    ws.add_chart(
        forecast_chart(
            ws, L.t("chart.forecast"), month_column=4, header_row=MONTH_FIRST - 1, last_row=last
        ),
        "K4",
    )
    ws.add_chart(
        funnel_chart(
            ws,
            L.t("chart.funnel"),
            stage_column=2,
            header_row=FUNNEL_FIRST - 1,
            last_row=FUNNEL_WON,
        ),
        f"K{FUNNEL_FIRST - 2}",
    )
