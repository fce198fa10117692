"""Texts of the Excel functions (:mod:`xlplugin`): what a cell shows when an argument
cannot be used. The add-in shows them in French, short, after ``#SALESPIPE!``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- where in an argument ({label} is the argument's name as Excel shows it) -------
    "excel.where.row": ("{label}, ligne {row}", "{label}, row {row}"),
    "excel.where.cell": ("{label}, cellule {row}", "{label}, cell {row}"),
    "excel.where.column": (
        "{label}, ligne {row}, colonne « {column} »",
        "{label}, row {row}, column '{column}'",
    ),
    # A level of REQUIRED_PROSPECTS given without a name.
    "excel.level": ("niveau {number}", "level {number}"),
    # --- arguments that cannot be used ------------------------------------------------
    "udf_unreadable": ("{where} : {why}", "{where}: {why}"),
    "udf_not_one_column": (
        "{label} : une seule colonne (ou une seule ligne) attendue, reçu {height} × {width}",
        "{label}: one column (or one row) expected, got {height} × {width}",
    ),
    "udf_excel_error": ("{where} : erreur Excel {error}", "{where}: Excel error {error}"),
    "udf_sizes_differ": (
        "plages de tailles différentes ({sizes} cellules) ; même taille attendue",
        "ranges of different sizes ({sizes} cells); the same size expected",
    ),
    "udf_empty_range": ("{label} : plage vide", "{label}: empty range"),
    "udf_not_one_cell": ("{label} : une seule cellule attendue", "{label}: one cell expected"),
    "udf_missing_value": ("{label} : valeur manquante", "{label}: missing value"),
    "udf_no_header": (
        "{label} : aucune ligne d'en-tête reconnue ; il faut au moins les colonnes {required}",
        "{label}: no header row recognised; at least the columns {required} are needed",
    ),
    "udf_no_stages": ("{label} : aucune étape trouvée", "{label}: no stage found"),
    "udf_unexpected_boolean": (
        "{where} : VRAI ou FAUX inattendu",
        "{where}: unexpected TRUE or FALSE",
    ),
    "udf_two_stages": ("{where} : deux étapes sur une ligne", "{where}: two stages on one row"),
    "udf_two_probabilities": (
        "{where} : deux probabilités sur une ligne",
        "{where}: two probabilities on one row",
    ),
    "udf_period_without_close_dates": (
        "period_start, period_end : une période demande close_dates",
        "period_start, period_end: a period needs close_dates",
    ),
    "udf_target_not_positive": (
        "target : objectif supérieur à 0 attendu, reçu {target}",
        "target: a target above 0 expected, got {target}",
    ),
    "udf_not_a_funnel_path": (
        "from_stage, to_stage : de « {start} » à « {stop} » n'est pas un chemin de "
        "l'entonnoir (l'arrivée suit le départ ; Perdu n'en fait pas partie)",
        "from_stage, to_stage: from '{start}' to '{stop}' is not a path of the funnel (the "
        "end follows the start; Lost is not part of it)",
    ),
    "udf_rate_unknown_between": (
        "taux inconnu : aucune affaire gagnée ou perdue à ces étapes",
        "rate unknown: no deal won or lost at these stages",
    ),
    "udf_rate_unknown": (
        "taux inconnu : aucune affaire gagnée ou perdue",
        "rate unknown: no deal won or lost",
    ),
    "udf_no_cadence_step": ("cadence : aucune étape", "cadence: no step"),
    "udf_rate_not_positive": (
        "{where} : taux supérieur à 0 % attendu",
        "{where}: a rate above 0% expected",
    ),
    "udf_no_rates": ("rates : aucun taux", "rates: no rate"),
    "udf_target_negative": (
        "target : nombre positif attendu, reçu {target}",
        "target: a positive number expected, got {target}",
    ),
    "udf_unknown_statistic": (
        "statistic : moyenne, médiane, min, max ou nombre attendu",
        "statistic: mean, median, min, max or count expected",
    ),
    "udf_no_won_deal_with_dates": (
        "aucune affaire gagnée avec ses dates de création et de signature",
        "no won deal with its created and signature dates",
    ),
    # Not an error of the input: a bug, whose traceback goes to xlwings' log.
    "udf_unexpected": (
        "erreur inattendue ({kind}) ; détail dans le journal xlwings",
        "unexpected error ({kind}); details in the xlwings log",
    ),
}
