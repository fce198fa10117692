"""Small workbooks made by code, worked by hand, for the tests of several front ends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl


def write_small_pipeline(path: Path) -> Path:
    """Five deals under a title row, one unreadable amount and a Total row.

    Worked by hand: open A1, A2, A3 at 50 000 € and 30 % each (45 000 € weighted, the
    forecast example of docs/metrics.md); A4 won 20 000 € on 15/10/2026 after 106 days;
    A5 lost at Rendez-vous.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pipeline"
    ws.append(["Suivi commercial"])
    ws.append([])
    ws.append(
        [
            "ID",
            "Affaire",
            "Société",
            "Commercial",
            "Étape",
            "Statut",
            "Montant HT",
            "Probabilité",
            "Date de création",
            "Date de clôture prévue",
            "Dernier contact",
            "Nb relances",
        ]
    )
    rows = [
        ["A1", "Site web", "ACME", "Marie", "Proposition envoyée", "en cours", 50000, 0.3,
         date(2026, 9, 1), date(2026, 12, 15), date(2026, 11, 10), 2],
        ["A2", "CRM", "Beta", "Marie", "Négociation", "en cours", "50 000 €", "30 %",
         date(2026, 9, 15), date(2026, 12, 20), date(2026, 11, 20), 1],
        ["A3", "ERP", "Gamma", "Paul", "RDV", "en cours", "50k€", "30", date(2026, 10, 1),
         date(2026, 11, 30), None, None],
        ["A4", "Audit", "Delta", "Paul", "Gagné", "", 20000, None, date(2026, 7, 1),
         date(2026, 10, 15), None, None],
        ["A5", "Formation", "Epsilon", "Marie", "Rendez-vous", "perdu", "à voir", None,
         date(2026, 6, 1), date(2026, 9, 1), None, None],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.append(["Total"])
    wb.save(path)
    return path


def formula_text(value: object) -> object:
    """A cell's formula as text: openpyxl reads an array formula (the template's spilling
    UDF cells) as an ``ArrayFormula`` whose ``text`` is the formula; other values as they are.
    """
    from openpyxl.worksheet.formula import ArrayFormula

    return value.text if isinstance(value, ArrayFormula) else value
