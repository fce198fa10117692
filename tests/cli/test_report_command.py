"""`salespipe report` as a user runs it (`salespipe demo`: test_demo_command.py)."""

from __future__ import annotations

import gc
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main

#: Target lines by hand: 20 000 € won of 100 000 € = 20 %; forecast 65 000 € = 65 %;
#: 80 000 € remain, covered 150 000 / 80 000 = 187.5 %, weighted 45 000 / 80 000 = 56.25 %;
#: they need 80 000 / 20 000 (the average won deal) = 4 deals won, carried up the funnel.
#: Stage-to-stage = moved on / reached: Rendez-vous 3/5, Proposition 2/3, Négociation 1/2.
EXPECTED_TEXT = """\
Pipeline report — small.xlsx (as of 2026-11-23)
  Pipeline: 6 read = 5 used + 0 rejected + 1 totals row + 0 blank

Headline
  Deals: 5 (3 open, 1 won, 1 lost)
  Open pipeline: €150,000 (weighted €45,000)
  Won: €20,000    Win rate: 50.0%
  Weighted forecast 2026-10-01 – 2026-12-31: €65,000
  Target: €100,000; won in the period €20,000 (attainment 20.0%), forecast 65.0% of target
  Remaining: €80,000; coverage 187.5% (weighted 56.2%)

Weighted forecast by month
               won  weighted    total
  -------  -------  --------  -------
  2026-10  €20,000        €0  €20,000
  2026-11       €0   €15,000  €15,000
  2026-12       €0   €30,000  €30,000

Forecast by owner (period)
             won  weighted    total
  -----  -------  --------  -------
  Paul   €20,000   €15,000  €35,000
  Marie       €0   €30,000  €30,000

Funnel
                              moved  lost        decided
  Stage              reached     on    at  open    conv.  stage-to-stage  to won
  -----------------  -------  -----  ----  ----  -------  --------------  ------
  Suspect                  5      5     0     0   100.0%          100.0%   75.0%
  Prospect qualifié        5      5     0     0   100.0%          100.0%   75.0%
  Rendez-vous              5      3     1     1    75.0%           60.0%   75.0%
  Proposition              3      2     0     1   100.0%           66.7%  100.0%
  envoyée
  Négociation              2      1     0     1   100.0%           50.0%  100.0%
  Gagné                    1      0     0     0        -               -  100.0%

Pipeline needed for the remaining target (deals to have at each stage)
  Suspect: 6
  Prospect qualifié: 6
  Rendez-vous: 6
  Proposition envoyée: 4
  Négociation: 4

Overdue follow-ups: 1  (1 due this week, 0 handed to nurture)
                                                        business
                                                            days
  Owner  Deal           row  Stage                 due      late  due from
  -----  -------------  ---  -------------  ----------  --------  --------------
  Marie  Site web         4  Proposition    2026-11-13         6  last contact +
         (ACME)              envoyée                              gap

Rotting deals (idle past the stage's expected days): 1
  Owner  Deal  row  Stage        idle days  expected
  -----  ----  ---  -----------  ---------  --------
  Paul   ERP     6  Rendez-vous         53        21

Sales cycle (won deals): median 106 days, mean 106 days (n = 1)

Data quality: 2 issues
  unreadable amount (bad_amount): 1
  totals row (totals_row): 1

  [warning] Sheet 'Pipeline', row 8, column 'Montant HT': unreadable amount 'à voir'; \
expected a number such as 12,500.50
  [info] Sheet 'Pipeline', row 9: totals row recognised, not counted
"""  # as printed on an 80-column terminal: tables fitted, sentences whole


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_report_exact_output(small_pipeline: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(small_pipeline)
    main(["report", str(small_pipeline), "--as-of", "2026-11-23", "--target", "100 000 €"])
    assert capsys.readouterr().out == EXPECTED_TEXT
    assert digest(small_pipeline) == before  # the user's file is never modified


def test_french_labels_and_messages(
    small_pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["report", str(small_pipeline), "--as-of", "23/11/2026", "--lang", "fr"])
    out = capsys.readouterr().out
    assert "Rapport du pipeline — small.xlsx (au 23/11/2026)" in out
    # French typography, as the catalogue's messages write it: a space before « : » and « ; »
    assert "  Pipeline en cours : 150\u202f000 € (pondéré 45\u202f000 €)" in out
    assert "Pipeline en cours: " not in out
    assert (
        "Feuille « Pipeline », ligne 8, colonne « Montant HT » : montant illisible « à voir »"
        in out
    )


def test_json_report_figures(small_pipeline: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        ["report", str(small_pipeline), "--as-of", "2026-11-23", "--format", "json", "--lang", "fr"]
    )
    data = json.loads(capsys.readouterr().out)
    summary = data["summary"]
    assert summary["weighted_open"] == pytest.approx(45_000)
    assert summary["period_forecast"] == pytest.approx(65_000)
    assert summary["win_rate"] == pytest.approx(0.5)
    assert [f["stage"] for f in data["funnel"]][:2] == ["Suspect", "Prospect qualifié"]
    assert data["accounts"] == [
        {
            "sheet": "Pipeline",
            "read": 6,
            "used": 5,
            "rejected": 0,
            "totals": 1,
            "blank": 0,
            "headers": 0,
        }
    ]
    assert data["issues"][0] == {
        "sheet": "Pipeline",
        "row": 8,
        "column": "Montant HT",
        "value": "à voir",
        "code": "bad_amount",
        "severity": "warning",
        "message": "Feuille « Pipeline », ligne 8, colonne « Montant HT » : montant illisible "
        "« à voir » ; attendu un nombre comme 12 500,50 €",
    }


def test_the_garbage_collector_runs_again_after_a_report(
    small_pipeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The report is built with the collector paused (and frozen before it runs again):
    # a program that runs reports in-process keeps its collector, after a report as after
    # a failed one.
    assert gc.isenabled()
    main(["report", str(small_pipeline), "--as-of", "2026-11-23", "--format", "json", "-q"])
    assert json.loads(capsys.readouterr().out)["summary"]["deals"] == 5
    assert gc.isenabled()
    (tmp_path / "broken.xlsx").write_text("not a workbook")
    with pytest.raises(SystemExit):
        main(["report", str(tmp_path / "broken.xlsx"), "--format", "json", "-q"])
    assert gc.isenabled()


def test_json_messages_in_english(small_pipeline: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        ["report", str(small_pipeline), "--as-of", "2026-11-23", "--format", "json", "--lang", "en"]
    )
    data = json.loads(capsys.readouterr().out)
    assert data["issues"][0]["message"].startswith("Sheet 'Pipeline', row 8, column 'Montant HT'")


def test_xlsx_report_has_every_section(small_pipeline: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.xlsx"
    main(
        [
            "report",
            str(small_pipeline),
            "--as-of",
            "2026-11-23",
            "--format",
            "xlsx",
            "-o",
            str(target),
            "--lang",
            "fr",
        ]
    )
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "Synthèse",
        "Prévision",
        "Entonnoir",
        "Relances",
        "Plan d'actions (analyse)",
        "Contrôle qualité",
    ]
    summary = {row[0]: row[1] for row in wb["Synthèse"].iter_rows(values_only=True)}
    assert summary["Pipeline pondéré"] == pytest.approx(45_000)
    quality = list(wb["Contrôle qualité"].iter_rows(values_only=True))
    assert quality[1][:5] == ("Pipeline", 8, "Montant HT", "à voir", "bad_amount")


def test_user_text_is_never_written_as_a_formula(tmp_path: Path) -> None:
    source = tmp_path / "inject.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Affaire", "Étape", "Montant HT"])
    ws.append(["Deal", "RDV", '=HYPERLINK("http://evil","x")'])
    wb.save(source)
    target = tmp_path / "out.xlsx"
    main(
        [
            "report",
            str(source),
            "--as-of",
            "2026-11-23",
            "--format",
            "xlsx",
            "-o",
            str(target),
            "--lang",
            "fr",
        ]
    )
    cells = [
        c for row in openpyxl.load_workbook(target)["Contrôle qualité"].iter_rows() for c in row
    ]
    assert all(c.data_type != "f" for c in cells)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "missing.xlsx"], "Error: File not found: missing.xlsx"),
        (["report", "notes.txt.xlsx"], "could not be read as a workbook"),
        (
            ["report", "empty.xlsx"],
            "No Pipeline table found in empty.xlsx (sheets searched: Feuille)",
        ),
    ],
)
def test_errors_give_one_message_and_exit_code_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt.xlsx").write_text("not a workbook")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Feuille"
    ws.append(["Bonjour"])
    wb.save(tmp_path / "empty.xlsx")
    result = subprocess.run(
        [sys.executable, "-m", "salespipe.cli", *args], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_option_is_a_usage_error(small_pipeline: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "salespipe.cli", "report", str(small_pipeline), "--as-of", "hier"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "not a date: 'hier'" in result.stderr


def test_output_onto_the_input_workbook_is_refused(small_pipeline: Path) -> None:
    before = digest(small_pipeline)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "salespipe.cli",
            "report",
            str(small_pipeline),
            "--format",
            "xlsx",
            "-o",
            str(small_pipeline),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "never writes to it" in result.stderr
    assert digest(small_pipeline) == before


def test_mapping_file_names_columns_the_guess_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "suivi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Suivi 2026"
    ws.append(["Dossier", "Phase", "Enjeu (€)", "Chargé de compte"])
    ws.append(["Site web", "Négociation", 10_000, "Léa"])
    ws.append(["ERP", "Gagné", 5_000, "Paul"])
    wb.save(source)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[sheets]\ndeals = "Suivi 2026"\n\n'
        '[deals]\nname = "Dossier"\nstage = "Phase"\namount = "Enjeu (€)"\nowner = "D"\n',
        encoding="utf-8",
    )
    main(
        [
            "report",
            str(source),
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
            "--mapping",
            str(mapping),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert data["sheets"]["deals"] == "Suivi 2026"
    assert data["summary"]["weighted_open"] == pytest.approx(8_000)  # 10 000 × 80 %
    assert data["summary"]["won_amount"] == pytest.approx(5_000)
    assert [line["key"] for line in data["forecast_by_owner"]] == []  # no close dates
    assert data["ignored_columns"]["Suivi 2026"] == []


def test_an_unexpected_error_is_one_line_not_a_traceback(
    small_pipeline: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("salespipe.api.report_on_workbook", broken)  # imported on use
    monkeypatch.delenv("SALESPIPE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["report", str(small_pipeline)])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Unexpected error (RuntimeError: boom)" in err
    assert "SALESPIPE_DEBUG=1" in err
    assert "Traceback" not in err


def test_open_deals_past_their_close_date_are_flagged(
    small_pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A3 (open, 50 000 €) was to close on 30/11/2026: on 1 December it is past its date,
    in the text report and the JSON; on 23 November it is not."""
    main(["report", str(small_pipeline), "--as-of", "2026-12-01"])
    out = capsys.readouterr().out
    assert (
        "Open deals past their expected close date (move the date, or close them): 1 "
        "(€50,000)\n" in out
    )
    main(["report", str(small_pipeline), "--as-of", "2026-12-01", "--format", "json"])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["close_date_passed"], summary["close_date_passed_amount"]) == (1, 50_000.0)
    main(["report", str(small_pipeline), "--as-of", "2026-11-23"])
    assert "past their expected close date" not in capsys.readouterr().out
