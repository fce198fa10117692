"""Every text salespipe shows a person, in French and English: one catalogue.

Each domain module (:mod:`~salespipe.core.texts.reading`, ``report``, ``metrics``,
``crm``, ``sync``, ``template``, ``excel``, ``cli``, ``cli_help``, ``cli_click``) holds one
dict ``TEXTS`` of code → (French, English). :data:`CATALOGUE` merges them, read-only, and refuses a
code defined twice.

- snake_case codes are messages: the issues of a sheet (``bad_amount``, the codes of
  :class:`~salespipe.core.quality.Issue`), the findings of a CRM export and the errors
  that stop a run (:class:`~salespipe.core.errors.SalespipeError` carries one);
- dotted codes are words and labels: ``where.cell``, ``status.open``,
  ``report.sheet.summary``, ``template.param.title``; :func:`section` gives the entries
  under one prefix, in catalogue order (which is the order of columns and sheets).

Pure data and formatting: this package imports nothing else of salespipe.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any, NamedTuple, TypeAlias

from salespipe.core.texts import (
    cli,
    cli_click,
    cli_help,
    crm,
    crm_guide,
    excel,
    metrics,
    reading,
    report,
    sync,
    template,
)

#: The languages of every text, in the order of an :data:`Entry`.
LANGS = ("fr", "en")

#: One text: (French, English).
Entry: TypeAlias = tuple[str, str]


class Bilingual(NamedTuple):
    """A value of a message already written in both languages (a list of column names, a
    phrase of another code: :func:`both`); the message shows its reader's language."""

    fr: str
    en: str


def _merged(*domains: ModuleType) -> Mapping[str, Entry]:
    merged: dict[str, Entry] = {}
    for domain in domains:
        for code, entry in domain.TEXTS.items():
            if code in merged:
                raise ValueError(f"text code {code!r} defined twice (again in {domain.__name__})")
            merged[code] = entry
    return MappingProxyType(merged)


#: Every text, by code: read-only.
CATALOGUE: Mapping[str, Entry] = _merged(
    reading, report, metrics, crm, crm_guide, sync, template, excel, cli, cli_help, cli_click
)


def index(lang: str) -> int:
    """The position of ``lang`` in an :data:`Entry`: English for "en", else French."""
    return 1 if lang == "en" else 0


def entry(code: str) -> Entry:
    """The (French, English) pair of ``code``; KeyError for an unknown code."""
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"no text for code {code!r}") from None


def label(code: str, lang: str = "fr") -> str:
    """The text of ``code`` as it stands (a label: nothing filled in)."""
    return entry(code)[index(lang)]


def code_label(code: str, lang: str, section: str) -> str:
    """A problem's code in words, the code after it (« ligne de total (totals_row) »: the
    code is what the JSON, the files and the docs use), from the catalogue's ``section``
    of short labels (``quality.code.``, ``crm.code.``); the code alone if it has none."""
    key = section + code
    return f"{label(key, lang)} ({code})" if key in CATALOGUE else code


def section(prefix: str) -> dict[str, Entry]:
    """The entries whose code starts with ``prefix``, keyed by the rest of the code, in
    catalogue order: ``section("report.tab.")["history"]`` → ``("Historique", "History")``."""
    size = len(prefix)
    return {code[size:]: pair for code, pair in CATALOGUE.items() if code.startswith(prefix)}


def text(code: str, lang: str = "fr", **values: Any) -> str:
    """The text of ``code`` in ``lang`` with ``values`` filled in.

    A :class:`Bilingual` value is shown in ``lang``; a ``status`` of ``open``, ``won`` or
    ``lost`` as the word of ``lang``; a float without decimals as an integer
    (:func:`display_value`). A placeholder without a value shows ``?``.
    """
    i = index(lang)
    return entry(code)[i].format_map(_shown_values(values, i))


def singular(count: int, lang: str) -> bool:
    """Whether ``count`` takes the singular in ``lang``: French below 2 (« 0 vide », « 1
    écartée »), English for 1 only ("0 rows", "1 row")."""
    return count < 2 if index(lang) == 0 else count == 1


def counted(code: str, count: int, lang: str = "fr", **values: Any) -> str:
    """:func:`text` of ``code.one`` or ``code.many``, the one that agrees with ``count``
    (:func:`singular`), ``count`` filled in: « 1 ligne », « 0 ligne », "0 rows"."""
    number = "one" if singular(count, lang) else "many"
    return text(f"{code}.{number}", lang, count=count, **values)


def both(code: str, **values: Any) -> Bilingual:
    """:func:`text` of ``code`` in French and in English: a value for another message."""
    return Bilingual(text(code, "fr", **values), text(code, "en", **values))


def placed(
    code: str,
    lang: str = "fr",
    *,
    sheet: Any = None,
    row: Any = None,
    column: Any = None,
    in_file: bool = False,
    **values: Any,
) -> str:
    """:func:`text` of ``code`` after the place it is about, when ``sheet`` and ``row`` are
    given: ``Feuille « Pipeline », ligne 7, colonne « Étape » : `` (``in_file``: ``sheet``
    names a file)."""
    i = index(lang)
    # The place's values are shown once for both texts (a report can hold thousands).
    shown = _shown_values({"sheet": sheet, "row": row, "column": column, **values}, i)
    body = entry(code)[i].format_map(shown)
    if sheet is None or row is None:
        return body
    where = "where.file" if in_file else "where.cell" if column else "where.row"
    return entry(where)[i].format_map(shown) + body


def display_value(value: Any) -> Any:
    """A cell value as the person sees it: 2026, not 2026.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _shown_values(values: dict[str, Any], i: int) -> _Defaulting:
    return _Defaulting({key: _shown(key, value, i) for key, value in values.items()})


def _shown(key: str, value: Any, i: int) -> Any:
    if isinstance(value, Bilingual):
        return value[i]
    if key == "status" and isinstance(value, str) and f"status.{value}" in CATALOGUE:
        return CATALOGUE[f"status.{value}"][i]
    return display_value(value)


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


__all__ = [
    "CATALOGUE",
    "LANGS",
    "Bilingual",
    "Entry",
    "both",
    "counted",
    "display_value",
    "entry",
    "index",
    "label",
    "placed",
    "section",
    "singular",
    "text",
]
