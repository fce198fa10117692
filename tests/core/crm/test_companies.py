"""Companies of an export: one row per company however the sheet spells it."""

from __future__ import annotations

import hashlib
from datetime import date

from salespipe.core.crm.companies import Companies, SourceExtras
from salespipe.core.crm.contacts import Contacts
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.profiles import HUBSPOT
from tests.core.factories import make_deal


def companies() -> Companies:
    return Companies(RowContext.create(HUBSPOT, "fr", date(2026, 11, 23)))


def test_the_same_company_spelt_differently_is_merged() -> None:
    book = companies()
    first = book.add(make_deal(2, company="ACME SAS"), None)
    assert book.add(make_deal(3, company="Acme"), None) is first
    assert book.add(make_deal(4, company="acme s.a.s."), None) is first
    assert len(book.rows) == 1
    assert first is not None and first.company_name == "ACME SAS"  # as first typed
    digest = hashlib.blake2s(b"name:acme", digest_size=6).hexdigest()
    assert first.company_id == f"sp_c_{digest}"


def test_a_later_row_adds_the_siren_and_website_and_the_siren_merges_other_names() -> None:
    book = companies()
    acme = book.add(make_deal(2, company="ACME"), None)
    extras = SourceExtras(siren="732 829 320", website="https://www.acme.fr/contact")
    assert book.add(make_deal(3, company="Acme"), extras) is acme
    assert acme is not None
    assert (acme.siren, acme.company_domain) == ("732829320", "acme.fr")
    # Same SIREN under another name: the same legal entity.
    assert (
        book.add(make_deal(4, company="Acme Industries"), SourceExtras(siren="732829320")) is acme
    )
    assert len(book.rows) == 1
    assert book.context.findings == []


def test_two_sirens_are_two_companies_even_under_one_name() -> None:
    book = companies()
    first = book.add(make_deal(2, company="ACME"), SourceExtras(siren="732829320"))
    second = book.add(make_deal(3, company="ACME"), SourceExtras(siren="552100554"))
    assert first is not second
    assert [(c.company_name, c.siren) for c in book.rows] == [
        ("ACME", "732829320"),
        ("ACME", "552100554"),
    ]


def test_an_invalid_siren_or_website_is_reported_and_left_out() -> None:
    book = companies()
    gamma = book.add(
        make_deal(6, company="Gamma"), SourceExtras(siren="123", website="pas un site")
    )
    assert gamma is not None and (gamma.siren, gamma.company_domain) == ("", "")
    assert book.context.findings == [
        (6, "SIREN", "123", "siren_invalid", {}),
        (6, "Site web", "pas un site", "website_invalid", {}),
    ]


def test_a_deal_without_company_has_none() -> None:
    book = companies()
    assert book.add(make_deal(2), SourceExtras(siren="732829320")) is None
    assert book.rows == []


def test_company_names_are_escaped_and_reported() -> None:
    book = companies()
    company = book.add(make_deal(2, company="=HYPERLINK(1)"), None)
    assert company is not None and company.company_name == "'=HYPERLINK(1)"
    assert book.context.findings == [
        (2, "Société", "=HYPERLINK(1)", "formula_escaped", {"char": "="})
    ]


def test_a_business_email_domain_of_one_company_alone_becomes_its_domain() -> None:
    context = RowContext.create(HUBSPOT, "fr", date(2026, 11, 23))
    book, people = Companies(context), Contacts(context, {})
    for row, company, email in [
        (2, "ACME", "marie@acme.fr"),
        (3, "Beta", "paul@beta.fr"),
        (4, "Beta", "lea@beta-group.fr"),  # two domains: which one is unknown
        (5, "Gamma", "x@gmail.com"),  # a mailbox provider, nobody's domain
        (6, "Delta", "y@shared.fr"),  # one domain for two companies
        (7, "Epsilon", "z@shared.fr"),
    ]:
        people.add(make_deal(row, email=email), book.add(make_deal(row, company=company), None))
    book.take_email_domains(people.mail_domains)
    assert [(c.company_name, c.company_domain) for c in book.rows] == [
        ("ACME", "acme.fr"),
        ("Beta", ""),
        ("Gamma", ""),
        ("Delta", ""),
        ("Epsilon", ""),
    ]


def test_a_domain_already_taken_by_a_website_is_not_given_again() -> None:
    context = RowContext.create(HUBSPOT, "fr", date(2026, 11, 23))
    book, people = Companies(context), Contacts(context, {})
    book.add(make_deal(2, company="ACME"), SourceExtras(website="www.acme.fr"))
    other = book.add(make_deal(3, company="ACME Services"), None)
    people.add(make_deal(3, email="marie@acme.fr"), other)
    book.take_email_domains(people.mail_domains)
    assert [c.company_domain for c in book.rows] == ["acme.fr", ""]
