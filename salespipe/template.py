"""The ready-made workbook ``templates/action_plan.xlsx``, built by code with openpyxl.

:func:`build_template` returns the workbook; :func:`write_template` saves it (the
``salespipe template`` command). Sheets, French names by default: « Pipeline » (an
Excel table whose columns are exactly the ``DEAL_HEADERS`` labels, then managed helper
columns), « Étapes », « Plan d'actions » (with a week grid and managed budget-by-month
columns), « Relances », « Tableau de bord », « Paramètres », « Analyse Python » (the
xlwings UDFs), « Contrôle qualité » and a hidden « xlwings.conf ».

Every figure of the dashboard is a native formula built only from functions that
Excel, LibreOffice Calc and Google Sheets share (:data:`NATIVE_FUNCTIONS`), and it
reproduces the core's definitions (docs/metrics.md) on typed data; docs/template.md
lists the few cases where it cannot. Cell positions that tests and other front ends
read are module constants. The same arguments always give the same cell contents.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.action_plan import UNSET
from salespipe.core.business_days import french_holidays
from salespipe.core.forecast import NO_OWNER
from salespipe.core.model import DEFAULT_CADENCE, DEFAULT_MAX_TOUCHES, StageTable
from salespipe.core.records import _LOST_WORDS, _STATUS_WORDS, _WON_WORDS
from salespipe.core.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS

LANGS = ("fr", "en")
TEMPLATE_NAME = "action_plan.xlsx"

#: Sheet keys → (French name, English name), in workbook order.
SHEETS: dict[str, tuple[str, str]] = {
    "pipeline": ("Pipeline", "Pipeline"),
    "stages": ("Étapes", "Stages"),
    "actions": ("Plan d'actions", "Action plan"),
    "followups": ("Relances", "Follow-ups"),
    "dashboard": ("Tableau de bord", "Dashboard"),
    "settings": ("Paramètres", "Settings"),
    "python": ("Analyse Python", "Python analysis"),
    "quality": ("Contrôle qualité", "Data quality"),
    "xlwings": ("xlwings.conf", "xlwings.conf"),
}
TABLE_NAME = "Pipeline"

#: The functions the native formulas use: all exist in Excel, LibreOffice and Google Sheets.
NATIVE_FUNCTIONS = (
    "AND", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "DATE", "EOMONTH", "IF", "IFERROR",
    "INDEX", "INT", "ISNUMBER", "ISTEXT", "MATCH", "MAX", "MIN", "MONTH", "NETWORKDAYS", "NOT",
    "OR", "SUBSTITUTE", "SUM", "SUMIFS", "SUMPRODUCT", "TODAY", "TRIM", "UPPER", "VALUE",
    "VLOOKUP", "WEEKDAY", "WORKDAY", "YEAR",
)  # fmt: skip

# --- sizes and positions --------------------------------------------------------------

DEAL_ROWS = 500  # pre-formatted rows of the Pipeline table
FIRST_ROW = 2
LAST_ROW = FIRST_ROW + DEAL_ROWS - 1
STAGE_ROWS = 20
STAGE_LAST = 1 + STAGE_ROWS
ACTION_ROWS = 100
ACTION_LAST = 1 + ACTION_ROWS
LIST_ROWS = 15  # owners and action owners in Paramètres (and on the dashboard)
FUNNEL_ROWS = 10  # open stages shown in the funnel
MONTHS = 12
HOLIDAY_YEARS = (2024, 2035)
WEEKS = 53

DEAL_FIELDS = tuple(DEAL_HEADERS)
STAGE_FIELDS = tuple(STAGE_HEADERS)
ACTION_FIELDS = tuple(ACTION_HEADERS)

#: Managed columns right of the Pipeline table (after one blank column), key → headers.
DEAL_HELPERS: dict[str, tuple[str, str]] = {
    "counted": ("Ligne comptée", "Row counted"),
    "stage_row": ("Ligne dans Étapes", "Row in Stages"),
    "status_used": ("Statut retenu", "Status used"),
    "probability_used": ("Probabilité retenue", "Probability used"),
    "weighted": ("Montant pondéré", "Weighted amount"),
    "close_month": ("Mois de clôture", "Close month"),
    "in_period": ("Dans la période", "In period"),
    "owner_used": ("Commercial retenu", "Owner used"),
    "touches_used": ("Relances comptées", "Touches counted"),
    "due": ("Relance due", "Follow-up due"),
    "state": ("État de relance", "Follow-up state"),
    "late": ("Jours de retard", "Business days late"),
    "idle_since": ("Inactif depuis", "Idle since"),
    "idle_days": ("Jours d'inactivité", "Idle days"),
    "rotting": ("Stagnation", "Rotting"),
    "rank": ("Ordre de relance", "Follow-up order"),
}
STAGE_HELPERS: dict[str, tuple[str, str]] = {
    "kind": ("Type d'étape (calculé)", "Stage kind (computed)"),
    "place": ("Place dans l'entonnoir (calculée)", "Funnel place (computed)"),
    "probability_used": ("Probabilité retenue (calculée)", "Probability used (computed)"),
    "order_used": ("Ordre retenu (calculé)", "Order used (computed)"),
}
_MONTH_NAMES = (
    ("janv.", "Jan"), ("févr.", "Feb"), ("mars", "Mar"), ("avr.", "Apr"), ("mai", "May"),
    ("juin", "Jun"), ("juil.", "Jul"), ("août", "Aug"), ("sept.", "Sep"), ("oct.", "Oct"),
    ("nov.", "Nov"), ("déc.", "Dec"),
)  # fmt: skip
ACTION_HELPERS: dict[str, tuple[str, str]] = {
    "budget_used": ("Budget retenu", "Budget used"),
    "year_used": ("Année retenue", "Year used"),
    "iso_base": ("Base ISO (calculée)", "ISO base (computed)"),
    "year_weeks": ("Semaines dans l'année", "Weeks in the year"),
    "ticks": ("Cases cochées", "Ticked boxes"),
    "start_used": ("Début retenu", "Start used"),
    "end_used": ("Fin retenue", "End used"),
    "weeks": ("Nombre de semaines", "Number of weeks"),
    **{f"month{m}": (f"Budget {fr}", f"Budget {en}") for m, (fr, en) in enumerate(_MONTH_NAMES, 1)},
    "no_week": ("Budget sans semaine", "Budget without week"),
    "owner_used": ("Responsable retenu", "Owner used"),
}

#: Paramètres: label rows of column B.
PARAMS: dict[str, int] = {
    "as_of": 3, "target": 4, "period_start": 5, "period_end": 6, "max_touches": 7,
    "first_month": 8, "plan_year": 9,
}  # fmt: skip
CADENCE_FIRST = 12
CADENCE_ROWS = 12
#: Paramètres list columns (header on row 1, values from row 2).
LISTS = {
    "owners": "D", "action_owners": "E", "statuses": "F", "segments": "G",
    "temperatures": "H", "action_types": "I", "levers": "J", "holidays": "K",
}  # fmt: skip
STATUS_WORD_COLUMNS = ("M", "N")
STAGE_WORD_COLUMNS = ("P", "Q")
WEEK_ROW = 2
WEEK_FIRST_COLUMN = 20  # T2:BT2 hold 1..53

# Dashboard: the synthesis (label in A, value in B), from row 5.
SUMMARY_KEYS = (
    "deals", "open_deals", "won_deals", "lost_deals", "open_amount", "weighted_open",
    "won_amount", "win_rate", "period_start", "period_end", "period_forecast", "target",
    "coverage", "overdue_followups", "due_this_week", "nurture", "rotting", "close_date_passed",
    "action_budget",
)  # fmt: skip
SUMMARY_FIRST = 5
# Forecast by month, columns D:I, 12 months from row 6, then before, after, no date, total.
MONTH_FIRST = 6
MONTH_COLUMNS = ("month", "won", "weighted_open", "forecast", "open_amount", "deals")
MONTH_BEFORE = MONTH_FIRST + MONTHS
MONTH_AFTER = MONTH_BEFORE + 1
MONTH_NO_DATE = MONTH_AFTER + 1
MONTH_TOTAL = MONTH_NO_DATE + 1
# Period forecast by owner, columns D:H.
OWNER_FIRST = 26
OWNER_COLUMNS = ("owner", "won", "weighted_open", "forecast", "deals")
OWNER_NONE = OWNER_FIRST + LIST_ROWS
OWNER_OTHERS = OWNER_NONE + 1
OWNER_TOTAL = OWNER_OTHERS + 1
# Funnel, columns A:I, one row per open stage then the won line.
FUNNEL_FIRST = 48
FUNNEL_COLUMNS = (
    "stage_row", "stage", "reached", "moved_on", "lost_at", "open_at", "conversion",
    "cumulative_conversion", "amount_open",
)  # fmt: skip
FUNNEL_WON = FUNNEL_FIRST + FUNNEL_ROWS
# Action-plan budget: by owner in A:B, by month in D:E.
BUDGET_FIRST = 63
BUDGET_OWNER_UNSET = BUDGET_FIRST + LIST_ROWS
BUDGET_OWNER_OTHERS = BUDGET_OWNER_UNSET + 1
BUDGET_OWNER_TOTAL = BUDGET_OWNER_OTHERS + 1
BUDGET_NO_WEEK = BUDGET_FIRST + MONTHS
BUDGET_MONTH_OTHERS = BUDGET_NO_WEEK + 1
BUDGET_MONTH_TOTAL = BUDGET_MONTH_OTHERS + 1

# --- words and labels -----------------------------------------------------------------

#: Values the managed columns hold, per language.
WORDS: dict[str, tuple[str, str]] = {
    "open": ("en cours", "open"), "won": ("gagné", "won"), "lost": ("perdu", "lost"),
    "overdue": ("en retard", "overdue"), "due_this_week": ("cette semaine", "this week"),
    "later": ("plus tard", "later"), "nurture": ("nurturing", "nurture"),
    "unscheduled": ("non planifiée", "unscheduled"), "no_owner": (NO_OWNER, "(no owner)"),
    "unset": (UNSET, "(not set)"),
}  # fmt: skip
_ACCENTED = {
    "gagne": "gagné", "gagnee": "gagnée", "signe": "signé", "signee": "signée",
    "abandonne": "abandonné", "abandonnee": "abandonnée", "refuse": "refusé",
    "refusee": "refusée", "annule": "annulé", "annulee": "annulée", "a relancer": "à relancer",
}  # fmt: skip
_EN_STAGES = {
    "Suspect": "Lead", "Prospect qualifié": "Qualified prospect", "Rendez-vous": "Meeting",
    "Proposition envoyée": "Proposal sent", "Négociation": "Negotiation", "Gagné": "Won",
    "Perdu": "Lost",
}  # fmt: skip
_LISTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "statuses": (("en cours", "gagné", "perdu"), ("open", "won", "lost")),
    "segments": (("A", "B", "C"), ("A", "B", "C")),
    "temperatures": (("froid", "tiède", "chaud"), ("cold", "warm", "hot")),
    "action_types": (
        ("Phoning", "Emailing", "Salon", "LinkedIn", "Webinar", "Recommandation",
         "Parrainage", "Site web", "Publicité", "Événement"),
        ("Phoning", "Emailing", "Trade show", "LinkedIn", "Webinar", "Referral",
         "Sponsorship", "Website", "Advertising", "Event"),
    ),
    "levers": (("Business as usual", "Levier de croissance"),
               ("Business as usual", "Growth lever")),
}  # fmt: skip

_TEXT: dict[str, tuple[str, str]] = {
    "list.owners": ("Commerciaux", "Sales people"),
    "list.action_owners": ("Responsables d'actions", "Action owners"),
    "list.statuses": ("Statuts", "Statuses"),
    "list.segments": ("Segments", "Segments"),
    "list.temperatures": ("Températures", "Temperatures"),
    "list.action_types": ("Types d'action", "Action types"),
    "list.levers": ("Leviers", "Levers"),
    "list.holidays": ("Jours fériés", "Public holidays"),
    "list.status_words": ("Mot de statut", "Status word"),
    "list.status_meaning": ("Statut", "Status"),
    "list.stage_words": ("Nom d'étape finale", "Final stage name"),
    "list.stage_meaning": ("Type", "Kind"),
    "list.weeks": ("Semaines ISO (calcul)", "ISO weeks (computation)"),
    "param.title": ("Paramètres", "Settings"),
    "param.as_of": ("Date du rapport", "Report date"),
    "param.target": ("Objectif de CA de la période (€ HT)", "Revenue target for the period (€)"),
    "param.period_start": ("Début de période", "Period start"),
    "param.period_end": ("Fin de période", "Period end"),
    "param.max_touches": ("Relances avant nurturing", "Touches before nurture"),
    "param.first_month": ("Premier mois de la prévision", "First month of the forecast"),
    "param.plan_year": ("Année du plan d'actions", "Action plan year"),
    "note.as_of": ("par défaut AUJOURDHUI() ; tapez une date pour figer le rapport",
                   "default TODAY(); type a date to freeze the report"),
    "note.target": ("vide : pas de couverture", "blank: no coverage"),
    "note.period": ("par défaut le trimestre de la date du rapport",
                    "default: the quarter of the report date"),
    "note.max_touches": ("au-delà, sans date de relance saisie : nurturing marketing",
                         "past this, with no typed follow-up date: marketing nurture"),
    "note.first_month": ("12 mois affichés à partir de ce mois", "12 months shown from this one"),
    "note.plan_year": ("année des semaines du plan sans « Année »",
                       "year of plan weeks when « Year » is blank"),
    "cadence.title": ("Cadence de relance par défaut", "Default follow-up cadence"),
    "cadence.touches": ("Relances faites", "Touches done"),
    "cadence.days": ("Jours après le dernier contact", "Days after the last contact"),
    "cadence.note": ("au-delà de la dernière ligne remplie, la dernière étape se répète",
                     "past the last filled row, the last step repeats"),
    "dash.title": ("Tableau de bord commercial", "Sales dashboard"),
    "dash.as_of": ("Calculé au", "As of"),
    "dash.native": ("Formules natives : Excel, LibreOffice et Google Sheets",
                    "Native formulas: Excel, LibreOffice and Google Sheets"),
    "dash.summary": ("Synthèse", "Summary"),
    "dash.by_month": ("Prévision pondérée par mois (toutes les affaires)",
                      "Weighted forecast by month (all deals)"),
    "dash.by_owner": ("Prévision de la période par commercial", "Period forecast by owner"),
    "dash.funnel": ("Entonnoir", "Funnel"),
    "dash.budget": ("Budget du plan d'actions", "Action plan budget"),
    "dash.before": ("Mois antérieurs", "Earlier months"),
    "dash.after": ("Mois postérieurs", "Later months"),
    "dash.no_date": ("(sans date)", "(no date)"),
    "dash.others": ("Autres", "Others"),
    "dash.other_months": ("Autres mois", "Other months"),
    "dash.no_week": ("(sans semaine)", "(no week)"),
    "dash.total": ("Total", "Total"),
    "dash.budget_owner": ("Responsable", "Owner"),
    "dash.budget_month": ("Mois", "Month"),
    "dash.budget_value": ("Budget", "Budget"),
    "chart.forecast": ("Prévision pondérée par mois", "Weighted forecast by month"),
    "chart.funnel": ("Entonnoir : affaires par étape", "Funnel: deals per stage"),
    "col.month": ("Mois", "Month"), "col.won": ("Gagné", "Won"),
    "col.weighted_open": ("Pondéré en cours", "Weighted open"),
    "col.forecast": ("Prévision", "Forecast"),
    "col.open_amount": ("Montant en cours", "Open amount"),
    "col.deals": ("Affaires", "Deals"), "col.owner": ("Commercial", "Owner"),
    "col.stage_row": ("Ligne Étapes", "Stages row"), "col.stage": ("Étape", "Stage"),
    "col.reached": ("Atteinte", "Reached"), "col.moved_on": ("Passées", "Moved on"),
    "col.lost_at": ("Perdues", "Lost at"), "col.open_at": ("En cours", "Open at"),
    "col.conversion": ("Conversion", "Conversion"),
    "col.cumulative_conversion": ("Vers gagné", "To won"),
    "col.amount_open": ("Montant en cours", "Open amount"),
    "sum.deals": ("Affaires", "Deals"), "sum.open_deals": ("Affaires en cours", "Open deals"),
    "sum.won_deals": ("Affaires gagnées", "Won deals"),
    "sum.lost_deals": ("Affaires perdues", "Lost deals"),
    "sum.open_amount": ("Pipeline en cours", "Open pipeline"),
    "sum.weighted_open": ("Pipeline pondéré", "Weighted pipeline"),
    "sum.won_amount": ("CA gagné", "Won amount"), "sum.win_rate": ("Taux de réussite", "Win rate"),
    "sum.period_start": ("Début de période", "Period start"),
    "sum.period_end": ("Fin de période", "Period end"),
    "sum.period_forecast": ("Prévision pondérée de la période", "Period weighted forecast"),
    "sum.target": ("Objectif", "Target"), "sum.coverage": ("Couverture", "Coverage"),
    "sum.overdue_followups": ("Relances en retard", "Overdue follow-ups"),
    "sum.due_this_week": ("Relances de la semaine", "Follow-ups due this week"),
    "sum.nurture": ("Passées en nurturing", "Handed to nurture"),
    "sum.rotting": ("Affaires qui stagnent", "Rotting deals"),
    "sum.close_date_passed": ("Affaires en cours à date de clôture dépassée",
                              "Open deals past their close date"),
    "sum.action_budget": ("Budget du plan d'actions", "Action plan budget"),
    "fu.rank": ("N°", "No."), "fu.row": ("Ligne", "Row"), "fu.id": ("ID", "ID"),
    "fu.deal": ("Affaire", "Deal"), "fu.company": ("Société", "Company"),
    "fu.owner": ("Commercial", "Owner"), "fu.stage": ("Étape", "Stage"),
    "fu.last_contact": ("Dernier contact", "Last contact"), "fu.due": ("Relance due", "Due"),
    "fu.state": ("État", "State"), "fu.late": ("Jours ouvrés de retard", "Business days late"),
    "fu.touches": ("Relances faites", "Touches done"),
    "py.title": ("Analyse Python (complément xlwings)", "Python analysis (xlwings add-in)"),
    "py.note": (
        "Ces cellules appellent les fonctions Python de salespipe (module xlplugin.udfs) par le "
        "complément xlwings : enregistrez le classeur en .xlsm et cliquez « Import Functions ». "
        "Sans le complément (LibreOffice, Google Sheets) elles affichent #NOM? : les chiffres "
        "natifs sont dans « Tableau de bord ».",
        "These cells call salespipe's Python functions (module xlplugin.udfs) through the "
        "xlwings add-in: save the workbook as .xlsm and click « Import Functions ». Without "
        "the add-in (LibreOffice, Google Sheets) they show #NAME?: the native figures are in "
        "« Dashboard ».",
    ),
    "py.function": ("Fonction", "Function"), "py.formula": ("Formule", "Formula"),
    "py.what": ("Ce qu'elle calcule", "What it computes"),
    "qc.title": ("Contrôle qualité (formules natives)", "Data quality (native formulas)"),
    "qc.check": ("Contrôle", "Check"), "qc.count": ("Nombre", "Count"),
    "qc.note": ("Remarque", "Note"),
    "qc.python": ("Contrôle complet par salespipe (complément xlwings)",
                  "Full check by salespipe (xlwings add-in)"),
}  # fmt: skip

# --- styles ---------------------------------------------------------------------------

EURO_FORMAT = '#,##0.00 "€"'
PERCENT_FORMAT = "0.0 %"
PROBABILITY_FORMAT = "0 %"
DATE_FORMAT = "DD/MM/YYYY"
MONTH_FORMAT = "MM/YYYY"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_MANAGED_FILL = PatternFill("solid", start_color="EDEDED")
_MANAGED_FONT = Font(italic=True, color="595959")
_SECTION_FONT = Font(bold=True, size=12, color="1F4E78")
_RED_FILL = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")
_ORANGE_FILL = PatternFill("solid", start_color="FFE699", end_color="FFE699")
_WRAP = Alignment(vertical="center", wrap_text=True)


# --- small helpers --------------------------------------------------------------------


@dataclass(frozen=True)
class _Lang:
    """Names, labels and formula references in one language."""

    lang: str

    @property
    def i(self) -> int:
        return LANGS.index(self.lang)

    def sheet(self, key: str) -> str:
        return SHEETS[key][self.i]

    def ref(self, key: str) -> str:
        """The sheet's name quoted for a formula: ``'Plan d''actions'``."""
        return "'" + self.sheet(key).replace("'", "''") + "'"

    def t(self, key: str) -> str:
        return _TEXT[key][self.i]

    def word(self, key: str) -> str:
        return WORDS[key][self.i]

    def lit(self, key: str) -> str:
        """A word as a formula string literal: ``"en cours"``."""
        return '"' + self.word(key).replace('"', '""') + '"'

    def param(self, key: str) -> str:
        return f"{self.ref('settings')}!$B${PARAMS[key]}"

    def cadence(self) -> str:
        last = CADENCE_FIRST + CADENCE_ROWS - 1
        return f"{self.ref('settings')}!$B${CADENCE_FIRST}:$B${last}"

    def holidays(self) -> str:
        return f"{self.ref('settings')}!$K$2:$K${1 + len(holiday_dates())}"

    def weeks(self) -> str:
        first = get_column_letter(WEEK_FIRST_COLUMN)
        last = get_column_letter(WEEK_FIRST_COLUMN + WEEKS - 1)
        return f"{self.ref('settings')}!${first}${WEEK_ROW}:${last}${WEEK_ROW}"

    def deals(self, key: str) -> str:
        """A whole Pipeline column (a deal field or a managed column), absolute."""
        letter = deal_column(key)
        return f"{self.ref('pipeline')}!${letter}${FIRST_ROW}:${letter}${LAST_ROW}"

    def stages(self, key: str) -> str:
        letter = stage_column(key)
        return f"{self.ref('stages')}!${letter}$2:${letter}${STAGE_LAST}"

    def actions(self, key: str) -> str:
        letter = action_column(key)
        return f"{self.ref('actions')}!${letter}$2:${letter}${ACTION_LAST}"


