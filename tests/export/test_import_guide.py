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
from salespipe.core.crm.plan import CORE_REJECT_CODES, NEXT_FIELDS
from salespipe.core.crm.profiles import PROFILES
from salespipe.core.texts import CATALOGUE, counted
from salespipe.export import SUMMARY_FILE, WARNINGS_FILE, ExportResult, export_workbook
from tests.export.checks import check_import_file, read_sheet_file
from tests.export.sample import AS_OF, OWNERS, write_maps, write_sample


def _export(
    tmp_path: Path, crm: str, lang: str = "fr", pipeline: str | None = None, **targets: str
) -> ExportResult:
    """The sample exported for ``crm``; ``targets`` overrides stage-map targets (keys are
    the source stages with spaces as underscores), ``pipeline`` every row's target
    pipeline, the rest as proposed."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = write_sample(tmp_path / "pipeline.xlsx")
    out = tmp_path / "out"
    proposed = export_workbook(source, crm, out, as_of=AS_OF, check=True).plan
    wanted = {k.replace("_", " "): v for k, v in targets.items()}
    stage_map = [StageMapEntry(e.source_stage, pipeline or e.target_pipeline,
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
    assert "Date de création (6 affaires)" in guide


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
    # the same five rows; Pipedrive's without the follow-up a deal row would create
    # (test_pipedrive_test_deals_get_their_follow_ups_once)
    on_rows = profile.followups_by_crm_id
    followup = [c.header for c in deals.columns if on_rows and c.field in NEXT_FIELDS]
    assert len(test) == 5 and test == [r | dict.fromkeys(followup, "") for r in full[:5]]
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
    assert "Feuille « Pipeline » : 10 lignes = 6 exportées" in said
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
    header = ["source_stage", "target_pipeline", "target_stage", "crm_stages", "crm_pipelines"]
    assert rows[0] == header
    # HubSpot's default pipeline, its internal ID and its label, on the first row only
    assert [r[4] for r in rows[1:3]] == ["default = Sales Pipeline", ""]
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


def test_a_map_warning_names_the_row_the_user_sees_after_a_blank_row(tmp_path: Path) -> None:
    # the map of the test above, with a blank line typed after its third row: « Signé »
    # (the Gagné row) moves from row 7 to row 8 of the file, and the warning follows it
    _export(tmp_path, "hubspot", Gagné="Signé")
    stage_map = tmp_path / "out" / "stage_map.csv"
    lines = stage_map.read_text("utf-8").splitlines(keepends=True)
    stage_map.write_text("".join([*lines[:3], "\n", *lines[3:]]), "utf-8")
    result = export_workbook(tmp_path / "pipeline.xlsx", "hubspot", tmp_path / "out", as_of=AS_OF)
    warned = [
        r for r in read_sheet_file(result.out_dir / WARNINGS_FILE) if r[4] == "stage_not_in_crm"
    ]
    assert [r[:4] for r in warned] == [["stage_map.csv", "8", "target_stage", "Signé"]]
    assert "ligne 8" in warned[0][5]


def test_hubspot_labels_typed_in_the_map_are_known_and_written_as_typed(
    tmp_path: Path,
) -> None:
    # the fallback the guide gives if HubSpot's import refuses the internal IDs: every
    # target of the map typed as its label (keys: the map's source stages, "_" for " ")
    labels = {"Suspect": "Appointment scheduled", "Prospect_qualifié": "Qualified to buy",
              "Rendez-vous": "Presentation scheduled",
              "Proposition_envoyée": "Decision maker bought-in",
              "Négociation": "Contract sent", "Gagné": "Closed won", "Perdu": "Closed lost",
              "Relance_téléphonique": "Qualified to buy",
              "(sans_étape)": "Appointment scheduled"}  # fmt: skip
    result = _export(tmp_path, "hubspot", pipeline="Sales Pipeline", **labels)
    assert result.outcome == "ok"
    codes = {f.code for f in result.plan.findings}
    assert not codes & {"stage_not_in_crm", "pipeline_not_in_crm"}
    deals = _rows(result.out_dir / "hubspot_deals.csv")
    # by hand from the sample: A1 « Proposition envoyée », A2 « Négociation », A3 won,
    # A4 lost (HubSpot's won and lost are stages), Chatbot « Relance téléphonique »,
    # B1 « Suspect »; all in the pipeline typed
    assert [(d["Deal name"], d["Pipeline"], d["Deal stage"]) for d in deals] == [
        ("Site vitrine", "Sales Pipeline", "Decision maker bought-in"),
        ("'-10 % fidélité", "Sales Pipeline", "Contract sent"),
        ("Audit", "Sales Pipeline", "Closed won"),
        ("Formation", "Sales Pipeline", "Closed lost"),
        ("Chatbot", "Sales Pipeline", "Qualified to buy"),
        ("Logiciel", "Sales Pipeline", "Appointment scheduled"),
    ]
    guide = result.guide.read_text("utf-8")
    assert "remplacez `default` par le nom du pipeline (colonne crm_pipelines)" in guide


def test_a_hubspot_pipeline_that_is_not_the_default_one_is_warned_of_once_a_row(
    tmp_path: Path,
) -> None:
    result = _export(tmp_path, "hubspot", pipeline="Sales Pipline")
    assert result.outcome == "ok"
    warned = [
        r for r in read_sheet_file(result.out_dir / WARNINGS_FILE) if r[4] == "pipeline_not_in_crm"
    ]
    # one a row of the map: its nine rows (seven stages of the stage table, « Relance
    # téléphonique », « (sans étape) »), rows 2 to 10 of the file
    assert [r[:4] for r in warned] == [
        ["stage_map.csv", str(row), "target_pipeline", "Sales Pipline"] for row in range(2, 11)
    ]
    assert "différent du pipeline par défaut de HubSpot" in warned[0][5]
    summary = (result.out_dir / SUMMARY_FILE).read_text("utf-8")
    assert "pipeline absent du CRM" in summary


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
    assert "  Last contact (2 deals): used to date the next follow-up" in said
    assert "  Source (4 deals): HubSpot has no standard field for it" in said
    # the generic files carry everything: nothing listed
    generic = _export(tmp_path / "generic", "generic")
    assert generic.plan.not_exported == {}
    deals = _rows(generic.out_dir / "deals.csv")
    assert [d["last_contact_date"] for d in deals][:1] == ["2026-11-10"]


def test_every_profile_lists_its_custom_fields_with_a_flag_for_updates() -> None:
    for crm in ("hubspot", "salesforce", "zoho"):
        flags = {f.flag for f in PROFILES[crm].custom_fields if "SIREN" not in f.name}
        assert all(flags), crm


@pytest.mark.parametrize(
    ("crm", "insert_only"),
    [
        ("hubspot", "hubspot_tasks"),
        ("salesforce", "salesforce_contact_roles"),
        ("pipedrive", "pipedrive_activities"),
    ],
)
def test_a_file_the_crm_only_inserts_from_gets_no_test_file(
    crm: str, insert_only: str, tmp_path: Path
) -> None:
    """HubSpot tasks, Salesforce contact roles (``sf data import bulk``) and Pipedrive
    activities have no key to update by: a test file of them, then the full file, would
    create the test's rows twice (the full file holds them too). No test file; step 3 says
    to import the file once."""
    result = _export(tmp_path, crm)
    names = {p.name for p in result.out_dir.iterdir()}
    assert f"{insert_only}.csv" in names and f"{insert_only}_test.csv" not in names
    assert f"{insert_only}_test.csv" not in {p.name for p in result.test_files}
    guide = result.guide.read_text("utf-8") if result.guide else ""
    step3 = guide.partition("## 3.")[2].partition("## 4.")[0]
    assert f"{insert_only}_test.csv" not in step3
    if crm != "pipedrive":  # its activities file is empty on a first export
        assert f"`{insert_only}.csv` une seule fois" in step3
    assert "met à jour les enregistrements de l'essai" not in step3 or crm == "salesforce"


@pytest.mark.parametrize("crm", ["hubspot", "pipedrive", "salesforce", "odoo", "zoho", "generic"])
def test_no_test_file_is_empty_and_no_empty_file_is_in_the_import_order(
    crm: str, tmp_path: Path
) -> None:
    result = _export(tmp_path, crm)
    for path in result.test_files:
        assert len(_rows(path)) >= 1, path.name
    guide = result.guide.read_text("utf-8") if result.guide else ""
    order = re.findall(r"^\| \d+ \| `([^`]+)` \| (\d+) \|", guide, re.MULTILINE)
    assert order and all(int(rows) > 0 for _, rows in order)
    written = {p.name: n for p, n in result.files}
    assert {name for name, _ in order} == {n for n, rows in written.items() if rows} - {
        "rejects.csv",
        "warnings.csv",
    }


def test_pipedrive_test_deals_get_their_follow_ups_once(tmp_path: Path) -> None:
    """Pipedrive: the test import, the IDs read back, a new export, the full import. The
    test deals are created once (the full file updates them by their Pipedrive ID) and
    so is each of their follow-ups: not on the test rows, in the activities file after."""
    first = _export(tmp_path, "pipedrive")
    guide = first.guide.read_text("utf-8") if first.guide else ""
    assert "relancez `salespipe export`" in guide
    assert "`pipedrive_activities.csv`" not in guide.partition("| Ordre |")[2].partition("##")[0]
    out = first.out_dir
    test_deals = _rows(out / "pipedrive_deals_test.csv")
    assert [d["Activity - Subject"] for d in test_deals] == [""] * 5
    full = _rows(out / "pipedrive_deals.csv")
    # the sample's follow-ups: « Site vitrine » (the first deal) has one
    assert full[0]["Activity - Subject"] == "Relance n°3 : Site vitrine"
    # the test import done, the user exports the five deals' IDs from Pipedrive
    ids = [["Deal - ID", "Deal - salespipe ID"]]
    ids += [[str(101 + i), d["Deal - salespipe ID"]] for i, d in enumerate(test_deals)]
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(ids)
    (out / "pipedrive_ids.csv").write_text(buffer.getvalue(), "utf-8")
    again = export_workbook(tmp_path / "pipeline.xlsx", "pipedrive", out, as_of=AS_OF)
    assert again.outcome == "ok"
    deals = _rows(out / "pipedrive_deals.csv")
    known = {d["Deal - salespipe ID"]: d["Pipedrive System ID - Deal"] for d in deals}
    assert [known[d["Deal - salespipe ID"]] for d in test_deals] == [
        "101",
        "102",
        "103",
        "104",
        "105",
    ]
    activities = _rows(out / "pipedrive_activities.csv")
    created = [d.get("Activity - Subject") for d in test_deals + deals]
    created += [a["Activity - Subject"] for a in activities]
    assert created.count("Relance n°3 : Site vitrine") == 1
    # the first and the fifth test deals have a follow-up: each in the file once, by ID
    assert [a["Pipedrive System ID - Deal"] for a in activities] == ["101", "105"]
    assert all(created.count(a["Activity - Subject"]) == 1 for a in activities)
    # the new guide lists the activities file in the order, to import once
    guide = again.guide.read_text("utf-8") if again.guide else ""
    assert "| `pipedrive_activities.csv` | 2 |" in guide


def test_the_french_summary_names_each_code_in_words(tmp_path: Path) -> None:
    """Rejects and warnings by code: the French label first, the code (as in
    rejects.csv and warnings.csv) in brackets; counts agree with their number."""
    result = _export(tmp_path, "pipedrive")
    said = (result.out_dir / SUMMARY_FILE).read_text("utf-8")
    lines = [line.strip() for line in said.splitlines()]
    by_code = {line.rpartition("  ")[0].strip(): line.rpartition(" ")[2] for line in lines}
    # the sample: rows 5 (duplicate ID), 11 (no name), 12 (totals); two SIRENs, one phone
    assert by_code["ID en double (duplicate_id)"] == "1"
    assert by_code["affaire sans nom (deal_without_name)"] == "1"
    assert by_code["ligne de total (totals_row)"] == "1"
    assert by_code["SIREN invalide (siren_invalid)"] == "2"
    assert by_code["téléphone invalide (phone_invalid)"] == "1"
    assert by_code["date de gain ou perte manquante (close_time_missing)"] == "1"
    assert not {"totals_row", "phone_invalid", "duplicate_id"} & set(by_code)
    assert "Feuille « Pipeline » : 10 lignes = 6 exportées + 3 rejetées + 1 vide" in said
    assert "(s)" not in said and "(s)" not in (
        result.guide.read_text("utf-8") if result.guide else ""
    )


@pytest.mark.parametrize("crm", sorted(PROFILES))
def test_every_code_an_export_gives_has_a_short_label(crm: str, tmp_path: Path) -> None:
    plan = _export(tmp_path, crm).plan
    codes = {r.code for r in plan.rejects} | {f.code for f in plan.findings}
    codes |= set(CORE_REJECT_CODES)
    assert [c for c in sorted(codes) if f"crm.code.{c}" not in CATALOGUE] == []


def test_french_counts_take_the_singular_below_two() -> None:
    assert [counted("crm.count.deals", n, "fr") for n in (0, 1, 2)] == [
        "0 affaire",
        "1 affaire",
        "2 affaires",
    ]
    assert [counted("crm.count.deals", n, "en") for n in (0, 1, 2)] == [
        "0 deals",
        "1 deal",
        "2 deals",
    ]
    assert counted("crm.guide.rejects", 1, "fr").startswith("1 ligne de la feuille rejetée,")
    assert counted("crm.count.blank", 0, "fr") == "0 vide"
