"""Finding the table in a sheet as people really lay it out."""

from __future__ import annotations

import pytest

from salespipe.core.errors import ConfigError, TableNotFoundError
from salespipe.core.reading.tables import column_letter, locate_table

HEADER = ["ID", "Affaire", "Société", "Étape", "Montant HT", "Commercial"]
ROW = ["D1", "Site", "ACME", "RDV", 1000, "Marie"]


def test_header_on_row_one() -> None:
    table = locate_table([HEADER, ROW], "deals", "Pipeline")
    assert table.header_row == 1
    assert table.rows == [(2, ROW)]
    assert {c.field for c in table.columns.values()} == {
        "deal_id",
        "name",
        "company",
        "stage",
        "amount",
        "owner",
    }


def test_header_below_title_rows_merged_cells_and_blank_rows() -> None:
    grid = [
        ["Suivi commercial 2026", None, None, None, None, None],  # merged title: value top-left
        [None] * 6,
        ["Mise à jour le 02/11/2026", None, None, None, None, None],
        [None] * 6,
        HEADER,
        ROW,
    ]
    table = locate_table(grid, "deals", "Pipeline")
    assert table.header_row == 5
    assert table.rows[0][0] == 6


def test_first_row_offset_keeps_sheet_row_numbers() -> None:
    table = locate_table([HEADER, ROW], "deals", "Pipeline", first_row=10)
    assert table.header_row == 10
    assert table.rows[0][0] == 11


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Montant HT (€)", "amount"),
        ("MONTANT", "amount"),
        ("  montant   ht ", "amount"),
        ("Amount", "amount"),
        ("Deal value", "amount"),
        ("Etape", "stage"),
        ("ÉTAPE", "stage"),
        ("Stage", "stage"),
        ("Probabilité (%)", "probability"),
        ("Date de clôture prévue", "expected_close"),
        ("date de cloture prevue", "expected_close"),
        ("Close date", "expected_close"),
        ("Prochaine relance", "next_followup"),
        ("Nb relances", "touches"),
        ("Nombre de relances", "touches"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Tél.", "phone"),
        ("Responsable", "owner"),
        ("Deal owner", "owner"),
        ("Raison de perte", "lost_reason"),
        ("Probabilte", "probability"),  # typo, recognised
        ("Commerciall", "owner"),  # typo, recognised
    ],
)
def test_french_and_english_headers_with_variants(header: str, field: str) -> None:
    header_row = ["Affaire", header] if field == "stage" else ["ID", "Affaire", header, "Statut"]
    table = locate_table([header_row], "deals", "Pipeline")
    assert table.columns[field].index == header_row.index(header)
    assert table.columns[field].header == " ".join(header.split())


def test_unrecognised_columns_are_listed_not_dropped_silently() -> None:
    table = locate_table([[*HEADER, "Code NAF", "Chiffre du mois"], ROW], "deals", "Pipeline")
    assert table.ignored_headers == ("Code NAF", "Chiffre du mois")


def test_explicit_mapping_overrides_the_guess() -> None:
    grid = [
        ["Réf", "Projet", "CA estimé", "Phase", "Propriétaire"],
        ["R1", "X", "5 000", "RDV", "Léa"],
    ]
    table = locate_table(grid, "deals", "Pipeline", mapping={"amount": "CA estimé"})
    assert table.columns["amount"].index == 2
    by_letter = locate_table(grid, "deals", "Pipeline", mapping={"amount": "C", "owner": "E"})
    assert by_letter.columns["amount"].index == 2
    assert by_letter.columns["owner"].index == 4


def test_mapping_to_a_missing_column_names_it() -> None:
    grid = [["Affaire", "Étape"], ["X", "RDV"]]
    with pytest.raises(ConfigError) as err:
        locate_table(grid, "deals", "Pipeline", mapping={"amount": "CA estimé"})
    assert "CA estimé" in str(err.value)
    assert "Pipeline" in str(err.value)


def test_mapping_with_an_unknown_field_lists_the_fields() -> None:
    with pytest.raises(ConfigError) as err:
        locate_table([HEADER], "deals", "Pipeline", mapping={"montant": "Montant HT"})
    assert "montant" in str(err.value)
    assert "amount" in str(err.value)


def test_no_table_gives_a_message_naming_sheet_and_needed_columns() -> None:
    grid = [["Bonjour"], ["Ceci n'est pas un pipeline"]]
    with pytest.raises(TableNotFoundError) as err:
        locate_table(grid, "deals", "Feuil1")
    text = str(err.value)
    assert "Feuil1" in text
    assert "« Affaire »" in text and "« Étape »" in text
    assert "Sheet 'Feuil1'" in err.value.message("en")


def test_stage_and_action_tables() -> None:
    stages = locate_table(
        [["Étape", "Probabilité", "Durée prévue (jours)"], ["RDV", 0.4, 21]], "stages", "Étapes"
    )
    assert set(stages.columns) == {"name", "probability", "expected_days"}
    actions = locate_table(
        [
            ["Action", "Responsable", "Budget", "S1", "S2", "Semaine 3", "W52"],
            ["Salon", "Léa", 1000],
        ],
        "actions",
        "Plan d'actions",
    )
    assert actions.week_columns == {3: 1, 4: 2, 5: 3, 6: 52}


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters
