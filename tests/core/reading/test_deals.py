"""Deal rows to records: every row accounted for, every bad cell reported where it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from salespipe.core.model import StageTable, Status
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.tables import locate_table

STAGES = StageTable.default()
HEADER = [
    "ID",
    "Affaire",
    "Société",
    "Commercial",
    "Étape",
    "Statut",
    "Montant HT",
    "Probabilité",
    "Date de clôture prévue",
    "E-mail",
]


def parse(rows: list[list[Any]], header: list[str] = HEADER) -> Any:
    return parse_deals(locate_table([header, *rows], "deals", "Pipeline"), STAGES)


def codes(parsed: Any) -> list[tuple[int, str | None, str]]:
    return [(i.row, i.column, i.code) for i in parsed.issues]


def test_clean_row_becomes_a_deal_with_typed_fields() -> None:
    parsed = parse(
        [
            [
                "D1",
                "Site web",
                "ACME",
                "Marie",
                "Proposition envoyée",
                "en cours",
                "50 000 €",
                "30 %",
                "15/12/2026",
                "marie@acme.fr",
            ]
        ]
    )
    (deal,) = parsed.records
    assert deal.row == 2
    assert deal.stage == "Proposition envoyée"
    assert deal.status is Status.OPEN
    assert deal.amount == 50_000.0
    assert deal.probability == 0.3
    assert deal.expected_close == date(2026, 12, 15)
    assert parsed.issues == []


def test_bad_cells_are_reported_with_sheet_row_column_value_and_the_row_is_kept() -> None:
    parsed = parse(
        [["D1", "X", "ACME", "Marie", "RDV", "", "à voir", "150 %", "31/02/2026", "jean.dupont@"]]
    )
    assert len(parsed.records) == 1
    assert parsed.records[0].amount is None
    assert codes(parsed) == [  # in sheet order: by row, then left to right
        (2, "Montant HT", "bad_amount"),
        (2, "Probabilité", "probability_out_of_range"),
        (2, "Date de clôture prévue", "bad_date"),
        (2, "E-mail", "invalid_email"),
    ]
    amount = next(i for i in parsed.issues if i.code == "bad_amount")
    assert amount.message() == (
        "Feuille « Pipeline », ligne 2, colonne « Montant HT » : montant illisible « à voir » ; "
        "attendu un nombre comme 12 500,50 €"
    )
    assert amount.message("en").startswith("Sheet 'Pipeline', row 2, column 'Montant HT': ")


def test_stage_typos_accents_and_case() -> None:
    parsed = parse(
        [
            ["D1", "a", "A", "M", "NEGOCIATION", "", 1, None, None, None],
            ["D2", "b", "B", "M", "Negociaton", "", 1, None, None, None],
            ["D3", "c", "C", "M", "En pause", "", 1, None, None, None],
        ]
    )
    assert [d.stage for d in parsed.records] == ["Négociation", "Négociation", None]
    assert codes(parsed) == [(3, "Étape", "stage_corrected"), (4, "Étape", "unknown_stage")]
    unknown = parsed.issues[1].message()
    assert "« En pause »" in unknown and "Rendez-vous" in unknown


def test_status_and_stage_are_reconciled() -> None:
    parsed = parse(
        [
            ["D1", "a", "A", "M", "Gagné", "", 1, None, "01/03/2026", None],
            ["D2", "b", "B", "M", "Rendez-vous", "perdu", 1, None, "01/03/2026", None],
            ["D3", "c", "C", "M", "Négociation", "Signé", 1, None, "01/03/2026", None],
            ["D4", "d", "D", "M", "Gagné", "en cours", 1, None, "01/03/2026", None],
            ["D5", "e", "E", "M", "RDV", "peut-être", 1, None, None, None],
        ]
    )
    assert [d.status for d in parsed.records] == [
        Status.WON,
        Status.LOST,
        Status.WON,
        Status.WON,
        Status.OPEN,
    ]
    assert codes(parsed) == [
        (5, "Statut", "status_stage_conflict"),
        (6, "Statut", "unknown_status"),
    ]


def test_duplicates_are_rejected_with_the_first_row_named() -> None:
    row = ["D1", "a", "A", "M", "RDV", "", 1000, None, None, None]
    no_id = ["", "b", "B", "M", "RDV", "", 500, None, None, None]
    parsed = parse([row, ["d1", "autre", "A", "M", "RDV", "", 1, None, None, None], no_id, no_id])
    assert [d.row for d in parsed.records] == [2, 4]
    assert codes(parsed) == [(3, "ID", "duplicate_id"), (5, None, "duplicate_row")]
    assert "ligne 2" in parsed.issues[0].message()
    assert parsed.account.rejected == 2


def test_blank_rows_and_totals_rows_are_counted_not_used() -> None:
    parsed = parse(
        [
            ["D1", "a", "A", "M", "RDV", "", 1000, None, None, None],
            [None] * 10,
            ["D2", "b", "B", "M", "RDV", "", 2000, None, None, None],
            ["Total", None, None, None, None, None, 3000, None, None, None],
            [None] * 10,
            [None] * 10,
        ]
    )
    assert [d.deal_id for d in parsed.records] == ["D1", "D2"]
    account = parsed.account
    assert (account.read, account.used, account.blank, account.totals) == (4, 2, 1, 1)
    assert codes(parsed) == [(5, None, "totals_row")]


def test_won_deal_without_close_date_is_flagged() -> None:
    parsed = parse([["D1", "a", "A", "M", "Gagné", "gagné", 1000, None, None, None]])
    assert codes(parsed) == [(2, "Date de clôture prévue", "won_without_close_date")]


def test_rows_shorter_than_the_header_are_read() -> None:
    parsed = parse([["D1", "a", "A"]])
    assert parsed.records[0].company == "A"
    assert parsed.records[0].amount is None


cells = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.sampled_from(["Total", "RDV", "gagné", "perdu", "12 500,50 €", "31/02/2026", "30 %", "D1"]),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
)


@settings(max_examples=150)
@given(st.lists(st.lists(cells, min_size=0, max_size=12), max_size=25))
def test_every_row_is_used_rejected_or_reported(rows: list[list[Any]]) -> None:
    parsed = parse(rows)
    account = parsed.account
    assert account.balanced
    assert account.used == len(parsed.records)
    rejected_rows = {i.row for i in parsed.issues if i.severity.value == "error"}
    totals_rows = {i.row for i in parsed.issues if i.code == "totals_row"}
    assert len(rejected_rows) == account.rejected
    assert len(totals_rows) == account.totals
    used_rows = {d.row for d in parsed.records}
    assert not used_rows & (rejected_rows | totals_rows)
    # Rows keep the user's order.
    assert [d.row for d in parsed.records] == sorted(used_rows)


def test_deal_fields_are_built_in_declaration_order() -> None:
    from dataclasses import fields

    from salespipe.core.model import Deal
    from salespipe.core.reading.deals import _FIELDS_AFTER_STATUS, _FIELDS_BEFORE_STAGE

    declared = [f.name for f in fields(Deal)]
    assert declared == ["row", *_FIELDS_BEFORE_STAGE, "stage", "status", *_FIELDS_AFTER_STATUS]
