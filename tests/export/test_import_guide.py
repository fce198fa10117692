"""What a user gets beside the import files (issue 12): the import guide in their
language, the test files of the first deals, a summary in one language, the map files
listing the CRM's stages, and what no file carries said with its reason.

The sample workbook (tests/export/sample.py) exported with the maps a user completes;
expected values worked out by hand from its rows.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from salespipe.core.crm.cleaning import phone_problem
from salespipe.core.crm.maps import StageMapEntry
from salespipe.core.crm.profiles import PROFILES
from salespipe.export import SUMMARY_FILE, WARNINGS_FILE, ExportResult, export_workbook
from tests.export.checks import check_import_file, read_sheet_file
from tests.export.sample import AS_OF, OWNERS, write_maps, write_sample


def _export(tmp_path: Path, crm: str, lang: str = "fr", **targets: str) -> ExportResult:
    """The sample exported for ``crm``; ``targets`` overrides stage-map targets (keys are
    the source stages with spaces as underscores), the rest as proposed."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = write_sample(tmp_path / "pipeline.xlsx")
    out = tmp_path / "out"
    proposed = export_workbook(source, crm, out, as_of=AS_OF, check=True).plan
    wanted = {k.replace("_", " "): v for k, v in targets.items()}
    stage_map = [StageMapEntry(e.source_stage, e.target_pipeline,
                               wanted.get(e.source_stage, e.target_stage))
                 for e in proposed.stage_map]  # fmt: skip
    fill = proposed.profile.suggestion.open_stages[:1] or ("Suspect",)
    write_maps(out, stage_map, OWNERS, fill[0])
    return export_workbook(source, crm, out, as_of=AS_OF, lang=lang)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def test_the_guide_is_french_by_default_and_names_the_fields_to_create(tmp_path: Path) -> None:
    result = _export(tmp_path, "zoho")
    assert result.outcome == "ok"
    assert result.guide == result.out_dir / "LISEZ-MOI-IMPORT.md"
    guide = result.guide.read_text("utf-8")
    # the unique custom field of each module, with Zoho's own flag
    assert "| Deals | `salespipe ID` | Single Line | Do not allow duplicate values |" in guide
    assert "« Find duplicates using » = salespipe ID" in guide
    assert "MM/dd/yyyy" in guide and "UTF-8" in guide
    # the order with the counts and the test file of each import file
    assert "| 3 | `zoho_deals.csv` | 6 | `zoho_deals_test.csv` |" in guide
    # the mapping of each column, and what no file carries
    assert (
        "| `Contact Name` | e-mail du contact, par lequel l'import retrouve le contact |" in guide
    )
    assert "Date de création (6 affaire(s))" in guide


def test_the_english_guide_replaces_the_french_one(tmp_path: Path) -> None:
    _export(tmp_path, "hubspot")
    result = _export(tmp_path, "hubspot", lang="en")
    names = {p.name for p in result.out_dir.iterdir()}
    assert "README-IMPORT.md" in names and "LISEZ-MOI-IMPORT.md" not in names
    guide = (result.out_dir / "README-IMPORT.md").read_text("utf-8")
    assert "| Deals | `Deal salespipe ID` | Single-line text | Require unique values" in guide


def test_salesforce_guide_gives_the_bulk_api_commands_in_import_order(tmp_path: Path) -> None:
    guide = _export(tmp_path, "salesforce", lang="en").guide
    assert guide is not None
    text = guide.read_text("utf-8")
    commands = re.findall(r"sf data (upsert|import) bulk --sobject (\w+)", text)
    assert commands == [
        ("upsert", "Account"),
        ("upsert", "Contact"),
        ("upsert", "Opportunity"),
        ("import", "OpportunityContactRole"),
    ]
    assert "| Opportunity | `Salespipe_Id__c` | Text(20) | External ID + Unique |" in text
    assert "Data Import Wizard does not import opportunities" in text


@pytest.mark.parametrize("crm", ["hubspot", "pipedrive", "salesforce", "odoo", "zoho"])
def test_test_files_hold_the_first_five_deals_and_what_they_link_to(
    crm: str, tmp_path: Path
) -> None:
    result = _export(tmp_path, crm)
    profile = result.plan.profile
    deals = profile.file("deals")
    assert deals is not None
    full = check_import_file(result.out_dir / f"{deals.stem}.csv", deals, profile)
    test = check_import_file(result.out_dir / f"{deals.stem}_test.csv", deals, profile)
    assert len(test) == 5 and test == full[:5]
    companies = profile.file("companies")
    assert companies is not None
    kept = check_import_file(result.out_dir / f"{companies.stem}_test.csv", companies, profile)
    # the first five deals are at Boulangerie Dupré (twice), Garage Martin (twice) and
    # Cabinet Ferré: Transports Roux (the sixth deal's) is left out
    assert len(kept) == 3
    assert not any("Transports Roux" in v for row in kept for v in row.values())


