"""Every UDF through xlwings' Windows path, with values shaped as Excel sends them.

Arguments are COM values (:func:`com`: tuples of tuples, pywin32 dates, None for
blank cells, floats, error codes) or :class:`ComRange` cell references; results
are what VBA receives. Figures are checked against the core called directly and
against the worked examples of docs/metrics.md (the 45 000 € forecast, the garage).
"""

from __future__ import annotations

import importlib
import logging
from datetime import UTC, date, datetime
from typing import Any

import pytest

from salespipe.core.metrics.cadence import next_followup
from salespipe.core.metrics.cycle import sales_cycle
from salespipe.core.metrics.followups import overdue_followups
from salespipe.core.metrics.forecast import weighted_forecast
from salespipe.core.metrics.funnel import conversion_rate, pipeline_coverage, stage_funnel, win_rate
from salespipe.core.model import Deal, StageTable, Status
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.tables import locate_table
from tests.xlplugin.excel_harness import (
    MISSING,
    ComRange,
    ExcelError,
    WindowsXlwings,
    column,
    com,
    whole_column,
)

STAGES = StageTable.default()
D = datetime  # Excel hands dates over as datetimes


def excel_date(day: date) -> datetime:
    """A date as a UDF returns it through COM (pywin32 wants a timezone)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def is_message(value: Any, *parts: str) -> bool:
    """A short readable message in the cell, never a traceback."""
    return (
        isinstance(value, str)
        and value.startswith("#SALESPIPE! ")
        and "Traceback" not in value
        and "\n" not in value
        and len(value) < 300
        and all(part in value for part in parts)
    )


# --- FORECAST_WEIGHTED ------------------------------------------------------------------


def test_forecast_three_deals_of_50000_at_30_percent(excel: WindowsXlwings) -> None:
    amounts = com(column(50000.0, "50 000 €", 50000.0))
    probabilities = com(column(0.3, "30 %", 30.0))
    assert excel.call("FORECAST_WEIGHTED", amounts, probabilities) == 45000.0


def test_forecast_on_whole_columns_read_as_cell_references(excel: WindowsXlwings) -> None:
    amounts = ComRange(whole_column(50000.0, None, 20000.0, 10000.0, 5000.0))
    stages = ComRange(whole_column("Négociation", None, "Gagné", "Perdu", "rdv"))
    closes = ComRange(whole_column(D(2026, 3, 1), None, D(2026, 2, 1), D(2026, 1, 5), None))
    # 50 000 × 80 % + 20 000 won + 0 lost + 5 000 × 40 % (no date: only without a period)
    assert excel.call("FORECAST_WEIGHTED", amounts, stages, closes) == pytest.approx(62000.0)
    in_q1 = excel.call(
        "FORECAST_WEIGHTED", amounts, stages, closes, com(D(2026, 1, 1)), com(D(2026, 3, 31))
    )
    assert in_q1 == pytest.approx(60000.0)


def test_forecast_agrees_with_the_core(excel: WindowsXlwings) -> None:
    amounts = [12500.5, "8 000,00 €", None, 30000.0, "15k€", 7000.0]
    kinds = ["Proposition", 0.25, None, "Gagné", "Negociaton", "Rendez-vous"]
    statuses = [None, "en cours", None, None, None, "perdu"]
    closes = [D(2026, 4, 2), "15/05/2026", None, D(2026, 1, 9), 46100.0, D(2026, 4, 30)]
    got = excel.call(
        "FORECAST_WEIGHTED",
        com(column(*amounts)),
        com(column(*kinds)),
        com(column(*closes)),
        com(D(2026, 4, 1)),
        com("30/06/2026"),
        MISSING,
        com(column(*statuses)),
    )
    deals = [
        Deal(1, None, None, stage="Proposition envoyée", amount=12500.5,
             expected_close=date(2026, 4, 2)),
        Deal(2, None, None, probability=0.25, amount=8000.0, expected_close=date(2026, 5, 15)),
        Deal(4, None, None, stage="Gagné", status=Status.WON, amount=30000.0,
             expected_close=date(2026, 1, 9)),
        Deal(5, None, None, stage="Négociation", amount=15000.0,
             expected_close=date(2026, 3, 18)),
        Deal(6, None, None, stage="Rendez-vous", status=Status.LOST, amount=7000.0,
             expected_close=date(2026, 4, 30)),
    ]  # fmt: skip
    expected = weighted_forecast(deals, STAGES, date(2026, 4, 1), date(2026, 6, 30))
    assert got == pytest.approx(expected, abs=0.005) and expected == pytest.approx(9500.3)


def test_forecast_with_stage_and_probability_side_by_side(excel: WindowsXlwings) -> None:
    two_columns = com([["Négociation", 0.5], ["Négociation", None], ["Gagné", None]])
    amounts = com(column(1000.0, 1000.0, 1000.0))
    # the typed 50 % wins over the stage's 80 %; the won deal counts 100 %
    assert excel.call("FORECAST_WEIGHTED", amounts, two_columns) == pytest.approx(2300.0)


def test_forecast_with_a_stage_table_range(excel: WindowsXlwings) -> None:
    table = com(
        [
            ["Étapes du pipeline", None, None],
            [None, None, None],
            ["Étape", "Ordre", "Probabilité"],
            ["Découverte", 1.0, "15 %"],
            ["Devis", 2.0, 0.5],
            [None, None, None],
        ]
    )
    amounts, stages = (
        com(column(1000.0, 2000.0, 4000.0)),
        com(column("Découverte", "devis", "Gagné")),
    )
    got = excel.call("FORECAST_WEIGHTED", amounts, stages, MISSING, MISSING, MISSING, table)
    assert got == 5150.0


def test_a_stage_missing_from_the_table_leaves_its_deal_out(excel: WindowsXlwings) -> None:
    """As ``salespipe report`` does (and reports it): « En pause » is no stage, so that deal
    weighs nothing; the deals around it still count."""
    amounts = com(column(1000.0, 5000.0, 2000.0))
    stages = com(column("Négociation", "En pause", "Gagné"))
    assert excel.call("FORECAST_WEIGHTED", amounts, stages) == pytest.approx(2800.0)
    funnel = excel.spill("FUNNEL", stages)
    assert [row[1] for row in funnel[1:]] == [2, 2, 2, 2, 2, 1]  # reached: 2 deals, not 3


def test_probabilities_typed_in_their_own_column(excel: WindowsXlwings) -> None:
    """The template's Étape and Probabilité columns are not side by side: the last argument
    takes the typed probabilities (blank = the stage's)."""
    amounts = com(column(1000.0, 1000.0, 1000.0))
    stages = com(column("Négociation", "Négociation", "Gagné"))
    typed = com(column("50 %", None, None))
    got = excel.call(
        "FORECAST_WEIGHTED", amounts, stages, MISSING, MISSING, MISSING, MISSING, MISSING, typed
    )
    assert got == pytest.approx(500.0 + 800.0 + 1000.0)
    # as the report reads the Probabilité column: an unreadable or out-of-range cell is no
    # override, the stage's probability counts (DATA_QUALITY lists the cell)
    for bad in ("peut-être", 150.0):
        got = excel.call(
            "FORECAST_WEIGHTED",
            amounts,
            stages,
            MISSING,
            MISSING,
            MISSING,
            MISSING,
            MISSING,
            com(column(bad, None, None)),
        )
        assert got == pytest.approx(800.0 + 800.0 + 1000.0)
    short = excel.call(
        "FORECAST_WEIGHTED",
        amounts,
        stages,
        MISSING,
        MISSING,
        MISSING,
        MISSING,
        MISSING,
        com(column(None, "50 %")),
    )
    assert is_message(short, "tailles différentes", "probabilities")


@pytest.mark.parametrize(
    ("amounts", "kinds", "parts"),
    [
        (column(1.0, 2.0, "abc"), column(0.3, 0.3, 0.3), ("amounts, ligne 3", "« abc »")),
        (column(1.0, ExcelError("#N/A")), column(0.3, 0.3), ("amounts, ligne 2", "#N/A")),
        (column(1.0, -5.0), column(0.3, 0.3), ("amounts, ligne 2", "négatif")),
        (column(1.0), column(150.0), ("probabilities_or_stages, ligne 1", "hors de 0 à 100 %")),
        (column(1.0, 2.0), column(0.3), ("tailles différentes", "amounts 2", "1 cellules")),
        ([[1.0, 2.0], [3.0, 4.0]], column(0.1, 0.2), ("amounts", "une seule colonne")),
        (column(1.0), column(ExcelError("#DIV/0!")), ("#DIV/0!",)),
        (column(1.0), column(True), ("probabilities_or_stages, ligne 1",)),
    ],
)
def test_forecast_answers_bad_input_with_a_message(
    excel: WindowsXlwings, amounts: Any, kinds: Any, parts: tuple[str, ...]
) -> None:
    assert is_message(excel.call("FORECAST_WEIGHTED", com(amounts), com(kinds)), *parts)


def test_forecast_refuses_a_period_without_close_dates(excel: WindowsXlwings) -> None:
    got = excel.call("FORECAST_WEIGHTED", com([[1.0]]), com([[0.5]]), MISSING, com(D(2026, 1, 1)))
    assert is_message(got, "close_dates")


def test_forecast_refuses_an_error_value_as_period_bound(excel: WindowsXlwings) -> None:
    got = excel.call(
        "FORECAST_WEIGHTED",
        com([[1.0]]),
        com([[0.5]]),
        com([[D(2026, 1, 2)]]),
        ExcelError("#REF!").code,
    )
    assert is_message(got, "period_start : erreur Excel #REF!")


# --- PIPELINE_COVERAGE ------------------------------------------------------------------


def test_coverage_counts_open_deals_only(excel: WindowsXlwings) -> None:
    """Open: 100 000 × 80 % + 80 000 × 60 % = 128 000 € weighted; the won 50 000 € are taken
    off the target: 178 000 − 50 000 = 128 000 € remain, covered 100 %."""
    amounts = com(column(100000.0, 50000.0, 80000.0))
    stages = com(column("Négociation", "Gagné", "Proposition"))
    deals = [Deal(1, None, None, stage="Négociation", amount=100000.0),
             Deal(2, None, None, stage="Gagné", status=Status.WON, amount=50000.0),
             Deal(3, None, None, stage="Proposition envoyée", amount=80000.0)]  # fmt: skip
    got = excel.call("PIPELINE_COVERAGE", amounts, stages, 178000.0)
    assert got == pytest.approx(pipeline_coverage(deals, STAGES, 178000.0)) == 1.0
    assert excel.call("PIPELINE_COVERAGE", amounts, stages, "178 000 €") == pytest.approx(1.0)


def test_coverage_says_when_the_target_is_reached(excel: WindowsXlwings) -> None:
    """50 000 € won against a 40 000 € target: nothing remains to cover."""
    amounts = com(column(100000.0, 50000.0))
    stages = com(column("Négociation", "Gagné"))
    assert excel.call("PIPELINE_COVERAGE", amounts, stages, 40000.0) == "objectif atteint"


def test_coverage_needs_a_positive_target(excel: WindowsXlwings) -> None:
    assert is_message(excel.call("PIPELINE_COVERAGE", com([[1.0]]), com([[0.5]]), 0.0), "target")
    assert is_message(excel.call("PIPELINE_COVERAGE", com([[1.0]]), com([[0.5]]), None), "target")


# --- FUNNEL, CONVERSION_RATE, WIN_RATE --------------------------------------------------

FUNNEL_STAGES = [
    "Rendez-vous",
    "Rendez-vous",
    "Proposition envoyée",
    "Négociation",
    "Gagné",
    "Gagné",
    "Proposition",
    "Suspect",
    None,
]
FUNNEL_STATUSES = ["en cours", "perdu", "perdu", "en cours", None, "gagné", "perdu", None, None]


def funnel_deals() -> list[Deal]:
    grid = [["ID", "Étape", "Statut"]] + [
        [f"A{i}", s, t] for i, (s, t) in enumerate(zip(FUNNEL_STAGES, FUNNEL_STATUSES, strict=True))
    ]
    return parse_deals(locate_table(grid, "deals", "Pipeline"), STAGES).records


def test_funnel_spills_a_table_equal_to_the_core(excel: WindowsXlwings) -> None:
    rows = excel.call(
        "FUNNEL", ComRange(whole_column(*FUNNEL_STAGES)), ComRange(whole_column(*FUNNEL_STATUSES))
    )
    assert rows[0] == [
        "Étape",
        "Atteinte",
        "Passées",
        "Perdues",
        "En cours",
        "Conversion des décidées",
        "Vers gagné",
        "Montant en cours",
        "Taux de passage",
    ]
    expected = stage_funnel(funnel_deals(), STAGES)
    assert [r[0] for r in rows[1:]] == [line.stage for line in expected]
    for row, line in zip(rows[1:], expected, strict=True):
        assert row[1:5] == [line.reached, line.moved_on, line.lost_at, line.open_at]
        conversion = "" if line.conversion is None else line.conversion  # None → blank cell
        assert row[5] == pytest.approx(conversion)
    # Rendez-vous: 7 reached, 5 moved on, 1 lost, 1 open: 5/6 of the decided, 5/7 of all.
    assert rows[3] == [
        "Rendez-vous",
        7,
        5,
        1,
        1,
        pytest.approx(5 / 6),
        0.5,
        0.0,
        pytest.approx(5 / 7),
    ]


def test_funnel_sizes_its_whole_columns_together(excel: WindowsXlwings) -> None:
    got = excel.call("FUNNEL", ComRange(whole_column("RDV")), com(column("perdu")))
    assert is_message(got, "tailles différentes")


def test_conversion_rate_is_the_funnels_product(excel: WindowsXlwings) -> None:
    stages, statuses = com(column(*FUNNEL_STAGES)), com(column(*FUNNEL_STATUSES))
    got = excel.call("CONVERSION_RATE", stages, "RDV", "gagné", MISSING, statuses)
    expected = conversion_rate(funnel_deals(), STAGES, "Rendez-vous", "Gagné")
    assert got == pytest.approx(expected) and expected == pytest.approx(5 / 6 * 3 / 5)


@pytest.mark.parametrize(
    ("start", "stop", "parts"),
    [
        ("Pause", "Gagné", ("from_stage", "étape inconnue « Pause »")),
        ("RDV", "Signature", ("to_stage", "« Signature »")),
        ("Négociation", "Rendez-vous", ("n'est pas un chemin",)),
        ("Rendez-vous", "Perdu", ("Perdu",)),
        (None, "Gagné", ("from_stage : valeur manquante",)),
    ],
)
def test_conversion_rate_explains_bad_stage_names(
    excel: WindowsXlwings, start: Any, stop: Any, parts: tuple[str, ...]
) -> None:
    got = excel.call("CONVERSION_RATE", com(column(*FUNNEL_STAGES)), start, stop)
    assert is_message(got, *parts)


def test_conversion_rate_without_decided_deals_says_so(excel: WindowsXlwings) -> None:
    got = excel.call("CONVERSION_RATE", com(column("Rendez-vous", "Négociation")), "RDV", "Gagné")
    assert is_message(got, "aucune affaire gagnée ou perdue")


def test_win_rate_from_statuses_or_stages(excel: WindowsXlwings) -> None:
    got = excel.call("WIN_RATE", com(column(*FUNNEL_STATUSES)), com(column(*FUNNEL_STAGES)))
    assert got == pytest.approx(win_rate(funnel_deals())) == pytest.approx(2 / 5)
    only_statuses = excel.call("WIN_RATE", ComRange(whole_column("gagné", "perdu", None, "won")))
    assert only_statuses == pytest.approx(2 / 3)
    assert is_message(excel.call("WIN_RATE", com(column("en cours"))), "aucune affaire")
    # an unknown status is read as open, as the report reads it (and DATA_QUALITY lists it)
    assert excel.call("WIN_RATE", com(column("gagné", "peut-être", "perdu"))) == pytest.approx(0.5)


def test_stage_probability_of_one_name_or_a_column(excel: WindowsXlwings) -> None:
    assert excel.call("STAGE_PROBABILITY", "  NEGOCIATION ") == 0.8
    assert excel.call("STAGE_PROBABILITY", "Negociaton") == 0.8  # typo tolerated, as the CLI
    assert excel.call("STAGE_PROBABILITY", com([["RDV"], [None], ["Perdu"]])) == [
        [0.4],
        [""],
        [0.0],
    ]
    assert is_message(excel.call("STAGE_PROBABILITY", "Pause"), "étape inconnue")


# --- follow-ups -------------------------------------------------------------------------


def test_next_followup_uses_the_cadence_and_business_days(excel: WindowsXlwings) -> None:
    friday = D(2026, 3, 6)
    expected = next_followup(date(2026, 3, 6), 2)  # + 3 days = Monday 9 March
    assert excel.call("NEXT_FOLLOWUP", com(friday), 2.0) == excel_date(expected)
    assert expected == date(2026, 3, 9)
    assert excel.call("NEXT_FOLLOWUP", com(friday), None, "J+2, J+5, J+12") == excel_date(
        date(2026, 3, 9)  # touch 0: + 2 days = Sunday 8 → Monday 9
    )
    steps = com(column(1.0, 10.0, None))
    assert excel.call("NEXT_FOLLOWUP", "06/03/2026", 1.0, steps) == excel_date(date(2026, 3, 16))
    assert excel.call("NEXT_FOLLOWUP", None, 1.0) == ""  # nothing to follow up: blank cell


def test_next_followup_counts_j_offsets_from_the_stage_entry(excel: WindowsXlwings) -> None:
    # Seed 000: proposal sent Wednesday 6 May 2026; touch 1 done on Monday 11 May.
    entered, touched = com(D(2026, 5, 6)), com(D(2026, 5, 11))
    seed = "J+2, J+5, J+12"
    # Touch 2 at J+5 = Monday 11 May, not touch 1 + 3.
    assert excel.call("NEXT_FOLLOWUP", touched, 1.0, seed, entered) == excel_date(D(2026, 5, 11))
    # Touch 3 at J+12 = Monday 18 May.
    assert excel.call("NEXT_FOLLOWUP", touched, 2.0, seed, entered) == excel_date(D(2026, 5, 18))
    # Stage entry left blank: last contact + 3 = Thursday 14 May (Ascension) → Friday 15.
    assert excel.call("NEXT_FOLLOWUP", touched, 1.0, seed) == excel_date(D(2026, 5, 15))
    # A gap cadence ignores the stage entry: last contact + 1 day.
    assert excel.call("NEXT_FOLLOWUP", touched, 1.0, None, entered) == excel_date(D(2026, 5, 12))


@pytest.mark.parametrize(
    ("args", "parts"),
    [
        (("pas une date", 1.0), ("last_contact", "date illisible")),
        ((D(2026, 3, 6), "beaucoup"), ("touches",)),
        ((D(2026, 3, 6), 1.5), ("touches", "entier")),
        ((D(2026, 3, 6), 1.0, "tous les jours"), ("cadence", "illisible")),
        ((D(2026, 3, 6), 1.0, "J+2, +3"), ("cadence", "mêlé")),
        ((D(2026, 3, 6), 1.0, "J+2", "hier"), ("stage_entered", "date illisible")),
    ],
)
def test_next_followup_bad_input(
    excel: WindowsXlwings, args: tuple[Any, ...], parts: tuple[str, ...]
) -> None:
    assert is_message(excel.call("NEXT_FOLLOWUP", *(com(a) for a in args)), *parts)


PIPELINE_HEADER = [
    "ID",
    "Affaire",
    "Société",
    "Commercial",
    "Étape",
    "Statut",
    "Montant HT",
    "Dernier contact",
    "Prochaine relance",
    "Nb relances",
]
PIPELINE_ROWS: list[list[Any]] = [
    ["A1", "Site web", "ACME", "Marie", "Proposition", "en cours", 50000.0, D(2026, 11, 2),
     None, 2.0],
    ["A2", "CRM", "Beta", "Paul", "RDV", "en cours", 20000.0, D(2026, 11, 20), None, 0.0],
    ["A3", "ERP", "Gamma", "Paul", "Négociation", None, 80000.0, None, D(2026, 11, 10), 1.0],
    ["A4", "Audit", "Delta", "Marie", "Gagné", None, 9000.0, D(2026, 10, 1), None, 1.0],
    ["A5", "Formation", "Epsilon", None, "Suspect", "en cours", "à voir", D(2026, 6, 1),
     None, 8.0],
]  # fmt: skip


def pipeline_grid(blank_rows: int = 0) -> list[list[Any]]:
    width = len(PIPELINE_HEADER)
    title: list[Any] = ["Suivi commercial"] + [None] * (width - 1)
    return [title, [None] * width, PIPELINE_HEADER, *PIPELINE_ROWS, *[[None] * width] * blank_rows]


def test_overdue_followups_spill_who_what_when(excel: WindowsXlwings) -> None:
    as_of = date(2026, 11, 23)
    rows = excel.call("OVERDUE_FOLLOWUPS", com(pipeline_grid(blank_rows=500)), com(D(2026, 11, 23)))
    assert rows[0] == [
        "Ligne",
        "ID",
        "Affaire",
        "Société",
        "Commercial",
        "Étape",
        "Relance due",
        "Jours ouvrés de retard",
        "Nb relances",
    ]
    deals = parse_deals(locate_table(pipeline_grid(), "deals", "P"), STAGES).records
    expected = overdue_followups(deals, STAGES, as_of)
    assert [r[1] for r in rows[1:]] == [f.deal_id for f in expected] == ["A1", "A3", "A2"]
    # due 10 November, 8 business days late on the 23rd (11 November is a holiday)
    assert rows[2] == [
        6,
        "A3",
        "ERP",
        "Gamma",
        "Paul",
        "Négociation",
        excel_date(date(2026, 11, 10)),
        8,
        1,
    ]


def test_overdue_followups_none_overdue_is_the_header_alone(excel: WindowsXlwings) -> None:
    rows = excel.call("OVERDUE_FOLLOWUPS", com(pipeline_grid()), com(D(2026, 11, 3)))
    assert rows == [
        "Ligne",
        "ID",
        "Affaire",
        "Société",
        "Commercial",
        "Étape",
        "Relance due",
        "Jours ouvrés de retard",
        "Nb relances",
    ]


def test_overdue_followups_needs_a_header_row(excel: WindowsXlwings) -> None:
    got = excel.call("OVERDUE_FOLLOWUPS", com(PIPELINE_ROWS), com(D(2026, 11, 23)))
    assert is_message(got, "deals_table", "ligne d'en-tête")


# --- targets, cycle, quality ------------------------------------------------------------


def test_required_prospects_garage_example(excel: WindowsXlwings) -> None:
    # 20 % of the people reached come; 0,25 % of visitors buy: 15 sales need 30 000 people.
    got = excel.call("REQUIRED_PROSPECTS", 15.0, com(column("20 %", "0,25 %")))
    assert got == [[30000], [6000]]
    named = excel.call("REQUIRED_PROSPECTS", 15.0, com([["Audience", 0.2], ["Visiteurs", 0.0025]]))
    assert named == [["Audience", 30000], ["Visiteurs", 6000]]
    assert excel.call("REQUIRED_PROSPECTS", 1.0, com([[0.0025]])) == 400


@pytest.mark.parametrize(
    ("target", "rates", "parts"),
    [
        (15.0, column(0.2, 0.0), ("rates, ligne 2", "supérieur à 0")),
        (15.0, column(0.2, None, 0.1), ("rates, ligne 2",)),
        (15.0, column("beaucoup"), ("rates, ligne 1", "« beaucoup »")),
        (-1.0, column(0.2), ("target",)),
        ("quinze", column(0.2), ("target", "« quinze »")),
    ],
)
def test_required_prospects_bad_input(
    excel: WindowsXlwings, target: Any, rates: Any, parts: tuple[str, ...]
) -> None:
    assert is_message(excel.call("REQUIRED_PROSPECTS", target, com(rates)), *parts)


def test_sales_cycle_days_of_won_deals(excel: WindowsXlwings) -> None:
    created = com(column(D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), None))
    closed = com(column(D(2026, 1, 31), D(2026, 3, 3), "15/03/2026", None))
    statuses = com(column("gagné", "gagné", "perdu", None))
    deals = [
        Deal(
            1,
            None,
            None,
            status=Status.WON,
            created=date(2026, 1, 1),
            expected_close=date(2026, 1, 31),
        ),
        Deal(
            2,
            None,
            None,
            status=Status.WON,
            created=date(2026, 2, 1),
            expected_close=date(2026, 3, 3),
        ),
    ]
    stats = sales_cycle(deals)
    assert excel.call("SALES_CYCLE_DAYS", created, closed, statuses) == stats.mean_days == 30.0
    assert excel.call("SALES_CYCLE_DAYS", created, closed, statuses, "max") == 30.0
    assert excel.call("SALES_CYCLE_DAYS", created, closed, statuses, "Médiane") == 30.0
    # without statuses every row is a won deal
    assert excel.call("SALES_CYCLE_DAYS", created, closed, MISSING, "nombre") == 3
    assert is_message(excel.call("SALES_CYCLE_DAYS", created, closed, MISSING, "mode"), "statistic")


