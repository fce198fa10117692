"""The data-quality function: DATA_QUALITY."""

from __future__ import annotations

from typing import Any

import xlwings as xw

from salespipe.core.metrics.cadence import parse_cadence
from salespipe.core.model import StageTable
from salespipe.core.quality import Issue
from salespipe.core.reading.actions import parse_actions
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.stages import parse_stages
from salespipe.core.reading.tables import TableKind
from xlplugin import deal_ranges as read
from xlplugin.arguments import table_grid
from xlplugin.failures import ArgumentError, cell_safe
from xlplugin.functions.wizard import CATEGORY, STAGE_TABLE, Range, Result, range_arg
from xlplugin.spills import quality_rows


def _table_issues(grid: list[list[Any]], stages: StageTable) -> list[Issue]:
    """Issues of the deals, action-plan or stage table in ``grid`` (tried in that order)."""
    kinds: tuple[TableKind, ...] = ("deals", "actions", "stages")
    for kind in kinds:
        try:
            table = read.locate(grid, kind, "table")
        except ArgumentError:
            if kind == kinds[-1]:
                raise
            continue
        if kind == "deals":
            return parse_deals(table, stages).issues
        if kind == "actions":
            return parse_actions(table).issues
        return parse_stages(table, parse_cadence).issues
    raise AssertionError("unreachable")


@xw.func(category=CATEGORY)
@range_arg(
    "table",
    "Le tableau à contrôler avec sa ligne d'en-tête : affaires (Pipeline), plan d'actions ou "
    "étapes.",
)
@range_arg("stage_table", STAGE_TABLE)
@cell_safe
def DATA_QUALITY(table: Range, stage_table: Range = None) -> Result:
    """Contrôle qualité (tableau) : chaque problème trouvé (étape inconnue, date ou montant
    illisible, doublon, e-mail invalide…) avec sa ligne, sa colonne, sa valeur et la raison.
    """
    stages = read.stage_table(stage_table)
    return quality_rows(_table_issues(table_grid(table, "table"), stages))