def deal_column(key: str) -> str:
    """Column letter of a deal field (``DEAL_HEADERS`` key) or a managed column on Pipeline."""
    if key in DEAL_HEADERS:
        return get_column_letter(DEAL_FIELDS.index(key) + 1)
    return get_column_letter(len(DEAL_FIELDS) + 2 + list(DEAL_HELPERS).index(key))


def stage_column(key: str) -> str:
    """Column letter of a stage field or a managed column on Étapes."""
    if key in STAGE_HEADERS:
        return get_column_letter(STAGE_FIELDS.index(key) + 1)
    return get_column_letter(len(STAGE_FIELDS) + 2 + list(STAGE_HELPERS).index(key))


def action_column(key: str) -> str:
    """Column letter of an action field, a week box (``"week7"``) or a managed column."""
    if key in ACTION_HEADERS:
        return get_column_letter(ACTION_FIELDS.index(key) + 1)
    if key.startswith("week") and key[4:].isdigit():
        return get_column_letter(len(ACTION_FIELDS) + int(key[4:]))
    return get_column_letter(len(ACTION_FIELDS) + WEEKS + 2 + list(ACTION_HELPERS).index(key))


def holiday_dates() -> list[date]:
    """French public holidays of HOLIDAY_YEARS, sorted: the « Jours fériés » list."""
    return sorted(french_holidays(*HOLIDAY_YEARS))


