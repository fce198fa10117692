"""Cleaning of the values a CRM import needs exact: phones, e-mails, names, companies.

Every function is pure and returns ``None`` (or a reason) for a value it cannot
clean, never a guess: the caller reports what it dropped. Phones become E.164
through Google's libphonenumber (the ``phonenumbers`` package), France being the
default region; e-mail syntax is checked by :func:`salespipe.core.reading.emails.email_problem`
(no network); a SIREN is checked with the Luhn algorithm, as INSEE defines it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import phonenumbers

from salespipe.core.model import fold
from salespipe.core.reading.emails import email_problem

DEFAULT_REGION = "FR"


def _words(text: str) -> frozenset[str]:
    """``"a b c"`` → {"a", "b", "c"}: keeps the word lists below readable."""
    return frozenset(text.split())


# --- phones --------------------------------------------------------------------------

#: A French number in its usual shapes: 06 12 34 56 78, 06.12.34.56.78, 0612345678,
#: +33 6 12 34 56 78, 0033 6…, one separator (space, dot, hyphen, no-break space) between
#: groups at most. The narrow no-break space (U+202F, which French typography and Word put
#: between digit groups) is taken on purpose although libphonenumber refuses it: the
#: number is plain to read (tests/core/crm/test_cleaning.py says so).
#: Anything else goes through libphonenumber's parser.
_SEP = r"[ .\-\u00a0\u202f]?"
_FRENCH_SHAPE = re.compile(
    rf"(?:\+33|0033|0){_SEP}([1-9]){_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d)"
)
#: Number types whose patterns make a number valid (libphonenumber's own order).
_TYPE_DESCS = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


def _national_matcher(region: str) -> Callable[[str], bool]:
    """``is_valid_number`` of libphonenumber for one region's national significant
    numbers, from the library's own metadata, in one regex call instead of ten.

    A number is valid when it matches the region's general pattern and one of its
    number types' patterns, each with its possible lengths (a test checks that this
    agrees with ``phonenumbers.is_valid_number`` on every prefix).
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    assert metadata is not None and metadata.general_desc is not None
    general_lengths = set(metadata.general_desc.possible_length or ())
    general = metadata.general_desc.national_number_pattern or ""
    by_length: dict[int, list[str]] = {}
    for name in _TYPE_DESCS:
        desc = getattr(metadata, name)
        if desc is None or not desc.national_number_pattern:
            continue
        for length in desc.possible_length or general_lengths:
            by_length.setdefault(length, []).append(desc.national_number_pattern)
    # one pattern per length: the general pattern as a look-ahead, then the types'
    typed = {
        n: re.compile(rf"(?=(?:{general})\Z)(?:" + "|".join(f"(?:{p})" for p in ps) + ")")
        for n, ps in by_length.items()
        if not general_lengths or n in general_lengths
    }

    def valid(national: str) -> bool:
        pattern = typed.get(len(national))
        return pattern is not None and pattern.fullmatch(national) is not None

    return valid


_french_valid = _national_matcher("FR")


def phone_e164(text: str, region: str = DEFAULT_REGION) -> str | None:
    """``text`` as an E.164 number (``+33612345678``), or None when it is not a valid
    phone number. Numbers without a country code are read as ``region``'s.

    French numbers in their usual shapes (``06 12 34 56 78``, ``+33 6 12 34 56 78``,
    ``0033…``) skip the full parser (30 µs a call) and are checked against the same
    metadata; every other text goes through ``phonenumbers.parse``.
    """
    if region == "FR":
        match = _FRENCH_SHAPE.fullmatch(text)
        if match:
            national = "".join(match.groups())
            return "+33" + national if _french_valid(national) else None
    return _parsed_e164(text, region)


@lru_cache(maxsize=4096)
def _parsed_e164(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


#: Why libphonenumber refuses a number: parse errors and length checks → reason code.
_PARSE_REASONS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "country_code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not_a_number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too_short",
    phonenumbers.NumberParseException.TOO_LONG: "too_long",
}
_LENGTH_REASONS = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "country_code",
    phonenumbers.ValidationResult.TOO_SHORT: "too_short",
    phonenumbers.ValidationResult.TOO_LONG: "too_long",
    phonenumbers.ValidationResult.INVALID_LENGTH: "length",
}


