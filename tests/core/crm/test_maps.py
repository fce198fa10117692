"""The stage map and the owner map: proposed on a first run, completed, read back."""

from __future__ import annotations

import pytest

from salespipe.core.crm.maps import (
    BLANK_STAGE,
    OwnerEntry,
    StageMapEntry,
    completed_owners,
    completed_stage_map,
    owner_lookup,
    owners_rows,
    pipeline_known,
    read_owners,
    read_stage_map,
    stage_known,
    stage_lookup,
    stage_map_rows,
    suggested_stage_map,
)
from salespipe.core.crm.profiles import GENERIC, HUBSPOT, ODOO
from salespipe.core.errors import ConfigError
from salespipe.core.model import StageTable

STAGES = StageTable.default()  # Suspect … Négociation, Gagné, Perdu


def targets(entries: list[StageMapEntry]) -> list[tuple[str, str]]:
    return [(e.source_stage, e.target_stage) for e in entries]


def test_first_map_spreads_open_stages_and_sends_outcomes_to_won_and_lost() -> None:
    entries = suggested_stage_map(STAGES, [], HUBSPOT)
    assert {e.target_pipeline for e in entries} == {"default"}
    assert targets(entries) == [
        ("Suspect", "appointmentscheduled"),
        ("Prospect qualifié", "qualifiedtobuy"),
        ("Rendez-vous", "presentationscheduled"),
        ("Proposition envoyée", "decisionmakerboughtin"),
        ("Négociation", "contractsent"),
        ("Gagné", "closedwon"),
        ("Perdu", "closedlost"),
        (BLANK_STAGE, "appointmentscheduled"),
    ]


def test_five_open_stages_spread_over_three_first_to_first_last_to_last() -> None:
    open_targets = targets(suggested_stage_map(STAGES, [], ODOO))[:5]
    assert [t for _, t in open_targets] == [
        "Nouveau",
        "Nouveau",
        "Qualifié",
        "Proposition",
        "Proposition",
    ]


def test_a_stage_the_stage_table_does_not_know_gets_a_row_without_target() -> None:
    entries = suggested_stage_map(STAGES, ["En pause"], HUBSPOT)
    assert entries[-2] == StageMapEntry("En pause", "default", "")
    assert entries[-1].source_stage == BLANK_STAGE


def test_the_generic_profile_keeps_the_sheet_names() -> None:
    entries = suggested_stage_map(STAGES, ["En pause"], GENERIC)
    assert targets(entries) == [
        ("Suspect", "Suspect"),
        ("Prospect qualifié", "Prospect qualifié"),
        ("Rendez-vous", "Rendez-vous"),
        ("Proposition envoyée", "Proposition envoyée"),
        ("Négociation", "Négociation"),
        ("Gagné", "Gagné"),
        ("Perdu", "Perdu"),
        ("En pause", "En pause"),
        (BLANK_STAGE, "Suspect"),
    ]


def test_a_later_run_appends_rows_for_new_stages_and_keeps_the_user_edits() -> None:
    edited = [
        StageMapEntry(e.source_stage, "Ventes", "closedwon" if e.source_stage == "Gagné" else "x")
        for e in suggested_stage_map(STAGES, [], HUBSPOT)
    ]
    later = suggested_stage_map(STAGES, ["En pause"], HUBSPOT)
    completed, added = completed_stage_map(edited, later)
    assert added == 1
    assert completed == [*edited, StageMapEntry("En pause", "default", "")]


def test_stages_already_in_the_map_are_matched_without_case_or_accents() -> None:
    existing = [StageMapEntry("NEGOCIATION", "default", "contractsent")]
    completed, added = completed_stage_map(existing, suggested_stage_map(STAGES, [], HUBSPOT))
    assert added == 7
    assert [e.source_stage for e in completed] == [
        "NEGOCIATION",
        "Suspect",
        "Prospect qualifié",
        "Rendez-vous",
        "Proposition envoyée",
        "Gagné",
        "Perdu",
        BLANK_STAGE,
    ]


