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


def test_the_pattern_keeps_to_the_lengths_and_domains_the_library_accepts() -> None:
    # 64 characters before the @, 63 a label, 254 in all; beyond, or a special-use domain
    # in any case, the library judges (and refuses all but the long local part).
    label = "b" * 63
    longest = f"{'a' * 64}@{label}.{label}.{'c' * 58}.fr"
    assert len(longest) == 254
    for good in (longest, f"{'a' * 64}@{label}.fr"):
        assert _plainly_valid(good) and email_problem(good) is None, good
    assert not _plainly_valid(f"{'a' * 65}@acme.fr")
    for bad in (f"a@{'b' * 64}.fr", "a" + longest, "anne@acme.TEST", "anne@acme.Local"):
        assert not _plainly_valid(bad), bad
        assert email_problem(bad), bad


def test_letters_outside_ascii_are_left_to_the_library() -> None:
    # « ſ », « ı », « İ » and the Kelvin sign match ASCII letters under re.IGNORECASE; the
    # pattern takes ASCII letters only, so the library judges them: it accepts these, and
    # refuses a special-use domain spelt with a long s (the pattern used to accept it).
    for address in ("\u017fam@acme.fr", "sam@a\u212ame.fr", "\u0131@acme.com"):
        assert not _plainly_valid(address) and email_problem(address) is None, address
    assert email_problem("anne@acme.te\u017ft")
