"""French by default, one rule for every command (issue 13): ``--lang``, else
``SALESPIPE_LANG``, else the locale (``en…`` → English), else French. The other tests run
with an English default (tests/conftest.py); these put the real rule back."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.cli import main, options
from tests.workbooks import write_small_pipeline

RULE = options.user_lang  # the real rule, taken before conftest's English default


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),  # LC_ALL first
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"SALESPIPE_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),  # the variable first
        ({"SALESPIPE_LANG": "FR", "LC_ALL": "en_US.UTF-8"}, "fr"),
        ({"SALESPIPE_LANG": "de", "LANG": "en_US.UTF-8"}, "en"),  # unknown: the locale
    ],
)
def test_the_rule(environ: dict[str, str], lang: str) -> None:
    assert RULE(environ) == lang


@pytest.fixture
def real_rule(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(options, "user_lang", RULE)
    for name in ("SALESPIPE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a server's usual locale: no language in it
    return monkeypatch


def _report(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    book = write_small_pipeline(tmp_path / "small.xlsx")
    main(["report", str(book), "--as-of", "2026-11-23", *extra])
    return capsys.readouterr().out


def test_the_report_is_french_by_default(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _report(tmp_path, capsys)
    assert out.startswith("Rapport du pipeline — small.xlsx (au 23/11/2026)")
    assert "Relances en retard" in out


def test_salespipe_lang_or_an_english_locale_make_it_english(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_rule.setenv("SALESPIPE_LANG", "en")
    assert _report(tmp_path, capsys).startswith("Pipeline report — small.xlsx")
    real_rule.delenv("SALESPIPE_LANG")
    real_rule.setenv("LANG", "en_US.UTF-8")
    assert _report(tmp_path, capsys).startswith("Pipeline report — small.xlsx")


def test_lang_wins_over_everything(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_rule.setenv("SALESPIPE_LANG", "en")
    assert _report(tmp_path, capsys, "--lang", "fr").startswith("Rapport du pipeline")


def test_errors_are_french_by_default(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["report", str(tmp_path / "absent.xlsx")])
    assert done.value.code == 1
    assert capsys.readouterr().err == f"Erreur : Fichier introuvable : {tmp_path / 'absent.xlsx'}\n"


@pytest.mark.parametrize(
    ("command", "lang", "expected"),
    [
        (["report"], "en", "Error: File not found: {path}\n"),
        (["export", "--crm", "hubspot", "-o", "{out}"], "en", "Error: File not found: {path}\n"),
        (["report"], "fr", "Erreur : Fichier introuvable : {path}\n"),
    ],
)
def test_an_error_raised_out_of_the_command_speaks_its_lang(
    real_rule: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    lang: str,
    expected: str,
) -> None:
    # The error is said once click has left the command: its --lang must still hold,
    # against a default of the other language.
    real_rule.setenv("SALESPIPE_LANG", "fr" if lang == "en" else "en")
    path = tmp_path / "absent.xlsx"
    args = [a.format(out=tmp_path / "out") for a in command]
    with pytest.raises(SystemExit) as done:
        main([args[0], str(path), *args[1:], "--lang", lang])
    assert done.value.code == 1
    assert capsys.readouterr().err == expected.format(path=path)
    # The next command line starts again from the rule.
    with pytest.raises(SystemExit):
        main(["report", str(path)])
    assert capsys.readouterr().err.startswith("Erreur" if lang == "en" else "Error")


def test_severities_are_french_in_the_french_report(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _report(tmp_path, capsys, "--full")
    assert "  [attention] Feuille « Pipeline »" in out
    assert "[warning]" not in out
    real_rule.setenv("SALESPIPE_LANG", "en")
    assert "  [warning] Sheet 'Pipeline'" in _report(tmp_path, capsys, "--full")


def test_the_report_workbook_names_states_and_severities_in_its_language(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    out = tmp_path / "rapport.xlsx"
    _report(tmp_path, capsys, "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    followups, quality = book.worksheets[3], book.worksheets[5]
    states = {row[7] for row in followups.iter_rows(min_row=2, values_only=True)}
    assert states and states <= {"en retard", "cette semaine", "plus tard",
                                 "nurturing", "non planifiée"}  # fmt: skip
    assert "en retard" in states
    severities = {row[5] for row in quality.iter_rows(min_row=2, values_only=True)}
    assert severities and severities <= {"erreur", "attention", "info"}


def test_the_sync_line_speaks_its_language(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_small_pipeline(tmp_path / "small.xlsx")
    args = ["sync", str(book), "-o", str(tmp_path / "out.xlsx"), "--as-of", "2026-11-23",
            "--no-history"]  # fmt: skip
    with pytest.raises(SystemExit):
        main(args)
        raise SystemExit(0)
    assert "small.xlsx : lu Pipeline" in capsys.readouterr().out
    (tmp_path / "out.xlsx").unlink()
    with pytest.raises(SystemExit):
        main([*args, "--lang", "en"])
        raise SystemExit(0)
    assert "small.xlsx: read Pipeline" in capsys.readouterr().out


def test_the_schedule_speaks_french_by_default() -> None:
    from sheets_sync.schedule import parse_schedule

    assert parse_schedule("1h30m").describe() == "toutes les 1 h 30 min"
    assert parse_schedule("2d").describe() == "toutes les 2 j"
    assert parse_schedule("2d").describe("en") == "every 2 d"


def test_the_template_follows_the_rule(
    real_rule: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    french, english = tmp_path / "plan.xlsx", tmp_path / "plan_en.xlsx"
    main(["template", "-o", str(french)])
    assert capsys.readouterr().err == f"Modèle écrit dans {french}\n"
    assert openpyxl.load_workbook(french).sheetnames[:2] == ["Mode d'emploi", "Pipeline"]
    real_rule.setenv("LANG", "en_GB.UTF-8")
    main(["template", "-o", str(english)])
    assert capsys.readouterr().err == f"Template written to {english}\n"
    assert openpyxl.load_workbook(english).sheetnames[:2] == ["How to use", "Pipeline"]
