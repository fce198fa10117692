"""Contacts of an export: one row per person, by e-mail, else by name within the company."""

from __future__ import annotations

from datetime import date

from salespipe.core.crm.cleaning import clean_email
from salespipe.core.crm.contacts import Contacts
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.profiles import HUBSPOT, SALESFORCE, CrmProfile
from salespipe.core.crm.records import CompanyRow
from salespipe.core.texts import both
from tests.core.factories import make_deal

ACME = CompanyRow("sp_c_e909d3fab313", "ACME")


def contacts(profile: CrmProfile = HUBSPOT, invalid: dict[int, str] | None = None) -> Contacts:
    return Contacts(RowContext.create(profile, "fr", date(2026, 11, 23)), invalid or {})


def test_the_same_email_in_any_case_is_one_contact_and_fills_a_blank_phone() -> None:
    people = contacts()
    first = people.add(make_deal(2, contact="marie DUPONT", email="Marie.Dupont@acme.fr"), ACME)
    again = people.add(
        make_deal(3, contact="Marie", email="marie.dupont@ACME.fr", phone="06 12 34 56 78"), ACME
    )
    assert again is first
    assert people.rows == [first]
    assert first is not None
    assert (first.first_name, first.last_name, first.full_name) == (
        "Marie",
        "Dupont",
        "Marie Dupont",
    )
    assert (first.email, first.phone) == ("marie.dupont@acme.fr", "+33612345678")
    assert (first.company_id, first.company_name) == ("sp_c_e909d3fab313", "ACME")
    assert people.context.findings == []


def test_a_different_phone_for_the_same_contact_is_reported_and_the_first_kept() -> None:
    people = contacts()
    marie = people.add(
        make_deal(2, contact="Marie Dupont", email="marie@acme.fr", phone="06 12 34 56 78"), None
    )
    people.add(
        make_deal(3, contact="Marie Dupont", email="marie@acme.fr", phone="06 98 76 54 32"), None
    )
    assert marie is not None and marie.phone == "+33612345678"
    assert people.context.findings == [
        (
            3,
            "Téléphone",
            "+33698765432",
            "contact_conflict",
            {"key": "marie@acme.fr", "field": "Téléphone", "kept": "+33612345678"},
        ),
    ]


def test_without_email_the_same_name_is_one_contact_within_a_company_only() -> None:
    people = contacts()
    at_acme = people.add(make_deal(5, contact="Paul Martin"), ACME)
    assert people.add(make_deal(6, contact="paul martin"), ACME) is at_acme
    elsewhere = people.add(make_deal(7, contact="Paul Martin"), None)
    assert elsewhere is not at_acme
    assert [(c.full_name, c.company_id) for c in people.rows] == [
        ("Paul Martin", "sp_c_e909d3fab313"),
        ("Paul Martin", ""),
    ]


def test_a_phone_without_a_person_goes_to_the_company_else_is_reported() -> None:
    people = contacts()
    company = CompanyRow("sp_c_1", "ACME")
    assert people.add(make_deal(8, phone="01 23 45 67 89"), company) is None
    assert company.company_phone == "+33123456789"
    assert people.add(make_deal(9, phone="06 12 34 56 78"), company) is None
    assert company.company_phone == "+33123456789"
    assert people.context.findings == [(9, "Téléphone", "+33612345678", "phone_unattached", {})]


def test_invalid_emails_and_phones_are_left_out_with_the_reason() -> None:
    no_at = "An email address must have an @-sign."  # the core's reason (reading.emails)
    people = contacts(invalid={9: no_at})
    jean = people.add(make_deal(9, contact="Jean Bon", email="jean.bon", phone="123"), ACME)
    formula = people.add(make_deal(10, contact="X", email="=cmd@x.fr"), None)
    assert jean is not None and (jean.full_name, jean.email, jean.phone) == ("Jean Bon", "", "")
    assert formula is not None and formula.email == ""
    assert clean_email("=cmd@x.fr")[1]  # a reason is given
    assert people.context.findings == [
        (9, "E-mail", "jean.bon", "email_invalid", {"reason": no_at}),
        (9, "Téléphone", "123", "phone_invalid", {"reason": both("crm.phone_reason.too_short")}),
        (10, "E-mail", "=cmd@x.fr", "email_invalid", {"reason": clean_email("=cmd@x.fr")[1]}),
    ]  # fmt: skip


def test_no_name_the_email_stands_for_it_and_a_required_last_name_is_reported() -> None:
    optional = contacts(HUBSPOT).add(make_deal(2, email="contact@boulangerie.fr"), None)
    assert optional is not None
    assert (optional.last_name, optional.full_name) == ("", "contact@boulangerie.fr")
    people = contacts(SALESFORCE)
    required = people.add(make_deal(2, email="contact@boulangerie.fr"), None)
    assert required is not None
    assert (required.last_name, required.full_name) == ("contact@boulangerie.fr",) * 2
    assert people.context.findings == [
        (2, "Contact", None, "last_name_defaulted", {"crm": "Salesforce"})
    ]


def test_no_name_and_no_email_is_no_contact() -> None:
    people = contacts()
    assert people.add(make_deal(2, company="ACME"), ACME) is None
    assert people.rows == []


def test_business_domains_are_collected_for_companies_without_one() -> None:
    people = contacts()
    with_site = CompanyRow("sp_c_2", "Beta", company_domain="beta.fr")
    people.add(make_deal(2, email="marie@acme.fr"), ACME)
    people.add(make_deal(3, email="paul@gmail.com"), ACME)
    people.add(make_deal(4, email="lea@beta.fr"), with_site)
    assert people.mail_domains == {"sp_c_e909d3fab313": {"acme.fr"}}
