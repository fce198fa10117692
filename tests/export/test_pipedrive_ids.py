"""Pipedrive re-imports update instead of duplicating: the IDs read back from Pipedrive.

A first export is imported (simulated); the user exports deals and people from
Pipedrive (files shaped as Pipedrive gives them: extra columns, free text with
separators, `;` and a BOM as Excel re-saves them, or `,` without BOM as downloaded);
the second export carries each known record's "Pipedrive System ID" and counts what
the import will update and create. Files are real files in tmp_path, parsed back
with csv and pandas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from salespipe.core.crm.ids import CrmIdMap, read_crm_ids
from salespipe.core.crm.plan import plan_export
from salespipe.core.crm.profiles import PIPEDRIVE, PROFILES, CrmProfile, Entity, FileSpec
from salespipe.core.errors import ConfigError, SourceError
from salespipe.core.reading.pipeline import load_pipeline
from salespipe.export import WARNINGS_FILE, ExportResult, export_workbook, read_id_grid
from salespipe.files import read_grids
from tests.export.checks import check_import_file, read_sheet_file, read_with_pandas
from tests.export.sample import AS_OF, complete_maps, write_sample

DEAL_ID = "Pipedrive System ID - Deal"
PERSON_ID = "Pipedrive System ID - Person"
ORG_ID = "Pipedrive System ID - Organization"
GONE = "sp_d_ffffffffffff"  # a deal imported earlier, since deleted from the sheet


@pytest.fixture
def first(tmp_path: Path) -> ExportResult:
    """The sample exported once for Pipedrive, the maps completed as a user would."""
    source = write_sample(tmp_path / "pipeline.xlsx")
    complete_maps(source, "pipedrive", tmp_path / "out")
    result = export_workbook(source, "pipedrive", tmp_path / "out", as_of=AS_OF)
    assert result.outcome == "ok"
    return result


def _spec(profile: CrmProfile, entity: Entity) -> FileSpec:
    spec = profile.file(entity)
    assert spec is not None
    return spec


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def _again(first: ExportResult, **choices: Any) -> ExportResult:
    source = first.out_dir.parent / "pipeline.xlsx"
    return export_workbook(source, "pipedrive", first.out_dir, as_of=AS_OF, **choices)


def _write(path: Path, rows: Sequence[Sequence[object]], delimiter: str, bom: bool) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def _deals_export(first: ExportResult, skip: int = 1) -> list[list[object]]:
    """Pipedrive's deal list export after the first import: its own columns around ours
    (IDs 101…), the deals but the last ``skip`` ones, a deal since deleted from the
    sheet and one created in Pipedrive itself (no salespipe ID)."""
    deals = _rows(first.out_dir / "pipedrive_deals.csv")
    orgs = {
        r["Organization - Name"]: r["Organization - salespipe ID"]
        for r in _rows(first.out_dir / "pipedrive_organizations.csv")
    }
    org_ids = {name: str(501 + i) for i, name in enumerate(orgs)}
    rows: list[list[object]] = [
        [
            "Deal - ID",
            "Deal - Title",
            "Deal - Value",
            "Deal - Notes",
            "Deal - Organization",
            "Deal - salespipe ID",
            "Organization - ID",
            "Organization - salespipe ID",
            "Deal - Creation date",
        ]
    ]
    for number, deal in enumerate(deals[: len(deals) - skip], start=101):
        org = deal["Organization - Name"]
        rows.append(
            [
                number,
                deal["Deal - Title"],
                deal["Deal - Value"],
                'a; b, "c"\nligne 2',
                org,
                deal["Deal - salespipe ID"],
                org_ids.get(org, ""),
                orgs.get(org, ""),
                "2026-11-24 09:12:00",
            ]
        )
    rows.append(
        [
            90,
            "Ancienne affaire",
            "100",
            "",
            "Garage Martin",
            GONE.upper(),
            "502",
            orgs["Garage Martin"],
            "2026-11-24 09:12:00",
        ]
    )
    rows.append([91, "Créée dans Pipedrive", "", "", "", "", "", "", "2026-11-25 10:00:00"])
    return rows


def test_without_id_files_nothing_changes(first: ExportResult) -> None:
    """No ID file: no ID column, the files of a first export (the golden files)."""
    assert first.plan.crm_ids is None
    assert DEAL_ID not in (first.out_dir / "pipedrive_deals.csv").read_text("utf-8")
    assert "ID Pipedrive" not in first.summary()


def test_second_export_updates_known_deals_and_creates_the_others(first: ExportResult) -> None:
    before = {p.name: p.read_bytes() for p in first.out_dir.glob("pipedrive_*.csv")}
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first), ";", bom=True)
    result = _again(first)
    assert result.outcome == "ok"
    plan = result.plan
    # every file parses back with csv and pandas, headers and cells as the profile says
    for spec in plan.profile.files:
        check_import_file(result.out_dir / f"{spec.stem}.csv", spec, plan.profile)
    # the ID column is appended: every other column keeps its place (both follow-ups go
    # to the activities file, so the deal rows' activity columns are left out)
    headers = tuple(h for h in _spec(PIPEDRIVE, "deals").headers if not h.startswith("Activity - "))
    assert _spec(plan.profile, "deals").headers == (*headers, DEAL_ID)
    deals = _rows(result.out_dir / "pipedrive_deals.csv")
    assert [d[DEAL_ID] for d in deals] == ["101", "102", "103", "104", "105", ""]
    frame = read_with_pandas(result.out_dir / "pipedrive_deals.csv", plan.profile)
    assert list(frame[DEAL_ID]) == ["101", "102", "103", "104", "105", ""]
    assert tuple(frame.columns[:-1]) == headers
    # the rest of each row is what the first export wrote
    old = [
        {k: v for k, v in d.items() if not k.startswith("Activity - ")}
        for d in _rows_of(before["pipedrive_deals.csv"])
    ]
    assert [{k: v for k, v in d.items() if k != DEAL_ID} for d in deals] == old
    # organisations came with the deals export: they get their ID too
    orgs = _rows(result.out_dir / "pipedrive_organizations.csv")
    assert [o[ORG_ID] for o in orgs] == ["501", "502", "503", ""]
    # people were not in the file: their file is as before (Pipedrive merges them)
    assert (result.out_dir / "pipedrive_people.csv").read_bytes() == before["pipedrive_people.csv"]
    # follow-ups name their deal by Pipedrive ID (no new deal from an activity row)
    activities = _rows(result.out_dir / "pipedrive_activities.csv")
    assert [a[DEAL_ID] for a in activities] == ["101", "105"]
    assert not any(h.startswith(("Deal - ", "Organization - ", "Person - ")) for h in activities[0])

    report = plan.crm_ids
    assert report is not None
    assert (report.to_update, report.to_create) == ({"d": 5, "c": 3}, {"d": 1, "c": 1})
    assert (report.ids, report.without_id, report.not_exported) == (5 + 1 + 3, 1, 1)
    summary = result.summary()
    ids_file = result.out_dir / "pipedrive_ids.csv"
    assert f"ID Pipedrive : {ids_file} (9 ID, 1 ligne sans ID salespipe)\n" in summary
    assert "  affaires à mettre à jour : 5, à créer : 1\n" in summary
    assert "  organisations à mettre à jour : 3, à créer : 1\n" in summary
    assert "  personnes : aucun ID fourni (importées comme avant)\n" in summary
    assert "  ID sans enregistrement exporté : 1 (voir warnings.csv" in summary
    assert "Après cet import, exportez de nouveau les ID depuis Pipedrive" in summary


def _rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_ids_of_records_no_longer_exported_are_listed_in_warnings(first: ExportResult) -> None:
    rows = _deals_export(first)
    _write(first.out_dir / "pipedrive_ids.csv", rows, ";", bom=True)
    result = _again(first, lang="en")
    warnings = read_sheet_file(result.out_dir / WARNINGS_FILE)
    gone = [w for w in warnings[1:] if w[4] == "crm_id_not_exported"]
    row = next(i for i, r in enumerate(rows, start=1) if r[5] == GONE.upper())
    assert [w[:5] for w in gone] == [
        ["pipedrive_ids.csv", str(row), "Deal - salespipe ID", GONE, "crm_id_not_exported"]
    ]
    assert gone[0][5].startswith(f"File 'pipedrive_ids.csv', row {row}, column 'Deal - salespipe")
    assert "deal 'sp_d_ffffffffffff' (Pipedrive ID 90) is not in this export" in gone[0][5]
    # the sheet's own warnings are all still there, before it
    assert len(warnings) - 1 == len(_again(first, lang="en").plan.findings)
    assert warnings[-1] == gone[0]


def test_people_from_their_own_file_as_pipedrive_downloads_it(first: ExportResult) -> None:
    """A people export beside the deals one: bare headers, `,`, no BOM."""
    people = _rows(first.out_dir / "pipedrive_people.csv")
    rows: list[list[object]] = [["ID", "Name", "Organization", "Email", "salespipe ID", "Labels"]]
    rows += [
        [
            701 + i,
            p["Person - Name"],
            p["Organization - Name"],
            p["Person - Email"],
            p["Person - salespipe ID"],
            "Client, VIP",
        ]
        for i, p in enumerate(people[:3])
    ]
    _write(first.out_dir / "pipedrive_ids_people.csv", rows, ",", bom=False)
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first, skip=0)[:-2], ",", bom=False)
    result = _again(first)
    assert [p.name for p in result.crm_id_files] == [
        "pipedrive_ids.csv",
        "pipedrive_ids_people.csv",
    ]
    spec = _spec(result.plan.profile, "contacts")
    assert spec.headers[-1] == PERSON_ID
    check_import_file(result.out_dir / "pipedrive_people.csv", spec, result.plan.profile)
    assert [p[PERSON_ID] for p in _rows(result.out_dir / "pipedrive_people.csv")] == [
        "701",
        "702",
        "703",
        "",
    ]
    report = result.plan.crm_ids
    assert report is not None
    assert report.to_update == {"d": 6, "p": 3, "c": 4}
    assert report.to_create == {"d": 0, "p": 1, "c": 0}
    assert report.not_exported == 0
    assert "  personnes à mettre à jour : 3, à créer : 1\n" in result.summary()


def test_a_file_given_elsewhere_and_the_same_bytes_on_every_run(
    first: ExportResult, tmp_path: Path
) -> None:
    ids = _write(tmp_path / "export Pipedrive.csv", _deals_export(first), ";", bom=True)
    result = _again(first, crm_ids_path=ids)
    assert result.crm_id_files == [ids]
    once = {p.name: p.read_bytes() for p in result.out_dir.glob("*.csv")}
    _again(first, crm_ids_path=[ids])
    assert {p.name: p.read_bytes() for p in result.out_dir.glob("*.csv")} == once


def test_check_reads_the_ids_and_writes_nothing(first: ExportResult) -> None:
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first), ";", bom=True)
    before = {p.name: p.read_bytes() for p in first.out_dir.iterdir()}
    result = _again(first, check=True)
    assert "  affaires à mettre à jour : 5, à créer : 1\n" in result.summary()
    assert re.search(r"pipedrive_deals\.csv +6 lignes", result.summary())
    assert {p.name: p.read_bytes() for p in first.out_dir.iterdir()} == before


def test_an_excel_download_of_the_export_is_read_too(first: ExportResult) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in _deals_export(first):
        sheet.append(row)  # the IDs as numbers, as Excel holds them
    workbook.save(first.out_dir / "pipedrive_ids.xlsx")
    deals = _rows(_again(first).out_dir / "pipedrive_deals.csv")
    assert [d[DEAL_ID] for d in deals] == ["101", "102", "103", "104", "105", ""]


def test_the_core_takes_a_plain_mapping(first: ExportResult) -> None:
    source = first.out_dir.parent / "pipeline.xlsx"
    pipeline = load_pipeline(read_grids(source), source.name)
    deal_ids = first.plan.deals.column("deal_id")
    stage_map, owners = first.plan.stage_map, first.plan.owners
    plan = plan_export(
        pipeline,
        PIPEDRIVE,
        as_of=AS_OF,
        stage_map=stage_map,
        owners=owners,
        crm_ids={deal_ids[0]: "42"},
    )
    assert plan.deals.column("crm_id") == ["42", "", "", "", "", ""]
    assert _spec(plan.profile, "deals").headers[-1] == DEAL_ID
    assert _spec(plan.profile, "contacts") == _spec(PIPEDRIVE, "contacts")
    with pytest.raises(ConfigError) as error:
        plan_export(pipeline, PROFILES["hubspot"], as_of=AS_OF, crm_ids={deal_ids[0]: "42"})
    assert "Pipedrive only" in error.value.message("en")
    assert "ne sert que pour Pipedrive" in str(error.value)


# --- reading the files: tolerant of Pipedrive's shapes, strict on values -----------------


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("Deal - salespipe ID", "Deal - ID"), ("DEAL - SALESPIPE ID", "deal - id"),
     ("Affaire - salespipe ID", "Affaire - ID"), ("salespipe ID", "ID"),
     ("Deal - salespipe ID", "ID"), ("Deal - Salespipe Id", "Deal - Pipedrive System ID"),
     ("Deal – salespipe ID", "Pipedrive System ID - Deal"), ("ID salespipe", "ID")],
)  # fmt: skip
def test_id_columns_are_found_by_header(ours: str, theirs: str) -> None:
    grid = [["Titre", theirs, "Valeur", ours], ["Audit", "7", "10", "sp_d_0123456789ab"]]
    assert read_crm_ids(grid, "ids.csv").ids == {"sp_d_0123456789ab": "7"}


def test_a_bare_column_takes_its_kind_from_the_prefix_one_kind_per_file() -> None:
    people = [["ID", "salespipe ID"], ["7", "sp_p_0123456789ab"], ["8", "sp_p_0123456789ac"]]
    assert read_crm_ids(people, "ids.csv").kinds == {"p"}
    mixed = [["ID", "salespipe ID"], ["7", "sp_p_0123456789ab"], ["8", "sp_c_0123456789ab"]]
    with pytest.raises(ConfigError) as error:
        read_crm_ids(mixed, "ids.csv")
    assert re.search(r"ids.csv, row 3.*not a person like the rows above", error.value.message("en"))
    assert re.search(r"ids.csv, ligne 3.*pas du même type \(personne\)", str(error.value))


def test_a_deals_id_is_never_paired_with_an_organizations_salespipe_id() -> None:
    """In a deals list, Pipedrive's bare « ID » is the deal's: beside the organisation's
    salespipe ID it would overwrite organisation n° 101 with deal n° 101's data."""
    grid = [
        ["ID", "Title", "Organization", "Organization - salespipe ID"],
        ["101", "Maintenance", "Acme", "sp_c_0123456789ab"],
    ]
    with pytest.raises(ConfigError) as error:
        read_crm_ids(grid, "ids.csv")
    assert "expected 'Organization - ID'" in error.value.message("en")


