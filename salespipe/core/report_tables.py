"""The rows of the report's tables, shared by every front end that writes them.

The xlsx report (:func:`salespipe.formats.xlsx.write_report_workbook`) and the managed tabs
of the Google Sheets / local-workbook sync (:mod:`sheets_sync.job`) lay out the same
figures through these functions, so a figure has one label and one place everywhere.
Plain lists of rows: no spreadsheet library here. Number formats are Excel format
strings keyed by 1-based column; a writer may use or ignore them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salespipe.core.metrics.history import HistoryReport
from salespipe.core.report import Report

EURO = '#,##0.00 "€"'
PCT = "0.0 %"
DAY = "DD/MM/YYYY"

#: Names of the report's tables (sheets of the xlsx report), French then English.
SHEET_NAMES = {
    "summary": ("Synthèse", "Summary"),
    "forecast": ("Prévision", "Forecast"),
    "funnel": ("Entonnoir", "Funnel"),
    "followups": ("Relances", "Follow-ups"),
    "actions": ("Plan d'actions (analyse)", "Action plan (analysis)"),
    "quality": ("Contrôle qualité", "Data quality"),
}
#: The sync's managed tabs, French then English names: written at every run, never read.
MANAGED_TABS = {
    "dashboard": ("Tableau de bord", "Dashboard"),
    "followups": ("Relances", "Follow-ups"),
    "quality": ("Contrôle qualité", "Data quality"),
    "history": ("Historique", "History"),
}


@dataclass(frozen=True)
class Table:
    """A header row, data rows and number formats (1-based column -> Excel format)."""

    headers: list[str]
    rows: list[list[Any]]
    formats: dict[int, str]

    def as_rows(self) -> list[list[Any]]:
        """The headers followed by the data rows."""
        return [list(self.headers), *(list(row) for row in self.rows)]


def index(lang: str) -> int:
    """0 for French labels, 1 for English."""
    return 1 if lang == "en" else 0


def summary_lines(report: Report, i: int) -> list[tuple[str, Any, str | None]]:
    """The headline figures as (label, value, number format or None)."""
    s = report.summary
    lines: list[tuple[tuple[str, str], Any, str | None]] = [
        (("Source", "Source"), report.source, None),
        (("Date du rapport", "Report date"), report.as_of, DAY),
        (("Affaires", "Deals"), s.deals, None),
        (("Affaires en cours", "Open deals"), s.open_deals, None),
        (("Affaires gagnées", "Won deals"), s.won_deals, None),
        (("Affaires perdues", "Lost deals"), s.lost_deals, None),
        (("Pipeline en cours", "Open pipeline"), s.open_amount, EURO),
        (("Pipeline pondéré", "Weighted pipeline"), s.weighted_open, EURO),
        (("CA gagné", "Won amount"), s.won_amount, EURO),
        (("Taux de réussite", "Win rate"), s.win_rate, PCT),
        (("Début de période", "Period start"), s.period_start, DAY),
        (("Fin de période", "Period end"), s.period_end, DAY),
        (
            ("Prévision pondérée de la période", "Period weighted forecast"),
            s.period_forecast,
            EURO,
        ),
        (("Objectif", "Target"), s.target, EURO),
        (("Couverture", "Coverage"), s.coverage, PCT),
        (("Relances en retard", "Overdue follow-ups"), s.overdue_followups, None),
        (("Relances de la semaine", "Follow-ups due this week"), s.due_this_week, None),
        (("Passées en nurturing", "Handed to nurture"), s.nurture, None),
        (("Affaires qui stagnent", "Rotting deals"), s.rotting, None),
        (
            ("Affaires en cours à date de clôture dépassée", "Open deals past their close date"),
            s.close_date_passed,
            None,
        ),
    ]
    return [(label[i], value, fmt) for label, value, fmt in lines]


def summary_table(report: Report, i: int) -> Table:
    """Two columns, Metric | Value: the headline figures (formats are per row, see
    :func:`summary_lines`)."""
    rows = [[label, value] for label, value, _ in summary_lines(report, i)]
    return Table([("Indicateur", "Metric")[i], ("Valeur", "Value")[i]], rows, {})


def forecast_table(report: Report, i: int) -> Table:
    headers = [("Mois", "Month")[i], ("Gagné", "Won")[i], ("Pondéré en cours", "Weighted open")[i],
               ("Prévision", "Forecast")[i], ("Montant en cours", "Open amount")[i],
               ("Affaires", "Deals")[i]]  # fmt: skip
    rows = [[f.key, f.won, f.weighted_open, f.forecast, f.open_amount, f.deals]
            for f in report.forecast_by_month]  # fmt: skip
    return Table(headers, rows, {2: EURO, 3: EURO, 4: EURO, 5: EURO})


def funnel_table(report: Report, i: int) -> Table:
    headers = [("Étape", "Stage")[i], ("Atteinte", "Reached")[i], ("Passées", "Moved on")[i],
               ("Perdues", "Lost at")[i], ("En cours", "Open at")[i],
               ("Conversion", "Conversion")[i], ("Vers gagné", "To won")[i],
               ("Montant en cours", "Open amount")[i]]  # fmt: skip
    rows = [[f.stage, f.reached, f.moved_on, f.lost_at, f.open_at, f.conversion,
             f.cumulative_conversion, f.amount_open] for f in report.funnel]  # fmt: skip
    return Table(headers, rows, {6: PCT, 7: PCT, 8: EURO})


def followup_table(report: Report, i: int) -> Table:
    headers = [("Ligne", "Row")[i], ("ID", "ID")[i], ("Affaire", "Deal")[i],
               ("Société", "Company")[i], ("Commercial", "Owner")[i], ("Étape", "Stage")[i],
               ("Relance due", "Due")[i], ("État", "State")[i],
               ("Jours ouvrés de retard", "Business days late")[i],
               ("Nb relances", "Touches")[i]]  # fmt: skip
    rows = [[f.row, f.deal_id, f.deal_name, f.company, f.owner, f.stage, f.due, f.state,
             f.business_days_late, f.touches] for f in report.followups]  # fmt: skip
    return Table(headers, rows, {7: DAY})


def action_table(report: Report, i: int) -> Table:
    headers = [("Action", "Action")[i], ("Budget", "Budget")[i], ("Leads", "Leads")[i],
               ("Rendez-vous", "Meetings")[i], ("Signatures", "Signatures")[i],
               ("CA signé", "Won amount")[i], ("Coût par lead", "Cost per lead")[i],
               ("Coût par RDV", "Cost per meeting")[i],
               ("Coût par signature", "Cost per signature")[i]]  # fmt: skip
    rows = [[c.action, c.budget, c.leads, c.meetings, c.signatures, c.won_amount,
             c.cost_per_lead, c.cost_per_meeting, c.cost_per_signature]
            for c in report.action_plan.cost_per_source]  # fmt: skip
    return Table(headers, rows, {2: EURO, 6: EURO, 7: EURO, 8: EURO, 9: EURO})


def quality_table(report: Report, lang: str) -> Table:
    i = index(lang)
    headers = [("Feuille", "Sheet")[i], ("Ligne", "Row")[i], ("Colonne", "Column")[i],
               ("Valeur", "Value")[i], ("Code", "Code")[i], ("Gravité", "Severity")[i],
               ("Message", "Message")[i]]  # fmt: skip
    rows = [[x.sheet, x.row, x.column, cell_text(x.value), x.code, x.severity.value,
             x.message(lang)] for x in report.issues]  # fmt: skip
    return Table(headers, rows, {})


def cell_text(value: Any) -> Any:
    """Values written back as text, so that nothing a user typed is re-interpreted."""
    return None if value is None else str(value)


# --- the sync's managed tabs: the dashboard and the history ------------------------------

#: Labels of the history's event kinds (salespipe.core.metrics.history.EVENT_KINDS).
EVENT_LABELS = {
    "new": ("Nouvelle affaire", "New deal"),
    "removed": ("Retirée du tableau", "Removed from the sheet"),
    "stage": ("Changement d'étape", "Stage change"),
    "won": ("Gagnée", "Won"),
    "lost": ("Perdue", "Lost"),
    "reopened": ("Rouverte", "Reopened"),
    "close_date": ("Date de clôture décalée", "Close date moved"),
    "amount": ("Montant modifié", "Amount changed"),
    "owner": ("Commercial changé", "Owner changed"),
}


#: The « Historique » tab lists this many changes at most, the newest (a sheet has room
#: for ten million cells; the history file keeps them all).
HISTORY_ROWS = 20_000


def history_table(history: HistoryReport, i: int) -> Table:
    """One line per change seen between two runs, newest first (:data:`HISTORY_ROWS`)."""
    headers = [("Date", "Date")[i], ("ID", "ID")[i], ("Affaire", "Deal")[i],
               ("Société", "Company")[i], ("Commercial", "Owner")[i],
               ("Événement", "Event")[i], ("Avant", "Before")[i], ("Après", "After")[i],
               ("Jours", "Days")[i]]  # fmt: skip
    rows = [[e.on, e.state.deal_id, e.state.name, e.state.company, e.state.owner,
             EVENT_LABELS[e.kind][i], e.before, e.after, e.days]
            for e in history.events[:HISTORY_ROWS]]  # fmt: skip
    return Table(headers, rows, {1: DAY})


def observed_funnel_table(history: HistoryReport, i: int) -> Table:
    """Conversion per stage from the moves the history saw."""
    headers = [("Étape", "Stage")[i], ("Observées", "Observed")[i], ("Passées", "Moved on")[i],
               ("Perdues", "Lost at")[i], ("Non décidées", "Undecided")[i],
               ("Conversion observée", "Observed conversion")[i],
               ("Jours dans l'étape (moyenne)", "Days in stage (mean)")[i]]  # fmt: skip
    rows = [[f.stage, f.observed, f.moved_on, f.lost_at, f.undecided, f.conversion,
             None if f.mean_days is None else round(f.mean_days, 1)]
            for f in history.funnel]  # fmt: skip
    return Table(headers, rows, {6: PCT})


def history_lines(history: HistoryReport, i: int) -> list[list[Any]]:
    """The history's headline figures, label | value."""
    slip = history.slippage
    mean_slip = None if slip.mean_days is None else round(slip.mean_days, 1)
    lines = [
        (("Historique depuis", "History since"), history.since),
        (("Jours d'exécution avec des changements", "Run days with changes"), history.runs),
        (("Changements observés", "Changes seen"), len(history.events)),
        (("Changements listés dans « Historique »", "Changes listed in « History »"),
         min(len(history.events), HISTORY_ROWS)),
        (("Affaires en cours dont la clôture a glissé", "Open deals whose close slipped"),
         slip.deals),
        (("Glissement moyen (jours)", "Mean slippage (days)"), mean_slip),
        (("Affaires non suivies (sans ID ni nom, ou en double)",
          "Deals not followed (no ID nor name, or repeated)"), history.untracked),
    ]  # fmt: skip
    return [[label[i], value] for label, value in lines]