def test_stage_lookup_folds_names_and_the_first_row_wins() -> None:
    lookup = stage_lookup(
        [StageMapEntry("Négociation", "p", "1"), StageMapEntry("negociation", "p", "2")]
    )
    assert lookup == {"negociation": StageMapEntry("Négociation", "p", "1")}


def test_owners_missing_from_the_map_get_a_row_without_email() -> None:
    existing = [OwnerEntry("marie", "marie@acme.fr", "Marie Dupont")]
    completed, added = completed_owners(existing, ["Marie", "Paul", "paul", ""])
    assert added == 1
    assert completed == [*existing, OwnerEntry("Paul", "", "Paul")]
    assert owner_lookup(completed)["paul"] == OwnerEntry("Paul", "", "Paul")


def test_map_files_are_written_header_first() -> None:
    assert stage_map_rows([StageMapEntry("RDV", "default", "qualifiedtobuy")]) == [
        ["source_stage", "target_pipeline", "target_stage"],
        ["RDV", "default", "qualifiedtobuy"],
    ]
    assert owners_rows([OwnerEntry("Marie", "marie@acme.fr", "Marie")]) == [
        ["owner", "email", "crm_user"],
        ["Marie", "marie@acme.fr", "Marie"],
    ]


def test_a_hubspot_map_lists_its_stages_and_its_pipeline_beside_the_rows() -> None:
    rows = stage_map_rows([StageMapEntry("RDV", "default", "qualifiedtobuy")], HUBSPOT)
    header = ["source_stage", "target_pipeline", "target_stage", "crm_stages", "crm_pipelines"]
    assert rows[0] == header
    # seven default stages, so seven rows under the header; the map's one row first
    assert rows[1] == ["RDV", "default", "qualifiedtobuy",
                       "appointmentscheduled = Appointment scheduled",
                       "default = Sales Pipeline"]  # fmt: skip
    assert rows[2] == ["", "", "", "qualifiedtobuy = Qualified to buy", ""]
    assert len(rows) == 8
    # a CRM whose pipeline is not listed (Odoo) has no crm_pipelines column
    assert stage_map_rows([], ODOO)[0] == header[:4]


@pytest.mark.parametrize(
    ("target", "known"),
    [("default", True), ("Sales Pipeline", True), ("sales pipeline", True),
     ("Sales Pipline", False), ("12345678", False)],
)  # fmt: skip
def test_hubspot_pipeline_is_known_by_internal_id_or_label(target: str, known: bool) -> None:
    assert pipeline_known(HUBSPOT, target) is known
    # no pipeline listed: any target passes (Odoo has none to check against)
    assert pipeline_known(ODOO, target)


@pytest.mark.parametrize(
    "target", ["closedwon", "Closed won", "CLOSED WON", "Decision maker bought-in"]
)
def test_hubspot_stage_is_known_by_internal_id_or_label(target: str) -> None:
    assert stage_known(HUBSPOT, target)
    assert not stage_known(HUBSPOT, "Gagné")


def test_stage_map_is_read_back_after_excel_touched_it() -> None:
    grid = [
        [None, None, None],
        ["Source stage", "TARGET_PIPELINE", "target stage"],
        ["'=Suspect", "default", ""],  # the quote the file got against formulas comes off
        ["", "default", "ignored: no source stage"],
        ["Gagné", "default", "closedwon", "a note in a fourth column"],
    ]
    assert read_stage_map(grid) == [
        StageMapEntry("=Suspect", "default", ""),
        StageMapEntry("Gagné", "default", "closedwon"),
    ]


def test_owner_map_is_read_back_with_the_owner_as_default_user() -> None:
    grid = [
        ["owner", "email", "crm_user"],
        ["Marie", " marie@acme.fr ", ""],
        ["Paul", "", "Paul M"],
    ]
    assert read_owners(grid) == [
        OwnerEntry("Marie", "marie@acme.fr", "Marie"),
        OwnerEntry("Paul", "", "Paul M"),
    ]


def test_an_empty_map_file_reads_as_no_rows() -> None:
    assert read_stage_map([]) == []
    assert read_owners([[None, ""]]) == []


def test_a_map_file_without_its_columns_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"stage_map\.csv"):
        read_stage_map([["source", "target"], ["RDV", "x"]])
