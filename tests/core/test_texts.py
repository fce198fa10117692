"""The one text catalogue: every entry in French and English, every code raised has one."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

import salespipe.core.texts
from salespipe.core.errors import ConfigError, InputError, SalespipeError, SourceError
from salespipe.core.metrics.action_labels import UNSET
from salespipe.core.metrics.cadence import parse_cadence
from salespipe.core.metrics.forecast import NO_OWNER
from salespipe.core.metrics.funnel import conversion_rate
from salespipe.core.metrics.targets import required_deals_for_revenue
from salespipe.core.model import StageTable
from salespipe.core.quality import Severity, issue
from salespipe.core.texts import (
    CATALOGUE,
    LANGS,
    Bilingual,
    _merged,
    both,
    counted,
    entry,
    label,
    placed,
    reading,
    section,
    text,
)
from salespipe.settings import load_settings
from sheets_sync.schedule import parse_schedule

ROOT = Path(__file__).resolve().parents[2]
#: Every domain module of the catalogue, found on disk: a new one is checked without listing it.
DOMAINS = tuple(
    importlib.import_module(f"salespipe.core.texts.{m.name}")
    for m in pkgutil.iter_modules(salespipe.core.texts.__path__)
)
#: Front ends whose raises are not converted yet (their owner's change); every other module
#: raises coded errors only.
NOT_YET = ("salespipe/cli/", "salespipe/export/", "salespipe/sample/")
#: The exceptions that carry a message code of the catalogue.
CODED = (
    "SalespipeError",
    "InputError",
    "TableNotFoundError",
    "ConfigError",
    "SourceError",
    "ArgumentError",
    "CellError",
)
#: English-only placeholders: email-validator's reason is an English sentence, which the
#: French text replaces with « syntaxe ».
ENGLISH_ONLY = {
    "invalid_email": {"reason"},
    # click names the kind of path (File, Directory) in English when a command is declared:
    # the French goes without it (salespipe/core/texts/cli_click.py)
    **{
        f"click.{{name}} {{filename!r}} {verdict}.": {"name"}
        for verdict in (
            "is a file",
            "is a directory",
            "is not readable",
            "is not writable",
            "is not executable",
            "does not exist",
        )
    },
}


def _sources() -> list[tuple[str, str]]:
    found = []
    for package in ("salespipe", "sheets_sync", "xlplugin"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            found.append((name, path.read_text(encoding="utf-8")))
    return found


def _placeholders(template_text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template_text) if name}


# --- the catalogue ---------------------------------------------------------------------


def test_every_entry_is_french_then_english_and_never_empty() -> None:
    assert LANGS == ("fr", "en")
    for code, pair in CATALOGUE.items():
        assert isinstance(pair, tuple) and len(pair) == 2, code
        assert all(isinstance(t, str) and t.strip() for t in pair), code
    # The terminal dashboard's labels were (English, French): now in the catalogue's order.
    assert entry("terminal.title") == ("Rapport du pipeline", "Pipeline report")
    assert entry("report.sheet.summary") == ("Synthèse", "Summary")
    assert entry("template.sheet.stages") == ("Étapes", "Stages")


def test_placeholders_are_the_same_in_both_languages() -> None:
    for code, (french, english) in CATALOGUE.items():
        missing = _placeholders(english) - _placeholders(french) - ENGLISH_ONLY.get(code, set())
        assert _placeholders(french) <= _placeholders(english), code
        assert not missing, (code, missing)


def test_codes_are_unique_across_domains() -> None:
    assert len(CATALOGUE) == sum(len(domain.TEXTS) for domain in DOMAINS)
    twice = SimpleNamespace(__name__="twice", TEXTS={"bad_amount": ("a", "b")})
    with pytest.raises(ValueError, match="'bad_amount' defined twice"):
        _merged(reading, twice)  # type: ignore[arg-type]


def test_the_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        CATALOGUE["bad_amount"] = ("a", "b")  # type: ignore[index]


def test_langs_is_defined_once() -> None:
    defined = [name for name, source in _sources() if re.search(r"^LANGS\b.*=", source, re.M)]
    assert [n for n in defined if not n.startswith(NOT_YET)] == ["salespipe/core/texts/__init__.py"]


def test_the_template_words_are_the_values_the_core_computes() -> None:
    assert label("template.word.no_owner") == NO_OWNER
    assert label("template.word.unset") == UNSET
    assert [label(f"stage.{s.name}") for s in StageTable.default().stages] == [
        s.name for s in StageTable.default().stages
    ]


# --- every code used has an entry --------------------------------------------------------

_RAISED = re.compile(r"\b(\w+Error)\(\s*(f?)(\"[^\"]*\"|'[^']*')")
_LOOKED_UP = re.compile(r"\b(both|text|placed|label|entry|cause|reason)\(\s*\"([^\"{]+)\"")
_SECTIONS = re.compile(r"\bsection\(\s*\"([^\"{]+)\"")
_CLASH_CODES = re.compile(r"\"(udf_[a-z_]+)\"")


def test_every_coded_error_raised_has_an_entry() -> None:
    checked = 0
    for name, source in _sources():
        if name.startswith(NOT_YET):
            continue
        for kind, is_f, literal in _RAISED.findall(source):
            if kind not in CODED:
                continue  # ValueError, KeyError...: programming errors, see test below
            code = literal[1:-1]
            assert not is_f and code in CATALOGUE, f"{name}: {kind}({literal}) has no entry"
            checked += 1
        for code in _CLASH_CODES.findall(source):
            assert code in CATALOGUE, f"{name}: {code}"
    assert checked > 100


def test_every_code_looked_up_has_an_entry() -> None:
    for name, source in _sources():
        for _, code in _LOOKED_UP.findall(source):
            assert code in CATALOGUE, f"{name}: {code}"
        for prefix in _SECTIONS.findall(source):
            assert section(prefix), f"{name}: nothing under {prefix}"


def test_errors_left_in_english_are_programming_errors_only() -> None:
    """API misuse and internal guards, never reached from a front end's input."""
    left = {
        (name, kind)
        for name, source in _sources()
        if not name.startswith(NOT_YET)
        for kind, _, _ in _RAISED.findall(source)
        if kind not in CODED
    }
    assert left == {
        ("salespipe/core/texts/__init__.py", "ValueError"),  # a code defined twice
        ("salespipe/core/texts/__init__.py", "KeyError"),  # a code with no text
        ("salespipe/__init__.py", "AttributeError"),  # the module's __getattr__
        ("salespipe/frames.py", "ModuleNotFoundError"),  # an installation without pandas
        ("salespipe/core/metrics/business_days.py", "ValueError"),  # numpy date overflow
        ("salespipe/core/metrics/forecast.py", "ValueError"),  # forecast_by(by=...) Literal
        ("salespipe/template/build.py", "ValueError"),  # build_template(lang=...) Literal
        ("salespipe/template/build.py", "FileNotFoundError"),  # a broken installation
        ("salespipe/formats/xlsx_rows.py", "TypeError"),  # sheet.append(a dict), as openpyxl's
        ("sheets_sync/google/batch_write.py", "ValueError"),  # user tabs: the job checks first
        ("sheets_sync/google/session.py", "AssertionError"),
        ("sheets_sync/sources/local.py", "ValueError"),  # user tabs: the job checks first
        ("sheets_sync/sources/memory.py", "ValueError"),  # user tabs: the job checks first
        ("sheets_sync/schedule.py", "ValueError"),  # run_on_schedule(max_runs=0)
        ("xlplugin/functions/quality.py", "AssertionError"),
    }


