"""The stage table: names, order, probabilities, cadences; won and lost stages by name."""

from __future__ import annotations

from salespipe.core.metrics.cadence import parse_cadence
from salespipe.core.model import Cadence, Stage
from salespipe.core.reading.stages import parse_stages
from salespipe.core.reading.tables import locate_table


def test_stage_rows_become_stages_and_bad_cells_are_reported() -> None:
    grid = [
        ["Étape", "Ordre", "Probabilité", "Durée prévue (jours)", "Relances"],
        ["Découverte", 1, "10 %", 7, "J+2, J+5"],
        ["Proposition", None, None, None, "tous les jours"],
        [None, 3, "50 %", None, None],
        ["Signé", None, None, None, None],
        ["Abandonné", None, None, None, None],
        ["Total", None, None, None, None],
    ]
    parsed = parse_stages(locate_table(grid, "stages", "Étapes"), parse_cadence)
    assert parsed.records == [
        Stage(
            "Découverte", 1, 0.1, expected_days=7, cadence=Cadence((2, 5), from_stage_entry=True)
        ),
        Stage("Proposition", 2, 0.0),  # no order typed: its position among the stages
        Stage("Signé", 3, 1.0, is_won=True),  # won: 100 % without being told
        Stage("Abandonné", 4, 0.0, is_lost=True),
    ]
    assert [(i.row, i.column, i.code) for i in parsed.issues] == [
        (3, "Relances", "bad_cadence"),
        (3, "Probabilité", "missing_probability"),
        (4, "Étape", "row_unusable"),
        (7, None, "totals_row"),
    ]
    bad = parsed.issues[0]
    assert bad.message("fr") == (
        "Feuille « Étapes », ligne 3, colonne « Relances » : cadence de relance illisible "
        "« tous les jours » "
        "(étape « tous » illisible) ; attendu des décalages depuis l'entrée dans l'étape "
        "(J+2, J+5, J+12) ou des écarts après le dernier contact (+0, +1, +3, +7)"
    )
    account = parsed.account
    assert (account.read, account.used, account.rejected, account.totals) == (6, 4, 1, 1)
    assert account.balanced