def test_the_summary_is_in_one_language(tmp_path: Path) -> None:
    french = _export(tmp_path / "fr", "pipedrive")
    said = (french.out_dir / SUMMARY_FILE).read_text("utf-8")
    assert "Feuille « Pipeline » : 10 lignes = 6 exportée(s)" in said
    assert re.search(r"pipedrive_deals\.csv +6 lignes", said)
    for english in ("Sheet", " rows", "Warnings", "Files written", "Stage map", "reused"):
        assert english not in said
    english = _export(tmp_path / "en", "pipedrive", lang="en")
    said = (english.out_dir / SUMMARY_FILE).read_text("utf-8")
    assert "Sheet 'Pipeline': 10 rows = 6 exported + 3 rejected + 1 blank" in said
    for french_word in ("Feuille", "lignes", "Fichiers", "Table des", "relance"):
        assert french_word not in said


def test_the_stage_map_lists_the_crm_stages_and_warns_of_a_stage_it_does_not_have(
    tmp_path: Path,
) -> None:
    source = write_sample(tmp_path / "pipeline.xlsx")
    first = export_workbook(source, "hubspot", tmp_path / "first", as_of=AS_OF)
    assert first.outcome == "maps_to_fill"
    rows = read_sheet_file(first.stage_map.path)
    assert rows[0] == ["source_stage", "target_pipeline", "target_stage", "crm_stages"]
    assert [r[3] for r in rows[1:8]] == [
        "appointmentscheduled = Appointment scheduled",
        "qualifiedtobuy = Qualified to buy",
        "presentationscheduled = Presentation scheduled",
        "decisionmakerboughtin = Decision maker bought-in",
        "contractsent = Contract sent",
        "closedwon = Closed won",
        "closedlost = Closed lost",
    ]
    result = _export(tmp_path / "second", "hubspot", Négociation="Contract sent", Gagné="Signé")
    # the label « Contract sent » is known; « Signé » (the Gagné row, the 6th of the map)
    # is not: a warning naming the map file, its row, column and value, not a block
    assert result.outcome == "ok"
    warned = [
        r for r in read_sheet_file(result.out_dir / WARNINGS_FILE) if r[4] == "stage_not_in_crm"
    ]
    assert [r[:4] for r in warned] == [["stage_map.csv", "7", "target_stage", "Signé"]]
    assert "inconnue du pipeline par défaut de HubSpot" in warned[0][5]


def test_an_odoo_xml_id_or_a_french_default_stage_is_known(tmp_path: Path) -> None:
    result = _export(tmp_path, "odoo", Négociation="crm.stage_lead3", Gagné="Gagné")
    assert not [f for f in result.plan.findings if f.code == "stage_not_in_crm"]


def test_every_zoho_deal_has_the_unique_key_and_its_contact_by_email(tmp_path: Path) -> None:
    result = _export(tmp_path, "zoho")
    deals = _rows(result.out_dir / "zoho_deals.csv")
    contacts = _rows(result.out_dir / "zoho_contacts.csv")
    keys = [d["salespipe ID"] for d in deals]
    assert all(re.fullmatch(r"sp_d_[0-9a-f]{12}", k) for k in keys)
    assert len(set(keys)) == len(deals) == 6
    # two « Site vitrine »-like names would collide on Deal Name: the key is the ID
    emails = {c["Email"] for c in contacts if c["Email"]}
    linked = [d["Contact Name"] for d in deals if d["Contact Name"]]
    assert linked and set(linked) <= emails
    by_name = {d["Deal Name"]: d["Contact Name"] for d in deals}
    assert by_name["Site vitrine"] == "jean.dupont@boulangerie-dupre.fr"
    assert by_name["Formation"] == ""  # no contact: linked by its account only


def test_every_rejected_phone_says_why() -> None:
    assert phone_problem("12345") == "too_short"
    assert phone_problem("+999 1234") == "country_code"
    assert phone_problem("06 12 34 56 78 90") == "too_long"
    assert phone_problem("tel") == "not_a_number"
    assert phone_problem("0033 4 00 00 00 00") == "not_assigned"
    assert phone_problem("06 12 34 56 78") == ""


def test_the_invalid_phone_of_the_sample_is_named_with_its_reason(tmp_path: Path) -> None:
    result = _export(tmp_path, "hubspot")
    phones = [r for r in read_sheet_file(result.out_dir / WARNINGS_FILE) if r[4] == "phone_invalid"]
    assert [r[:4] for r in phones] == [["Pipeline", "7", "Téléphone", "12345"]]
    assert "« 12345 » : trop peu de chiffres ; non exporté" in phones[0][5]


def test_values_no_file_carries_are_listed_with_their_reason(tmp_path: Path) -> None:
    result = _export(tmp_path, "hubspot", lang="en")
    said = (result.out_dir / SUMMARY_FILE).read_text("utf-8")
    # « Dernier contact » typed on rows 4 and 8, « Source » on four exported rows
    assert "  Last contact (2 deal(s)): used to date the next follow-up" in said
    assert "  Source (4 deal(s)): HubSpot has no standard field for it" in said
    # the generic files carry everything: nothing listed
    generic = _export(tmp_path / "generic", "generic")
    assert generic.plan.not_exported == {}
    deals = _rows(generic.out_dir / "deals.csv")
    assert [d["last_contact_date"] for d in deals][:1] == ["2026-11-10"]


def test_every_profile_lists_its_custom_fields_with_a_flag_for_updates() -> None:
    for crm in ("hubspot", "salesforce", "zoho"):
        flags = {f.flag for f in PROFILES[crm].custom_fields if "SIREN" not in f.name}
        assert all(flags), crm