def phone_problem(text: str, region: str = DEFAULT_REGION) -> str:
    """Why :func:`phone_e164` refuses ``text``, as a code (``crm.phone_reason.<code>``):
    ``not_a_number``, ``country_code``, ``too_short``, ``too_long``, ``length`` (no number
    of the country has that many digits), ``not_assigned`` (the right length, but a
    prefix the country's numbering plan does not use); "" for a valid number."""
    if phone_e164(text, region) is not None:
        return ""
    if region == "FR" and _FRENCH_SHAPE.fullmatch(text):
        return "not_assigned"  # nine digits after the 0 or +33: the length is right
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        return _PARSE_REASONS.get(exc.error_type, "not_a_number")
    reason = phonenumbers.is_possible_number_with_reason(number)
    return _LENGTH_REASONS.get(reason, "not_assigned")


# --- e-mail ----------------------------------------------------------------------------

#: Characters a spreadsheet takes as the start of a formula (OWASP CSV injection),
#: plus their full-width forms, which some spreadsheet locales also accept.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\0＝＋－＠")


def clean_email(text: str) -> tuple[str | None, str | None]:
    """(address trimmed and lower-cased, None) or (None, why it was dropped).

    Syntax only, no network. An address starting with a formula trigger is valid
    syntax (``=x@y.fr``) but is dropped: it cannot be written safely in a cell.
    """
    address = text.strip().lower()
    if not address:
        return None, None
    problem = email_problem(address)
    if problem:
        return None, problem
    if address[0] in FORMULA_TRIGGERS:
        return None, "starts with a formula character"
    return address, None


#: Mailbox providers whose domain says nothing about the company.
FREE_MAIL_DOMAINS = _words(
    "gmail.com googlemail.com hotmail.com hotmail.fr outlook.com outlook.fr live.com live.fr "
    "msn.com yahoo.com yahoo.fr ymail.com icloud.com me.com mac.com aol.com orange.fr "
    "wanadoo.fr free.fr sfr.fr neuf.fr laposte.net bbox.fr numericable.fr club-internet.fr "
    "aliceadsl.fr gmx.fr gmx.com gmx.de protonmail.com proton.me yandex.com mail.com"
)


def company_domain_of_email(address: str) -> str | None:
    """The domain of a (clean) business address; None for free mailbox providers."""
    domain = address.rpartition("@")[2]
    return None if not domain or domain in FREE_MAIL_DOMAINS else domain


_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}")


def domain_of_website(text: str) -> str | None:
    """``"https://www.Acme.fr/contact"`` → ``"acme.fr"``; None when it is not a domain."""
    host = text.strip().lower()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host)
    host = re.split(r"[/?#:\s]", host, maxsplit=1)[0]
    host = host.removeprefix("www.")
    return host if _DOMAIN.fullmatch(host) else None


# --- SIREN -----------------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` passes the Luhn check (as SIREN and SIRET numbers must)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


_NOT_DIGIT = re.compile(r"[\s.\u00a0\u202f-]")


def siren_of(text: str) -> str | None:
    """The 9-digit SIREN in a SIREN (9 digits) or SIRET (14 digits), spaces allowed;
    None when the number is not valid (Luhn) or has another length.

    La Poste's establishments (SIREN 356 000 000) are the documented exception to
    the SIRET check: for them only the SIREN is checked.
    """
    digits = _NOT_DIGIT.sub("", text)
    if not digits.isdigit() or not digits.isascii() or len(digits) not in (9, 14):
        return None
    siren = digits[:9]
    if not luhn_valid(siren):
        return None
    if len(digits) == 14 and siren != "356000000" and not luhn_valid(digits):
        return None
    return siren


# --- names -----------------------------------------------------------------------------

