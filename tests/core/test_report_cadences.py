"""Cadences from a workbook to every table that shows follow-ups: seed 000's J+2, J+5, J+12
counted from the day the proposal went out, the gap cadence of seed 002 elsewhere, and the
rule each deal's date came from.

As of Wednesday 13 May 2026; Friday 8 May (Victoire 1945) and Thursday 14 May (Ascension)
are public holidays. Worked by hand:

- P1, proposal sent Wed 6 May, touch 1 done Mon 11 May: touch 2 at J+5 = Mon 11 May,
  overdue by 2 business days (12 and 13 May), from the stage entry;
- P2, same without the stage-entry date: last contact Mon 11 May + (5 − 2) = Thu 14 May,
  a holiday, so Fri 15 May, from the last contact;
- P3, proposal sent Wed 6 May, touch 2 late on Tue 12 May: touch 3 at J+12 = Mon 18 May;
- R1 at Rendez-vous (the « +0, +1, +3 » gaps typed in Étapes), one touch on Tue 12 May:
  + 1 day = Wed 13 May, due today.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from salespipe.api import report_on_workbook
from salespipe.core.report_tables import followup_table
from salespipe.formats.text import render_text
from salespipe.formats.xlsx import write_report_workbook

AS_OF = date(2026, 5, 13)
D = date


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pipeline"
    ws.append(
        ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue",
         "Entrée dans l'étape", "Dernier contact", "Nb relances"]
    )  # fmt: skip
    proposal = "Proposition envoyée"
    ws.append(["P1", "Site", proposal, "En cours", 1000, D(2026, 6, 30), D(2026, 5, 6),
               D(2026, 5, 11), 1])  # fmt: skip
    ws.append(["P2", "ERP", proposal, "En cours", 1000, D(2026, 6, 30), None,
               D(2026, 5, 11), 1])  # fmt: skip
    ws.append(["P3", "CRM", proposal, "En cours", 1000, D(2026, 6, 30), D(2026, 5, 6),
               D(2026, 5, 12), 2])  # fmt: skip
    ws.append(["R1", "Audit", "Rendez-vous", "En cours", 1000, D(2026, 6, 30), D(2026, 4, 1),
               D(2026, 5, 12), 1])  # fmt: skip
    stages = wb.create_sheet("Étapes")
    stages.append(["Étape", "Ordre", "Probabilité", "Cadence de relance"])
    stages.append(["Rendez-vous", 1, 0.4, "+0, +1, +3"])
    stages.append([proposal, 2, 0.6, "J+2, J+5, J+12"])
    stages.append(["Gagné", 3, 1.0, None])
    stages.append(["Perdu", 4, 0.0, None])
    path = tmp_path_factory.mktemp("cadences") / "cadences.xlsx"
    wb.save(path)
    return path


def test_due_dates_and_rules_from_a_workbook(workbook: Path) -> None:
    report = report_on_workbook(workbook, AS_OF)
    assert [i.code for i in report.issues] == []
    got = [(f.deal_id, f.due, f.origin, f.state, f.business_days_late) for f in report.followups]
    assert got == [
        ("P1", D(2026, 5, 11), "stage_entry", "overdue", 2),
        ("R1", D(2026, 5, 13), "last_contact", "due_this_week", 0),
        ("P2", D(2026, 5, 15), "last_contact", "due_this_week", 0),
        ("P3", D(2026, 5, 18), "stage_entry", "later", 0),
    ]


def test_the_relances_table_says_which_rule_in_french_and_english(workbook: Path) -> None:
    report = report_on_workbook(workbook, AS_OF)
    french = followup_table(report, 0)
    assert french.headers[-1] == "Relance calculée depuis"
    assert [row[-1] for row in french.rows] == [
        "entrée dans l'étape + J+n",
        "dernier contact + écart",
        "dernier contact + écart",
        "entrée dans l'étape + J+n",
    ]
    english = followup_table(report, 1)
    assert english.headers[-1] == "Due date from"
    assert english.rows[0][-1] == "stage entry + D+n"
    text = render_text(report, "fr", False)
    assert "calculée depuis" in text and "entrée dans l'étape + J+n" in text


def test_the_report_workbook_shows_the_rule(workbook: Path, tmp_path: Path) -> None:
    report = report_on_workbook(workbook, AS_OF)
    out = write_report_workbook(report, tmp_path / "rapport.xlsx", "fr")
    sheet = next(
        ws
        for ws in openpyxl.load_workbook(out).worksheets
        if ws.cell(1, 1).value == "Ligne"
        and ws.max_column == len(followup_table(report, 0).headers)
    )
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Relance calculée depuis"
    assert (rows[1][1], rows[1][-1]) == ("P1", "entrée dans l'étape + J+n")
