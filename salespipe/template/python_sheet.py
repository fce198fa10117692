"""« Analyse Python » (the xlwings UDFs), « Contrôle qualité » and the hidden « xlwings.conf »."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import DEAL_HEADERS
from salespipe.core.texts import section, text
from salespipe.template.dynamic_arrays import put_spilling_formula
from salespipe.template.lang import Lang
from salespipe.template.layout import (
    FIRST_ROW,
    FUNNEL_FIRST,
    STAGE_LAST,
    STAGE_ROWS,
    TABLE_NAME,
    deal_column,
)
from salespipe.template.stages_sheet import stage_names
from salespipe.template.styles import BOLD, TITLE, WRAP, header, print_setup, widths

#: The dashboard's conversion rates REQUIRED_PROSPECTS reads (its result has a row each).
RATE_ROWS = 5


def _udf_rows(L: Lang) -> list[tuple[str, str, str]]:
    """(function, formula, what it computes) for the « Analyse Python » sheet; the
    arguments follow xlplugin.udfs' signatures, on the Pipeline table's columns."""
    col = lambda field: f"{TABLE_NAME}[{DEAL_HEADERS[field][L.i]}]"  # noqa: E731
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    start, end, target = L.param("period_start"), L.param("period_end"), L.param("target")
    names = [name for name, *_ in stage_names(L.lang)]
    rates = f"{L.ref('dashboard')}!$G${FUNNEL_FIRST}:$G${FUNNEL_FIRST + RATE_ROWS - 1}"
    amount, stage, close, status, chance = (
        col(f) for f in ("amount", "stage", "expected_close", "status", "probability")
    )
    first = lambda field: f"{L.ref('pipeline')}!${deal_column(field)}${FIRST_ROW}"  # noqa: E731
    calls: list[tuple[str, list[str], dict[str, str]]] = [
        ("FORECAST_WEIGHTED", [amount, stage, close, start, end, stages, status, chance], {}),
        ("PIPELINE_COVERAGE", [amount, stage, target, close, start, end, stages, status,
                               chance], {}),
        ("WIN_RATE", [status, stage, stages], {}),
        ("CONVERSION_RATE", [stage, f'"{names[2]}"', f'"{names[5]}"', stages, status],
         {"start": names[2], "stop": names[5]}),
        ("STAGE_PROBABILITY", [f'"{names[3]}"', stages], {"stage": names[3]}),
        ("SALES_CYCLE_DAYS", [col("created"), close, status, '"moyenne"'], {}),
        ("NEXT_FOLLOWUP", [first("last_contact"), first("touches"), L.cadence()], {}),
        ("REQUIRED_PROSPECTS", ["10", rates], {}),
        ("FUNNEL", [stage, status, stages, amount], {}),
        ("OVERDUE_FOLLOWUPS", [f"{TABLE_NAME}[#All]", L.param("as_of"), stages], {}),
    ]  # fmt: skip
    return [
        (name, f"={name}({','.join(args)})", text(f"template.udf.{name}", L.lang, **values))
        for name, args, values in calls
    ]


#: Rows each spilling UDF of « Analyse Python » can fill, header included: REQUIRED_PROSPECTS
#: one per dashboard conversion rate it reads, FUNNEL a header and at most one line per
#: Étapes row (open stages, then the won line). OVERDUE_FOLLOWUPS grows with the deals: it
#: comes last. A blank row separates a table from what follows.
SPILL_ROWS = {"REQUIRED_PROSPECTS": RATE_ROWS, "FUNNEL": 1 + STAGE_ROWS, "OVERDUE_FOLLOWUPS": 0}
FIRST_UDF_ROW = 5


def udf_rows(L: Lang) -> dict[str, int]:
    """The row of each UDF cell on « Analyse Python »: one per row, each spilling table
    followed by room for its largest result and a blank row."""
    rows, row = {}, FIRST_UDF_ROW
    for name, _, _ in _udf_rows(L):
        rows[name] = row
        row += SPILL_ROWS[name] + 1 if name in SPILL_ROWS else 1
    return rows


def write_python(ws: Worksheet, L: Lang) -> None:
    """The UDF cells, with a note: they need the xlwings add-in and salespipe installed."""
    ws["A1"] = L.t("py.title")
    ws["A1"].font = TITLE
    ws["A2"] = L.t("py.note")
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:D2")
    ws.row_dimensions[2].height = 60
    for column, key in enumerate(("py.function", "py.what", "py.formula"), start=1):
        header(ws, 4, column, L.t(key))
    rows = udf_rows(L)
    for name, formula, what in _udf_rows(L):
        row = rows[name]
        ws.cell(row=row, column=1, value=name).font = BOLD
        ws.cell(row=row, column=2, value=what)
        if name in SPILL_ROWS:
            put_spilling_formula(ws, f"C{row}", formula)
        else:
            ws.cell(row=row, column=3, value=formula)
    widths(ws, {"A": 22, "B": 44, "C": 30, "D": 30})
    print_setup(ws, None, landscape=True)  # the spills' sizes are the add-in's


#: The checks of « Contrôle qualité », in row order (labels: ``template.check.<key>``,
#: notes: ``template.check_note.<key>`` where there is one).
_QUALITY_CHECKS = tuple(section("template.check."))


def quality_formulas(lang: str) -> dict[str, str]:
    """The native data-quality counts, keyed like the « Contrôle qualité » rows."""
    L = Lang(lang)
    d = L.deals
    counted = f"({d('counted')}=1)"
    status, won = d("status_used"), L.lit("won")
    dates = "+".join(
        f"ISTEXT({d(f)})"
        for f in ("created", "expected_close", "last_contact", "next_followup", "stage_entered")
    )
    return {
        "counted": f"=COUNTIF({d('counted')},1)",
        "duplicate_id": f"=COUNTIF({d('counted')},0)",
        "missing_amount": f"=SUMPRODUCT({counted}*({status}<>{L.lit('lost')})*"
        f"(1-ISNUMBER({d('amount')})))",
        "text_amount": f"=SUMPRODUCT({counted}*ISTEXT({d('amount')}))",
        "unknown_stage": f"=COUNTIF({d('stage_row')},-1)",
        "missing_stage": f"=COUNTIFS({d('stage_row')},0,{status},{L.lit('open')})",
        "won_without_close_date": f"=COUNTIF({status},{won})-COUNTIFS({status},{won},"
        f'{d("expected_close")},">0")',
        "close_before_created": f"=SUMPRODUCT({counted}*ISNUMBER({d('created')})*"
        f"ISNUMBER({d('expected_close')})*({d('expected_close')}<{d('created')}))",
        "probability_out_of_range": f"=SUMPRODUCT({counted}*ISNUMBER({d('probability')})*"
        f"(({d('probability')}<0)+({d('probability')}>100)))",
        "text_dates": f"=SUMPRODUCT({counted}*({dates}))",
        "stage_cadence": f"=COUNTA({L.stages('cadence')})",
    }


#: Row of each check on « Contrôle qualité » (value in column B).
QUALITY_ROWS = {key: row for row, key in enumerate(_QUALITY_CHECKS, start=4)}
QUALITY_UDF_ROW = 4 + len(_QUALITY_CHECKS) + 1


def write_quality(ws: Worksheet, L: Lang) -> None:
    """The native data-quality counts, with a note each, then the full check by the UDF."""
    ws["A1"] = L.t("qc.title")
    ws["A1"].font = TITLE
    for column, key in enumerate(("qc.check", "qc.count", "qc.note"), start=1):
        header(ws, 3, column, L.t(key))
    formulas = quality_formulas(L.lang)
    notes = section("template.check_note.")
    for key in _QUALITY_CHECKS:
        row = QUALITY_ROWS[key]
        note = notes[key][L.i] if key in notes else None
        ws[f"A{row}"], ws[f"B{row}"], ws[f"C{row}"] = L.t(f"check.{key}"), formulas[key], note
        ws[f"B{row}"].font = BOLD
    ws[f"A{QUALITY_UDF_ROW}"] = L.t("qc.python")
    ws[f"A{QUALITY_UDF_ROW}"].font = BOLD
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    put_spilling_formula(ws, f"B{QUALITY_UDF_ROW}", f"=DATA_QUALITY({TABLE_NAME}[#All],{stages})")
    widths(ws, {"A": 46, "B": 12, "C": 60})
    print_setup(ws, None, landscape=False)


#: The key/value rows xlwings reads from a sheet named « xlwings.conf » (A: key, B: value).
XLWINGS_CONF = (("UDF Modules", "xlplugin.udfs"),)


def write_xlwings(ws: Worksheet) -> None:
    """The key/value rows of :data:`XLWINGS_CONF`; the sheet is hidden."""
    for row, (key, value) in enumerate(XLWINGS_CONF, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    ws.sheet_state = "hidden"