def test_a_blank_id_column_adds_no_column() -> None:
    grid = [
        ["Deal - ID", "Deal - salespipe ID", "Organization - ID", "Organization - salespipe ID"],
        ["101", "sp_d_0123456789ab", "", ""],
    ]
    assert read_crm_ids(grid, "ids.csv").kinds == {"d"}


def test_excel_resaved_files_are_read_with_their_separator(tmp_path: Path) -> None:
    rows = [
        ["Deal - Title", "Deal - ID", "Deal - salespipe ID"],
        ["Site, vitrine; « spécial »", "7", "sp_d_0123456789ab"],
    ]
    for delimiter, bom, encoding in ((";", True, "utf-8"), (",", False, "utf-8"),
                                     (";", False, "cp1252"), ("\t", False, "utf-8")):  # fmt: skip
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        path = tmp_path / "ids.csv"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))
        grid = read_id_grid(path)
        assert grid[1][0] == "Site, vitrine; « spécial »"
        assert read_crm_ids(grid, "ids.csv").ids == {"sp_d_0123456789ab": "7"}


HEADER = ["Deal - ID", "Deal - Title", "Deal - salespipe ID"]


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ([HEADER, ["7", "Audit", "sp_d_0123"]], "ids.csv, row 2, column 'Deal - salespipe ID': "
         "'sp_d_0123' is not a salespipe ID"),
        ([HEADER, ["7", "A", "sp_d_0123456789ab"], ["x7", "B", "sp_d_0123456789ac"]],
         "ids.csv, row 3: 'x7' is not Pipedrive deal ID"),
        ([HEADER, ["", "Audit", "sp_d_0123456789ab"]], "ids.csv, row 2: no Pipedrive deal ID"),
        ([HEADER, ["7", "Audit", "sp_p_0123456789ab"]], "'sp_p_0123456789ab' is not a salespipe "
         "ID (expected sp_d_"),
        ([HEADER, ["7", "A", "sp_d_0123456789ab"], ["8", "A", "sp_d_0123456789ab"]],
         "ids.csv, row 3: salespipe ID sp_d_0123456789ab has Pipedrive ID 8, but ids.csv, row 2 "
         "gives 7: the deal is in Pipedrive twice"),
        ([HEADER, ["7", "A", "sp_d_0123456789ab"], ["7", "B", "sp_d_0123456789ac"]],
         "Pipedrive deal ID 7 is given to sp_d_0123456789ac, and to sp_d_0123456789ab"),
        ([["Deal - Title", "Deal - salespipe ID"], ["A", "sp_d_0123456789ab"]],
         "column 'Deal - salespipe ID' has no Pipedrive ID column beside it"),
        ([["Deal - ID", "Deal - Title"], ["7", "A"]],
         "ids.csv: no salespipe ID column (looked for 'Deal - salespipe ID' or 'salespipe ID' "
         "beside Pipedrive's 'ID'; found: 'Deal - ID', 'Deal - Title')"),
        ([["ID", "salespipe ID", "Id"]], "columns 'ID' and 'Id' both read as the same ID"),
        ([[], [None, ""]], "ids.csv is empty"),
    ],
)  # fmt: skip
def test_a_malformed_file_is_a_config_error_naming_file_row_and_value(
    grid: list[list[object]], message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        read_crm_ids(grid, "ids.csv")
    assert message in error.value.message("en")
    assert "ids.csv" in str(error.value) and str(error.value) != error.value.message("en")


def test_a_malformed_file_stops_the_export_and_writes_nothing(first: ExportResult) -> None:
    rows = _deals_export(first)
    rows[2][5] = "sp_d_pas-un-id"
    _write(first.out_dir / "pipedrive_ids.csv", rows, ";", bom=True)
    before = {p.name: p.read_bytes() for p in first.out_dir.iterdir()}
    with pytest.raises(ConfigError) as error:
        _again(first)
    assert re.search(r"pipedrive_ids\.csv, row 3, .*'sp_d_pas-un-id'", error.value.message("en"))
    assert {p.name: p.read_bytes() for p in first.out_dir.iterdir()} == before


def test_ids_are_for_pipedrive_only(first: ExportResult, tmp_path: Path) -> None:
    ids = _write(tmp_path / "ids.csv", _deals_export(first), ";", bom=True)
    source = first.out_dir.parent / "pipeline.xlsx"
    with pytest.raises(ConfigError, match="ne sert qu'à Pipedrive : HubSpot") as refused:
        export_workbook(source, "hubspot", tmp_path / "hs", as_of=AS_OF, crm_ids_path=ids)
    assert refused.value.message("en").startswith("--crm-ids is for Pipedrive only: HubSpot ")
    # a pipedrive_ids.csv left in another CRM's folder is not read
    (tmp_path / "hs").mkdir()
    _write(tmp_path / "hs" / "pipedrive_ids.csv", _deals_export(first), ";", bom=True)
    complete_maps(source, "hubspot", tmp_path / "hs")
    assert export_workbook(source, "hubspot", tmp_path / "hs", as_of=AS_OF).plan.crm_ids is None
    with pytest.raises(SourceError, match="introuvable"):
        _again(first, crm_ids_path=tmp_path / "absent.csv")


def test_a_plain_map_has_no_rows_to_name() -> None:
    found = CrmIdMap.from_ids({"sp_d_0123456789ab": "7"})
    assert (found.kinds, found.sources, found.ids) == ({"d"}, [], {"sp_d_0123456789ab": "7"})
    with pytest.raises(ConfigError) as error:
        CrmIdMap.from_ids({"A1": "7"})
    assert "pairs 'A1' with '7'" in error.value.message("en")


def test_the_command_reads_the_ids_in_the_output_folder(
    first: ExportResult, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`salespipe export --crm pipedrive` as it is: the default ID files, and a malformed
    one as one line on stderr with exit code 1."""
    from salespipe.cli import main

    monkeypatch.chdir(first.out_dir.parent)
    args = [
        "export",
        "pipeline.xlsx",
        "--crm",
        "pipedrive",
        "-o",
        "out",
        "--as-of",
        AS_OF.isoformat(),
    ]
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first), ";", bom=True)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
        raise SystemExit(0)
    out = capsys.readouterr().out
    assert exit_info.value.code in (0, None)
    assert "Pipedrive IDs: out/pipedrive_ids.csv (9 IDs" in out
    assert "  deals to update: 5, to create: 1\n" in out
    rows = _deals_export(first)
    rows[3][0] = "n/a"
    _write(first.out_dir / "pipedrive_ids.csv", rows, ";", bom=True)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert (exit_info.value.code, out, err.count("\n")) == (1, "", 1)
    assert "pipedrive_ids.csv, row 4: 'n/a' is not Pipedrive deal ID" in err


def test_the_command_takes_id_files_kept_elsewhere(
    first: ExportResult, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--crm-ids FILE` names the downloads wherever they are; for another CRM it is a
    one-line error."""
    from salespipe.cli import main

    monkeypatch.chdir(first.out_dir.parent)
    downloads = first.out_dir.parent / "downloads"
    downloads.mkdir()
    _write(downloads / "deals-export.csv", _deals_export(first), ",", bom=False)
    base = [
        "export",
        "pipeline.xlsx",
        "-o",
        "out",
        "--as-of",
        AS_OF.isoformat(),
        "--crm-ids",
        "downloads/deals-export.csv",
    ]
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "--crm", "pipedrive"])
        raise SystemExit(0)
    assert exit_info.value.code in (0, None)
    assert "  deals to update: 5, to create: 1\n" in capsys.readouterr().out
    ids = [r[DEAL_ID] for r in _rows(first.out_dir / "pipedrive_deals.csv")]
    assert sorted(filter(None, ids)) == ["101", "102", "103", "104", "105"]
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "--crm", "hubspot"])
    assert exit_info.value.code == 1 and "pipedrive" in capsys.readouterr().err.lower()


