"""Shared fixtures: small workbooks made by code, never committed binaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from salespipe.sample import build_demo_workbook
from tests.messy.corpus import Corpus, build_corpus
from tests.workbooks import write_small_pipeline

AS_OF = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def own_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data directory (where `salespipe sync` keeps its history and locks by
    default) is a fresh folder per test, never the real one."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    for name in ("SALESPIPE_HISTORY", "SALESPIPE_KEEP_HISTORY"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture(autouse=True)
def terminal_of_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text report fits the terminal's width (``shutil.get_terminal_size``, which reads
    COLUMNS first): 80 columns in every test, whatever terminal runs them."""
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks the user's language (``cli.options.user_lang``: SALESPIPE_LANG, else
    the locale, else French). Tests written against its English texts get English whatever
    the machine's locale, in this process and in the processes they start (an English
    locale); tests/cli/test_language.py checks the rule itself."""
    monkeypatch.setattr("salespipe.cli.options.user_lang", lambda environ=None: "en")
    for name in ("SALESPIPE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def small_pipeline(tmp_path: Path) -> Path:
    return write_small_pipeline(tmp_path / "small.xlsx")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The French demo workbook as of AS_OF (what the sync and its CLI tests run on)."""
    path = tmp_path / "suivi.xlsx"
    build_demo_workbook(path, AS_OF, lang="fr")
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The messy workbooks of tests/messy, written once: read, reported and exported."""
    return build_corpus(tmp_path_factory.mktemp("messy"))
