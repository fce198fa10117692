"""Funnel and conversion functions: CONVERSION_RATE, FUNNEL, WIN_RATE."""

from __future__ import annotations

import xlwings as xw

from salespipe.core.metrics.funnel import conversion_rate, stage_funnel
from salespipe.core.metrics.funnel import win_rate as core_win_rate
from salespipe.core.model import Deal, StageTable
from xlplugin import deal_ranges as read
from xlplugin.arguments import cell_range, optional_range, required, text_cell
from xlplugin.failures import ArgumentError, cause, cell_safe
from xlplugin.functions.wizard import (
    CATEGORY,
    STAGE_TABLE,
    STAGES,
    STATUSES,
    Cell,
    Range,
    Result,
    cell_arg,
    range_arg,
)
from xlplugin.spills import funnel_rows


def _stage_deals(
    stages: StageTable, column: Range, statuses: Range, amounts: Range = None
) -> list[Deal]:
    return read.deals_from_columns(
        stages,
        stage_or_probability=[cell_range(column, "stages")],
        statuses=optional_range(statuses, "statuses"),
        amounts=optional_range(amounts, "amounts"),
        probabilities=False,
    )


@xw.func(category=CATEGORY)
@range_arg("stages", STAGES)
@cell_arg("from_stage", "Étape de départ (ex. Rendez-vous).")
@cell_arg("to_stage", "Étape d'arrivée, après celle de départ (ex. Gagné).")
@range_arg("stage_table", STAGE_TABLE)
@range_arg("statuses", STATUSES)
@cell_safe
def CONVERSION_RATE(
    stages: Range,
    from_stage: Cell,
    to_stage: Cell,
    stage_table: Range = None,
    statuses: Range = None,
) -> Result:
    """Taux de conversion d'une étape à une autre : produit des conversions de chaque étape
    entre les deux (passées / (passées + perdues)), comme l'entonnoir.
    """
    table = read.stage_table(stage_table)
    deals = _stage_deals(table, stages, statuses)
    start = required(text_cell(from_stage, "from_stage"), "from_stage")
    stop = required(text_cell(to_stage, "to_stage"), "to_stage")
    try:
        rate = conversion_rate(deals, table, start, stop)
    except KeyError as exc:
        label = "from_stage" if exc.args[0] == start else "to_stage"
        why = cause("unknown_stage", exc.args[0], known=read.known_stages(table))
        raise ArgumentError("udf_unreadable", where=label, why=why) from exc
    except ValueError as exc:
        raise ArgumentError("udf_not_a_funnel_path", start=start, stop=stop) from exc
    if rate is None:
        raise ArgumentError("udf_rate_unknown_between")
    return rate


@xw.func(category=CATEGORY)
@range_arg("stages", STAGES)
@range_arg("statuses", STATUSES)
@range_arg("stage_table", STAGE_TABLE)
@range_arg("amounts", "Facultatif. Montants HT, pour la colonne « Montant en cours ».")
@cell_safe
def FUNNEL(
    stages: Range, statuses: Range = None, stage_table: Range = None, amounts: Range = None
) -> Result:
    """Entonnoir (tableau) : par étape, affaires atteintes, passées, perdues, en cours,
    conversion et conversion cumulée vers gagné.
    """
    table = read.stage_table(stage_table)
    return funnel_rows(stage_funnel(_stage_deals(table, stages, statuses, amounts), table))


@xw.func(category=CATEGORY)
@range_arg("statuses", "Statut de chaque affaire (en cours, gagné, perdu).")
@range_arg("stages", "Facultatif. Étapes : une affaire à l'étape Gagné ou Perdu est décidée.")
@range_arg("stage_table", STAGE_TABLE)
@cell_safe
def WIN_RATE(statuses: Range, stages: Range = None, stage_table: Range = None) -> Result:
    """Taux de réussite : affaires gagnées / (gagnées + perdues), quelle que soit leur étape."""
    table = read.stage_table(stage_table)
    deals = read.deals_from_columns(
        table,
        statuses=cell_range(statuses, "statuses"),
        stage_or_probability=[cell_range(stages, "stages")] if stages is not None else [],
        probabilities=False,
    )
    rate = core_win_rate(deals)
    if rate is None:
        raise ArgumentError("udf_rate_unknown")
    return rate
