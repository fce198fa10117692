"""plan_export: a parsed pipeline to everything one CRM export writes, every row accounted for."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from salespipe.core.crm.maps import OwnerEntry, StageMapEntry
from salespipe.core.crm.plan import ExportPlan, plan_export, plan_file_parts, write_plan_file
from salespipe.core.crm.profiles import HUBSPOT, PIPEDRIVE, Entity, FileSpec
from salespipe.core.errors import ConfigError
from salespipe.core.reading.pipeline import load_pipeline

AS_OF = date(2026, 11, 23)
GRID: list[list[Any]] = [
    ["Suivi commercial"],
    [],
    ["ID", "Affaire", "Société", "Contact", "E-mail", "Commercial", "Étape", "Statut",
     "Montant HT", "Date de clôture prévue"],
    ["A1", "Site web", "ACME", "Marie Dupont", "marie@acme.fr", "Marie", "Rendez-vous",
     "en cours", 50000, date(2026, 12, 15)],
    ["A2", "CRM", "Acme SAS", "Marie Dupont", "MARIE@ACME.FR", "Paul", "En pause", "en cours",
     20000, None],
    ["a1", "Doublon", "ACME", None, None, "Marie", "Rendez-vous", "", 1, None],
    [None] * 10,
    ["A3", "=cmd|' /C calc'!A0", "Beta", None, "pas-un-mail", "Marie", "Gagné", "gagné", 10000,
     date(2026, 10, 1)],
    ["Total", None, None, None, None, None, None, None, 80001, None],
]  # fmt: skip
MARIE = OwnerEntry("Marie", "marie@acme.fr", "Marie")


def file_spec(entity: Entity) -> FileSpec:
    spec = HUBSPOT.file(entity)
    assert spec is not None
    return spec


def plan(**options: Any) -> ExportPlan:
    pipeline = load_pipeline({"Pipeline": GRID}, "suivi.xlsx")
    return plan_export(pipeline, HUBSPOT, as_of=AS_OF, owners=[MARIE], source_grid=GRID, **options)


def test_every_row_below_the_header_is_exported_rejected_or_blank() -> None:
    account = plan().account
    assert (account.sheet, account.read, account.blank) == ("Pipeline", 6, 1)
    assert (account.exported, account.rejected) == (3, 2)
    assert account.balanced


def test_rejected_rows_are_quoted_as_typed() -> None:
    rejects = plan().rejects
    assert [(r.row, r.code, r.content) for r in rejects] == [
        (6, "duplicate_id", "a1 | Doublon | ACME | Marie | Rendez-vous | 1"),
        (9, "totals_row", "Total | 80001"),
    ]
    assert all(r.message for r in rejects)


def test_the_same_company_and_contact_on_two_rows_are_one_record_each() -> None:
    result = plan()
    assert result.rows(file_spec("companies")) == [
        ("sp_c_e909d3fab313", "ACME", "acme.fr", "", ""),
        ("sp_c_fe4788dd62ef", "Beta", "", "", ""),
    ]
    assert [(c.full_name, c.email) for c in result.contacts] == [("Marie Dupont", "marie@acme.fr")]
    assert result.deals.column("contact_id") == ["sp_p_89e6dc3e1fb1"] * 2 + [""]


def test_values_changed_or_left_out_are_findings_in_row_order() -> None:
    findings = plan().findings
    assert [(f.row, f.column, f.value, f.code) for f in findings] == [
        (8, "E-mail", "pas-un-mail", "email_invalid"),
        (8, "Affaire", "=cmd|' /C calc'!A0", "formula_escaped"),
    ]
    assert {f.sheet for f in findings} == {"Pipeline"}


def test_a_first_run_proposes_both_maps_and_says_what_blocks() -> None:
    result = plan()
    assert result.stage_map_added == 9  # seven stages, « En pause », the blank stage
    assert StageMapEntry("En pause", "default", "") in result.stage_map
    assert (result.owners_added, result.owners) == (1, [MARIE, OwnerEntry("Paul", "", "Paul")])
    assert [(b.code, b.subject, b.deals) for b in result.blocking] == [
        ("unmapped_stage", "En pause", 1),
        ("owner_without_email", "Paul", 1),
    ]


def test_completed_maps_unblock_the_export() -> None:
    first = plan()
    stage_map = [
        StageMapEntry(e.source_stage, e.target_pipeline, e.target_stage or "qualifiedtobuy")
        for e in first.stage_map
    ]
    owners = [MARIE, OwnerEntry("Paul", "paul@acme.fr", "Paul")]
    pipeline = load_pipeline({"Pipeline": GRID}, "suivi.xlsx")
    second = plan_export(pipeline, HUBSPOT, as_of=AS_OF, stage_map=stage_map, owners=owners)
    assert second.blocking == []
    assert (second.stage_map_added, second.owners_added) == (0, 0)
    assert second.deals.column("stage") == ["presentationscheduled", "qualifiedtobuy", "closedwon"]
    assert second.deals.column("owner") == ["marie@acme.fr", "paul@acme.fr", "marie@acme.fr"]


def test_a_file_of_the_plan_is_written_to_a_text_stream_header_first() -> None:
    result = plan()
    stream = io.StringIO()
    count = write_plan_file(stream, result, file_spec("contacts"))
    assert count == 1
    assert stream.getvalue().splitlines() == [
        '"Contact salespipe ID","First name","Last name","Email","Phone number","Company name",'
        '"Company salespipe ID"',
        '"sp_p_89e6dc3e1fb1","Marie","Dupont","marie@acme.fr","","ACME","sp_c_e909d3fab313"',
    ]


def test_a_file_is_split_at_max_rows_with_the_header_in_each_part() -> None:
    spec = file_spec("deals")
    parts = plan_file_parts(plan(), spec, max_rows=2)
    assert [count for _, count in parts] == [2, 1]
    header = '"' + '","'.join(spec.headers) + '"\n'
    assert all(text.startswith(header) for text, _ in parts)
    assert parts[1][0].splitlines()[1].startswith('"sp_d_f71a88c4c249","\'=cmd|')


def test_crm_ids_are_for_pipedrive_only() -> None:
    with pytest.raises(ConfigError, match="Pipedrive"):
        plan(crm_ids={})
    pipeline = load_pipeline({"Pipeline": GRID}, "suivi.xlsx")
    with_ids = plan_export(pipeline, PIPEDRIVE, as_of=AS_OF, crm_ids={"sp_c_e909d3fab313": "42"})
    assert with_ids.crm_ids is not None and with_ids.crm_ids.to_update == {"c": 1}
    assert [c.crm_id for c in with_ids.companies] == ["42", ""]