def _header(ws: Worksheet, row: int, column: int, text: str, managed: bool = False) -> None:
    cell = ws.cell(row=row, column=column, value=text)
    cell.font = _MANAGED_FONT if managed else _BOLD
    cell.fill = _MANAGED_FILL if managed else _HEADER_FILL
    cell.alignment = _WRAP


def _section(ws: Worksheet, ref: str, text: str) -> None:
    ws[ref] = text
    ws[ref].font = _SECTION_FONT


def _formats(ws: Worksheet, letter: str, first: int, last: int, fmt: str) -> None:
    for row in range(first, last + 1):
        ws[f"{letter}{row}"].number_format = fmt


def _managed(ws: Worksheet, letter: str, row: int, formula: str, fmt: str | None = None) -> None:
    cell = ws[f"{letter}{row}"]
    cell.value = formula
    cell.font = _MANAGED_FONT
    cell.fill = _MANAGED_FILL
    if fmt:
        cell.number_format = fmt


ValidationKind = Literal["list", "decimal", "whole", "date"]


def _validation(
    ws: Worksheet,
    cells: str,
    kind: ValidationKind,
    formula1: str,
    formula2: str | None = None,
    **kw: Any,
) -> None:
    """Add a data validation (list, decimal, whole, date) to ``cells``."""
    dv = DataValidation(type=kind, formula1=formula1, formula2=formula2, allow_blank=True, **kw)
    dv.showErrorMessage = True
    if formula2 is not None:
        dv.operator = "between"
    ws.add_data_validation(dv)
    dv.add(cells)