def test_deals_whose_id_depends_on_row_order_get_no_pipedrive_id(tmp_path: Path) -> None:
    """Two « Maintenance » deals at Acme, no ID, no creation date: which one is `#2`
    depends on the rows' order, so after a sort Pipedrive's IDs would swap. Neither gets
    one (both are created again) and both rows are reported, for every CRM."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pipeline"
    sheet.append(["Affaire", "Société", "Commercial", "Étape", "Montant HT"])
    sheet.append(["Maintenance", "Acme", "Marie", "Négociation", 1000])
    sheet.append(["Maintenance", "Acme", "Marie", "Rendez-vous", 50000])
    sheet.append(["Audit", "Acme", "Marie", "Rendez-vous", 8000])
    source = tmp_path / "twins.xlsx"
    book.save(source)
    out = tmp_path / "out"
    complete_maps(source, "pipedrive", out)
    first = export_workbook(source, "pipedrive", out, as_of=AS_OF)
    deals = _rows(out / "pipedrive_deals.csv")
    ids = [["Deal - ID", "Deal - salespipe ID"]]
    ids += [[str(201 + n), d["Deal - salespipe ID"]] for n, d in enumerate(deals)]
    _write(out / "pipedrive_ids.csv", ids, ",", bom=False)
    again = export_workbook(source, "pipedrive", out, as_of=AS_OF)
    by_title = [(d["Deal - Title"], d[DEAL_ID]) for d in _rows(out / "pipedrive_deals.csv")]
    assert by_title == [("Maintenance", ""), ("Maintenance", ""), ("Audit", "203")]
    repeated = [f.row for f in again.plan.findings if f.code == "deal_key_repeated"]
    assert (
        repeated == [2, 3] == [f.row for f in first.plan.findings if f.code == "deal_key_repeated"]
    )
