"""« Analyse Python » (the xlwings UDFs), « Contrôle qualité » and the hidden « xlwings.conf »."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import DEAL_HEADERS
from salespipe.template.layout import FIRST_ROW, FUNNEL_FIRST, STAGE_LAST, TABLE_NAME, deal_column
from salespipe.template.stages_sheet import stage_names
from salespipe.template.styles import BOLD, TITLE, WRAP, header, widths
from salespipe.template.texts import Lang


def _udf_rows(L: Lang) -> list[tuple[str, str, str]]:
    """(function, formula, what it computes) for the « Analyse Python » sheet; the
    arguments follow xlplugin.udfs' signatures, on the Pipeline table's columns."""
    col = lambda field: f"{TABLE_NAME}[{DEAL_HEADERS[field][L.i]}]"  # noqa: E731
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    start, end, target = L.param("period_start"), L.param("period_end"), L.param("target")
    names = [name for name, *_ in stage_names(L.lang)]
    rates = f"{L.ref('dashboard')}!$G${FUNNEL_FIRST}:$G${FUNNEL_FIRST + 4}"
    amount, stage, close, status, chance = (
        col(f) for f in ("amount", "stage", "expected_close", "status", "probability")
    )
    first = lambda field: f"{L.ref('pipeline')}!${deal_column(field)}${FIRST_ROW}"  # noqa: E731
    calls = [
        ("FORECAST_WEIGHTED", [amount, stage, close, start, end, stages, status, chance],
         "Prévision pondérée de la période", "Weighted forecast of the period"),
        ("PIPELINE_COVERAGE", [amount, stage, target, close, start, end, stages, status,
                               chance],
         "Couverture de l'objectif", "Coverage of the target"),
        ("WIN_RATE", [status, stage, stages], "Taux de réussite", "Win rate"),
        ("CONVERSION_RATE", [stage, f'"{names[2]}"', f'"{names[5]}"', stages, status],
         f"Conversion {names[2]} → {names[5]}", f"Conversion {names[2]} → {names[5]}"),
        ("STAGE_PROBABILITY", [f'"{names[3]}"', stages],
         f"Probabilité de « {names[3]} »", f"Probability of « {names[3]} »"),
        ("SALES_CYCLE_DAYS", [col("created"), close, status, '"moyenne"'],
         "Cycle de vente moyen (jours)", "Average sales cycle (days)"),
        ("NEXT_FOLLOWUP", [first("last_contact"), first("touches"), L.cadence()],
         "Prochaine relance de la 1re affaire", "Next follow-up of the first deal"),
        ("REQUIRED_PROSPECTS", ["10", rates], "Contacts nécessaires par étape pour 10 signatures",
         "Contacts needed per stage for 10 signatures"),
        ("FUNNEL", [stage, status, stages, amount], "Entonnoir (tableau)", "Funnel (table)"),
        ("OVERDUE_FOLLOWUPS", [f"{TABLE_NAME}[#All]", L.param("as_of"), stages],
         "Relances en retard (tableau)", "Overdue follow-ups (table)"),
    ]  # fmt: skip
    return [(name, f"={name}({','.join(args)})", (fr, en)[L.i]) for name, args, fr, en in calls]


#: Rows of « Analyse Python » where each UDF's result starts (tables spill below).
UDF_ROWS = {"FUNNEL": 16, "OVERDUE_FOLLOWUPS": 30}


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
    row = 5
    for name, formula, what in _udf_rows(L):
        row = UDF_ROWS.get(name, row)
        ws.cell(row=row, column=1, value=name).font = BOLD
        ws.cell(row=row, column=2, value=what)
        ws.cell(row=row, column=3, value=formula)
        row += 1
    widths(ws, {"A": 22, "B": 44, "C": 30, "D": 30})


_QUALITY_CHECKS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "counted": (("Affaires comptées", "Deals counted"), ("", "")),
    "duplicate_id": (("Lignes écartées : ID déjà utilisé plus haut",
                      "Rows left out: ID used above"),
                     ("comme salespipe (duplicate_id)", "as salespipe does (duplicate_id)")),
    "missing_amount": (("Affaires en cours ou gagnées sans montant",
                        "Open or won deals without amount"),
                       ("hors prévision", "left out of the forecast")),
    "text_amount": (("Montants saisis en texte", "Amounts typed as text"),
                    ("lus par salespipe, ignorés par les formules natives",
                     "read by salespipe, ignored by native formulas")),
    "unknown_stage": (("Étapes inconnues", "Unknown stages"),
                      ("hors entonnoir ; salespipe corrige les fautes de frappe",
                       "out of the funnel; salespipe corrects typos")),
    "missing_stage": (("Affaires en cours sans étape", "Open deals without stage"), ("", "")),
    "won_without_close_date": (("Gagnées sans date de clôture", "Won without close date"),
                               ("hors prévision par mois", "out of the forecast by month")),
    "close_before_created": (("Clôture avant création", "Close before creation"), ("", "")),
    "probability_out_of_range": (("Probabilités hors 0–100 %", "Probabilities outside 0–100 %"),
                                 ("remplacées par celle de l'étape", "stage probability used")),
    "text_dates": (("Dates saisies en texte", "Dates typed as text"),
                   ("lues par salespipe, ignorées par les formules natives",
                    "read by salespipe, ignored by native formulas")),
    "stage_cadence": (("Étapes avec une cadence propre", "Stages with their own cadence"),
                      ("utilisée par salespipe ; les formules natives utilisent celle des "
                       "Paramètres", "used by salespipe; native formulas use the Settings one")),
}  # fmt: skip


def quality_formulas(lang: str) -> dict[str, str]:
    """The native data-quality counts, keyed like the « Contrôle qualité » rows."""
    L = Lang(lang)
    d = L.deals
    counted = f"({d('counted')}=1)"
    status, won = d("status_used"), L.lit("won")
    dates = "+".join(
        f"ISTEXT({d(f)})" for f in ("created", "expected_close", "last_contact", "next_followup",
                                    "stage_entered")
    )  # fmt: skip
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
    for key, (label, note) in _QUALITY_CHECKS.items():
        row = QUALITY_ROWS[key]
        ws[f"A{row}"], ws[f"B{row}"], ws[f"C{row}"] = label[L.i], formulas[key], note[L.i] or None
        ws[f"B{row}"].font = BOLD
    ws[f"A{QUALITY_UDF_ROW}"] = L.t("qc.python")
    ws[f"A{QUALITY_UDF_ROW}"].font = BOLD
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    ws[f"B{QUALITY_UDF_ROW}"] = f"=DATA_QUALITY({TABLE_NAME}[#All],{stages})"
    widths(ws, {"A": 46, "B": 12, "C": 60})


#: The key/value rows xlwings reads from a sheet named « xlwings.conf » (A: key, B: value).
XLWINGS_CONF = (("UDF Modules", "xlplugin.udfs"),)


def write_xlwings(ws: Worksheet) -> None:
    """The key/value rows of :data:`XLWINGS_CONF`; the sheet is hidden."""
    for row, (key, value) in enumerate(XLWINGS_CONF, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    ws.sheet_state = "hidden"
