"""What the command says comes from the one catalogue, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from salespipe.cli.options import say
from salespipe.core.texts import CATALOGUE, text

CLI = Path(__file__).resolve().parents[2] / "salespipe" / "cli"


def test_every_code_the_cli_says_is_in_the_catalogue() -> None:
    said = {
        code
        for path in CLI.glob("*.py")
        for code in re.findall(r'say\(\s*"(\w+)"', path.read_text(encoding="utf-8"))
    }
    assert len(said) >= 15  # the refusals, the "written to" lines, the errors
    assert sorted(said - set(CATALOGUE)) == []


def test_the_command_speaks_english_for_now_and_has_the_french() -> None:
    assert say("cli_bad_date", value="'hier'") == (
        "not a date: 'hier' (use 2026-11-23 or 23/11/2026)"
    )
    assert text("cli_bad_date", "fr", value="'hier'") == (
        "pas une date : 'hier' (écrivez 2026-11-23 ou 23/11/2026)"
    )
