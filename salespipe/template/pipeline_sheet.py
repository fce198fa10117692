"""« Pipeline »: the Excel table of deals and its managed helper columns."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import DEAL_HEADERS
from salespipe.template.lang import Lang, listed
from salespipe.template.layout import (
    DEAL_FIELDS,
    DEAL_HELPERS,
    FIRST_ROW,
    LAST_ROW,
    TABLE_NAME,
    deal_column,
)
from salespipe.template.styles import (
    DATE_FORMAT,
    EURO_FORMAT,
    MONTH_FORMAT,
    ORANGE_FILL,
    PROBABILITY_FORMAT,
    RED_FILL,
    header,
    managed,
    print_setup,
    protect_managed,
    validation,
)


def _c(key: str, row: int) -> str:
    """A cell of the Pipeline sheet in a formula on that sheet: ``J5``."""
    return f"{deal_column(key)}{row}"


def _deal_core(L: Lang, r: int) -> dict[str, str]:
    """Row counted, stage row, status, probability and weighted amount of row ``r``."""
    c = lambda key: _c(key, r)  # noqa: E731
    open_, won, lost = L.lit("open"), L.lit("won"), L.lit("lost")
    kind = f"INDEX({L.stages('kind')},MAX({c('stage_row')},1))"
    status_word = (
        f"IFERROR(VLOOKUP(TRIM({c('status')}),{L.ref('settings')}!$M$2:$N$80,2,FALSE),{open_})"
    )
    amount, prob = c("amount"), c("probability")
    first, last = deal_column(DEAL_FIELDS[0]), deal_column(DEAL_FIELDS[-1])
    id_col = deal_column("deal_id")
    return {
        "counted": f'=IF(COUNTA({first}{r}:{last}{r})=0,"",IF(AND(TRIM({c("deal_id")})<>"",'
        f"COUNTIF(${id_col}${FIRST_ROW}:{c('deal_id')},{c('deal_id')})>1),0,1))",
        "stage_row": f'=IF({c("counted")}<>1,"",IF(TRIM({c("stage")})="",0,'
        f"IFERROR(MATCH(TRIM({c('stage')}),{L.stages('name')},0),-1)))",
        "status_used": f'=IF({c("counted")}<>1,"",IF(AND({c("stage_row")}>0,{kind}<>{open_}),'
        f"{kind},{status_word}))",
        "probability_used": f'=IF({c("status_used")}<>{open_},"",IF(AND(ISNUMBER({prob}),'
        f"{prob}>=0,{prob}<=100),IF({prob}>1,{prob}/100,{prob}),IF({c('stage_row')}>0,"
        f'INDEX({L.stages("probability_used")},{c("stage_row")}),"")))',
        "weighted": f'=IF({c("counted")}<>1,"",IF({c("status_used")}={lost},0,IF(OR(NOT('
        f'ISNUMBER({amount})),{amount}<0),"",IF({c("status_used")}={won},{amount},'
        f'IF(ISNUMBER({c("probability_used")}),{amount}*{c("probability_used")},"")))))',
    }


def _deal_periods(L: Lang, r: int) -> dict[str, str]:
    """Close month, in-period flag and owner label of row ``r``."""
    c = lambda key: _c(key, r)  # noqa: E731
    close = c("expected_close")
    return {
        "close_month": f'=IF({c("counted")}<>1,"",IF(ISNUMBER({close}),'
        f'DATE(YEAR({close}),MONTH({close}),1),""))',
        "in_period": f'=IF({c("counted")}<>1,"",IF(ISNUMBER({close}),IF(AND(INT({close})>='
        f"{L.param('period_start')},INT({close})<={L.param('period_end')}),1,0),0))",
        "owner_used": f'=IF({c("counted")}<>1,"",IF(TRIM({c("owner")})="",{L.lit("no_owner")},'
        f"TRIM({c('owner')})))",
    }


def _deal_followups(L: Lang, r: int) -> dict[str, str]:
    """Touches, due date, state, lateness and follow-up order of row ``r``."""
    c = lambda key: _c(key, r)  # noqa: E731
    open_, today, max_touches = L.lit("open"), L.param("as_of"), L.param("max_touches")
    touches, typed, last = c("touches"), c("next_followup"), c("last_contact")
    step = f"INDEX({L.cadence()},MIN({c('touches_used')},COUNT({L.cadence()})-1)+1)"
    due, state = c("due"), c("state")
    due_col = deal_column("due")
    return {
        "touches_used": f'=IF({c("status_used")}<>{open_},"",IF(AND(ISNUMBER({touches}),'
        f"{touches}>=0,{touches}=INT({touches})),{touches},0))",
        "due": f'=IF({c("status_used")}<>{open_},"",IF(ISNUMBER({typed}),INT({typed}),'
        f'IF({c("touches_used")}>={max_touches},"",IF(ISNUMBER({last}),'
        f'WORKDAY(INT({last})+{step}-1,1,{L.holidays()}),""))))',
        "state": f'=IF({c("status_used")}<>{open_},"",IF(AND(NOT(ISNUMBER({typed})),'
        f'{c("touches_used")}>={max_touches}),{L.lit("nurture")},IF({due}="",'
        f"{L.lit('unscheduled')},IF({due}<{today},{L.lit('overdue')},IF({due}<={today}+7-"
        f"WEEKDAY({today},2),{L.lit('due_this_week')},{L.lit('later')})))))",
        "late": f'=IF({state}={L.lit("overdue")},NETWORKDAYS({due}+1,{today},{L.holidays()}),"")',
        "rank": f'=IF({due}="","",COUNTIF(${due_col}${FIRST_ROW}:${due_col}${LAST_ROW},'
        f'"<"&{due})+COUNTIF(${due_col}${FIRST_ROW}:{due},{due}))',
    }


def _deal_rotting(L: Lang, r: int) -> dict[str, str]:
    """Idle since, idle days and rotting flag of row ``r``."""
    c = lambda key: _c(key, r)  # noqa: E731
    since = c("idle_since")
    expected = f"INDEX({L.stages('expected_days')},MAX({c('stage_row')},1))"
    entered, contact, created = c("stage_entered"), c("last_contact"), c("created")
    # The later of stage entered and last contact (a contact restarts the clock), the one
    # of them that is a date, else created: core.metrics.rotting.idle_since.
    chain = (
        f"IF(AND(ISNUMBER({entered}),ISNUMBER({contact})),MAX(INT({entered}),INT({contact})),"
        f"IF(ISNUMBER({entered}),INT({entered}),IF(ISNUMBER({contact}),INT({contact}),"
        f'IF(ISNUMBER({created}),INT({created}),""))))'
    )
    return {
        "idle_since": f'=IF({c("status_used")}<>{L.lit("open")},"",{chain})',
        "idle_days": f'=IF({since}="","",{L.param("as_of")}-{since})',
        "rotting": f'=IF(OR({since}="",{c("stage_row")}<1),"",IF(ISNUMBER({expected}),'
        f'IF({c("idle_days")}>{expected},1,0),""))',
    }


def deal_formulas(lang: str, row: int) -> dict[str, str]:
    """The managed formulas of one Pipeline row, keyed like :data:`DEAL_HELPERS`."""
    L = Lang(lang)
    formulas = {
        **_deal_core(L, row),
        **_deal_periods(L, row),
        **_deal_followups(L, row),
        **_deal_rotting(L, row),
    }
    return {key: formulas[key] for key in DEAL_HELPERS}


_DEAL_FORMATS = {
    "amount": EURO_FORMAT,
    "probability": PROBABILITY_FORMAT,
    "created": DATE_FORMAT,
    "expected_close": DATE_FORMAT,
    "last_contact": DATE_FORMAT,
    "next_followup": DATE_FORMAT,
    "stage_entered": DATE_FORMAT,
    "touches": "0",
}
_HELPER_FORMATS = {
    "probability_used": PROBABILITY_FORMAT,
    "weighted": EURO_FORMAT,
    "close_month": MONTH_FORMAT,
    "due": DATE_FORMAT,
    "idle_since": DATE_FORMAT,
}
_DEAL_WIDTHS = {
    "deal_id": 11,
    "name": 30,
    "company": 26,
    "contact": 20,
    "email": 30,
    "phone": 16,
    "owner": 16,
    "stage": 20,
    "status": 11,
    "amount": 14,
    "probability": 11,
    "created": 12,
    "expected_close": 12,
    "last_contact": 12,
    "next_followup": 12,
    "touches": 9,
    "source": 22,
    "segment": 9,
    "temperature": 12,
    "lost_reason": 16,
    "notes": 30,
    "stage_entered": 12,
}


def _pipeline_headers(ws: Worksheet, L: Lang) -> None:
    for column, name in enumerate(DEAL_FIELDS, start=1):
        header(ws, 1, column, DEAL_HEADERS[name][L.i])
        ws.column_dimensions[get_column_letter(column)].width = _DEAL_WIDTHS[name]
    ws.column_dimensions[get_column_letter(len(DEAL_FIELDS) + 1)].width = 3
    for key, labels in DEAL_HELPERS.items():
        letter = deal_column(key)
        header(ws, 1, ws[f"{letter}1"].column, labels[L.i], managed=True)
        ws.column_dimensions[letter].width = 14


def _pipeline_rows(ws: Worksheet, L: Lang) -> None:
    for row in range(FIRST_ROW, LAST_ROW + 1):
        for key, formula in deal_formulas(L.lang, row).items():
            managed(ws, deal_column(key), row, formula, _HELPER_FORMATS.get(key))
        for name, fmt in _DEAL_FORMATS.items():
            ws[f"{deal_column(name)}{row}"].number_format = fmt


def _pipeline_validations(ws: Worksheet, L: Lang) -> None:
    def m(message: str) -> dict[str, str]:
        return {"lang": L.lang, "message": message}

    def cells(name: str) -> str:
        letter = deal_column(name)
        return f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"

    validation(ws, cells("stage"), "list", L.stages("name"), errorStyle="stop", **m("stage"))
    validation(ws, cells("status"), "list", listed(L, "statuses"), errorStyle="stop", **m("status"))
    validation(ws, cells("owner"), "list", listed(L, "owners"), errorStyle="warning", **m("owner"))
    validation(
        ws, cells("segment"), "list", listed(L, "segments"), errorStyle="stop", **m("segment")
    )
    validation(
        ws,
        cells("temperature"),
        "list",
        listed(L, "temperatures"),
        errorStyle="stop",
        **m("temperature"),
    )
    validation(
        ws, cells("source"), "list", L.actions("action"), errorStyle="information", **m("source")
    )
    validation(ws, cells("amount"), "decimal", "0", operator="greaterThanOrEqual", **m("amount"))
    validation(ws, cells("probability"), "decimal", "0", "1", **m("probability"))
    validation(ws, cells("touches"), "whole", "0", operator="greaterThanOrEqual", **m("touches"))
    for name in ("created", "expected_close", "last_contact", "next_followup", "stage_entered"):
        validation(
            ws, cells(name), "date", "36526", "73051", **m("date")
        )  # 2000-01-01 .. 2100-01-01


def _pipeline_highlights(ws: Worksheet, L: Lang) -> None:
    """Overdue follow-ups in red, rotting deals in orange, over the user's columns."""
    area = f"A{FIRST_ROW}:{deal_column(DEAL_FIELDS[-1])}{LAST_ROW}"
    overdue = f"${deal_column('state')}{FIRST_ROW}={L.lit('overdue')}"
    rotting = f"${deal_column('rotting')}{FIRST_ROW}=1"
    ws.conditional_formatting.add(area, FormulaRule(formula=[overdue], fill=RED_FILL))
    ws.conditional_formatting.add(area, FormulaRule(formula=[rotting], fill=ORANGE_FILL))


def write_pipeline(ws: Worksheet, L: Lang) -> None:
    """Headers, the Excel table over the user's columns, managed formulas, checks, colours."""
    _pipeline_headers(ws, L)
    _pipeline_rows(ws, L)
    last = deal_column(DEAL_FIELDS[-1])
    table = Table(displayName=TABLE_NAME, ref=f"A1:{last}{LAST_ROW}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    _pipeline_validations(ws, L)
    _pipeline_highlights(ws, L)
    ws.freeze_panes = "C2"
    ws.row_dimensions[1].height = 32
    protect_managed(ws, f"A:{last}", FIRST_ROW, LAST_ROW)
    print_setup(ws, f"A1:{last}{LAST_ROW}", landscape=True, title_rows="1:1")
