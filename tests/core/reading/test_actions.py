"""The action plan: one action per row, its weeks from the range and the week grid."""

from __future__ import annotations

from salespipe.core.model import Action
from salespipe.core.reading.actions import parse_actions
from salespipe.core.reading.tables import locate_table


def test_action_rows_with_a_week_grid() -> None:
    grid = [
        ["Action", "Type", "Responsable", "Budget", "Semaine début", "Semaine fin", "S1", "S2",
         "S3"],
        ["Salon", "Événement", "Marie", "1 500 €", 2, 1, "x", None, "x"],
        [None, "Emailing", "Paul", None, "S3", "S5", None, None, None],
        ["Total", None, None, 1500, None, None, None, None, None],
    ]  # fmt: skip
    parsed = parse_actions(locate_table(grid, "actions", "Plan d'actions"))
    assert parsed.records == [
        Action(row=2, action="Salon", type="Événement", owner="Marie", budget=1500.0,
               start_week=2, end_week=None, weeks=(1, 3)),  # the reversed end is dropped
        Action(row=3, action="(ligne 3)", type="Emailing", owner="Paul", start_week=3,
               end_week=5),
    ]  # fmt: skip
    assert [(i.row, i.column, i.code) for i in parsed.issues] == [
        (2, "Semaine fin", "week_range_reversed"),
        (3, "Action", "missing_action"),
        (4, None, "totals_row"),
    ]
    assert (parsed.account.used, parsed.account.totals) == (2, 1)
    assert parsed.account.balanced