def _widths(ws: Worksheet, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


# --- Pipeline ---------------------------------------------------------------------------


def _c(key: str, row: int) -> str:
    """A cell of the Pipeline sheet in a formula on that sheet: ``J5``."""
    return f"{deal_column(key)}{row}"


def _deal_core(L: _Lang, r: int) -> dict[str, str]:
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


def _deal_periods(L: _Lang, r: int) -> dict[str, str]:
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


def _deal_followups(L: _Lang, r: int) -> dict[str, str]:
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


def _deal_rotting(L: _Lang, r: int) -> dict[str, str]:
    """Idle since, idle days and rotting flag of row ``r``."""
    c = lambda key: _c(key, r)  # noqa: E731
    since = c("idle_since")
    expected = f"INDEX({L.stages('expected_days')},MAX({c('stage_row')},1))"
    dates = [c("stage_entered"), c("last_contact"), c("created")]
    chain = '""'
    for cell in reversed(dates):
        chain = f"IF(ISNUMBER({cell}),INT({cell}),{chain})"
    return {
        "idle_since": f'=IF({c("status_used")}<>{L.lit("open")},"",{chain})',
        "idle_days": f'=IF({since}="","",{L.param("as_of")}-{since})',
        "rotting": f'=IF(OR({since}="",{c("stage_row")}<1),"",IF(ISNUMBER({expected}),'
        f'IF({c("idle_days")}>{expected},1,0),""))',
    }


def deal_formulas(lang: str, row: int) -> dict[str, str]:
    """The managed formulas of one Pipeline row, keyed like :data:`DEAL_HELPERS`."""
    L = _Lang(lang)
    formulas = {
        **_deal_core(L, row),
        **_deal_periods(L, row),
        **_deal_followups(L, row),
        **_deal_rotting(L, row),
    }
    return {key: formulas[key] for key in DEAL_HELPERS}


_DEAL_FORMATS = {
    "amount": EURO_FORMAT, "probability": PROBABILITY_FORMAT, "created": DATE_FORMAT,
    "expected_close": DATE_FORMAT, "last_contact": DATE_FORMAT, "next_followup": DATE_FORMAT,
    "stage_entered": DATE_FORMAT, "touches": "0",
}  # fmt: skip
_HELPER_FORMATS = {
    "probability_used": PROBABILITY_FORMAT, "weighted": EURO_FORMAT, "close_month": MONTH_FORMAT,
    "due": DATE_FORMAT, "idle_since": DATE_FORMAT,
}  # fmt: skip
_DEAL_WIDTHS = {
    "deal_id": 11, "name": 30, "company": 26, "contact": 20, "email": 30, "phone": 16,
    "owner": 16, "stage": 20, "status": 11, "amount": 14, "probability": 11, "created": 12,
    "expected_close": 12, "last_contact": 12, "next_followup": 12, "touches": 9,
    "source": 22, "segment": 9, "temperature": 12, "lost_reason": 16, "notes": 30,
    "stage_entered": 12,
}  # fmt: skip


def _pipeline_headers(ws: Worksheet, L: _Lang) -> None:
    for column, name in enumerate(DEAL_FIELDS, start=1):
        _header(ws, 1, column, DEAL_HEADERS[name][L.i])
        ws.column_dimensions[get_column_letter(column)].width = _DEAL_WIDTHS[name]
    ws.column_dimensions[get_column_letter(len(DEAL_FIELDS) + 1)].width = 3
    for key, labels in DEAL_HELPERS.items():
        letter = deal_column(key)
        _header(ws, 1, ws[f"{letter}1"].column, labels[L.i], managed=True)
        ws.column_dimensions[letter].width = 14


def _pipeline_rows(ws: Worksheet, L: _Lang) -> None:
    for row in range(FIRST_ROW, LAST_ROW + 1):
        for key, formula in deal_formulas(L.lang, row).items():
            _managed(ws, deal_column(key), row, formula, _HELPER_FORMATS.get(key))
        for name, fmt in _DEAL_FORMATS.items():
            ws[f"{deal_column(name)}{row}"].number_format = fmt


def _listed(L: _Lang, name: str) -> str:
    """The range of a Paramètres list, as long as its values (owners: LIST_ROWS)."""
    letter = LISTS[name]
    size = len(_LISTS[name][0]) if name in _LISTS else LIST_ROWS
    return f"{L.ref('settings')}!${letter}$2:${letter}${1 + size}"


def _pipeline_validations(ws: Worksheet, L: _Lang) -> None:
    def cells(name: str) -> str:
        letter = deal_column(name)
        return f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"

    _validation(ws, cells("stage"), "list", L.stages("name"), errorStyle="stop")
    _validation(ws, cells("status"), "list", _listed(L, "statuses"), errorStyle="stop")
    _validation(ws, cells("owner"), "list", _listed(L, "owners"), errorStyle="warning")
    _validation(ws, cells("segment"), "list", _listed(L, "segments"), errorStyle="stop")
    _validation(ws, cells("temperature"), "list", _listed(L, "temperatures"), errorStyle="stop")
    _validation(ws, cells("source"), "list", L.actions("action"), errorStyle="information")
    _validation(ws, cells("amount"), "decimal", "0", operator="greaterThanOrEqual")
    _validation(ws, cells("probability"), "decimal", "0", "1")
    _validation(ws, cells("touches"), "whole", "0", operator="greaterThanOrEqual")
    for name in ("created", "expected_close", "last_contact", "next_followup", "stage_entered"):
        _validation(ws, cells(name), "date", "36526", "73051")  # 2000-01-01 .. 2100-01-01


def _pipeline_highlights(ws: Worksheet, L: _Lang) -> None:
    """Overdue follow-ups in red, rotting deals in orange, over the user's columns."""
    area = f"A{FIRST_ROW}:{deal_column(DEAL_FIELDS[-1])}{LAST_ROW}"
    overdue = f"${deal_column('state')}{FIRST_ROW}={L.lit('overdue')}"
    rotting = f"${deal_column('rotting')}{FIRST_ROW}=1"
    ws.conditional_formatting.add(area, FormulaRule(formula=[overdue], fill=_RED_FILL))
    ws.conditional_formatting.add(area, FormulaRule(formula=[rotting], fill=_ORANGE_FILL))


def _write_pipeline(ws: Worksheet, L: _Lang) -> None:
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


# --- Étapes -----------------------------------------------------------------------------


def _stage_names(lang: str) -> list[tuple[str, int, float, int | None]]:
    """The default stages (name, order, probability, expected days) in ``lang``."""
    return [
        (_EN_STAGES.get(s.name, s.name) if lang == "en" else s.name, s.order, s.probability,
         s.expected_days)
        for s in StageTable.default().stages
    ]  # fmt: skip


def stage_formulas(lang: str, row: int) -> dict[str, str]:
    """The managed formulas of one Étapes row, keyed like :data:`STAGE_HELPERS`."""
    L = _Lang(lang)
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


def _write_stages(ws: Worksheet, L: _Lang) -> None:
    """The default stage table (cadence left blank: the default one), with managed columns."""
    for column, name in enumerate(STAGE_FIELDS, start=1):
        _header(ws, 1, column, STAGE_HEADERS[name][L.i])
    for key, labels in STAGE_HELPERS.items():
        _header(ws, 1, ws[f"{stage_column(key)}1"].column, labels[L.i], managed=True)
    for row, values in enumerate(_stage_names(L.lang), start=2):
        for column, value in enumerate(values, start=1):
            ws.cell(row=row, column=column, value=value)
    for row in range(2, STAGE_LAST + 1):
        ws[f"C{row}"].number_format = PROBABILITY_FORMAT
        for key, formula in stage_formulas(L.lang, row).items():
            fmt = PROBABILITY_FORMAT if key == "probability_used" else None
            _managed(ws, stage_column(key), row, formula, fmt)
    _validation(ws, f"B2:B{STAGE_LAST}", "decimal", "0", operator="greaterThanOrEqual")
    _validation(ws, f"C2:C{STAGE_LAST}", "decimal", "0", "1")
    _validation(ws, f"D2:D{STAGE_LAST}", "whole", "0", operator="greaterThanOrEqual")
    _widths(ws, {"A": 24, "B": 8, "C": 12, "D": 14, "E": 26, "F": 3, "G": 16, "H": 16,
                 "I": 16, "J": 14})  # fmt: skip
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32


# --- Plan d'actions ---------------------------------------------------------------------


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


def _action_weeks(L: _Lang, r: int) -> dict[str, str]:
    """Budget, year, ISO base, weeks in the year, ticks, start/end and week count of row r.

    As salespipe reads weeks: the ticked boxes if any, else start..end (an end before the
    start, or none, means the start week alone), else nothing; weeks the year lacks drop.
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
        "end_used": f'={blank}IF({start}="","",IF({typed_end}="",{start},'
        f"MAX({start},{typed_end}))))",
        "weeks": f"={blank}IF({c['ticks']}>0,SUMPRODUCT({_ticks(r)}*({L.weeks()}<="
        f'{c["year_weeks"]})),IF({start}="",0,IF({start}>{c["year_weeks"]},0,'
        f"MIN({end},{c['year_weeks']})-{start}+1))))",
    }


def _action_months(L: _Lang, r: int) -> dict[str, str]:
    """Budget of row r spread over its weeks, by month of the plan year; no-week budget; owner."""
    c = {key: f"{action_column(key)}{r}" for key in (*ACTION_FIELDS, *ACTION_HELPERS)}
    start, end, weeks = c["start_used"], c["end_used"], L.weeks()
    active = f"(({c['ticks']}>0)*{_ticks(r)}+({c['ticks']}=0)*({weeks}>={start})*({weeks}<={end}))"
    thursday = f"({c['iso_base']}+7*{weeks}-3)"
    formulas: dict[str, str] = {}
    for month in range(1, MONTHS + 1):
        first = f"DATE({L.param('plan_year')},{month},1)"
        share = (
            f"SUMPRODUCT({active}*({weeks}<={c['year_weeks']})*({thursday}>={first})*"
            f"({thursday}<=EOMONTH({first},0)))"
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
    L = _Lang(lang)
    formulas = {**_action_weeks(L, row), **_action_months(L, row)}
    return {key: formulas[key] for key in ACTION_HELPERS}


def _action_headers(ws: Worksheet, L: _Lang) -> None:
    for column, name in enumerate(ACTION_FIELDS, start=1):
        _header(ws, 1, column, ACTION_HEADERS[name][L.i])
    prefix = "S" if L.lang == "fr" else "W"
    for week in range(1, WEEKS + 1):
        letter = action_column(f"week{week}")
        _header(ws, 1, ws[f"{letter}1"].column, f"{prefix}{week}")
        ws.column_dimensions[letter].width = 4.5
    for key, labels in ACTION_HELPERS.items():
        letter = action_column(key)
        _header(ws, 1, ws[f"{letter}1"].column, labels[L.i], managed=True)
        ws.column_dimensions[letter].width = 13
    _widths(ws, {"A": 26, "B": 15, "C": 18, "D": 12, "E": 9, "F": 9, "G": 8, "H": 24,
                 "I": 8, "J": 8, "K": 20, "L": 13})  # fmt: skip


def _write_actions(ws: Worksheet, L: _Lang) -> None:
    """Action-plan columns, the week grid S1..S53 and managed budget-by-month columns."""
    _action_headers(ws, L)
    money = {"budget_used", *(f"month{m}" for m in range(1, MONTHS + 1)), "no_week"}
    for row in range(2, ACTION_LAST + 1):
        for name in ("budget", "expected_revenue"):
            ws[f"{action_column(name)}{row}"].number_format = EURO_FORMAT
        for key, formula in action_formulas(L.lang, row).items():
            fmt = EURO_FORMAT if key in money else DATE_FORMAT if key == "iso_base" else None
            _managed(ws, action_column(key), row, formula, fmt)
    owner, kind, lever = (action_column(n) for n in ("owner", "type", "lever"))
    _validation(ws, f"{owner}2:{owner}{ACTION_LAST}", "list", _listed(L, "action_owners"),
                errorStyle="warning")  # fmt: skip
    _validation(ws, f"{kind}2:{kind}{ACTION_LAST}", "list", _listed(L, "action_types"),
                errorStyle="warning")  # fmt: skip
    _validation(ws, f"{lever}2:{lever}{ACTION_LAST}", "list", _listed(L, "levers"),
                errorStyle="warning")  # fmt: skip
    budget = action_column("budget")
    _validation(ws, f"{budget}2:{budget}{ACTION_LAST}", "decimal", "0",
                operator="greaterThanOrEqual")  # fmt: skip
    grid = f"{action_column('week1')}2:{action_column(f'week{WEEKS}')}{ACTION_LAST}"
    _validation(ws, grid, "list", '"x"', errorStyle="warning")
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 32


# --- Relances ---------------------------------------------------------------------------

_FOLLOWUP_COLUMNS = (
    ("fu.rank", None), ("fu.row", None), ("fu.id", "deal_id"), ("fu.deal", "name"),
    ("fu.company", "company"), ("fu.owner", "owner"), ("fu.stage", "stage"),
    ("fu.last_contact", "last_contact"), ("fu.due", "due"), ("fu.state", "state"),
    ("fu.late", "late"), ("fu.touches", "touches_used"),
)  # fmt: skip
_TEXT_FIELDS = {"deal_id", "name", "company", "owner", "stage", "state"}


def followup_formulas(lang: str, row: int) -> dict[str, str]:
    """The formulas of one Relances row: the (row-1)-th follow-up by due date, then by row."""
    L = _Lang(lang)
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


def _write_followups(ws: Worksheet, L: _Lang) -> None:
    """The follow-up view: open deals with a due date, most urgent first (overdue in red)."""
    for column, (key, _) in enumerate(_FOLLOWUP_COLUMNS, start=1):
        _header(ws, 1, column, L.t(key), managed=column > 1)
    for row in range(FIRST_ROW, LAST_ROW + 1):
        ws.cell(row=row, column=1, value=row - FIRST_ROW + 1)
        formulas = followup_formulas(L.lang, row)
        for column, (key, _) in enumerate(_FOLLOWUP_COLUMNS[1:], start=2):
            cell = ws.cell(row=row, column=column, value=formulas[key])
            if key in ("fu.last_contact", "fu.due"):
                cell.number_format = DATE_FORMAT
    area = f"A{FIRST_ROW}:L{LAST_ROW}"
    rule = FormulaRule(formula=[f"$J{FIRST_ROW}={L.lit('overdue')}"], fill=_RED_FILL)
    ws.conditional_formatting.add(area, rule)
    _widths(ws, {"A": 6, "B": 7, "C": 11, "D": 30, "E": 26, "F": 16, "G": 20, "H": 13,
                 "I": 13, "J": 14, "K": 12, "L": 10})  # fmt: skip
    ws.freeze_panes = "A2"


# --- Paramètres -------------------------------------------------------------------------

_PARAM_DEFAULTS: dict[str, tuple[Any, str | None, str | None]] = {
    "as_of": ("=TODAY()", DATE_FORMAT, "note.as_of"),
    "target": (None, EURO_FORMAT, "note.target"),
    "period_start": ("=DATE(YEAR(B3),3*INT((MONTH(B3)-1)/3)+1,1)", DATE_FORMAT, "note.period"),
    "period_end": ("=EOMONTH(B5,2)", DATE_FORMAT, None),
    "max_touches": (DEFAULT_MAX_TOUCHES, "0", "note.max_touches"),
    "first_month": ("=B5", MONTH_FORMAT, "note.first_month"),
    "plan_year": ("=YEAR(B3)", "0", "note.plan_year"),
}


def _status_words(L: _Lang) -> list[tuple[str, str]]:
    """Every status wording the core reads, with its accented forms, and what it means."""
    rows: list[tuple[str, str]] = []
    for word, status in _STATUS_WORDS.items():
        meaning = L.word(status.value)
        rows += [(word, meaning)] + ([(_ACCENTED[word], meaning)] if word in _ACCENTED else [])
    return rows


def _stage_words(L: _Lang) -> list[tuple[str, str]]:
    """Stage names that make a stage the won or lost outcome (as the core decides)."""
    rows: list[tuple[str, str]] = []
    for words, meaning in ((_WON_WORDS, L.word("won")), (_LOST_WORDS, L.word("lost"))):
        for word in sorted(words):
            rows += [(word, meaning)] + ([(_ACCENTED[word], meaning)] if word in _ACCENTED else [])
    return rows


def _write_list(ws: Worksheet, letter: str, title: str, values: Iterable[Any]) -> None:
    _header(ws, 1, ws[f"{letter}1"].column, title)
    for row, value in enumerate(values, start=2):
        ws[f"{letter}{row}"] = value


def _write_settings(ws: Worksheet, L: _Lang, sample: Sample | None) -> None:
    """Parameters (B3:B9), the default cadence, the drop-down lists, holidays, word tables."""
    ws["A1"] = L.t("param.title")
    ws["A1"].font = _TITLE
    for key, row in PARAMS.items():
        value, fmt, note = _PARAM_DEFAULTS[key]
        if key == "target" and sample is not None:
            value = sample.target
        ws[f"A{row}"] = L.t(f"param.{key}")
        ws[f"A{row}"].font = _BOLD
        ws[f"B{row}"] = value
        ws[f"B{row}"].fill = _HEADER_FILL
        if fmt:
            ws[f"B{row}"].number_format = fmt
        if note:
            ws[f"C{row}"] = L.t(note)
    _write_cadence(ws, L)
    _write_lists(ws, L, sample)
    _validation(ws, "B3", "date", "36526", "73051")
    _validation(ws, "B4", "decimal", "0", operator="greaterThanOrEqual")
    _validation(ws, "B7", "whole", "1", "100")
    _widths(ws, {"A": 34, "B": 14, "C": 52, "D": 18, "E": 20, "F": 12, "G": 10, "H": 13,
                 "I": 16, "J": 20, "K": 13, "M": 14, "N": 10, "P": 18, "Q": 10})  # fmt: skip
    ws.freeze_panes = "A2"


def _write_cadence(ws: Worksheet, L: _Lang) -> None:
    _section(ws, f"A{CADENCE_FIRST - 2}", L.t("cadence.title"))
    _header(ws, CADENCE_FIRST - 1, 1, L.t("cadence.touches"))
    _header(ws, CADENCE_FIRST - 1, 2, L.t("cadence.days"))
    ws[f"C{CADENCE_FIRST - 1}"] = L.t("cadence.note")
    for offset in range(CADENCE_ROWS):
        row = CADENCE_FIRST + offset
        ws[f"A{row}"] = offset
        if offset < len(DEFAULT_CADENCE):
            ws[f"B{row}"] = DEFAULT_CADENCE[offset]
        ws[f"B{row}"].fill = _HEADER_FILL
    _validation(ws, f"B{CADENCE_FIRST}:B{CADENCE_FIRST + CADENCE_ROWS - 1}", "whole", "0",
                "3660")  # fmt: skip


def _write_lists(ws: Worksheet, L: _Lang, sample: Sample | None) -> None:
    owners = sample.owners if sample else ()
    action_owners = sample.action_owners if sample else ()
    _write_list(ws, LISTS["owners"], L.t("list.owners"), owners)
    _write_list(ws, LISTS["action_owners"], L.t("list.action_owners"), action_owners)
    for name, values in _LISTS.items():
        _write_list(ws, LISTS[name], L.t(f"list.{name}"), values[L.i])
    _write_list(ws, LISTS["holidays"], L.t("list.holidays"), holiday_dates())
    _formats(ws, LISTS["holidays"], 2, 1 + len(holiday_dates()), DATE_FORMAT)
    for (word_col, meaning_col), rows, titles in (
        (STATUS_WORD_COLUMNS, _status_words(L), ("list.status_words", "list.status_meaning")),
        (STAGE_WORD_COLUMNS, _stage_words(L), ("list.stage_words", "list.stage_meaning")),
    ):
        _write_list(ws, word_col, L.t(titles[0]), [word for word, _ in rows])
        _write_list(ws, meaning_col, L.t(titles[1]), [meaning for _, meaning in rows])
    ws.cell(row=WEEK_ROW - 1, column=WEEK_FIRST_COLUMN, value=L.t("list.weeks")).font = _BOLD
    for week in range(1, WEEKS + 1):
        ws.cell(row=WEEK_ROW, column=WEEK_FIRST_COLUMN + week - 1, value=week)


# --- Tableau de bord --------------------------------------------------------------------


def summary_formulas(lang: str) -> dict[str, str]:
    """The synthesis figures of the dashboard, keyed like :data:`SUMMARY_KEYS`."""
    L = _Lang(lang)
    status, amount, weighted = L.deals("status_used"), L.deals("amount"), L.deals("weighted")
    state, period = L.deals("state"), L.deals("in_period")
    open_, won, lost = L.lit("open"), L.lit("won"), L.lit("lost")
    count = lambda word: f"COUNTIF({status},{word})"  # noqa: E731
    target = L.param("target")
    period_open = f"SUMIFS({weighted},{period},1,{status},{open_})"
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
        "coverage": f'=IF(AND(ISNUMBER({target}),{target}>0),{period_open}/{target},"")',
        "overdue_followups": f"=COUNTIF({state},{L.lit('overdue')})",
        "due_this_week": f"=COUNTIF({state},{L.lit('due_this_week')})",
        "nurture": f"=COUNTIF({state},{L.lit('nurture')})",
        "rotting": f"=COUNTIF({L.deals('rotting')},1)",
        "close_date_passed": f"=COUNTIFS({status},{open_},{L.deals('expected_close')},"
        f'"<"&{L.param("as_of")})',
        "action_budget": f"=SUM({L.actions('budget_used')})",
    }


_SUMMARY_FORMATS = {
    "open_amount": EURO_FORMAT, "weighted_open": EURO_FORMAT, "won_amount": EURO_FORMAT,
    "win_rate": PERCENT_FORMAT, "period_start": DATE_FORMAT, "period_end": DATE_FORMAT,
    "period_forecast": EURO_FORMAT, "target": EURO_FORMAT, "coverage": PERCENT_FORMAT,
    "action_budget": EURO_FORMAT,
}  # fmt: skip


def _write_summary(ws: Worksheet, L: _Lang) -> None:
    _section(ws, f"A{SUMMARY_FIRST - 1}", L.t("dash.summary"))
    for row, (key, formula) in enumerate(summary_formulas(L.lang).items(), start=SUMMARY_FIRST):
        ws[f"A{row}"] = L.t(f"sum.{key}")
        ws[f"B{row}"] = formula
        ws[f"B{row}"].font = _BOLD
        ws[f"B{row}"].number_format = _SUMMARY_FORMATS.get(key, "0")


def _forecast_cells(L: _Lang, criteria: str) -> list[str]:
    """Won, weighted open, (forecast), open amount and deal count for extra SUMIFS criteria."""
    status, amount, weighted = L.deals("status_used"), L.deals("amount"), L.deals("weighted")
    open_, won = L.lit("open"), L.lit("won")
    return [
        f"=SUMIFS({weighted},{status},{won}{criteria})",
        f"=SUMIFS({weighted},{status},{open_}{criteria})",
        f'=SUMIFS({amount},{status},{open_},{amount},">=0"{criteria})',
        f"=COUNTIFS({status},{won}{criteria})+COUNTIFS({status},{open_}{criteria})",
    ]


def _forecast_row(L: _Lang, row: int, label: str, criteria: str) -> list[str]:
    """Label, won, weighted open, forecast (= won + weighted), open amount, deals."""
    won, weighted, amount, deals = _forecast_cells(L, criteria)
    return [label, won, weighted, f"=E{row}+F{row}", amount, deals]


def month_formulas(lang: str) -> dict[int, list[str]]:
    """Rows of the forecast by month (D:I): month, won, weighted open, forecast, open
    amount, deals; then earlier months, later months, no close date and the total."""
    L = _Lang(lang)
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
    L = _Lang(lang)
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
    """Rows of the funnel (A:I): Étapes row, stage, reached, moved on, lost at, open at,
    conversion, cumulative conversion to won, open amount; open stages in funnel order
    (blank rows past the last one), then the won line. Moved on = reached of the next
    stage, or the number of won deals for the last open stage."""
    L = _Lang(lang)
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
    ]
    return rows


def budget_formulas(lang: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Action-plan budget rows: by owner (A:B, from the Paramètres list, then not set,
    others, total) and by month of the plan year (D:E, then no week, others, total)."""
    L = _Lang(lang)
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
    ws: Worksheet, first_column: int, header_row: int, headers: Sequence[str],
    rows: dict[int, list[str]], formats: Sequence[str | None],
) -> None:  # fmt: skip
    """Headers on ``header_row``, then each row's cells from ``first_column``, formatted."""
    for offset, text in enumerate(headers):
        _header(ws, header_row, first_column + offset, text)
    for row, values in rows.items():
        for offset, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            cell = ws.cell(row=row, column=first_column + offset, value=value or None)
            if fmt:
                cell.number_format = fmt


