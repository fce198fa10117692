"""Pipedrive's own record IDs read back from its export and put into the next one.

The export files themselves are tested in tests/export/test_pipedrive_ids.py; here the
core functions on grids and rows.
"""

from __future__ import annotations

import pytest

from salespipe.core.crm.ids import (
    CrmIdEntry,
    CrmIdMap,
    CrmIdReport,
    apply_crm_ids,
    read_crm_ids,
    recognised_headers,
)
from salespipe.core.crm.records import CompanyRow, ContactRow, Table
from salespipe.core.errors import ConfigError

DEAL_1, DEAL_2, DEAL_3 = "sp_d_023a8c51743a", "sp_d_31fa775dd966", "sp_d_5e753ebf361f"
MARIE, PAUL = "sp_p_aaaaaaaaaaaa", "sp_p_bbbbbbbbbbbb"

EXPORT = [
    ["Deal - ID", "Deal - salespipe ID", "Deal - Title", "Person - ID", "Person - salespipe ID"],
    ["101", DEAL_1, "Site web", "7", MARIE],
    ["102", "", "Créée dans Pipedrive", "", ""],
    ["103", DEAL_3.upper(), "ERP", "", ""],
    [None, None, None, None, None],
]


def test_ids_are_read_by_header_with_the_row_they_come_from() -> None:
    found = read_crm_ids(EXPORT, "deals.csv")
    assert found.ids == {DEAL_1: "101", MARIE: "7", DEAL_3: "103"}
    assert found.kinds == {"d", "p"}
    assert found.without_id == 1  # the deal created in Pipedrive
    assert found.sources == ["deals.csv"]
    assert found.entries[DEAL_3] == CrmIdEntry("103", "deals.csv", 4, "Deal - salespipe ID")
    assert recognised_headers(EXPORT[0]) == 4


def test_ids_go_into_the_records_of_the_kinds_the_export_covers() -> None:
    companies = [CompanyRow("sp_c_cccccccccccc", "ACME")]
    contacts = [
        ContactRow(MARIE, "Marie", "Dupont", "Marie Dupont"),
        ContactRow(PAUL, "Paul", "Martin", "Paul Martin"),
    ]
    deals = Table({"deal_id": [DEAL_1, DEAL_2]}, 2)
    tasks = Table({"deal_id": [DEAL_1]}, 1)
    report, unused = apply_crm_ids(
        read_crm_ids(EXPORT, "deals.csv"), companies, contacts, deals, tasks
    )
    assert deals.column("crm_id") == ["101", ""]
    assert tasks.column("deal_crm_id") == ["101"]
    assert [c.crm_id for c in contacts] == ["7", ""]
    assert companies[0].crm_id == ""  # no organisation IDs were given
    assert report == CrmIdReport(
        sources=("deals.csv",),
        ids=3,
        without_id=1,
        to_update={"p": 1, "d": 1},
        to_create={"p": 1, "d": 1},
        not_exported=1,
    )
    assert unused == [(DEAL_3, CrmIdEntry("103", "deals.csv", 4, "Deal - salespipe ID"))]


def test_a_deal_whose_id_depends_on_row_order_is_created_not_updated() -> None:
    deals = Table({"deal_id": [DEAL_1]}, 1)
    report, unused = apply_crm_ids(
        CrmIdMap.from_ids({DEAL_1: "5"}), [], [], deals, Table({}, 0), repeated={DEAL_1}
    )
    assert deals.column("crm_id") == [""]
    assert (report.to_update, report.to_create, unused) == ({"d": 0}, {"d": 1}, [])


def test_a_plain_mapping_needs_salespipe_ids_and_digits() -> None:
    assert CrmIdMap.from_ids({DEAL_1: "5"}).ids == {DEAL_1: "5"}
    with pytest.raises(ConfigError, match="12a"):
        CrmIdMap.from_ids({DEAL_1: "12a"})


def test_one_pipedrive_record_for_two_salespipe_records_is_refused() -> None:
    ids = CrmIdMap.from_ids({DEAL_1: "5"})
    with pytest.raises(ConfigError, match=DEAL_3):
        ids.add(DEAL_3, CrmIdEntry("5", "deals.csv", 3, "Deal - salespipe ID"))
    with pytest.raises(ConfigError) as error:
        ids.add(DEAL_1, CrmIdEntry("6", "deals.csv", 3, "Deal - salespipe ID"))
    assert error.value.message("en").startswith("deals.csv, row 3")
    assert str(error.value).startswith("deals.csv, ligne 3")
    assert ids.ids == {DEAL_1: "5"}


def test_the_same_pair_twice_is_fine() -> None:
    ids = read_crm_ids(EXPORT, "deals.csv")
    read_crm_ids(EXPORT, "deals-again.csv", into=ids)
    assert ids.ids == {DEAL_1: "101", MARIE: "7", DEAL_3: "103"}
    assert ids.sources == ["deals.csv", "deals-again.csv"]
    assert ids.entries[DEAL_1].source == "deals.csv"  # where it was first found
