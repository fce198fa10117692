"""The action plan: one action per row, its weeks from the range and the week grid."""

from __future__ import annotations

from salespipe.core.model import Action
from salespipe.core.quality import Severity
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
               start_week=2, end_week=1, weeks=(1, 3)),  # the grid wins; the range is kept
        Action(row=3, action="(ligne 3)", type="Emailing", owner="Paul", start_week=3,
               end_week=5),
    ]  # fmt: skip
    assert [(i.row, i.column, i.code) for i in parsed.issues] == [
        (2, "Semaine fin", "week_range_wraps"),
        (3, "Action", "missing_action"),
        (4, None, "totals_row"),
    ]
    assert (parsed.account.used, parsed.account.totals) == (2, 1)
    assert parsed.account.balanced


def test_a_range_across_the_new_year_is_kept_and_reported_as_info() -> None:
    """« S50 » to « S3 »: the end week is kept (the metrics wrap it into the next year:
    tests/core/metrics/test_action_weeks.py), with an info, not a warning, saying so."""
    grid = [
        ["Action", "Responsable", "Budget", "Semaine début", "Semaine fin"],
        ["Salon fin d'année", "Marie", "6 000 €", "S50", "S3"],
    ]
    parsed = parse_actions(locate_table(grid, "actions", "Plan d'actions"))
    assert parsed.records == [
        Action(row=2, action="Salon fin d'année", owner="Marie", budget=6000.0, start_week=50,
               end_week=3),
    ]  # fmt: skip
    [wraps] = parsed.issues
    assert (wraps.row, wraps.column, wraps.code, wraps.severity) == (
        2,
        "Semaine fin",
        "week_range_wraps",
        Severity.INFO,
    )
    assert wraps.message("fr") == (
        "Feuille « Plan d'actions », ligne 2, colonne « Semaine fin » : semaine de fin 3 avant "
        "la semaine de début 50 : la plage passe le nouvel an, de la semaine 50 à la dernière "
        "semaine de l'année (52 ou 53), puis des semaines 1 à 3 de l'année suivante"
    )
    assert wraps.message("en") == (
        "Sheet 'Plan d'actions', row 2, column 'Semaine fin': end week 3 is before start week "
        "50: the range runs into the new year, from week 50 to the last week of the year (52 "
        "or 53), then weeks 1 to 3 of the next year"
    )
    assert parsed.account.balanced