def _write_dashboard(ws: Worksheet, L: _Lang) -> None:
    """Synthesis, forecast by month and by owner, funnel, action-plan budget, two charts."""
    ws["A1"] = L.t("dash.title")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"], ws["B2"] = L.t("dash.as_of"), f"={L.param('as_of')}"
    ws["B2"].number_format = DATE_FORMAT
    ws["D2"] = L.t("dash.native")
    _write_summary(ws, L)
    money = EURO_FORMAT
    _section(ws, f"D{MONTH_FIRST - 2}", L.t("dash.by_month"))
    _write_block(ws, 4, MONTH_FIRST - 1, [L.t(f"col.{k}") for k in MONTH_COLUMNS],
                 month_formulas(L.lang),
                 [MONTH_FORMAT, money, money, money, money, "0"])  # fmt: skip
    _section(ws, f"D{OWNER_FIRST - 2}", L.t("dash.by_owner"))
    _write_block(ws, 4, OWNER_FIRST - 1, [L.t(f"col.{k}") for k in OWNER_COLUMNS],
                 owner_formulas(L.lang), [None, money, money, money, "0"])  # fmt: skip
    _section(ws, f"A{FUNNEL_FIRST - 2}", L.t("dash.funnel"))
    _write_block(ws, 1, FUNNEL_FIRST - 1, [L.t(f"col.{k}") for k in FUNNEL_COLUMNS],
                 funnel_formulas(L.lang),
                 ["0", None, "0", "0", "0", "0", PERCENT_FORMAT, PERCENT_FORMAT,
                  money])  # fmt: skip
    for row in range(FUNNEL_FIRST, FUNNEL_WON + 1):
        ws[f"A{row}"].font = _MANAGED_FONT
    _section(ws, f"A{BUDGET_FIRST - 2}", L.t("dash.budget"))
    by_owner, by_month = budget_formulas(L.lang)
    _write_block(ws, 1, BUDGET_FIRST - 1, [L.t("dash.budget_owner"), L.t("dash.budget_value")],
                 by_owner, [None, money])  # fmt: skip
    _write_block(ws, 4, BUDGET_FIRST - 1, [L.t("dash.budget_month"), L.t("dash.budget_value")],
                 by_month, [MONTH_FORMAT, money])  # fmt: skip
    _dashboard_charts(ws, L)
    _widths(ws, {"A": 34, "B": 20, "C": 12, "D": 22, "E": 15, "F": 16, "G": 15, "H": 15,
                 "I": 15})  # fmt: skip
    ws.freeze_panes = "A3"


