"""Cleaning for CRM imports: phones to E.164, e-mails, SIREN (Luhn), names, companies."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salespipe.core.crm.cleaning import (
    clean_email,
    company_domain_of_email,
    company_key,
    domain_of_website,
    luhn_valid,
    phone_e164,
    siren_of,
    split_person_name,
    strip_control_characters,
    tidy_company_name,
)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033 6 98 76 54 32", "+33698765432"),
        ("612345678", "+33612345678"),  # an Excel number cell lost the leading 0
        ("02 97 00 00 00", "+33297000000"),
        ("01-23-45-67-89", "+33123456789"),
        ("06\u00a012\u00a034\u00a056\u00a078", "+33612345678"),  # no-break spaces
        # narrow no-break spaces, as Word types them: taken although libphonenumber
        # refuses them (salespipe.core.crm.cleaning._SEP)
        ("06\u202f12\u202f34\u202f56\u202f78", "+33612345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+1 415 555 2671", "+14155552671"),
        ("12345", None),
        ("06 12 34 56", None),
        ("00 00 00 00 00", None),
        ("0612345678 poste 12", None),
        ("n/a", None),
    ],
)
def test_phone_e164(typed: str, e164: str | None) -> None:
    assert phone_e164(typed) == e164


def _library(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize("prefix", [f"{n:03d}" for n in range(100, 1000)])
def test_fast_path_agrees_with_libphonenumber_on_every_french_prefix(prefix: str) -> None:
    for suffix in ("000000", "123456", "999999"):
        national = "0" + prefix + suffix
        assert phone_e164(national) == _library(national), national
        assert phone_e164("+33 " + national[1:]) == _library("+33 " + national[1:])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 .-+()", min_size=1, max_size=20))
def test_phone_e164_is_libphonenumbers_answer(text: str) -> None:
    assert phone_e164(text) == _library(text)


@pytest.mark.parametrize(
    ("typed", "address", "dropped"),
    [
        (" Jean.Dupont@Exemple.FR ", "jean.dupont@exemple.fr", False),
        ("contact at acme.fr", None, True),
        ("jean@@x.fr", None, True),
        ("=cmd@x.fr", None, True),  # valid syntax, but starts a formula
        ("+promo@x.fr", None, True),
        ("", None, False),
    ],
)
def test_clean_email(typed: str, address: str | None, dropped: bool) -> None:
    result, why = clean_email(typed)
    assert result == address
    assert bool(why) == dropped


def test_company_domain_of_email_ignores_free_mail() -> None:
    assert company_domain_of_email("a@acme.fr") == "acme.fr"
    assert company_domain_of_email("a@gmail.com") is None
    assert company_domain_of_email("a@orange.fr") is None


@pytest.mark.parametrize(
    ("typed", "domain"),
    [
        ("https://www.Acme.fr/contact", "acme.fr"),
        ("www.acme.fr", "acme.fr"),
        ("acme.fr", "acme.fr"),
        ("http://shop.acme.co.uk:8080/x?y", "shop.acme.co.uk"),
        ("acme", None),
        ("voir site", None),
    ],
)
def test_domain_of_website(typed: str, domain: str | None) -> None:
    assert domain_of_website(typed) == domain


@pytest.mark.parametrize(
    ("typed", "siren"),
    [
        ("732 829 320", "732829320"),
        ("732829320", "732829320"),
        ("732 829 320 00074", "732829320"),  # a SIRET: its SIREN
        ("356 000 000 00048", "356000000"),  # La Poste: SIRET exempt from the check
        ("123 456 789", None),  # fails Luhn
        ("73282932000075", None),  # SIRET failing Luhn
        ("12345", None),
        ("SIREN inconnu", None),
    ],
)
def test_siren_of(typed: str, siren: str | None) -> None:
    assert siren_of(typed) == siren


def test_luhn() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("Jean Dupont", "Jean", "Dupont"),
        ("jean dupont", "Jean", "Dupont"),
        ("DUPONT Jean", "Jean", "Dupont"),
        ("jean DUPONT", "Jean", "Dupont"),
        ("M. Le Goff", None, "Le Goff"),
        ("Mme Marie-Claire CURIE", "Marie-Claire", "Curie"),
        ("jean-pierre de la fontaine", "Jean-Pierre", "de La Fontaine"),
        ("DE LA FONTAINE Jean", "Jean", "de La Fontaine"),
        ("Sophie", None, "Sophie"),
        ("Ronald McDonald", "Ronald", "McDonald"),
        ("", None, None),
    ],
)
def test_split_person_name(typed: str, first: str | None, last: str | None) -> None:
    assert split_person_name(typed) == (first, last)


def test_company_names() -> None:
    assert tidy_company_name("boulangerie dupré sarl") == "Boulangerie Dupré SARL"
    assert tidy_company_name("mairie de vannes") == "Mairie de Vannes"
    assert tidy_company_name("ACME") == "ACME"
    assert tidy_company_name("SCI Kerlann") == "SCI Kerlann"
    same = {"ACME S.A.S.", "Acme SAS", "acme", "  ACME  "}
    assert {company_key(n) for n in same} == {"acme"}
    assert company_key("SCI") == "sci"
    assert company_key("Dupont et Fils") == company_key("Dupont & Fils")


def test_strip_control_characters() -> None:
    assert strip_control_characters("a\x07b\u200bc") == "abc"
    text = "déjà vu"
    assert strip_control_characters(text) is text
