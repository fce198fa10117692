"""The CRM profiles as data: every column names a field the export computes."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from salespipe.core.crm.profiles import PROFILES
from salespipe.core.crm.records import CompanyRow, ContactRow
from salespipe.export import export_workbook
from tests.export.sample import AS_OF, CRMS, OWNERS, write_maps, write_sample


def test_every_crm_of_the_issue_has_a_profile() -> None:
    assert set(PROFILES) == set(CRMS)


@pytest.mark.parametrize("crm", CRMS)
def test_profile_files_are_well_formed(crm: str) -> None:
    profile = PROFILES[crm]
    stems = [f.stem for f in profile.files]
    assert len(set(stems)) == len(stems)
    for spec in profile.files:
        assert len(set(spec.headers)) == len(spec.headers), spec.stem
        assert any(c.required for c in spec.columns), spec.stem
        for column in spec.columns:
            assert (column.kind == "code") == bool(column.values), column
    assert profile.delimiter == "," and profile.encoding == "utf-8"
    assert profile.file("deals") is not None


@pytest.mark.parametrize("crm", CRMS)
def test_every_column_names_a_computed_field(crm: str, tmp_path: Path) -> None:
    source = write_sample(tmp_path / "pipeline.xlsx")
    proposed = export_workbook(source, crm, tmp_path, as_of=AS_OF, check=True).plan
    write_maps(tmp_path, proposed.stage_map, OWNERS, "x")
    plan = export_workbook(source, crm, tmp_path, as_of=AS_OF).plan
    known = {
        "companies": {f.name for f in fields(CompanyRow)},
        "contacts": {f.name for f in fields(ContactRow)},
        "deals": set(plan.deals.columns),
        "contact_roles": set(plan.deals.columns),
        "tasks": set(plan.tasks.columns),
    }
    for spec in PROFILES[crm].files:
        missing = [c.field for c in spec.columns if c.field not in known[spec.entity]]
        assert missing == [], (spec.stem, missing)