def _dashboard_charts(ws: Worksheet, L: _Lang) -> None:
    """Native charts: the forecast by month (stacked won + weighted open) and the funnel."""
    forecast = BarChart()
    forecast.type, forecast.grouping, forecast.overlap = "col", "stacked", 100
    forecast.title = L.t("chart.forecast")
    last = MONTH_FIRST + MONTHS - 1
    data = Reference(ws, min_col=5, max_col=6, min_row=MONTH_FIRST - 1, max_row=last)
    forecast.add_data(data, titles_from_data=True)
    forecast.set_categories(Reference(ws, min_col=4, min_row=MONTH_FIRST, max_row=last))
    forecast.y_axis.numFmt = '#,##0 "€"'
    forecast.width, forecast.height = 22, 9
    funnel = BarChart()
    funnel.type = "bar"
    funnel.title = L.t("chart.funnel")
    data = Reference(ws, min_col=3, min_row=FUNNEL_FIRST - 1, max_row=FUNNEL_WON)
    funnel.add_data(data, titles_from_data=True)
    funnel.set_categories(Reference(ws, min_col=2, min_row=FUNNEL_FIRST, max_row=FUNNEL_WON))
    funnel.x_axis.scaling.orientation = "maxMin"  # first stage on top
    funnel.legend = None
    funnel.width, funnel.height = 18, 9
    for chart in (forecast, funnel):
        chart.x_axis.delete = False
        chart.y_axis.delete = False
    ws.add_chart(forecast, "K4")
    ws.add_chart(funnel, f"K{FUNNEL_FIRST - 2}")