#: The title of the dashboard's last section, the only one whose length changes.
FORECAST_TITLE = ("Prévision par mois", "Forecast by month")
#: A number format over part of a column: (first row, last row or None for "to the end",
#: column, Excel format), rows and columns 1-based.
CellFormat = tuple[int, int | None, int, str]


def table_formats(table: Table, first_row: int = 1) -> list[CellFormat]:
    """The column formats of ``table`` written with its header on ``first_row``."""
    return [(first_row + 1, None, col, fmt) for col, fmt in sorted(table.formats.items())]


def dashboard_layout(
    report: Report, history: HistoryReport | None, i: int
) -> tuple[list[list[Any]], list[CellFormat]]:
    """The « Tableau de bord » tab and its number formats: headline figures, the funnel,
    with a history its figures and the observed funnel, then the forecast by month.

    Sections are separated by a blank row and open with their title. Their order keeps
    the layout still from run to run (a spreadsheet's formats stay where they were put):
    only the last section, the months, changes length.
    """
    summary = summary_lines(report, i)
    rows: list[list[Any]] = [summary_table(report, i).headers]
    formats: list[CellFormat] = []
    for label, value, fmt in summary:
        rows.append([label, value])
        if fmt and fmt != DAY:  # dates among numbers are written as text
            formats.append((len(rows), len(rows), 2, fmt))
    sections: list[tuple[str, Table | list[list[Any]]]] = [
        (("Entonnoir (état actuel)", "Funnel (current sheet)")[i], funnel_table(report, i)),
    ]
    if history is not None:
        sections.append((("Historique", "History")[i], history_lines(history, i)))
        sections.append(
            (("Entonnoir observé (historique)", "Observed funnel (history)")[i],
             observed_funnel_table(history, i))
        )  # fmt: skip
    sections.append((FORECAST_TITLE[i], forecast_table(report, i)))
    for title, block in sections:
        rows += [[], [title]]
        if isinstance(block, Table):
            last = len(rows) + 1 + len(block.rows)
            end = None if block is sections[-1][1] else last
            formats += [(len(rows) + 2, end, c, f) for c, f in sorted(block.formats.items())]
            rows.extend(block.as_rows())
        else:
            rows.extend(block)
    return rows, formats
