"""What a command-line user expects (issue 13): ``python -m salespipe``, exit codes that
tell outcomes apart (salespipe/cli/exit_codes.py, docs/cli.md), shell completion, a
sync.toml found in the working directory, ``sync --sheet`` and ``sync --format json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from salespipe import __version__
from salespipe.cli import exit_codes, main
from tests.workbooks import write_small_pipeline

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(args))
        raise SystemExit(0)
    return int(done.value.code or 0)


def _python_m(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "salespipe", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, **(env or {})}, timeout=120,
    )  # fmt: skip


def test_python_m_salespipe_is_the_command() -> None:
    done = _python_m("-V")
    assert (done.returncode, done.stdout.strip()) == (
        exit_codes.OK,
        f"salespipe, version {__version__}",
    )


def test_a_bad_option_is_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("report", "--no-such-option") == exit_codes.USAGE


def test_a_missing_file_is_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("report", str(tmp_path / "absent.xlsx")) == exit_codes.ERROR


def test_ctrl_c_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The user presses Ctrl-C while the workbook is read."""
    book = write_small_pipeline(tmp_path / "small.xlsx")

    def pressed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("salespipe.files.read_grids", pressed)
    monkeypatch.setattr("salespipe.api.read_grids", pressed)
    assert run("report", str(book), "--as-of", "2026-11-23") == exit_codes.INTERRUPTED
    assert capsys.readouterr().err.strip() == "Aborted."


def test_the_numbers_are_those_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in ("OK", "ERROR", "USAGE", "MAPS_TO_FILL", "BLOCKED", "INTERRUPTED"):
        assert f"| {getattr(exit_codes, name)} | `{name}` |" in doc, name


def test_bash_completion_as_documented() -> None:
    script = _python_m(env={"_SALESPIPE_COMPLETE": "bash_source"})
    assert script.returncode == 0 and "_salespipe_completion()" in script.stdout
    words = {"_SALESPIPE_COMPLETE": "bash_complete", "COMP_WORDS": "salespipe rep",
             "COMP_CWORD": "1"}  # fmt: skip
    assert _python_m(env=words).stdout.split() == ["plain,report"]
    words.update(COMP_WORDS="salespipe sync --she", COMP_CWORD="2")
    assert _python_m(env=words).stdout.split() == ["plain,--sheet"]
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "_SALESPIPE_COMPLETE=bash_source salespipe" in doc


def two_pipelines(path: Path) -> Path:
    """Two tabs of deals: « Pipeline » (one deal, 1 000 €) and « Suivi 2026 » (two deals,
    5 000 € and 7 000 €, both open)."""
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "Pipeline"
    first.append(["Affaire", "Étape", "Montant HT", "Date de clôture prévue"])
    first.append(["Ancienne", "Négociation", 1000, date(2026, 12, 1)])
    second = wb.create_sheet("Suivi 2026")
    second.append(["Affaire", "Étape", "Montant HT", "Date de clôture prévue"])
    second.append(["Site", "Négociation", 5000, date(2026, 12, 1)])
    second.append(["ERP", "Rendez-vous", 7000, date(2026, 12, 2)])
    wb.save(path)
    return path


def _sync_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert run("sync", *args, "--as-of", "2026-11-23", "--no-history", "--format", "json") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    data: dict[str, object] = json.loads(lines[0])
    return data


def test_sync_sheet_names_the_pipeline_tab(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = two_pipelines(tmp_path / "deux.xlsx")
    out = tmp_path / "out.xlsx"
    default = _sync_json(capsys, str(book), "-o", str(out))
    assert (default["tabs_read"], default["deals"]) == (["Pipeline"], 1)
    out.unlink()
    named = _sync_json(capsys, str(book), "-o", str(out), "--sheet", "Suivi 2026")
    assert (named["tabs_read"], named["deals"]) == (["Suivi 2026"], 2)
    summary = named["summary"]
    assert isinstance(summary, dict)
    # 5 000 × 80 % + 7 000 × 40 % = 6 800
    assert (summary["open_amount"], summary["weighted_open"]) == (12_000, 6_800)
    assert named["missing_columns"] is None


def test_sync_toml_in_the_working_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    two_pipelines(tmp_path / "deux.xlsx")
    (tmp_path / "sync.toml").write_text(
        '[sync]\nworkbook = "deux.xlsx"\noutput = "sortie.xlsx"\npipeline_tab = "Suivi 2026"\n'
        'lang = "en"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    data = _sync_json(capsys)
    assert (data["source"], data["tabs_read"], data["deals"]) == ("deux.xlsx", ["Suivi 2026"], 2)
    assert (tmp_path / "sortie.xlsx").is_file()
    assert run("check") == 0
    assert "Suivi 2026" in capsys.readouterr().out


def test_verbose_says_what_was_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = two_pipelines(tmp_path / "deux.xlsx")
    args = ("report", str(book), "--as-of", "2026-11-23", "--sheet", "Suivi 2026", "-v")
    assert run(*args, "--lang", "fr") == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Lecture de deux.xlsx : ") and err[0].endswith(" s")
    assert (
        "Feuille « Suivi 2026 » (pipeline) : Affaire → name, Étape → stage, "
        "Montant HT → amount, Date de clôture prévue → expected_close"
    ) in err
    assert run(*args, "--lang", "en", "--format", "json") == 0
    captured = capsys.readouterr()
    assert "Sheet 'Suivi 2026' (pipeline): Affaire → name" in captured.err
    assert json.loads(captured.out)["columns"]["Suivi 2026"]["amount"] == "Montant HT"


def test_sync_verbose_names_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    two_pipelines(tmp_path / "deux.xlsx")
    (tmp_path / "sync.toml").write_text(
        '[sync]\nworkbook = "deux.xlsx"\noutput = "sortie.xlsx"\nkeep_history = false\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert run("sync", "-v", "--as-of", "2026-11-23") == 0
    err = capsys.readouterr().err
    assert err.startswith("Configuration: sync.toml\n")
    assert "  lecture de Pipeline…" in err  # each step, in the sync's language (fr)


def test_export_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The small pipeline for Pipedrive: its first run writes the map files to fill and
    stops (owners without e-mail), the JSON says it and what would have been exported."""
    book = write_small_pipeline(tmp_path / "small.xlsx")
    args = ("export", str(book), "--crm", "pipedrive", "-o", str(tmp_path / "crm"),
            "--as-of", "2026-11-23", "--format", "json")  # fmt: skip
    code = run(*args)
    data = json.loads(capsys.readouterr().out)
    assert (data["outcome"], code) == ("maps_to_fill", exit_codes.MAPS_TO_FILL)
    assert data["missing_columns"] is None
    assert (data["crm"], data["source"], data["check"]) == ("Pipedrive", "small.xlsx", False)
    assert data["rows"] == {"sheet": "Pipeline", "read": 6, "exported": 5, "rejected": 1,
                            "blank": 0}  # fmt: skip
    assert data["maps"]["owners"]["state"] == "created"
    assert data["written"] is (not data["blocking"])
