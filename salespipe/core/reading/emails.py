"""E-mail syntax checks: a fast pattern for the common address, email-validator for the rest."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: email-validator's SPECIAL_USE_DOMAIN_NAMES, which it refuses (a test checks they match).
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")

# A conservative shape every address of which email-validator also accepts; only
# addresses outside it are handed to the library, which is ~30 µs a call and is imported
# only then (its import takes 40 ms, which a column of plain addresses need not pay).
# Domain labels take single hyphens only: a label with "--" may be punycode ("xn--…") or
# break IDNA's rule on hyphens in positions 3-4, which only the library can judge. The
# lengths (RFC 5321: 254 in all, 64 before the @; RFC 1035: 63 a label) and the
# special-use top-level domains (in any case) are checked by the pattern too, so that a
# column of 100 000 addresses costs one match each. ASCII letters only, named in both
# cases: re.IGNORECASE would also take four non-ASCII letters (« ſ », the Kelvin sign…)
# for ASCII ones, and costs twice the time.
_PLAIN_EMAIL = re.compile(
    r"(?=.{1,254}\Z)(?=[^@]{1,64}@)"
    r"[a-zA-Z0-9]+(?:[._+-][a-zA-Z0-9]+)*@"
    r"(?:(?=[a-zA-Z0-9-]{1,63}\.)[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*\.)+"
    rf"(?!(?i:{'|'.join(SPECIAL_USE_DOMAINS)})\Z)[a-zA-Z]{{2,24}}",
    re.DOTALL,
)


def _plainly_valid(address: str) -> bool:
    """True for an address of the conservative shape email-validator always accepts."""
    return _PLAIN_EMAIL.fullmatch(address) is not None


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