_CIVILITIES = _words(
    "m m. mr mr. mme mme. mlle mlle. monsieur madame mademoiselle dr dr. me me. mrs ms"
)
_PARTICLES = frozenset(("de", "du", "des", "d'", "von", "van", "di", "da"))
#: Words a family name starts with; a name starting with one has no first name.
_NAME_STARTS = _PARTICLES | {"le", "la", "l'", "del", "della"}


@lru_cache(maxsize=65536)
def split_person_name(text: str) -> tuple[str | None, str | None]:
    """(first name, last name) of a contact as typed, civility dropped, casing tidied.

    ``"DUPONT Jean"`` and ``"jean dupont"`` → ("Jean", "Dupont") (words in capitals
    among others are the family name, as French forms write it); ``"M. Le Goff"`` →
    (None, "Le Goff"): a name starting with a particle, or one word alone, is a family
    name, which every CRM requires. ``"jean de la fontaine"`` → ("Jean", "de La
    Fontaine"). Mixed-case words (``McDonald``) are kept as typed.
    """
    words = [w for w in text.split() if w]
    while words and words[0].lower() in _CIVILITIES:
        words = words[1:]
    if not words:
        return None, None
    capitals = [w for w in words if _is_capitals(w)]
    if capitals and len(capitals) < len(words):
        first = [w for w in words if not _is_capitals(w)]
        last = capitals
    elif len(words) == 1 or words[0].lower() in _NAME_STARTS:
        first, last = [], words  # « Sophie », « Le Goff »: a family name alone
    else:
        first, last = words[:1], words[1:]
    first_text = " ".join(_person_case(w, i == 0) for i, w in enumerate(first)) or None
    last_text = " ".join(_person_case(w, i == 0 and not first) for i, w in enumerate(last))
    return first_text, last_text or None


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _person_case(word: str, leading: bool) -> str:
    """``JEAN-PIERRE`` → ``Jean-Pierre``, ``d'ARTOIS`` → ``d'Artois``; mixed case kept."""
    if not (word.isupper() or word.islower()):
        return word
    lower = word.lower()
    if not leading and lower in _PARTICLES:
        return lower
    return _capitalise_parts(lower)


def _capitalise_parts(lower: str) -> str:
    """Capitalise each part between hyphens and after an apostrophe (``o'neil`` → O'Neil)."""
    parts = re.split(r"([-'’])", lower)
    out: list[str] = []
    for index, part in enumerate(parts):
        if part in ("d", "l") and index + 1 < len(parts) and parts[index + 1] in ("'", "’"):
            out.append(part if index else part.upper())  # d'Artois, but D'… at the start
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


_SMALL_WORDS = _words("de du des la le les et en sur sous au aux à d l")
_LEGAL_FORMS = _words(
    "sa sas sasu sarl eurl sci snc scop scp scm selarl selas sel gie eirl ei cie ste "
    "et co ltd inc gmbh llc plc"
)
_UPPER_LEGAL = _words("sa sas sasu sarl eurl sci snc scop scp scm selarl selas gie eirl")


@lru_cache(maxsize=65536)
def tidy_company_name(text: str) -> str:
    """A company name with casing tidied only when typed all in lower case
    (``"boulangerie dupré sarl"`` → ``"Boulangerie Dupré SARL"``); names with any
    capital are kept as typed (``ACME``, ``SCI Kerlann``)."""
    if not text.islower():
        return text
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if word in _UPPER_LEGAL:
            out.append(word.upper())
        elif index and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(_capitalise_parts(word))
    return " ".join(out)


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The name two spellings of one company share: folded (case, accents,
    punctuation) and without legal forms, ``"ACME S.A.S."`` = ``"Acme SAS"`` = ``"acme"``.

    The legal forms are kept when nothing else is left (a company called « SCI »).
    """
    words = fold(name.replace(".", "")).split()
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


# --- free text -------------------------------------------------------------------------

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def strip_control_characters(text: str) -> str:
    """``text`` without control characters (C0/C1) and zero-width marks, which CSV
    importers choke on; printable text is returned as is, without a copy."""
    if text.isprintable():
        return text
    return "".join(
        c
        for c in text
        if c == " " or (c not in _INVISIBLE and unicodedata.category(c) != "Cc") or c == "\n"
    )
