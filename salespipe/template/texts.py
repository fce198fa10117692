"""Words, labels and formula references of the template, in French and English."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from salespipe.core.metrics.action_plan import UNSET
from salespipe.core.metrics.forecast import NO_OWNER
from salespipe.template.layout import (
    ACTION_LAST,
    CADENCE_FIRST,
    CADENCE_ROWS,
    FIRST_ROW,
    LANGS,
    LAST_ROW,
    LIST_ROWS,
    LISTS,
    PARAMS,
    SHEETS,
    STAGE_LAST,
    WEEK_FIRST_COLUMN,
    WEEK_ROW,
    WEEKS,
    action_column,
    deal_column,
    holiday_dates,
    stage_column,
)

#: Values the managed columns hold, per language.
WORDS: dict[str, tuple[str, str]] = {
    "open": ("en cours", "open"), "won": ("gagné", "won"), "lost": ("perdu", "lost"),
    "overdue": ("en retard", "overdue"), "due_this_week": ("cette semaine", "this week"),
    "later": ("plus tard", "later"), "nurture": ("nurturing", "nurture"),
    "unscheduled": ("non planifiée", "unscheduled"), "no_owner": (NO_OWNER, "(no owner)"),
    "unset": (UNSET, "(not set)"),
}  # fmt: skip
ACCENTED = {
    "gagne": "gagné", "gagnee": "gagnée", "signe": "signé", "signee": "signée",
    "abandonne": "abandonné", "abandonnee": "abandonnée", "refuse": "refusé",
    "refusee": "refusée", "annule": "annulé", "annulee": "annulée", "a relancer": "à relancer",
}  # fmt: skip
EN_STAGES = {
    "Suspect": "Lead", "Prospect qualifié": "Qualified prospect", "Rendez-vous": "Meeting",
    "Proposition envoyée": "Proposal sent", "Négociation": "Negotiation", "Gagné": "Won",
    "Perdu": "Lost",
}  # fmt: skip
LIST_VALUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
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

# --- one language -------------------------------------------------------------------


@dataclass(frozen=True)
class Lang:
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


def listed(L: Lang, name: str) -> str:
    """The range of a Paramètres list, as long as its values (owners: LIST_ROWS)."""
    letter = LISTS[name]
    size = len(LIST_VALUES[name][0]) if name in LIST_VALUES else LIST_ROWS
    return f"{L.ref('settings')}!${letter}$2:${letter}${1 + size}"