# --- rendering ---------------------------------------------------------------------------


def test_text_fills_values_and_shows_the_readers_language() -> None:
    assert text("file_not_found", "fr", path="a.xlsx") == "Fichier introuvable : a.xlsx"
    assert text("file_not_found", "en", path="a.xlsx") == "File not found: a.xlsx"
    assert text("file_not_found", "de", path="a.xlsx") == "Fichier introuvable : a.xlsx"
    assert text("file_not_found", "en") == "File not found: ?"
    value = Bilingual("la table", "the map")
    assert text("crm_ids_empty", "fr", name=value).startswith("la table est vide : exportez-y")
    assert text("crm_ids_empty", "en", name=value).startswith("the map is empty")
    assert text("duplicate_id", "en", value=7.0, first_row=2.0).startswith("ID '7' already")
    assert both("status.won") == Bilingual("gagné", "won")
    with pytest.raises(KeyError, match="no text for code 'nope'"):
        text("nope")


def test_placed_says_where_first() -> None:
    where = {"sheet": "Pipeline", "row": 7}
    assert placed("missing_name", "fr", **where) == (
        "Feuille « Pipeline », ligne 7 : affaire sans nom, société ni identifiant"
    )
    assert placed("bad_amount", "en", column="Montant", value="x", **where).startswith(
        "Sheet 'Pipeline', row 7, column 'Montant': unreadable amount 'x'"
    )
    reason = both("crm.phone_reason.too_short")
    assert placed("phone_invalid", "fr", column="Tél", in_file=True, value="1", reason=reason,
                  **where) == (
        "Fichier « Pipeline », ligne 7, colonne « Tél » : numéro de téléphone invalide « 1 » : "
        "trop peu de chiffres ; non exporté"
    )  # fmt: skip
    deals = counted("crm.count.deals", 2, "en")
    assert placed("unmapped_stage", "en", subject="X", deals=deals).startswith(
        "stage 'X' (2 deals)"
    )