def test_data_quality_spills_every_issue(excel: WindowsXlwings) -> None:
    rows = excel.call("DATA_QUALITY", ComRange(pipeline_grid(blank_rows=2000)))
    assert rows[0] == ["Ligne", "Colonne", "Valeur", "Gravité", "Code", "Message"]
    issues = parse_deals(locate_table(pipeline_grid(), "deals", "P"), STAGES).issues
    assert [(r[0], r[4]) for r in rows[1:]] == [(i.row, i.code) for i in issues]
    amount = next(r for r in rows[1:] if r[4] == "bad_amount")
    assert amount[:4] == [8, "Montant HT", "à voir", "avertissement"]
    assert amount[5].startswith("montant illisible « à voir »")


def test_data_quality_of_an_action_plan(excel: WindowsXlwings) -> None:
    plan = com(
        [
            ["Action", "Responsable", "Budget", "Semaine début"],
            ["Salon", "Marie", "3 000 €", "S12"],
            ["Phoning", "Paul", "beaucoup", 60.0],
        ]
    )
    rows = excel.call("DATA_QUALITY", plan)
    assert sorted((r[0], r[4]) for r in rows[1:]) == [(3, "bad_amount"), (3, "bad_week")]


def test_data_quality_says_a_week_range_runs_into_the_next_year(excel: WindowsXlwings) -> None:
    """S50 to S3: an info (the row is used, the range wraps into the next year), not a
    warning."""
    plan = com(
        [
            ["Action", "Responsable", "Budget", "Semaine début", "Semaine fin"],
            ["Salon fin d'année", "Marie", "6 000 €", "S50", "S3"],
        ]
    )
    [wraps] = excel.call("DATA_QUALITY", plan)[1:]
    assert wraps[:5] == [2, "Semaine fin", "3", "info", "week_range_wraps"]
    assert wraps[5].startswith("semaine de fin 3 avant la semaine de début 50 : la plage passe")


def test_data_quality_of_something_else(excel: WindowsXlwings) -> None:
    assert is_message(excel.call("DATA_QUALITY", com([[1.0, 2.0], [3.0, 4.0]])), "en-tête")


# --- failures that are not the user's ---------------------------------------------------


def test_an_unexpected_failure_is_a_message_and_a_log_line(
    excel: WindowsXlwings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> float:
        raise ZeroDivisionError("bug")

    forecast = importlib.import_module("xlplugin.functions.forecast")  # as the harness left it
    monkeypatch.setattr(forecast, "weighted_forecast", broken)
    with caplog.at_level(logging.ERROR, logger="xlplugin.failures"):
        got = excel.call("FORECAST_WEIGHTED", com([[1.0]]), com([[0.5]]))
    assert is_message(got, "erreur inattendue (ZeroDivisionError)")
    assert "Traceback" in caplog.text
