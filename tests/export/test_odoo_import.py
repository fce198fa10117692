"""Odoo's opportunities import as Odoo's own importer reads them (issue 12).

What Odoo's source does with the file (cited in docs/crm_export.md):
``ir.fields.converter.for_model`` turns a present-but-blank cell into False, so a blank
``probability`` is 0 % and every column that is blank on every row blanks that field of
each record a re-import updates; ``BaseModel._extract_records`` with
``_referencing_subfield`` refuses a row that fills both ``stage_id`` and ``stage_id/id``
(hence one stage column per file); ``db_id_for`` takes ``crm.stage_lead1`` as it is.

The sample workbook (tests/export/sample.py) exported with the maps a user completes:
expected values worked out by hand from its rows and the default stage table.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from salespipe.core.crm.maps import StageMapEntry
from salespipe.export import ExportResult, export_workbook
from tests.export.checks import check_import_file
from tests.export.sample import AS_OF, OWNERS, write_maps, write_sample


def _export(tmp_path: Path, targets: dict[str, str] | None = None) -> ExportResult:
    """The sample exported for Odoo; ``targets`` overrides stage-map targets by source
    stage, the rest as proposed (the unknown « Relance téléphonique » → Nouveau)."""
    source = write_sample(tmp_path / "pipeline.xlsx")
    out = tmp_path / "out"
    proposed = export_workbook(source, "odoo", out, as_of=AS_OF, check=True).plan
    stage_map = [
        StageMapEntry(e.source_stage, e.target_pipeline, (targets or {}).get(e.source_stage, ""))
        if e.source_stage in (targets or {})
        else e
        for e in proposed.stage_map
    ]
    write_maps(out, stage_map, OWNERS, "Nouveau")
    result = export_workbook(source, "odoo", out, as_of=AS_OF)
    assert result.outcome == "ok"
    return result


@pytest.fixture(scope="module")
def odoo(tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    return _export(tmp_path_factory.mktemp("odoo"))


def _rows(result: ExportResult, stem: str) -> list[dict[str, str]]:
    text = (result.out_dir / f"{stem}.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_opportunity_has_a_probability_won_100_lost_0(odoo: ExportResult) -> None:
    deals = _rows(odoo, "odoo_opportunities")
    # Site vitrine: « Proposition envoyée » 60 %; -10 % fidélité: typed 30 %; Audit won;
    # Formation lost; Chatbot: a stage the table does not know (0, reported); Logiciel:
    # « Suspect » 10 %.
    assert [(d["name"], d["probability"]) for d in deals] == [
        ("Site vitrine", "60"),
        ("'-10 % fidélité", "30"),
        ("Audit", "100"),
        ("Formation", "0"),
        ("Chatbot", "0"),
        ("Logiciel", "10"),
    ]
    defaulted = [f for f in odoo.plan.findings if f.code == "probability_defaulted"]
    assert [(f.row, f.value) for f in defaulted] == [(8, "Relance téléphonique")]
    assert "Relance téléphonique" in defaulted[0].message


def test_default_stages_go_by_xml_id_and_no_name_column(odoo: ExportResult) -> None:
    deals = _rows(odoo, "odoo_opportunities")
    assert "stage_id" not in deals[0]
    assert [d["stage_id/id"] for d in deals] == [
        "crm.stage_lead3",
        "crm.stage_lead3",
        "crm.stage_lead4",
        "crm.stage_lead2",
        "crm.stage_lead1",
        "crm.stage_lead1",
    ]


def test_lost_reason_goes_to_lost_reason_id(odoo: ExportResult) -> None:
    deals = _rows(odoo, "odoo_opportunities")
    assert [(d["name"], d["lost_reason_id"]) for d in deals if d["lost_reason_id"]] == [
        ("Formation", "Trop cher")
    ]


def test_no_column_is_blank_on_every_row(odoo: ExportResult) -> None:
    plan = odoo.plan
    for spec in plan.profile.files:
        rows = check_import_file(odoo.out_dir / f"{spec.stem}.csv", spec, plan.profile)
        blank = [h for h in spec.headers if all(not r[h] for r in rows)]
        assert blank == [], (spec.stem, blank)
    # the companies' phone (no company phone in the sample) and the name column of the
    # stages are left out; the summary and the guide name the phone only: the stages went
    # by XML ID in ``stage_id/id``, ``stage_id`` was never meant to hold anything
    companies, deals = plan.profile.file("companies"), plan.profile.file("deals")
    assert companies is not None and "phone" not in companies.headers
    assert deals is not None and "stage_id" not in deals.headers
    assert "stage_id/id" in deals.headers
    assert plan.dropped_columns == {"odoo_companies": ("phone",)}
    guide = odoo.guide.read_text("utf-8") if odoo.guide else ""
    for said in (odoo.summary(), guide):
        assert "odoo_companies.csv : phone" in said
        assert "odoo_opportunities.csv : " not in said and ": stage_id" not in said


def test_a_stage_outside_odoos_defaults_puts_every_row_by_name(tmp_path: Path) -> None:
    """« Négociation » mapped to a custom Odoo stage: no XML ID for it, and a file cannot
    mix ``stage_id`` and ``stage_id/id`` (Odoo refuses the row as ambiguous): names."""
    result = _export(tmp_path, {"Négociation": "Négociation"})
    deals = _rows(result, "odoo_opportunities")
    assert "stage_id/id" not in deals[0]
    assert [d["stage_id"] for d in deals] == [
        "Proposition",
        "Négociation",
        "Gagné",
        "Qualifié",
        "Nouveau",
        "Nouveau",
    ]


def test_an_xml_id_typed_in_the_map_is_kept(tmp_path: Path) -> None:
    result = _export(tmp_path, {"Négociation": "crm.stage_lead2", "Gagné": "Won"})
    deals = _rows(result, "odoo_opportunities")
    assert [d["stage_id/id"] for d in deals][1:3] == ["crm.stage_lead2", "crm.stage_lead4"]


def test_the_source_goes_to_odoos_standard_source_field(odoo: ExportResult) -> None:
    """``source_id`` (utm.mixin's Many2one to utm.source on crm.lead) takes the source
    typed in the sheet, by name: the importer creates a source Odoo does not have when
    its option is ticked, as for ``lost_reason_id``; the sheet's Source is no longer
    listed as a value Odoo has no field for."""
    deals = _rows(odoo, "odoo_opportunities")
    # the sample's sources: « Salon Rennes », « Phoning », « Recommandation », none on
    # Formation, « LinkedIn » on Chatbot, none on Logiciel
    assert [d["source_id"] for d in deals] == [
        "Salon Rennes",
        "Phoning",
        "Recommandation",
        "",
        "LinkedIn",
        "",
    ]
    assert "source" not in odoo.plan.not_exported
    guide = odoo.guide.read_text("utf-8") if odoo.guide else ""
    assert "`lost_reason_id` et `source_id` : cochez l'option qui crée les valeurs" in guide
    assert "| `source_id` | source de l'affaire |" in guide
    assert "n'a pas de champ standard" not in guide + odoo.summary()


def test_left_out_columns_are_named_only_when_files_are_written(tmp_path: Path) -> None:
    """The first run stops for the maps: its blank columns are those of a plan still to
    be completed, so the summary says nothing of them; the run that writes the files
    names the companies' phone."""
    source = write_sample(tmp_path / "pipeline.xlsx")
    first = export_workbook(source, "odoo", tmp_path / "first", as_of=AS_OF)
    assert first.outcome == "maps_to_fill"
    assert first.plan.dropped_columns  # computed, not said
    assert "Colonnes laissées de côté" not in first.summary()
    written = _export(tmp_path)
    assert "Colonnes laissées de côté" in written.summary()