# --- Analyse Python, Contrôle qualité, xlwings.conf -------------------------------------


def _udf_rows(L: _Lang) -> list[tuple[str, str, str]]:
    """(function, formula, what it computes) for the « Analyse Python » sheet; the
    arguments follow xlplugin.udfs' signatures, on the Pipeline table's columns."""
    col = lambda field: f"{TABLE_NAME}[{DEAL_HEADERS[field][L.i]}]"  # noqa: E731
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    start, end, target = L.param("period_start"), L.param("period_end"), L.param("target")
    names = [name for name, *_ in _stage_names(L.lang)]
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


def _write_python(ws: Worksheet, L: _Lang) -> None:
    """The UDF cells, with a note: they need the xlwings add-in and salespipe installed."""
    ws["A1"] = L.t("py.title")
    ws["A1"].font = _TITLE
    ws["A2"] = L.t("py.note")
    ws["A2"].alignment = _WRAP
    ws.merge_cells("A2:D2")
    ws.row_dimensions[2].height = 60
    for column, key in enumerate(("py.function", "py.what", "py.formula"), start=1):
        _header(ws, 4, column, L.t(key))
    row = 5
    for name, formula, what in _udf_rows(L):
        row = UDF_ROWS.get(name, row)
        ws.cell(row=row, column=1, value=name).font = _BOLD
        ws.cell(row=row, column=2, value=what)
        ws.cell(row=row, column=3, value=formula)
        row += 1
    _widths(ws, {"A": 22, "B": 44, "C": 30, "D": 30})


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
    L = _Lang(lang)
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


