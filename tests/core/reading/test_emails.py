"""E-mail syntax: the fast pattern and email-validator agree on what is valid."""

from __future__ import annotations

import email_validator

from salespipe.core.reading.emails import SPECIAL_USE_DOMAINS, email_problem


def test_email_syntax() -> None:
    assert email_problem("camille.martin@boulangeries-lemaire.fr") is None
    assert email_problem("Élodie.Durand@exemple.fr") is None  # internationalised, valid
    for bad in ("jean.dupont@", "jean@@acme.fr", "jean dupont@acme.fr", "jean@acme", "a@b.test"):
        assert email_problem(bad), bad


def test_the_special_use_domains_are_email_validator_s() -> None:
    # Kept in salespipe so that plain addresses are checked without importing the library.
    assert tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_USE_DOMAINS
    assert email_problem("anne@example.local") is not None  # refused, by the library too
