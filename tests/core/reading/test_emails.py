"""E-mail syntax: the fast pattern and email-validator agree on what is valid."""

from __future__ import annotations

import email_validator
from hypothesis import given, settings
from hypothesis import strategies as st

from salespipe.core.reading.emails import SPECIAL_USE_DOMAINS, _plainly_valid, email_problem


def test_email_syntax() -> None:
    assert email_problem("camille.martin@boulangeries-lemaire.fr") is None
    assert email_problem("Élodie.Durand@exemple.fr") is None  # internationalised, valid
    for bad in ("jean.dupont@", "jean@@acme.fr", "jean dupont@acme.fr", "jean@acme", "a@b.test"):
        assert email_problem(bad), bad


def test_the_special_use_domains_are_email_validator_s() -> None:
    # Kept in salespipe so that plain addresses are checked without importing the library.
    assert tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_USE_DOMAINS
    assert email_problem("anne@example.local") is not None  # refused, by the library too


def test_addresses_only_the_library_can_judge_are_refused_as_it_refuses_them() -> None:
    # Shaped like plain addresses, but invalid for email-validator: punycode that decodes to
    # nothing, hyphens in positions 3-4 of a label, a label past 63 characters.
    for bad in ("a@xn--zz.fr", "jean@ab--cd.fr", "a@a---b.fr", f"a@{'x' * 64}.fr"):
        assert email_problem(bad), bad


_LABEL = st.text(alphabet="abcz09-", min_size=1, max_size=70)
_LOCAL = st.text(alphabet="abz09._+-", min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(
    local=_LOCAL,
    labels=st.lists(_LABEL, min_size=1, max_size=3),
    tld=st.sampled_from(["fr", "com", "test", "xn--p1ai"]),
)
def test_the_fast_pattern_never_accepts_what_the_library_refuses(
    local: str, labels: list[str], tld: str
) -> None:
    address = f"{local}@{'.'.join(labels)}.{tld}"
    if _plainly_valid(address):
        email_validator.validate_email(address, check_deliverability=False)  # must not raise
