"""The sync.toml of `salespipe init`: paths read back as written, Windows ones included."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from salespipe.settings import load_settings
from sheets_sync.config_file import SetUp, config_text, toml_string

WINDOWS = r"C:\Users\marie\Clés Google\clé.json"


@pytest.mark.parametrize(
    "value",
    [
        WINDOWS,
        r"\\serveur\partage\clé.json",  # a network share
        r"C:\Users\o'brien\key.json",  # a single quote: a basic string, escaped
        "/home/marie/.config/salespipe/google-token.json",
        'C:/Users/marie/"clé".json',
    ],
)
def test_a_path_reads_back_as_written(value: str) -> None:
    assert tomllib.loads(f"p = {toml_string(value)}")["p"] == value


def test_a_windows_path_is_written_in_single_quotes() -> None:
    assert toml_string(WINDOWS) == "'C:\\Users\\marie\\Clés Google\\clé.json'"


def test_the_file_reads_back_as_the_settings_asked_with_comments_in_english(
    tmp_path: Path,
) -> None:
    url = "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/edit"
    setup = SetUp(url, "service_account", Path(WINDOWS), "en")
    config = tmp_path / "sync.toml"
    config.write_text(config_text(setup, config), encoding="utf-8")
    settings = load_settings(config, environ={})
    assert (settings.spreadsheet, str(settings.credentials), settings.lang) == (
        url,
        str(tmp_path / WINDOWS),  # on Linux a Windows path is relative: to the file's folder
        "en",
    )
    assert (settings.target, settings.period, settings.keep_history) == (None, "quarter", True)
    written = config.read_text(encoding="utf-8")
    assert "# The service account's JSON key: keep it secret" in written
    assert "# target = 250000" in written
