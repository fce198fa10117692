"""Import records: stable external IDs, and deals and tasks held as columns."""

from __future__ import annotations

import hashlib
import re

from salespipe.core.crm.records import CompanyRow, ContactRow, IdMaker, Table


def test_an_id_is_the_kind_prefix_and_twelve_hex_digits_of_the_key_hash() -> None:
    digest = hashlib.blake2s(b"id:d1", digest_size=6).hexdigest()
    assert IdMaker("d").make("id:d1") == f"sp_d_{digest}" == "sp_d_023a8c51743a"


def test_the_same_key_gives_the_same_id_on_every_export() -> None:
    first, second = IdMaker("c"), IdMaker("c")
    assert [first.make(k) for k in ("name:acme", "name:beta")] == [
        second.make(k) for k in ("name:acme", "name:beta")
    ]
    assert first.repeated == set()


def test_a_key_seen_twice_gets_a_numbered_id_and_both_are_marked_order_dependent() -> None:
    ids = IdMaker("d")
    first, again, other = ids.make("id:d1"), ids.make("id:d1"), ids.make("id:d2")
    numbered = "sp_d_" + hashlib.blake2s(b"id:d1#2", digest_size=6).hexdigest()
    assert (first, again) == ("sp_d_023a8c51743a", numbered)
    assert ids.repeated == {first, again}
    assert other not in ids.repeated
    assert len({first, again, other}) == 3


def test_a_task_id_derives_from_its_deal_id() -> None:
    deal_id = IdMaker("d").make("id:d1")
    assert IdMaker("t").derived(deal_id) == "sp_t_023a8c51743a"
    assert re.fullmatch(r"sp_t_[0-9a-f]{12}", IdMaker("t").derived(deal_id))


def test_table_rows_follow_the_fields_asked_and_blank_unknown_fields() -> None:
    table = Table({"deal_id": ["a", "b"], "amount": ["10.00", ""]}, 2)
    assert len(table) == 2
    assert list(table.rows(["amount", "deal_id", "stage"])) == [
        ("10.00", "a", ""),
        ("", "b", ""),
    ]
    assert table.column("stage") == ["", ""]


def test_table_where_keeps_records_with_the_field_filled() -> None:
    table = Table({"deal_id": ["a", "b", "c"], "contact_id": ["p1", "", "p3"]}, 3)
    roles = table.where("contact_id")
    assert len(roles) == 2
    assert roles.records() == [
        {"deal_id": "a", "contact_id": "p1"},
        {"deal_id": "c", "contact_id": "p3"},
    ]


def test_company_and_contact_rows_default_to_blank_cells() -> None:
    company = CompanyRow("sp_c_1", "ACME")
    assert (company.company_domain, company.company_phone, company.siren) == ("", "", "")
    assert (company.is_company, company.crm_id) == ("1", "")
    contact = ContactRow("sp_p_1", "Marie", "Dupont", "Marie Dupont")
    assert (contact.email, contact.phone, contact.company_id, contact.crm_id) == ("", "", "", "")