def _write_quality(ws: Worksheet, L: _Lang) -> None:
    ws["A1"] = L.t("qc.title")
    ws["A1"].font = _TITLE
    for column, key in enumerate(("qc.check", "qc.count", "qc.note"), start=1):
        _header(ws, 3, column, L.t(key))
    formulas = quality_formulas(L.lang)
    for key, (label, note) in _QUALITY_CHECKS.items():
        row = QUALITY_ROWS[key]
        ws[f"A{row}"], ws[f"B{row}"], ws[f"C{row}"] = label[L.i], formulas[key], note[L.i] or None
        ws[f"B{row}"].font = _BOLD
    ws[f"A{QUALITY_UDF_ROW}"] = L.t("qc.python")
    ws[f"A{QUALITY_UDF_ROW}"].font = _BOLD
    stages = f"{L.ref('stages')}!$A$1:$E${STAGE_LAST}"
    ws[f"B{QUALITY_UDF_ROW}"] = f"=DATA_QUALITY({TABLE_NAME}[#All],{stages})"
    _widths(ws, {"A": 46, "B": 12, "C": 60})


#: The key/value rows xlwings reads from a sheet named « xlwings.conf » (A: key, B: value).
XLWINGS_CONF = (("UDF Modules", "xlplugin.udfs"),)


def _write_xlwings(ws: Worksheet) -> None:
    for row, (key, value) in enumerate(XLWINGS_CONF, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    ws.sheet_state = "hidden"


# --- sample data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """Data to fill the template with: deal rows and action rows as ``{field: value}``
    (actions also have ``"weeks"``: the ticked weeks), the lists of Paramètres, the target."""

    deals: tuple[dict[str, Any], ...]
    actions: tuple[dict[str, Any], ...]
    owners: tuple[str, ...]
    action_owners: tuple[str, ...]
    target: float | None


def sample_data(as_of: date, lang: str = "fr", seed: int = 2026) -> Sample:
    """The demo company's clean data (salespipe.demo's generator, without its messy cells):
    240 deals dated around ``as_of`` and the 9-action plan; the same arguments always
    give the same sample. Stage, status and other words are translated for ``lang="en"``."""
    from salespipe import demo  # the demo's generator is the one realistic sample we keep

    rng = random.Random(seed)
    deals = tuple(_in_language(row.values, lang) for row in demo._deals(rng, as_of))
    actions = tuple(
        _in_language(
            {
                "action": spec.name, "type": spec.type, "owner": spec.owner,
                "budget": spec.budget, "start_week": spec.start, "end_week": spec.end,
                "target": spec.target, "planned_count": spec.planned,
                "done_count": demo._done_count(rng, spec, as_of), "lever": spec.lever,
                "expected_revenue": spec.revenue, "weeks": spec.grid,
            },
            lang,
        )
        for spec in demo.ACTIONS
    )  # fmt: skip
    action_owners = tuple(dict.fromkeys(spec.owner for spec in demo.ACTIONS))
    return Sample(deals, actions, demo.OWNERS, action_owners, 400_000.0)


def _in_language(values: dict[str, Any], lang: str) -> dict[str, Any]:
    if lang != "en":
        return dict(values)
    from salespipe import demo

    english = {
        key: demo._ENGLISH.get(value, value) if key in demo._TRANSLATED_FIELDS else value
        for key, value in values.items()
    }
    if isinstance(english.get("stage"), str):
        english["stage"] = _EN_STAGES.get(english["stage"], english["stage"])
    return english


def _write_sample(pipeline: Worksheet, actions: Worksheet, sample: Sample) -> None:
    for row, deal in enumerate(sample.deals, start=FIRST_ROW):
        for field, value in deal.items():
            if field in DEAL_HEADERS and value is not None:
                pipeline[f"{deal_column(field)}{row}"] = value
    for row, action in enumerate(sample.actions, start=2):
        for field, value in action.items():
            if field in ACTION_HEADERS and value is not None:
                actions[f"{action_column(field)}{row}"] = value
        for week in action.get("weeks", ()):
            cell = actions[f"{action_column(f'week{week}')}{row}"]
            cell.value = "x"
            cell.alignment = Alignment(horizontal="center")


# --- the workbook -----------------------------------------------------------------------


def build_template(lang: str = "fr", sample: Sample | None = None) -> Workbook:
    """The template workbook in ``lang`` ("fr" or "en"), empty or filled with ``sample``.

    Raises ValueError for another ``lang``. Building twice gives the same cells.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    L = _Lang(lang)
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    first.title = L.sheet("pipeline")
    sheets = {"pipeline": first}
    for key in list(SHEETS)[1:]:
        sheets[key] = workbook.create_sheet(L.sheet(key))
    _write_pipeline(sheets["pipeline"], L)
    _write_stages(sheets["stages"], L)
    _write_actions(sheets["actions"], L)
    _write_followups(sheets["followups"], L)
    _write_dashboard(sheets["dashboard"], L)
    _write_settings(sheets["settings"], L, sample)
    _write_python(sheets["python"], L)
    _write_quality(sheets["quality"], L)
    _write_xlwings(sheets["xlwings"])
    if sample is not None:
        _write_sample(sheets["pipeline"], sheets["actions"], sample)
    return workbook


def write_template(
    path: str | Path, lang: str = "fr", *, sample_as_of: date | None = None, seed: int = 2026
) -> Path:
    """Write the template to ``path`` and return the path; with ``sample_as_of``, filled
    with :func:`sample_data` dated around that day. Overwrites ``path``: callers decide."""
    sample = sample_data(sample_as_of, lang, seed) if sample_as_of is not None else None
    target = Path(path)
    build_template(lang, sample).save(target)
    return target


def template_path() -> Path:
    """The shipped ``action_plan.xlsx``: inside the installed package (``salespipe/templates``
    in the wheel), else the source tree's ``templates/`` folder (editable installs).

    Raises FileNotFoundError when neither exists.
    """
    packaged = resources.files("salespipe").joinpath("templates", TEMPLATE_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parent.parent / "templates" / TEMPLATE_NAME
    if source.is_file():
        return source
    raise FileNotFoundError(f"{TEMPLATE_NAME} is neither in the salespipe package nor in {source}")
