"""Tricky sheets found while building the corpus: each test states the right behaviour.

Clients named « Total Énergies », a « Signature » stage at 90 %, « Closed Won » stages,
a price list before the pipeline, « 12.500 € », repeated header rows, and messages
that must speak the user's language and quote cells as typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest

from salespipe.core.errors import TableNotFoundError
from salespipe.core.model import Status
from salespipe.core.quality import Issue
from salespipe.core.reading.pipeline import Pipeline, load_pipeline
from salespipe.core.report import build_report
from salespipe.files import read_grids
from tests.messy.corpus import AS_OF, Row, write_xlsx

HEADER = ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue"]


def _load(tmp_path: Path, sheets: Mapping[str, Sequence[Row]]) -> Pipeline:
    path = write_xlsx(tmp_path / "bug.xlsx", sheets)
    return load_pipeline(read_grids(path), path.name)


def _issues(pipeline: Pipeline, code: str) -> list[Issue]:
    return [i for i in pipeline.issues if i.code == code]


def test_deal_for_a_client_named_total_is_not_a_totals_row(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        ["Société", "Affaire", "Étape", "Montant HT"],
        ["Total Énergies", "Bornes de recharge", "Rendez-vous", 9000],
        ["Somme Habitat", "Menuiseries logements", "Négociation", 40000],
        ["Boulangerie Dupré", "Vitrine", "Suspect", 1500],
        ["Total", None, None, 50500],
    ]})  # fmt: skip
    assert [d.company for d in pipeline.deals] == [
        "Total Énergies",
        "Somme Habitat",
        "Boulangerie Dupré",
    ]
    assert [i.row for i in _issues(pipeline, "totals_row")] == [5]


def test_user_stage_signature_at_90_percent_is_an_open_stage(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {
        "Étapes": [["Étape", "Probabilité"], ["Découverte", "15 %"], ["Démo", "35 %"],
                   ["Devis", "60 %"], ["Signature", "90 %"]],
        "Pipeline": [HEADER,
                     ["D1", "a", "Signature", None, 10000, None],
                     ["D2", "b", "Gagné", None, 2000, date(2026, 10, 1)]],
    })  # fmt: skip
    assert [d.status for d in pipeline.deals] == [Status.OPEN, Status.WON]
    assert _issues(pipeline, "unknown_stage") == []
    summary = build_report(pipeline, AS_OF).summary
    assert summary.weighted_open == pytest.approx(9000.0)
    assert summary.won_amount == pytest.approx(2000.0)


def test_won_status_on_a_lost_stage_follows_the_stage_with_a_warning(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        HEADER,
        ["D1", "a", "Perdu", "gagné", 5000, date(2026, 10, 1)],
        ["D2", "b", "Gagné", "perdu", 3000, date(2026, 10, 2)],
        ["D3", "c", "Rendez-vous", None, 1000, None],
    ]})  # fmt: skip
    assert [i.row for i in _issues(pipeline, "status_stage_conflict")] == [2, 3]
    assert [d.status for d in pipeline.deals] == [Status.LOST, Status.WON, Status.OPEN]


def test_closed_won_and_closed_lost_stages_close_the_deal(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Deals": [
        ["Deal", "Company", "Stage", "Amount", "Close date", "Status"],
        ["CRM", "Beta", "Closed Won", 5000, "2026-10-01", None],
        ["Ads", "Gamma", "Closed Lost", 3000, "2026-10-02", None],
        ["ERP", "Delta", "Negotiation", 20000, "2026-12-31", None],
    ]})  # fmt: skip
    assert [d.status for d in pipeline.deals] == [Status.WON, Status.LOST, Status.OPEN]
    assert build_report(pipeline, AS_OF).summary.open_amount == pytest.approx(20000.0)


def test_pipeline_found_by_content_is_the_best_table_not_the_first(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {
        "Tarifs": [["Code", "Désignation", "Montant HT"], ["P1", "Audit", 500],
                   ["P2", "Formation", 900]],
        "Feuil1": [["ID", "Affaire", "Société", "Étape", "Statut", "Montant HT"],
                   ["D1", "Site", "ACME", "Rendez-vous", None, 1000],
                   ["D2", "Logo", "Beta", "Négociation", None, 2000]],
    })  # fmt: skip
    assert pipeline.sheets["deals"] == "Feuil1"
    assert [d.deal_id for d in pipeline.deals] == ["D1", "D2"]


def test_french_dot_thousands_without_decimals_is_not_silently_divided(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        HEADER,
        ["D1", "a", "Rendez-vous", None, "12.500 €", None],
        ["D2", "b", "Rendez-vous", None, "12.500,00 €", None],
        ["D3", "c", "Rendez-vous", None, 800, None],
    ]})  # fmt: skip
    (first, second, _) = pipeline.deals
    assert second.amount == 12500.0
    reported = any(i.row == 2 and i.column == "Montant HT" for i in pipeline.issues)
    assert first.amount == 12500.0 or (first.amount is None and reported)


def test_lost_stage_unknown_message_shows_the_value(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        HEADER,
        ["D1", "a", "Lost", None, 1000, date(2026, 9, 1)],
        ["D2", "b", "Rendez-vous", None, 1000, None],
        ["D3", "c", "Suspect", None, 1000, None],
    ]})  # fmt: skip
    (found,) = _issues(pipeline, "lost_stage_unknown")
    assert found.value == "Lost"
    assert "Lost" in found.message("fr")
    assert "Lost" in found.message("en")


def test_french_status_messages_use_french_status_words(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        HEADER,
        ["D1", "a", "Gagné", "en cours", 1000, date(2026, 10, 1)],
        ["D2", "b", "Rendez-vous", "en pause", 1000, None],
        ["D3", "c", "Suspect", None, 1000, None],
    ]})  # fmt: skip
    (conflict,) = _issues(pipeline, "status_stage_conflict")
    (unknown,) = _issues(pipeline, "unknown_status")
    assert conflict.message("fr").endswith("statut retenu : gagné")
    assert unknown.message("fr").endswith("(statut déduit : en cours)")


def test_french_invalid_email_message_is_french(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        ["ID", "Affaire", "E-mail", "Étape", "Montant HT"],
        ["D1", "a", "jean.dupont@", "Suspect", 1000],
        ["D2", "b", "marie@acme.fr", "Suspect", 1000],
        ["D3", "c", None, "Suspect", 1000],
    ]})  # fmt: skip
    (found,) = _issues(pipeline, "invalid_email")
    assert "There must be" not in found.message("fr")


def test_whole_numbers_are_quoted_as_typed(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {"Pipeline": [
        ["ID", "Affaire", "Étape", "Montant HT", "Date de création"],
        ["D1", "a", "Suspect", -1200, None],
        ["D2", "b", "Suspect", 1000, 2026],
        ["D3", "c", "Suspect", 1000, None],
    ]})  # fmt: skip
    messages = [i.message("fr") for i in pipeline.issues]
    assert len(messages) == 2
    assert "« -1200 »" in messages[0]
    assert "« 2026 »" in messages[1]


def test_repeated_header_row_is_not_a_deal(tmp_path: Path) -> None:
    header = ["ID", "Affaire", "Société", "Étape", "Statut", "Montant HT"]
    pipeline = _load(tmp_path, {"Pipeline": [
        header,
        ["D1", "a", "A", "Rendez-vous", None, 1000],
        header,
        ["D2", "b", "B", "Négociation", None, 2000],
    ]})  # fmt: skip
    assert [d.deal_id for d in pipeline.deals] == ["D1", "D2"]
    assert _issues(pipeline, "bad_amount") == []


def test_totals_row_message_on_the_action_plan_does_not_speak_of_deals(tmp_path: Path) -> None:
    pipeline = _load(
        tmp_path,
        {
            "Pipeline": [HEADER, ["D1", "a", "Suspect", None, 1000, None]],
            "Plan d'actions": [
                ["Action", "Responsable", "Budget"],
                ["Salon", "Marie", 4500],
                ["Total", None, 4500],
            ],
        },
    )
    (found,) = _issues(pipeline, "totals_row")
    assert found.sheet == "Plan d'actions"
    assert "affaire" not in found.message("fr")
    assert "deal" not in found.message("en")


def test_table_not_found_english_message_is_english(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "budget.xlsx", {"Budget": [["Poste", "Montant"], ["Loyer", 1]]})
    with pytest.raises(TableNotFoundError) as caught:
        load_pipeline(read_grids(path), path.name)
    assert " ou " not in caught.value.message("en")


def test_user_stage_table_keeps_the_default_aliases(tmp_path: Path) -> None:
    pipeline = _load(tmp_path, {
        "Étapes": [["Étape", "Probabilité"], ["Suspect", "10 %"], ["Rendez-vous", "40 %"],
                   ["Négociation", "80 %"]],
        "Pipeline": [HEADER,
                     ["D1", "a", "RDV", None, 1000, None],
                     ["D2", "b", "Negotiation", None, 2000, None],
                     ["D3", "c", "Won", None, 3000, date(2026, 10, 1)]],
    })  # fmt: skip
    assert [d.stage for d in pipeline.deals] == ["Rendez-vous", "Négociation", "Gagné"]
    assert pipeline.issues == []
