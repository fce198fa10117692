"""E-mail syntax: the fast pattern and email-validator agree on what is valid."""

from __future__ import annotations

from salespipe.core.reading.emails import email_problem


def test_email_syntax() -> None:
    assert email_problem("camille.martin@boulangeries-lemaire.fr") is None
    assert email_problem("Élodie.Durand@exemple.fr") is None  # internationalised, valid
    for bad in ("jean.dupont@", "jean@@acme.fr", "jean dupont@acme.fr", "jean@acme", "a@b.test"):
        assert email_problem(bad), bad
