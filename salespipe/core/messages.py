"""User-facing texts in French (default) and English, keyed by a stable code.

Issue messages all start with the place (sheet, row, column) and the value as
typed, then say why, so that a person can find and fix the cell.
"""

from __future__ import annotations

from typing import Any

LANGS = ("fr", "en")

_WHERE = {
    "fr": "Feuille « {sheet} », ligne {row}, colonne « {column} » : ",
    "en": "Sheet '{sheet}', row {row}, column '{column}': ",
}
_WHERE_ROW = {
    "fr": "Feuille « {sheet} », ligne {row} : ",
    "en": "Sheet '{sheet}', row {row}: ",
}

# code -> (French, English). ``{value}`` is the cell as typed.
ISSUE_TEXTS: dict[str, tuple[str, str]] = {
    "bad_amount": (
        "montant illisible « {value} » ; attendu un nombre comme 12 500,50 €",
        "unreadable amount '{value}'; expected a number such as 12,500.50",
    ),
    "negative_amount": (
        "montant négatif « {value} » ignoré",
        "negative amount '{value}' ignored",
    ),
    "bad_number": (
        "nombre illisible « {value} »",
        "unreadable number '{value}'",
    ),
    "bad_date": (
        "date illisible « {value} » ; attendu jj/mm/aaaa",
        "unreadable date '{value}'; expected dd/mm/yyyy or yyyy-mm-dd",
    ),
    "bad_probability": (
        "probabilité illisible « {value} » ; attendu un pourcentage comme 30 %",
        "unreadable probability '{value}'; expected a percentage such as 30%",
    ),
    "probability_out_of_range": (
        "probabilité « {value} » hors de 0 à 100 %",
        "probability '{value}' is outside 0 to 100%",
    ),
    "bad_integer": (
        "nombre entier attendu, lu « {value} »",
        "whole number expected, found '{value}'",
    ),
    "bad_week": (
        "semaine illisible « {value} » ; attendu un numéro de 1 à 53 (ex. S12)",
        "unreadable week '{value}'; expected a number from 1 to 53 (e.g. W12)",
    ),
    "unknown_stage": (
        "étape inconnue « {value} » ; étapes connues : {known}",
        "unknown stage '{value}'; known stages: {known}",
    ),
    "stage_corrected": (
        "étape « {value} » lue comme « {stage} »",
        "stage '{value}' read as '{stage}'",
    ),
    "unknown_status": (
        "statut inconnu « {value} » ; attendu en cours, gagné ou perdu (statut déduit : {status})",
        "unknown status '{value}'; expected open, won or lost (status assumed: {status})",
    ),
    "invalid_email": (
        "adresse e-mail invalide « {value} » (syntaxe)",
        "invalid e-mail address '{value}': {reason}",
    ),
    "duplicate_id": (
        "identifiant « {value} » déjà utilisé ligne {first_row} ; ligne écartée",
        "ID '{value}' already used on row {first_row}; row left out",
    ),
    "duplicate_row": (
        "affaire identique à la ligne {first_row} ; ligne écartée",
        "deal identical to row {first_row}; row left out",
    ),
    "won_without_close_date": (
        "affaire gagnée sans date de clôture ; hors prévision par période et cycle de vente",
        "won deal without a close date; left out of forecast by period and sales cycle",
    ),
    "lost_stage_unknown": (
        "affaire perdue à l'étape « {value} » : on ne sait pas où elle a été perdue ; "
        "comptée dans le taux de réussite, pas dans l'entonnoir",
        "lost deal at stage '{value}': the stage it was lost at is unknown; counted in the "
        "win rate, not in the funnel",
    ),
    "missing_name": (
        "affaire sans nom, société ni identifiant",
        "deal without a name, company or ID",
    ),
    "missing_stage": (
        "étape vide ; affaire hors entonnoir",
        "blank stage; deal left out of the funnel",
    ),
    "totals_row": (
        "ligne de total reconnue, non comptée",
        "totals row recognised, not counted",
    ),
    "repeated_header": (
        "ligne d'en-tête répétée, non comptée",
        "repeated header row, not counted",
    ),
    "close_before_created": (
        "date de clôture « {value} » antérieure à la date de création",
        "close date '{value}' is before the created date",
    ),
    "row_unusable": (
        "ligne sans aucune donnée exploitable ; ligne écartée",
        "row without any usable data; row left out",
    ),
    "missing_action": (
        "action sans nom",
        "action without a name",
    ),
    "status_stage_conflict": (
        "statut « {value} » contredit l'étape « {stage} » ; statut retenu : {status}",
        "status '{value}' contradicts stage '{stage}'; status used: {status}",
    ),
    "bad_cadence": (
        "cadence de relance illisible « {value} » ; attendu par ex. J+2, J+5, J+12",
        "unreadable follow-up cadence '{value}'; expected e.g. 2, 5, 12",
    ),
    "missing_probability": (
        "étape sans probabilité ; 0 % retenu",
        "stage without a probability; 0% used",
    ),
    "week_range_reversed": (
        "semaine de fin « {value} » avant la semaine de début",
        "end week '{value}' is before the start week",
    ),
}

