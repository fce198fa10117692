"""« Relances »: open deals with a due follow-up, most urgent first."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.template.lang import Lang
from salespipe.template.layout import FIRST_ROW, LAST_ROW, deal_column
from salespipe.template.styles import DATE_FORMAT, RED_FILL, header, print_setup, widths

_FOLLOWUP_COLUMNS = (
    ("fu.rank", None),
    ("fu.row", None),
    ("fu.id", "deal_id"),
    ("fu.deal", "name"),
    ("fu.company", "company"),
    ("fu.owner", "owner"),
    ("fu.stage", "stage"),
    ("fu.last_contact", "last_contact"),
    ("fu.due", "due"),
    ("fu.state", "state"),
    ("fu.late", "late"),
    ("fu.touches", "touches_used"),
)
_TEXT_FIELDS = {"deal_id", "name", "company", "owner", "stage", "state"}


def followup_headers(lang: str) -> list[str]:
    """Row 1 of the « Relances » sheet in ``lang`` (the sync tells the template's sheet from
    its own managed tab by it)."""
    L = Lang(lang)
    return [L.t(key) for key, _ in _FOLLOWUP_COLUMNS]


def followup_formulas(lang: str, row: int) -> dict[str, str]:
    """The formulas of one Relances row: the (row-1)-th follow-up by due date, then by row."""
    L = Lang(lang)
    found = f"$B{row}"
    formulas = {
        "fu.row": f'=IFERROR(MATCH(A{row},{L.deals("rank")},0)+{FIRST_ROW - 1},"")',
    }
    for key, field in _FOLLOWUP_COLUMNS[2:]:
        assert field is not None
        letter = deal_column(field)
        value = f"INDEX({L.ref('pipeline')}!${letter}$1:${letter}${LAST_ROW},{found})"
        if field in _TEXT_FIELDS:
            shown = f'{value}&""'
        elif field == "late":
            shown = f'IF({value}="",0,{value})'
        else:
            shown = f'IF(ISNUMBER({value}),{value},"")'
        formulas[key] = f'=IF({found}="","",{shown})'
    return formulas


#: The follow-ups printed: the most urgent ones, two pages (the 500 rows would print nine,
#: mostly blank).
FOLLOWUP_PRINT_ROWS = 100


def write_followups(ws: Worksheet, L: Lang) -> None:
    """The follow-up view: open deals with a due date, most urgent first (overdue in red)."""
    for column, title in enumerate(followup_headers(L.lang), start=1):
        header(ws, 1, column, title, managed=column > 1)
    for row in range(FIRST_ROW, LAST_ROW + 1):
        ws.cell(row=row, column=1, value=row - FIRST_ROW + 1)
        formulas = followup_formulas(L.lang, row)
        for column, (key, _) in enumerate(_FOLLOWUP_COLUMNS[1:], start=2):
            cell = ws.cell(row=row, column=column, value=formulas[key])
            if key in ("fu.last_contact", "fu.due"):
                cell.number_format = DATE_FORMAT
    area = f"A{FIRST_ROW}:L{LAST_ROW}"
    rule = FormulaRule(formula=[f"$J{FIRST_ROW}={L.lit('overdue')}"], fill=RED_FILL)
    ws.conditional_formatting.add(area, rule)
    widths(
        ws,
        {
            "A": 6,
            "B": 7,
            "C": 11,
            "D": 30,
            "E": 26,
            "F": 16,
            "G": 20,
            "H": 13,
            "I": 13,
            "J": 14,
            "K": 12,
            "L": 10,
        },
    )
    ws.freeze_panes = "A2"
    # the most urgent first: the printout stops at FOLLOWUP_PRINT_ROWS (two pages)
    last = FIRST_ROW + FOLLOWUP_PRINT_ROWS - 1
    print_setup(ws, f"A1:L{last}", landscape=True, title_rows="1:1")
