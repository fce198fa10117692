"""Forecast and stage functions: FORECAST_WEIGHTED, PIPELINE_COVERAGE, STAGE_PROBABILITY."""

from __future__ import annotations

from datetime import date

import xlwings as xw

from salespipe.core.metrics.forecast import deal_probability, weighted_forecast
from salespipe.core.metrics.funnel import pipeline_coverage
from salespipe.core.model import Deal, StageTable
from salespipe.core.texts import label
from xlplugin import deal_ranges as read
from xlplugin.arguments import (
    CellRange,
    cell_range,
    date_cell,
    number_cell,
    optional_range,
    required,
)
from xlplugin.failures import ArgumentError, cause, cell_safe
from xlplugin.functions.wizard import (
    AMOUNTS,
    CATEGORY,
    CLOSES,
    END,
    KINDS,
    OVERRIDES,
    STAGE_TABLE,
    START,
    STATUSES,
    Cell,
    F,
    Range,
    Result,
    cell_arg,
    range_arg,
)


def _columns(value: Range, label: str, amounts: CellRange) -> list[CellRange]:
    """A stage-or-probability argument: one column or row, or two columns side by side
    (stage and probability of each deal: as many rows as ``amounts`` has cells)."""
    two = isinstance(value, list) and value and len(value[0]) == 2 and not amounts.across
    if two and len(value) == amounts.size:
        first = cell_range([[row[0]] for row in value], f"{label} (colonne 1)")
        second = cell_range([[row[1]] for row in value], f"{label} (colonne 2)")
        return [first, second]
    return [cell_range(value, label)]


def _pipeline_deals(
    stages: StageTable,
    amounts: Range,
    kinds: Range,
    closes: Range,
    statuses: Range,
    probabilities: Range,
) -> list[Deal]:
    money = cell_range(amounts, "amounts")
    return read.deals_from_columns(
        stages,
        amounts=money,
        stage_or_probability=_columns(kinds, "probabilities_or_stages", money),
        closes=optional_range(closes, "close_dates"),
        statuses=optional_range(statuses, "statuses"),
        overrides=optional_range(probabilities, "probabilities"),
    )


def _period(start: Cell, end: Cell, closes: Range) -> tuple[date | None, date | None]:
    first, last = date_cell(start, "period_start"), date_cell(end, "period_end")
    if (first or last) and closes is None:
        raise ArgumentError("udf_period_without_close_dates")
    return first, last


def _pipeline_arguments(func: F) -> F:
    """The help of the arguments FORECAST_WEIGHTED and PIPELINE_COVERAGE share."""
    helps = (
        range_arg("amounts", AMOUNTS),
        range_arg("probabilities_or_stages", KINDS),
        range_arg("close_dates", CLOSES),
        cell_arg("period_start", START),
        cell_arg("period_end", END),
        range_arg("stage_table", STAGE_TABLE),
        range_arg("statuses", STATUSES),
        range_arg("probabilities", OVERRIDES),
    )
    for describe in helps:
        func = describe(func)
    return func


@xw.func(category=CATEGORY)
@_pipeline_arguments
@cell_safe
def FORECAST_WEIGHTED(
    amounts: Range,
    probabilities_or_stages: Range,
    close_dates: Range = None,
    period_start: Cell = None,
    period_end: Cell = None,
    stage_table: Range = None,
    statuses: Range = None,
    probabilities: Range = None,
) -> Result:
    """Prévision pondérée en € : gagné 100 %, perdu 0, en cours montant × probabilité (saisie,
    sinon celle de l'étape), pour les affaires qui se clôturent dans la période.
    """
    stages = read.stage_table(stage_table)
    deals = _pipeline_deals(
        stages, amounts, probabilities_or_stages, close_dates, statuses, probabilities
    )
    start, end = _period(period_start, period_end, close_dates)
    return weighted_forecast(deals, stages, start, end)


@xw.func(category=CATEGORY)
@cell_arg("target", "Objectif de chiffre d'affaires de la période, en €.")
@_pipeline_arguments
@cell_safe
def PIPELINE_COVERAGE(
    amounts: Range,
    probabilities_or_stages: Range,
    target: Cell,
    close_dates: Range = None,
    period_start: Cell = None,
    period_end: Cell = None,
    stage_table: Range = None,
    statuses: Range = None,
    probabilities: Range = None,
) -> Result:
    """Couverture du reste à gagner : valeur pondérée des affaires en cours qui se clôturent
    dans la période, divisée par l'objectif moins le gagné de la période (format %) ;
    « objectif atteint » quand le gagné l'atteint déjà.
    """
    stages = read.stage_table(stage_table)
    deals = _pipeline_deals(
        stages, amounts, probabilities_or_stages, close_dates, statuses, probabilities
    )
    start, end = _period(period_start, period_end, close_dates)
    goal = required(number_cell(target, "target"), "target")
    if not goal > 0:
        raise ArgumentError("udf_target_not_positive", target=f"{goal:g}")
    coverage = pipeline_coverage(deals, stages, goal, start, end)
    return label("report.target_reached") if coverage is None else coverage


@xw.func(category=CATEGORY)
@range_arg("stage", "Nom d'étape, ou une colonne d'étapes (le résultat déborde alors en colonne).")
@range_arg("stage_table", STAGE_TABLE)
@cell_safe
def STAGE_PROBABILITY(stage: Range, stage_table: Range = None) -> Result:
    """Probabilité par défaut d'une étape (format %), lue dans la table des étapes ; accents,
    majuscules et petites fautes tolérés.
    """
    table = read.stage_table(stage_table)
    column = cell_range(stage, "stage")
    deals = read.deals_from_columns(table, stage_or_probability=[column], probabilities=False)
    by_row = {d.row: deal_probability(d, table) for d in deals}
    values = [by_row.get(position + 1) for position in range(column.size)]
    if column.size == 1:
        if values[0] is None and deals:  # one name asked for: say it is not a stage
            why = cause("unknown_stage", column.values[0], known=read.known_stages(table))
            raise ArgumentError("udf_unreadable", where="stage", why=why)
        return values[0]
    return [values] if column.across else [[v] for v in values]
