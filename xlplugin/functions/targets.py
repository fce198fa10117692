"""Target and cycle functions: REQUIRED_PROSPECTS, SALES_CYCLE_DAYS."""

from __future__ import annotations

import xlwings as xw

from salespipe.core.metrics.cycle import sales_cycle
from salespipe.core.metrics.targets import required_prospects
from salespipe.core.model import fold
from salespipe.core.reading.parsing import parse_percent
from salespipe.core.texts import text
from xlplugin import deal_ranges as read
from xlplugin.arguments import (
    CellRange,
    cell_range,
    number_cell,
    optional_range,
    required,
    text_cell,
)
from xlplugin.failures import ArgumentError, cell_safe
from xlplugin.functions.wizard import (
    CATEGORY,
    STAGE_TABLE,
    Cell,
    Range,
    Result,
    cell_arg,
    range_arg,
)


def _rates(value: Range) -> tuple[list[tuple[str, float]], CellRange, bool]:
    """(level name, rate) pairs top first; whether names were given (a 2-column range)."""
    named = isinstance(value, list) and len(value) > 1 and value[0] and len(value[0]) == 2
    column = cell_range([[row[1]] for row in value] if named else value, "rates")
    names = cell_range([[row[0]] for row in value], "rates") if named else None
    rates = column.parsed(parse_percent)
    pairs: list[tuple[str, float]] = []
    for position, rate in enumerate(rates):
        if rate is None or rate <= 0:
            raise ArgumentError("udf_rate_not_positive", where=column.where(position))
        label = names.values[position] if names and position < len(names.values) else None
        name = str(label) if label is not None else text("excel.level", "fr", number=position + 1)
        pairs.append((name, rate))
    if not pairs:
        raise ArgumentError("udf_no_rates")
    return pairs, column, bool(named)


@xw.func(category=CATEGORY)
@cell_arg("target", "Nombre de ventes visé (ex. 15 par mois).")
@range_arg(
    "rates",
    "Taux de conversion de chaque niveau vers le suivant, du haut de l'entonnoir à la vente "
    "(ex. 20 % puis 0,25 %) ; ou deux colonnes : nom du niveau et taux.",
)
@cell_safe
def REQUIRED_PROSPECTS(target: Cell, rates: Range) -> Result:
    """Contacts nécessaires à chaque niveau pour faire l'objectif, arrondis au-dessus ; le
    premier chiffre est le nombre à toucher en haut de l'entonnoir.
    """
    goal = required(number_cell(target, "target"), "target")
    if goal < 0:
        raise ArgumentError("udf_target_negative", target=f"{goal:g}")
    pairs, column, named = _rates(rates)
    needed = required_prospects(goal, pairs)
    if named:
        return [[name, count] for name, count in needed]
    counts = [count for _, count in needed]
    return [counts] if column.across else [[count] for count in counts]


#: The statistic a user may ask for (folded) -> the field of the core's cycle statistics.
_STATISTICS: dict[str, str] = {
    "moyenne": "mean_days",
    "mean": "mean_days",
    "mediane": "median_days",
    "median": "median_days",
    "min": "min_days",
    "minimum": "min_days",
    "max": "max_days",
    "maximum": "max_days",
    "nombre": "count",
    "count": "count",
}


@xw.func(category=CATEGORY)
@range_arg("created_dates", "Dates de création des affaires.")
@range_arg("close_dates", "Dates de signature (clôture) des affaires.")
@range_arg(
    "statuses",
    "Facultatif. Statuts : seules les affaires gagnées comptent ; sans statuts ni étapes, "
    "toutes les lignes sont des affaires gagnées.",
)
@cell_arg("statistic", "Facultatif. moyenne (par défaut), médiane, min, max ou nombre.")
@range_arg(
    "stages", "Facultatif. Étapes : une affaire à l'étape Gagné est gagnée, même sans statut."
)
@range_arg("stage_table", STAGE_TABLE)
@cell_safe
def SALES_CYCLE_DAYS(
    created_dates: Range,
    close_dates: Range,
    statuses: Range = None,
    statistic: Cell = None,
    stages: Range = None,
    stage_table: Range = None,
) -> Result:
    """Cycle de vente en jours, de la création à la signature des affaires gagnées : moyenne,
    médiane, min, max ou nombre d'affaires.
    """
    deals = read.deals_from_columns(
        read.stage_table(stage_table),
        created=cell_range(created_dates, "created_dates"),
        closes=cell_range(close_dates, "close_dates"),
        statuses=optional_range(statuses, "statuses"),
        stage_or_probability=[cell_range(stages, "stages")] if stages is not None else [],
        status_word=None if stages is not None else "gagné",
        probabilities=False,
    )
    name = fold(text_cell(statistic, "statistic") or "moyenne")
    if name not in _STATISTICS:
        raise ArgumentError("udf_unknown_statistic")
    stats = sales_cycle(deals)
    if stats.count == 0:
        raise ArgumentError("udf_no_won_deal_with_dates")
    return getattr(stats, _STATISTICS[name])
