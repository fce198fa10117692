"""Cell values of the import rows: free text tidied and escaped, dates in the CRM's style.

Free text starting with a formula character gets OWASP's ``'`` prefix (and a
finding); typed values are formatted so that they cannot start one. Every value
changed or left out is recorded as a finding ``(row, column, value, code, params)``.
:class:`RowContext` is what every part of the row builder writes with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from salespipe.core.crm.cleaning import FORMULA_TRIGGERS, strip_control_characters
from salespipe.core.crm.csv_text import looks_like_payload
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.reading.tables import DEAL_HEADERS

#: A value changed or left out: (sheet row, column header or None, value as typed, code,
#: message parameters).
RawFinding = tuple[int, str | None, Any, str, dict[str, Any]]


class FreeText:
    """Free text → tidy, escaped text; remembers each distinct value's verdict."""

    def __init__(self, profile: CrmProfile, findings: list[RawFinding]) -> None:
        self.findings = findings
        self.crm = profile.label
        self.table = str.maketrans(dict(profile.replacements)) if profile.replacements else None
        self.seen: dict[str, tuple[str, tuple[tuple[str, dict[str, Any]], ...]]] = {}

    def __call__(self, value: str | None, row: int, column: str | None) -> str:
        if not value:
            return ""
        verdict = self.seen.get(value)
        if verdict is None:
            verdict = self.seen[value] = self._clean(value)
        text, notes = verdict
        for code, params in notes:
            self.findings.append((row, column, value, code, params))
        return text

    def verdict(self, value: str) -> tuple[str, tuple[tuple[str, dict[str, Any]], ...]]:
        """The clean text of a non-blank ``value`` and what cleaning it noted, as
        ``(code, params)`` pairs: what a call reports, for a caller that caches it."""
        verdict = self.seen.get(value)
        if verdict is None:
            verdict = self.seen[value] = self._clean(value)
        return verdict

    def quiet(self, value: str | None) -> str:
        """The clean text of a value already reported on its own row."""
        if not value:
            return ""
        verdict = self.seen.get(value)
        if verdict is None:
            verdict = self.seen[value] = self._clean(value)
        return verdict[0]

    def _clean(self, value: str) -> tuple[str, tuple[tuple[str, dict[str, Any]], ...]]:
        text = strip_control_characters(value).strip()
        notes: list[tuple[str, dict[str, Any]]] = []
        if text and text[0] in FORMULA_TRIGGERS:
            notes.append(("formula_escaped", {"char": text[0]}))
            text = "'" + text
        elif looks_like_payload(text):
            notes.append(("formula_like_text", {}))
        if self.table is not None:  # after the checks: « | » is part of a DDE payload
            replaced = text.translate(self.table)
            if replaced != text:
                notes.append(("characters_replaced", {"crm": self.crm}))
                text = replaced
        return text, tuple(notes)


def iso_date(day: date | None) -> str:
    """``2026-12-15``; "" for no date."""
    return day.isoformat() if day is not None else ""


# the two below once per distinct day: a pipeline has a few hundred dates on 100 000
# rows, and a formatted f-string costs ten times a cache hit


@lru_cache(maxsize=8192)
def us_date(day: date | None) -> str:
    """``12/15/2026`` (month first, as CRMs with a US date style read it); "" for no date."""
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}" if day is not None else ""


@lru_cache(maxsize=8192)
def french_date(day: date | None) -> str:
    """``15/12/2026``, for text a French user reads; "" for no date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day is not None else ""


@dataclass(frozen=True)
class RowContext:
    """What every part of one export's row builder shares: the target CRM, the language,
    the export date, the sheet's header of each field (findings name it), the findings,
    the free-text cleaner and the CRM's date format."""

    profile: CrmProfile
    lang: str
    as_of: date
    column: dict[str, str]
    findings: list[RawFinding]
    text: FreeText
    date_of: Callable[[date | None], str]

    @classmethod
    def create(cls, profile: CrmProfile, lang: str, as_of: date) -> RowContext:
        """A context with no findings yet, headers in ``lang`` ("en", else French)."""
        findings: list[RawFinding] = []
        return cls(
            profile=profile,
            lang=lang,
            as_of=as_of,
            column={f: DEAL_HEADERS[f][1 if lang == "en" else 0] for f in DEAL_HEADERS},
            findings=findings,
            text=FreeText(profile, findings),
            date_of=iso_date if profile.date_style == "iso" else us_date,
        )

    def with_constants(
        self, columns: dict[str, list[str]], entities: tuple[str, ...]
    ) -> dict[str, list[str]]:
        """``columns`` plus the profile's columns of a single allowed value in the files of
        ``entities`` (``type`` = opportunity, ``IsPrimary`` = true)."""
        length = len(next(iter(columns.values()), []))
        for spec in self.profile.files:
            if spec.entity not in entities:
                continue
            for column in spec.columns:
                if column.kind == "code" and len(column.values) == 1:
                    columns.setdefault(column.field, [column.values[0]] * length)
        return columns
