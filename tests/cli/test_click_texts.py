"""click's own messages speak the command's language (issue 13): its refusals, the marks of
a help page, in French by default and in English unchanged, the exit codes the same; and
every text of the installed click has its French (a click upgrade cannot bring English
back unseen)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import click
import click.exceptions
import pytest

from salespipe.cli import click_texts, exit_codes, main, options
from salespipe.core.texts import CATALOGUE, section
from tests.support.cli_run import run

RULE = options.user_lang  # the real rule, taken before conftest's English default
CLICK_DIR = Path(click.__file__).parent

#: click's texts it passes to ``_`` through a variable, not written in the call:
#: ``_(extra["required"])`` in core.py, the mark of a required option.
DYNAMIC_MSGIDS = {"required"}


def _click_calls() -> tuple[set[str], int]:
    """The msgids of every ``_("…")`` and ``ngettext("…", "…", n)`` in click's modules,
    and how many calls pass something else than written text."""
    msgids: set[str] = set()
    dynamic = 0
    for source in sorted(CLICK_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            count = {"_": 1, "ngettext": 2}.get(node.func.id)
            if count is None:
                continue
            for arg in node.args[:count]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    msgids.add(arg.value)
                else:
                    dynamic += 1
    return msgids, dynamic


def test_every_text_of_click_has_its_french() -> None:
    msgids, dynamic = _click_calls()
    assert len(msgids) > 60  # the parse found click's texts
    missing = sorted(m for m in msgids | DYNAMIC_MSGIDS if f"click.{m}" not in CATALOGUE)
    assert not missing, f"no French in salespipe/core/texts/cli_click.py for {missing}"
    assert dynamic == len(DYNAMIC_MSGIDS), "click passes a new text through a variable"


def test_every_french_text_is_one_of_clicks_and_keeps_its_english() -> None:
    msgids, _ = _click_calls()
    for msgid, (french, english) in section("click.").items():
        assert msgid in msgids | DYNAMIC_MSGIDS, f"{msgid!r} is no longer a text of click"
        assert english == msgid
        assert french.strip()


@pytest.fixture
def real_rule(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The language rule as a user meets it: French unless told otherwise."""
    monkeypatch.setattr(options, "user_lang", RULE)
    for name in ("SALESPIPE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    return monkeypatch


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines on stderr of a command click refuses (USAGE, as before)."""
    code, out, err = run(list(argv), capsys)
    assert (code, out) == (exit_codes.USAGE, "")
    return err.splitlines()


def _usage(command: str, french: bool) -> list[str]:
    if french:
        return [
            f"Utilisation : salespipe {command}",
            f"Essayez 'salespipe {command.split()[0]} --help' pour l'aide.",
            "",
        ]
    return [
        f"Usage: salespipe {command}",
        f"Try 'salespipe {command.split()[0]} --help' for help.",
        "",
    ]


REFUSALS = [
    (
        ["report", "d.xlsx", "--format", "nope"],
        "Erreur : Valeur invalide pour '--format' : 'nope' n'est pas l'une des valeurs "
        "'text', 'json', 'xlsx'.",
        "Error: Invalid value for '--format': 'nope' is not one of 'text', 'json', 'xlsx'.",
    ),
    (
        ["report"],
        "Erreur : Il manque l'argument 'WORKBOOK'.",
        "Error: Missing argument 'WORKBOOK'.",
    ),
    (
        ["report", "d.xlsx", "--x"],
        "Erreur : Option inconnue : '--x'.",
        "Error: No such option '--x'.",
    ),
    (
        ["report", "d.xlsx", "--formt", "json"],
        "Erreur : Option inconnue : '--formt'. Vouliez-vous dire '--format' ?",
        "Error: No such option '--formt'. Did you mean '--format'?",
    ),
    (
        ["report", "d.xlsx", "extra"],
        "Erreur : Argument en trop inattendu (extra)",
        "Error: Got unexpected extra argument (extra)",
    ),
    (
        ["report", "d.xlsx", "one", "two"],
        "Erreur : Arguments en trop inattendus (one two)",
        "Error: Got unexpected extra arguments (one two)",
    ),
    (
        ["report", "d.xlsx", "--mapping", "absent.toml"],
        "Erreur : Valeur invalide pour '--mapping' : 'absent.toml' n'existe pas.",
        "Error: Invalid value for '--mapping': File 'absent.toml' does not exist.",
    ),
]


@pytest.mark.parametrize(("argv", "french", "english"), REFUSALS)
def test_clicks_refusals_are_french_by_default(
    real_rule: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    french: str,
    english: str,
) -> None:
    assert _refused(capsys, *argv) == [*_usage("report [OPTIONS] WORKBOOK", True), french]


@pytest.mark.parametrize(("argv", "french", "english"), REFUSALS)
def test_clicks_refusals_are_unchanged_in_english(
    real_rule: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    french: str,
    english: str,
) -> None:
    real_rule.setenv("LANG", "en_US.UTF-8")
    assert _refused(capsys, *argv) == [*_usage("report [OPTIONS] WORKBOOK", False), english]


def test_an_option_without_its_value(
    real_rule: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """click refuses it while it reads the line, before the command's usage is known."""
    french = "Erreur : L'option '--format' demande une valeur."
    assert _refused(capsys, "report", "d.xlsx", "--format") == [french]
    real_rule.setenv("LANG", "en_US.UTF-8")
    english = "Error: Option '--format' requires an argument."
    assert _refused(capsys, "report", "d.xlsx", "--format") == [english]


def test_lang_on_the_command_line_wins(
    real_rule: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _refused(capsys, "report", "d.xlsx", "--lang", "en", "--format", "nope")
    assert lines[0] == "Usage: salespipe report [OPTIONS] WORKBOOK"
    assert lines[-1].startswith("Error: Invalid value for '--format': 'nope' is not one of")
    real_rule.setenv("SALESPIPE_LANG", "en")
    lines = _refused(capsys, "report", "d.xlsx", "--lang", "fr", "--format", "nope")
    assert lines[0] == "Utilisation : salespipe report [OPTIONS] WORKBOOK"
    assert lines[-1].startswith("Erreur : Valeur invalide pour '--format' : 'nope'")


def test_a_missing_required_option_names_the_choices_in_french(
    real_rule: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _refused(capsys, "export", "d.xlsx", "-o", "out")
    assert lines[:3] == _usage("export [OPTIONS] [SOURCE]", True)
    assert lines[3:] == [
        "Erreur : Il manque l'option '--crm'. Choisissez parmi :",
        "\thubspot,",
        "\tpipedrive,",
        "\tsalesforce,",
        "\todoo,",
        "\tzoho,",
        "\tgeneric",
    ]


def test_the_marks_of_a_help_page_follow_the_language(
    real_rule: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def help_page(command: str) -> str:
        main([command, "--help"])
        return " ".join(capsys.readouterr().out.split())  # the page's lines joined

    assert "[par défaut : text]" in help_page("report")
    assert "[obligatoire]" in help_page("export")
    real_rule.setenv("LANG", "en_US.UTF-8")
    assert "[default: text]" in help_page("report")
    assert "[required]" in help_page("export")


def test_french_takes_the_singular_below_two(real_rule: pytest.MonkeyPatch) -> None:
    with click_texts.speaking_the_users_language():
        assert click.exceptions.ngettext("Did you mean {possibility}?", "x", 0) == (
            "Vouliez-vous dire {possibility} ?"
        )
        assert click.exceptions.ngettext(
            "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2
        ) == ("(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)")
        real_rule.setenv("LANG", "en_US.UTF-8")
        assert click.exceptions.ngettext("one", "many", 0) == "many"
        assert click.exceptions.ngettext("one", "many", 1) == "one"


def test_library_use_keeps_clicks_english(
    real_rule: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only salespipe's command installs the French, for the time it runs: click used
    outside it (a program importing salespipe, the same process after a command) says
    its own English."""
    _refused(capsys, "report")
    assert click.exceptions._ is gettext.gettext
    assert click.exceptions.ngettext is gettext.ngettext
    refusal = click.BadParameter("wrong", param_hint="'--x'")
    assert refusal.format_message() == "Invalid value for '--x': wrong"
