"""Core results as rows for Excel: a French header row, then one row per line.

Shared by the spilling UDFs and by the dashboard macro, so a table looks the same
whether a formula spills it or the macro writes it. Unknown figures (None) stay
None, which Excel shows as a blank cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from salespipe.core.metrics.followups import FollowUp
from salespipe.core.metrics.forecast import ForecastLine
from salespipe.core.metrics.funnel import FunnelStage
from salespipe.core.quality import Issue, Severity
from salespipe.core.report import Report, Summary
from salespipe.core.texts import label
from xlplugin.failures import reason

Rows = list[list[Any]]

FUNNEL_HEADERS = [
    "Étape",
    "Atteinte",
    "Passées",
    "Perdues",
    "En cours",
    "Conversion des décidées",
    "Vers gagné",
    "Montant en cours",
    "Taux de passage",
]
FOLLOWUP_HEADERS = [
    "Ligne",
    "ID",
    "Affaire",
    "Société",
    "Commercial",
    "Étape",
    "Relance due",
    "Jours ouvrés de retard",
    "Nb relances",
]
QUALITY_HEADERS = ["Ligne", "Colonne", "Valeur", "Gravité", "Code", "Message"]
FORECAST_HEADERS = [
    "Mois",
    "Gagné",
    "Pondéré en cours",
    "Prévision",
    "Montant en cours",
    "Affaires",
]


def _table(headers: Sequence[Any], rows: Iterable[list[Any]]) -> Rows:
    return [list(headers), *rows]


_SEVERITY = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "info"}
_STATE = {
    "overdue": "en retard",
    "due_this_week": "cette semaine",
    "later": "plus tard",
    "nurture": "nurturing",
    "unscheduled": "sans date",
}


def funnel_rows(lines: list[FunnelStage]) -> Rows:
    """Header, then one row per stage in funnel order, the won line last."""
    return _table(
        FUNNEL_HEADERS,
        (f.values() for f in lines),
    )


def followup_rows(found: list[FollowUp], with_state: bool = False) -> Rows:
    """Header, then who / what / when per follow-up (and its state when asked)."""
    headers = FOLLOWUP_HEADERS + (["État"] if with_state else [])
    return _table(
        headers,
        (
            [
                f.row,
                f.deal_id,
                f.deal_name,
                f.company,
                f.owner,
                f.stage,
                f.due,
                f.business_days_late,
                f.touches,
            ]
            + ([_STATE[f.state]] if with_state else [])
            for f in found
        ),
    )


def quality_rows(issues: list[Issue], with_sheet: bool = False) -> Rows:
    """Header, then one row per issue; values as text, so nothing typed is re-interpreted."""
    headers = (["Feuille"] if with_sheet else []) + QUALITY_HEADERS
    return _table(
        headers,
        (
            ([i.sheet] if with_sheet else [])
            + [
                i.row,
                i.column,
                None if i.value is None else str(i.value),
                _SEVERITY[i.severity],
                i.code,
                reason(i.code, i.value, **dict(i.params)),
            ]
            for i in issues
        ),
    )


def forecast_rows(lines: list[ForecastLine]) -> Rows:
    """Header, then one row per month (undated deals last)."""
    return _table(
        FORECAST_HEADERS,
        ([f.key, f.won, f.weighted_open, f.forecast, f.open_amount, f.deals] for f in lines),
    )


def summary_rows(report: Report) -> Rows:
    """The headline figures, one (label, value) row each."""
    s = report.summary
    return [
        ["Indicateur", "Valeur"],
        ["Date du rapport", report.as_of],
        ["Affaires", s.deals],
        ["Affaires en cours", s.open_deals],
        ["Affaires gagnées", s.won_deals],
        ["Affaires perdues", s.lost_deals],
        ["Pipeline en cours", s.open_amount],
        ["Pipeline pondéré", s.weighted_open],
        ["CA gagné", s.won_amount],
        ["Taux de réussite", s.win_rate],
        ["Début de période", s.period_start],
        ["Fin de période", s.period_end],
        ["Prévision pondérée de la période", s.period_forecast],
        ["Objectif", s.target],
        *[[label(f"report.summary.{key}"), value] for key, value in _target_figures(s)],
        ["Relances en retard", s.overdue_followups],
        ["Relances de la semaine", s.due_this_week],
        ["Passées en nurturing", s.nurture],
        ["Affaires qui stagnent", s.rotting],
        ["Problèmes de qualité", len(report.issues)],
    ]


def _target_figures(s: Summary) -> list[tuple[str, Any]]:
    """Attainment, what remains and its coverage; « objectif atteint » for a coverage once
    nothing remains to win."""
    reached = label("report.target_reached") if s.target_reached else None
    return [
        ("won_in_period", s.won_in_period),
        ("attainment", s.attainment),
        ("remaining_target", s.remaining_target),
        ("coverage", reached or s.coverage),
        ("weighted_coverage", reached or s.weighted_coverage),
    ]
