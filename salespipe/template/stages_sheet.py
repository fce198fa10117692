"""« Étapes »: the default stage table and its managed columns."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.model import StageTable
from salespipe.core.reading.tables import STAGE_HEADERS
from salespipe.template.lang import EN_STAGES, Lang
from salespipe.template.layout import STAGE_FIELDS, STAGE_HELPERS, STAGE_LAST, stage_column
from salespipe.template.styles import (
    PROBABILITY_FORMAT,
    header,
    managed,
    print_setup,
    protect_managed,
    validation,
    widths,
)


def stage_names(lang: str) -> list[tuple[str, int, float, int | None]]:
    """The default stages (name, order, probability, expected days) in ``lang``."""
    return [
        (
            EN_STAGES.get(s.name, s.name) if lang == "en" else s.name,
            s.order,
            s.probability,
            s.expected_days,
        )
        for s in StageTable.default().stages
    ]


def stage_formulas(lang: str, row: int) -> dict[str, str]:
    """The managed formulas of one Étapes row, keyed like :data:`STAGE_HELPERS`."""
    L = Lang(lang)
    c = {key: f"{stage_column(key)}{row}" for key in (*STAGE_FIELDS, *STAGE_HELPERS)}
    open_ = L.lit("open")
    kind_col, order_col = stage_column("kind"), stage_column("order_used")
    words = f"{L.ref('settings')}!$P$2:$Q$40"
    name, prob = c["name"], c["probability"]
    return {
        "kind": f'=IF(TRIM({name})="","",IFERROR(VLOOKUP(TRIM({name}),{words},2,FALSE),{open_}))',
        "place": f'=IF({c["kind"]}<>{open_},"",COUNTIFS(${kind_col}$2:${kind_col}${STAGE_LAST},'
        f'{open_},${order_col}$2:${order_col}${STAGE_LAST},"<"&{c["order_used"]})+COUNTIFS('
        f"${kind_col}$2:{c['kind']},{open_},${order_col}$2:{c['order_used']},{c['order_used']}))",
        "probability_used": f'=IF({c["kind"]}="","",IF(AND(ISNUMBER({prob}),{prob}>=0,'
        f"{prob}<=100),IF({prob}>1,{prob}/100,{prob}),IF({c['kind']}={L.lit('won')},1,0)))",
        "order_used": f'=IF({c["kind"]}="","",IF(ISNUMBER({c["order"]}),{c["order"]},'
        f"COUNTA($A$2:{name})))",
    }


def write_stages(ws: Worksheet, L: Lang) -> None:
    """The default stage table (cadence left blank: the default one), with managed columns."""
    for column, name in enumerate(STAGE_FIELDS, start=1):
        header(ws, 1, column, STAGE_HEADERS[name][L.i])
    for key, labels in STAGE_HELPERS.items():
        header(ws, 1, ws[f"{stage_column(key)}1"].column, labels[L.i], managed=True)
    for row, values in enumerate(stage_names(L.lang), start=2):
        for column, value in enumerate(values, start=1):
            ws.cell(row=row, column=column, value=value)
    for row in range(2, STAGE_LAST + 1):
        ws[f"C{row}"].number_format = PROBABILITY_FORMAT
        for key, formula in stage_formulas(L.lang, row).items():
            fmt = PROBABILITY_FORMAT if key == "probability_used" else None
            managed(ws, stage_column(key), row, formula, fmt)
    validation(
        ws,
        f"B2:B{STAGE_LAST}",
        "decimal",
        "0",
        operator="greaterThanOrEqual",
        lang=L.lang,
        message="stage_order",
    )
    validation(
        ws, f"C2:C{STAGE_LAST}", "decimal", "0", "1", lang=L.lang, message="stage_probability"
    )
    validation(
        ws,
        f"D2:D{STAGE_LAST}",
        "whole",
        "0",
        operator="greaterThanOrEqual",
        lang=L.lang,
        message="expected_days",
    )
    widths(
        ws, {"A": 24, "B": 8, "C": 12, "D": 14, "E": 26, "F": 3, "G": 16, "H": 16, "I": 16, "J": 14}
    )
    ws.freeze_panes = "A2"
    last_field, last_helper = stage_column(STAGE_FIELDS[-1]), stage_column(list(STAGE_HELPERS)[-1])
    protect_managed(ws, f"A:{last_field}", 2, STAGE_LAST)
    print_setup(ws, f"A1:{last_helper}{STAGE_LAST}", landscape=True, title_rows="1:1")
    ws.row_dimensions[1].height = 32
