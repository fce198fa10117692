"""``--help`` speaks the command's language (issue 13): French by default, English with
SALESPIPE_LANG=en or an English locale; every help text has its French in the catalogue."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from salespipe.cli import cli, options
from salespipe.cli.help import entry_of

RULE = options.user_lang  # the real rule, taken before conftest's English default


def _help_texts() -> list[tuple[str, str]]:
    """(where, text) of the group's, every command's and every option's help."""
    found: list[tuple[str, str]] = []
    ctx = click.Context(cli)
    for name, command in [("salespipe", cli), *cli.commands.items()]:
        if command.help:
            found.append((name, command.help))
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and param.help:
                found.append((f"{name} {param.opts[-1]}", param.help))
    return found


@pytest.mark.parametrize(("where", "text"), _help_texts())
def test_every_help_text_has_its_french(where: str, text: str) -> None:
    pair = entry_of(text)
    assert pair is not None, f"{where}: no help.* entry in salespipe/core/texts/cli_help.py"
    assert pair[0] != pair[1] or len(text) < 12, where


@pytest.fixture
def real_rule(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(options, "user_lang", RULE)
    for name in ("SALESPIPE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return monkeypatch


@pytest.mark.parametrize("command", ["report", "demo", "export", "sync", "check", "template"])
def test_help_is_french_by_default(real_rule: pytest.MonkeyPatch, command: str) -> None:
    out = CliRunner().invoke(cli, [command, "--help"], prog_name="salespipe").output
    assert out.startswith(f"Utilisation : salespipe {command} [OPTIONS]")
    assert "Affiche cette aide et s'arrête." in out
    assert "Show this message" not in out


def test_the_group_lists_its_commands_in_french(real_rule: pytest.MonkeyPatch) -> None:
    out = CliRunner().invoke(cli, ["--help"], prog_name="salespipe").output
    assert "Commandes:" in out
    assert "Rapport sur WORKBOOK" in out
    assert "Affiche la version et s'arrête." in out


def test_help_is_english_with_salespipe_lang_en(real_rule: pytest.MonkeyPatch) -> None:
    real_rule.setenv("SALESPIPE_LANG", "en")
    out = CliRunner().invoke(cli, ["report", "--help"], prog_name="salespipe").output
    assert out.startswith("Usage: salespipe report [OPTIONS] WORKBOOK")
    assert "Date of the report (default: today)." in out


def test_help_is_english_with_an_english_locale(real_rule: pytest.MonkeyPatch) -> None:
    real_rule.setenv("LANG", "en_GB.UTF-8")
    out = CliRunner().invoke(cli, ["template", "--help"], prog_name="salespipe").output
    assert "Where to write the workbook" in out and "Où écrire" not in out


def test_a_french_help_page_leaves_the_english_one_intact(real_rule: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["sync", "--help"], prog_name="salespipe")
    real_rule.setenv("SALESPIPE_LANG", "en")
    out = runner.invoke(cli, ["sync", "--help"], prog_name="salespipe").output
    assert "Sync a Google spreadsheet" in out
