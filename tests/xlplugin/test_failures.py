"""A UDF's refusal: a coded error whose French text is what the cell shows, with an English
text as every salespipe error has."""

from __future__ import annotations

import pytest

from salespipe.core.errors import InputError
from salespipe.core.reading.parsing import parse_amount
from xlplugin.arguments import cell_range, number_cell, required, same_size
from xlplugin.deal_ranges import stage_table
from xlplugin.failures import ArgumentError, cell_message, reason


def _refused(action: object) -> ArgumentError:
    with pytest.raises(ArgumentError) as caught:
        action()  # type: ignore[operator]
    assert isinstance(caught.value, InputError) and isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize(
    ("action", "cell", "english"),
    [
        (lambda: cell_range([[1.0], ["abc"]], "amounts").parsed(parse_amount),
         "#SALESPIPE! amounts, ligne 2 : montant illisible « abc » ; attendu un nombre comme "
         "12 500,50 €",
         "amounts, row 2: unreadable amount 'abc'; expected a number such as 12,500.50"),
        (lambda: cell_range([[1.0, 2.0], [3.0, 4.0]], "amounts"),
         "#SALESPIPE! amounts : une seule colonne (ou une seule ligne) attendue, reçu 2 × 2",
         "amounts: one column (or one row) expected, got 2 × 2"),
        (lambda: cell_range([[1.0, "#N/A"]], "rates"),
         "#SALESPIPE! rates, cellule 2 : erreur Excel #N/A",
         "rates, cell 2: Excel error #N/A"),
        (lambda: number_cell("douze", "target"),
         "#SALESPIPE! target : nombre illisible « douze »",
         "target: unreadable number 'douze'"),
        (lambda: required(None, "target"),
         "#SALESPIPE! target : valeur manquante",
         "target: missing value"),
        (lambda: same_size(cell_range([[1.0]], "a"), cell_range([[1.0], [2.0]], "b")),
         "#SALESPIPE! plages de tailles différentes (a 1, b 2 cellules) ; même taille attendue",
         "ranges of different sizes (a 1, b 2 cells); the same size expected"),
        (lambda: stage_table([["Étape", "Ordre"], ["Suspect", "abc"]]),
         "#SALESPIPE! stage_table, ligne 2, colonne « Ordre » : nombre illisible « abc »",
         "stage_table, row 2, column 'Ordre': unreadable number 'abc'"),
        (lambda: stage_table([["Nom", "Valeur"], ["x", "y"]]),
         "#SALESPIPE! stage_table : aucune ligne d'en-tête reconnue ; il faut au moins les "
         "colonnes (« Étape ») + (« Probabilité » ou « Ordre »)",
         "stage_table: no header row recognised; at least the columns ('Stage') + "
         "('Probability' or 'Order') are needed"),
    ],
)  # fmt: skip
def test_a_refusal_is_the_cells_french_and_has_english(
    action: object, cell: str, english: str
) -> None:
    error = _refused(action)
    assert cell_message(error) == cell
    assert error.message("en") == english


def test_an_unexpected_failure_is_one_french_line() -> None:
    assert cell_message(KeyError("x")) == (
        "#SALESPIPE! erreur inattendue (KeyError) ; détail dans le journal xlwings"
    )


def test_reason_is_the_french_why_of_an_issue() -> None:
    assert reason("bad_amount", "abc") == (
        "montant illisible « abc » ; attendu un nombre comme 12 500,50 €"
    )
    assert reason("unknown_status", "??", status="open").endswith("(statut déduit : open)")