def test_an_issue_quotes_the_status_word_of_its_language() -> None:
    found = issue("P", 3, "Statut", "??", "unknown_status", Severity.WARNING, status="open")
    assert found.message("fr").endswith("(statut déduit : en cours)")
    assert found.message("en").endswith("(status assumed: open)")


def _raised(action: object) -> SalespipeError:
    with pytest.raises(SalespipeError) as caught:
        action()  # type: ignore[operator]
    return caught.value


@pytest.mark.parametrize(
    ("action", "kind", "french", "english"),
    [
        (lambda: load_settings(None, {"period": "week"}, environ={}), ConfigError,
         "Réglage period : 'week' n'est pas parmi month, quarter, year",
         "Setting period: 'week' is not one of month, quarter, year"),
        (lambda: parse_schedule("5s"), ConfigError,
         "Programmation invalide '5s' : l'intervalle doit être d'au moins 10 s ; utilisez",
         "Invalid schedule '5s': the interval must be at least 10 s; use a duration"),
        (lambda: parse_cadence("J-2"), InputError,
         "cadence de relance illisible « J-2 » (étape « J-2 » illisible)",
         "unreadable follow-up cadence 'J-2' (bad step 'J-2')"),
        (lambda: required_deals_for_revenue(-1.0, 10), InputError,
         "l'objectif de chiffre d'affaires doit être un nombre positif ou nul, reçu -1.0",
         "the revenue target must be a number of 0 or more, got -1.0"),
        (lambda: conversion_rate([], StageTable.default(), "Gagné", "Gagné"), InputError,
         "« Gagné » est l'étape gagnée : aucune étape ne la suit",
         "'Gagné' is the won stage: there is no stage after it"),
        (lambda: conversion_rate([], StageTable.default(), "Suspect", "Perdu"), InputError,
         "l'étape perdue « Perdu » n'est pas une étape de l'entonnoir",
         "the lost stage 'Perdu' is not a step of the funnel"),
    ],
)  # fmt: skip
def test_a_converted_error_speaks_french_and_english(
    action: object, kind: type[SalespipeError], french: str, english: str
) -> None:
    error = _raised(action)
    assert type(error) is kind
    assert str(error) == error.message("fr") and error.message() == error.message("fr")
    assert error.message("fr").startswith(french), error.message("fr")
    assert error.message("en").startswith(english), error.message("en")


def test_a_plain_sentence_is_shown_as_it_is() -> None:
    error = SourceError("Some sentence, no code")
    assert error.message("fr") == error.message("en") == str(error) == "Some sentence, no code"


def test_a_google_account_unknown_to_the_credentials_is_named_in_each_language() -> None:
    error = SourceError("sheets_not_shared", key="k", account=both("sync.default_account"))
    assert "avec le compte Google qui a autorisé salespipe" in error.message("fr")
    assert "with the Google account that authorised salespipe" in error.message("en")


def test_every_domain_module_is_data_only() -> None:
    for domain in DOMAINS:
        assert isinstance(domain, ModuleType)
        names = {n for n in vars(domain) if not n.startswith("__")}
        assert names <= {"TEXTS", "annotations", "TYPE_CHECKING"}, (domain.__name__, names)