# Messages of errors that stop a run, and other user-facing sentences.
TEXTS: dict[str, tuple[str, str]] = {
    "table_not_found": (
        "Feuille « {sheet} » : aucun tableau {table} trouvé ; il faut une ligne d'en-tête "
        "avec au moins les colonnes {required}. Colonnes reconnues : {known}",
        "Sheet '{sheet}': no {table} table found; a header row with at least the columns "
        "{required_en} is needed. Recognised columns: {known_en}",
    ),
    "no_pipeline_table": (
        "Aucun tableau Pipeline trouvé dans {source} (feuilles examinées : {sheets}) ; il "
        "faut une ligne d'en-tête avec au moins les colonnes {required}. Colonnes "
        "reconnues : {known}",
        "No Pipeline table found in {source} (sheets searched: {sheets}); a header row with "
        "at least the columns {required_en} is needed. Recognised columns: {known_en}",
    ),
    "sheet_not_found": (
        "Feuille « {sheet} » introuvable dans {source} ; feuilles présentes : {sheets}",
        "Sheet '{sheet}' not found in {source}; sheets present: {sheets}",
    ),
    "file_not_found": (
        "Fichier introuvable : {path}",
        "File not found: {path}",
    ),
    "not_a_file": (
        "{path} est un dossier, pas un classeur",
        "{path} is a folder, not a workbook",
    ),
    "unsupported_file": (
        "{name} n'est pas un classeur pris en charge ({suffixes})",
        "{name} is not a supported workbook ({suffixes})",
    ),
    "unreadable_workbook": (
        "{name} n'a pas pu être lu comme un classeur ({reason}). "
        "Est-il protégé par un mot de passe, endommagé, ou d'un autre format que son extension ?",
        "{name} could not be read as a workbook ({reason}). "
        "Is it password-protected, damaged, or of another format than its extension says?",
    ),
    "no_sheets": (
        "{source} ne contient aucune feuille",
        "{source} has no sheets",
    ),
    "mapping_unknown_field": (
        "Correspondance de colonnes : champ inconnu « {field} » ; champs possibles : {fields}",
        "Column mapping: unknown field '{field}'; possible fields: {fields}",
    ),
    "mapping_missing_column": (
        "Feuille « {sheet} » : la colonne « {column} » de la correspondance n'existe pas "
        "dans l'en-tête ligne {row}",
        "Sheet '{sheet}': mapped column '{column}' is not in the header on row {row}",
    ),
}


def render(code: str, lang: str = "fr", **values: Any) -> str:
    """The message for ``code`` in ``lang`` with ``values`` filled in.

    Issue codes get the "where" prefix (sheet, row, column) automatically.
    """
    index = 1 if lang == "en" else 0
    values = {k: _localised(k, v, index) for k, v in values.items()}
    if code in ISSUE_TEXTS:
        where = _WHERE if values.get("column") else _WHERE_ROW
        template = where["en" if index else "fr"] + ISSUE_TEXTS[code][index]
    elif code in TEXTS:
        template = TEXTS[code][index]
    else:
        raise KeyError(f"no message for code {code!r}")
    return template.format_map(_Defaulting(values))


# Words that messages quote from the model (status values), per language.
_WORDS = {"open": ("en cours", "open"), "won": ("gagné", "won"), "lost": ("perdu", "lost")}


def _localised(key: str, value: Any, index: int) -> Any:
    if key == "status" and value in _WORDS:
        return _WORDS[value][index]
    return display_value(value)


def display_value(value: Any) -> Any:
    """A cell value as the person sees it: 2026, not 2026.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"
