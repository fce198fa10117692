"""Each CRM profile's files for the sample workbook: parsed back with csv and pandas,
checked against the profile's documented columns and formats, and against golden files.

Set SALESPIPE_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from salespipe.core.crm.plan import write_plan_file
from salespipe.core.crm.profiles import PROFILES
from salespipe.export import REJECTS_FILE, WARNINGS_FILE, ExportResult, export_workbook
from tests.export.checks import E164, check_import_file, files_of, read_import_file, read_sheet_file
from tests.export.sample import AS_OF, CRMS, OWNERS, write_maps, write_sample

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample") / "pipeline.xlsx")


@pytest.fixture(scope="module")
def exports(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ExportResult]:
    """The sample exported for every CRM, the maps completed as a user would."""
    results = {}
    for crm in CRMS:
        folder = tmp_path_factory.mktemp(crm)
        proposed = export_workbook(sample, crm, folder, as_of=AS_OF, check=True).plan
        fill = (proposed.profile.suggestion.open_stages or ("Prospect qualifié",))[0]
        write_maps(folder, proposed.stage_map, OWNERS, fill)
        results[crm] = export_workbook(sample, crm, folder, as_of=AS_OF)
    return results


@pytest.mark.parametrize("crm", CRMS)
def test_every_file_parses_back_with_the_documented_columns_and_formats(
    crm: str, exports: dict[str, ExportResult]
) -> None:
    result = exports[crm]
    profile = result.plan.profile  # without the columns left out (Odoo)
    assert result.outcome == "ok"
    for spec in profile.files:
        for path in files_of(result.out_dir, spec):
            check_import_file(path, spec, profile)


@pytest.mark.parametrize("crm", CRMS)
def test_row_accounting_of_the_sample(crm: str, exports: dict[str, ExportResult]) -> None:
    result = exports[crm]
    account = result.plan.account
    # rows 4-13: six deals, the duplicate « a1 », a row with nothing to name it, a blank
    # row and the Total row.
    assert (account.read, account.blank, account.exported, account.rejected) == (10, 1, 6, 3)
    assert account.balanced
    deals = PROFILES[crm].file("deals")
    assert deals is not None
    files = files_of(result.out_dir, deals)
    assert sum(len(read_import_file(p, PROFILES[crm])) - 1 for p in files) == 6
    rejects = read_sheet_file(result.out_dir / REJECTS_FILE)
    assert [(r[1], r[2]) for r in rejects[1:]] == [
        ("9", "duplicate_id"),
        ("10", "deal_without_name"),
        ("13", "totals_row"),
    ]
    assert "A1" in rejects[1][3] or "a1" in rejects[1][3]  # the core's message


@pytest.mark.parametrize("crm", CRMS)
def test_companies_and_contacts_are_deduplicated(
    crm: str, exports: dict[str, ExportResult]
) -> None:
    plan = exports[crm].plan
    # « boulangerie dupré » (SIREN, website) = « Boulangerie Dupré SARL »; Garage Martin
    # twice; Cabinet Ferré; Transports Roux.
    assert [c.company_name for c in plan.companies] == [
        "Boulangerie Dupré",
        "Garage Martin",
        "Cabinet Ferré",
        "Transports Roux",
    ]
    boulangerie = plan.companies[0]
    assert (boulangerie.siren, boulangerie.company_domain) == ("732829320", "boulangerie-dupre.fr")
    # Jean Dupont's address typed twice (rows 4 and 6, other case): one contact.
    emails = [c.email for c in plan.contacts]
    assert emails == [
        "jean.dupont@boulangerie-dupre.fr",
        "mc.curie@gmail.com",
        "sophie@cabinet-ferre.fr",
        "hugo@transports-roux.fr",
    ]
    jean = plan.contacts[0]
    assert (jean.first_name, jean.last_name, jean.phone) == ("Jean", "Dupont", "+33612345678")


@pytest.mark.parametrize("crm", CRMS)
def test_every_phone_is_e164_or_reported(crm: str, exports: dict[str, ExportResult]) -> None:
    plan = exports[crm].plan
    phones = [c.phone for c in plan.contacts if c.phone] + [
        c.company_phone for c in plan.companies if c.company_phone
    ]
    assert all(E164.fullmatch(p) for p in phones)
    reported = {(f.row, f.code) for f in plan.findings}
    assert (7, "phone_invalid") in reported  # « 12345 »
    assert (6, "contact_conflict") in reported  # another phone for Jean Dupont


@pytest.mark.parametrize("crm", CRMS)
def test_suspicious_text_is_escaped_and_reported(
    crm: str, exports: dict[str, ExportResult]
) -> None:
    result = exports[crm]
    warnings = read_sheet_file(result.out_dir / WARNINGS_FILE)
    codes = {(int(r[1]), r[4]) for r in warnings[1:]}
    assert (5, "formula_escaped") in codes  # deal name « -10 % fidélité »
    assert (8, "formula_like_text") in codes  # notes « voir cmd|' /C calc'!A0 »
    if PROFILES[crm].file("deals") and any(
        c.field in ("notes", "description")
        for c in PROFILES[crm].file("deals").columns  # type: ignore[union-attr]
    ):
        assert (4, "formula_escaped") in codes  # notes « =HYPERLINK(…) »
        assert (7, "formula_escaped") in codes  # notes « @Paul: … »
    # warnings.csv is for people: its own cells are escaped too
    assert all(not cell or cell[0] not in "=+-@" for row in warnings for cell in row)


def test_zoho_replaces_the_characters_it_refuses(exports: dict[str, ExportResult]) -> None:
    rows = read_import_file(exports["zoho"].out_dir / "zoho_deals.csv", PROFILES["zoho"])
    description = rows[-1][rows[0].index("Description")]
    assert description == "Contact: ”Hugo” / tél. ‹direct›"
    assert any(f.code == "characters_replaced" for f in exports["zoho"].plan.findings)


@pytest.mark.parametrize("crm", ["salesforce", "zoho"])
def test_required_close_dates_are_filled_and_reported(
    crm: str, exports: dict[str, ExportResult]
) -> None:
    plan = exports[crm].plan
    defaulted = sorted(f.row for f in plan.findings if f.code == "close_date_defaulted")
    assert defaulted == [7, 12]


def test_stages_follow_status_per_crm(exports: dict[str, ExportResult]) -> None:
    hubspot = exports["hubspot"].plan.deals.records()
    assert [d["stage"] for d in hubspot] == [
        "decisionmakerboughtin",
        "contractsent",
        "closedwon",
        "closedlost",
        "appointmentscheduled",
        "appointmentscheduled",
    ]
    pipedrive = exports["pipedrive"].plan.deals.records()
    # Pipedrive keeps the stage reached and says won/lost in the status column.
    assert [(d["stage"], d["status"]) for d in pipedrive][2:4] == [
        ("Negotiations Started", "won"),
        ("Demo Scheduled", "lost"),
    ]
    odoo = exports["odoo"].plan.deals.records()
    assert [(d["stage"], d["active"]) for d in odoo][2:4] == [("Gagné", "1"), ("Qualifié", "0")]


def test_ids_are_stable_and_shared_across_crms(exports: dict[str, ExportResult]) -> None:
    ids = {crm: exports[crm].plan.deals.column("deal_id") for crm in CRMS}
    assert len(set(map(tuple, ids.values()))) == 1
    assert len(set(ids["hubspot"])) == 6


def _golden_files(result: ExportResult) -> list[Path]:
    """The import files, their test files, rejects, warnings and the import guide."""
    assert result.guide is not None
    return [p for p, _ in result.files] + result.test_files + [result.guide]


@pytest.mark.parametrize("crm", CRMS)
def test_golden_files(crm: str, exports: dict[str, ExportResult]) -> None:
    result = exports[crm]
    folder = GOLDEN / crm
    produced = {p.name: p.read_bytes() for p in _golden_files(result)}
    if os.environ.get("SALESPIPE_UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, data in produced.items():
            (folder / name).write_bytes(data)
    expected = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert sorted(produced) == sorted(expected)
    for name, data in produced.items():
        assert data == expected[name], f"{crm}/{name} differs from its golden file"


def test_the_core_writes_each_file_to_a_text_stream(exports: dict[str, ExportResult]) -> None:
    result = exports["pipedrive"]
    for spec in result.plan.profile.files:
        stream = io.StringIO(newline="")
        count = write_plan_file(stream, result.plan, spec)
        assert count == len(result.plan.records(spec))
        assert (
            stream.getvalue().encode("utf-8") == (result.out_dir / f"{spec.stem}.csv").read_bytes()
        )
