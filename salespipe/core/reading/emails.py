"""E-mail syntax checks: a fast pattern for the common address, email-validator for the rest."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A conservative shape every address of which email-validator also accepts; only
# addresses outside it are handed to the library, which is ~30 µs a call and is imported
# only then (its import takes 40 ms, which a column of plain addresses need not pay).
# Domain labels take single hyphens only: a label with "--" may be punycode ("xn--…") or
# break IDNA's rule on hyphens in positions 3-4, which only the library can judge.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9]+(?:[._+-][a-z0-9]+)*@(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,24}", re.IGNORECASE
)
_LONGEST_LABEL = 63  # RFC 1035
#: email-validator's SPECIAL_USE_DOMAIN_NAMES, which it refuses (a test checks they match).
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
_SPECIAL_TLDS = tuple("." + d for d in SPECIAL_USE_DOMAINS)


def _plainly_valid(address: str) -> bool:
    """True for an address of the conservative shape email-validator always accepts."""
    return bool(
        len(address) <= 254
        and _PLAIN_EMAIL.fullmatch(address)
        and len(address.partition("@")[0]) <= 64
        and max(map(len, address.partition("@")[2].split("."))) <= _LONGEST_LABEL
        and not address.lower().endswith(_SPECIAL_TLDS)
    )


def email_problem(address: str) -> str | None:
    """Why ``address`` is not a valid e-mail address (syntax only), or None."""
    if _plainly_valid(address):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def email_problems(addresses: Sequence[str | None]) -> dict[int, str]:
    """Position → reason for every invalid address of a column (blanks are fine)."""
    suspects = [i for i, a in enumerate(addresses) if a is not None and not _plainly_valid(a)]
    problems = {i: email_problem(addresses[i]) for i in suspects}  # type: ignore[arg-type]
    return {i: why for i, why in problems.items() if why}
