"""A corpus of messy sales workbooks, each built by code the way real PME sheets go wrong.

Every builder writes one file (.xlsx through openpyxl, or .csv as French Excel or
Google Sheets export it) into a folder and returns a :class:`Case`: where the
pipeline is, the data-quality issues salespipe must report, how the rows of the
pipeline sheet must be accounted for, and the headline figures worked out by hand
in the builder's comments (never by calling salespipe).

Default stage probabilities used by hand: Suspect 10 %, Prospect qualifié 20 %,
Rendez-vous 40 %, Proposition envoyée 60 %, Négociation 80 %. The report date
is 23/11/2026, so the quarter of the period forecast is 01/10/2026 – 31/12/2026.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from salespipe.core.errors import SalespipeError, SourceError, TableNotFoundError
from salespipe.core.reading.pipeline import PipelineOptions
from salespipe.core.reading.rows import RowAccount

AS_OF = date(2026, 11, 23)

Row = Sequence[Any]
IssueKey = tuple[str, int, str | None, str]  # (sheet, row, column header or None, code)


def issue_sort_key(item: IssueKey) -> tuple[str, int, str, str]:
    sheet, row, column, code = item
    return sheet, row, column or "", code


def issues(*items: IssueKey) -> tuple[IssueKey, ...]:
    return tuple(sorted(items, key=issue_sort_key))


@dataclass(frozen=True)
class Totals:
    """Headline figures of ``build_report(...).summary``, worked out by hand."""

    deals: int
    open_amount: float
    won_amount: float
    weighted_open: float
    win_rate: float | None
    period_forecast: float | None = None  # checked only when given


@dataclass(frozen=True)
class Case:
    """One messy workbook and everything salespipe must find in it."""

    name: str
    story: str
    path: Path
    sheet: str  # the sheet the pipeline must be read from
    header_row: int
    issues: tuple[IssueKey, ...]
    account: RowAccount  # rows of the pipeline sheet
    totals: Totals
    options: PipelineOptions | None = None
    other_accounts: tuple[RowAccount, ...] = ()  # stage and action sheets
    budget_total: float | None = None
    weekly_load: Mapping[str, Mapping[int, int]] | None = None


@dataclass(frozen=True)
class ErrorCase:
    """A file salespipe cannot report on: the error and what its message must name."""

    name: str
    story: str
    path: Path
    error: type[SalespipeError]
    fragments_fr: tuple[str, ...]
    fragments_en: tuple[str, ...]


def account(
    sheet: str, read: int, used: int, rejected: int = 0, totals: int = 0, blank: int = 0
) -> RowAccount:
    return RowAccount(sheet, read=read, used=used, rejected=rejected, totals=totals, blank=blank)


# --- writers -------------------------------------------------------------------------


def write_xlsx(
    path: Path,
    sheets: Mapping[str, Sequence[Row]],
    *,
    merged: Mapping[str, Sequence[str]] | None = None,
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """A workbook with one sheet per entry, rows written from A1 (``[]`` is a blank row)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
        for ref, fmt in (number_formats or {}).get(name, {}).items():
            sheet[ref].number_format = fmt
    workbook.save(path)
    return path


def write_csv(path: Path, lines: Sequence[str], *, encoding: str, newline: str = "\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


# --- the cases -----------------------------------------------------------------------

FR_HEADER = [
    "ID",
    "Affaire",
    "Société",
    "Commercial",
    "Étape",
    "Statut",
    "Montant HT",
    "Probabilité",
    "Date de clôture prévue",
]


def title_rows(folder: Path) -> Case:
    # fmt: off
    path = write_xlsx(
        folder / "01_titres.xlsx",
        {
            "Pipeline": [
                ["Suivi des affaires – Menuiserie Martin"],
                ["Mis à jour le 20/11/2026 par Marie"],
                [],
                [],
                FR_HEADER,
                ["D1", "Fenêtres école", "Mairie de Vannes", "Marie", "Proposition envoyée",
                 "en cours", 18000, None, date(2026, 12, 15)],
                ["D2", "Portail", "SCI Kerlann", "Paul", "Négociation", "en cours", 6500, None,
                 date(2027, 1, 20)],
                ["D3", "Escalier chêne", "M. Le Goff", "Marie", "Rendez-vous", "en cours", 4200,
                 None, date(2026, 11, 30)],
                ["D4", "Cuisine", "Mme Tanguy", "Paul", "Gagné", "gagné", 12000, None,
                 date(2026, 10, 5)],
                ["D5", "Volets", "Hôtel de la Plage", "Marie", "Proposition envoyée", "perdu", 3000,
                 None, date(2026, 9, 12)],
            ]
        },
        merged={"Pipeline": ["A1:I1", "A2:D2"]},
    )
    # fmt: on
    # open: 18000 + 6500 + 4200 = 28700; weighted: 18000×.6 + 6500×.8 + 4200×.4
    #   = 10800 + 5200 + 1680 = 17680; won 12000; win 1 won / (1 + 1 lost) = 0.5.
    # Quarter: D1 (15/12) 10800 + D3 (30/11) 1680 + D4 won (05/10) 12000 = 24480.
    return Case(
        name="01-title-rows",
        story="two title rows (merged cells) and two blank rows; header on row 5",
        path=path,
        sheet="Pipeline",
        header_row=5,
        issues=(),
        account=account("Pipeline", read=5, used=5),
        totals=Totals(5, 28700.0, 12000.0, 17680.0, 0.5, period_forecast=24480.0),
    )


def english_headers(folder: Path) -> Case:
    # fmt: off
    path = write_xlsx(
        folder / "02_english.xlsx",
        {
            "Deals": [
                ["Deal", "Company", "Stage", "Amount", "Close date", "Owner", "Status"],
                ["Website redesign", "Acme Ltd", "Proposal", 10000, "2026-12-15", "Mary", "Open"],
                ["CRM rollout", "Beta SA", "Won", 5000, "2026-10-01", "John", "Won"],
                ["ERP", "Gamma", "Negotiation", 20000, "2026-12-31", "John", "In progress"],
                ["SEO audit", "Delta", "Qualified", 2000, "2026-09-01", "Mary", "Lost"],
                ["Ads", "Epsilon", "Meeting", "3,000.50", "2027-01-15", "Mary", "open"],
                ["Newsletter", "Zeta", "Lead", 1500, "2027-02-01", "John", None],
            ]
        },
    )
    # fmt: on
    # open: 10000 + 20000 + 3000.50 + 1500 = 34500.50; weighted: 10000×.6 + 20000×.8
    #   + 3000.50×.4 + 1500×.1 = 6000 + 16000 + 1200.20 + 150 = 23350.20.
    # won 5000; win 1/2. Quarter: 6000 + 16000 + 5000 = 27000.
    return Case(
        name="02-english-headers",
        story="English headers and English stage/status words (Proposal, Won, Lead, In progress)",
        path=path,
        sheet="Deals",
        header_row=1,
        issues=(),
        account=account("Deals", read=6, used=6),
        totals=Totals(6, 34500.5, 5000.0, 23350.2, 0.5, period_forecast=27000.0),
    )


def header_variants(folder: Path) -> Case:
    header = [
        " n° ",
        "NOM DE L'AFFAIRE",
        "Entreprise",
        "Etape",
        "MONTANT  HT (€)",
        "Probabilte",
        "Date de cloture",
        "commerciale",
        "Statut de l'affaire ",
    ]
    # fmt: off
    path = write_xlsx(
        folder / "03_entetes.xlsx",
        {
            "Pipeline 2026": [
                header,
                [1, "Site e-commerce", "Boutique Lina", "Proposition envoyée", 8000, "50 %",
                 date(2026, 12, 1), "Sophie", "en cours"],
                [2, "Refonte logo", "Studio K", "Rendez-vous", 1500, None, None, "Sophie", None],
                [3, "Appli mobile", "Transports Roux", "Négociation", 25000, None, date(2027, 2, 1),
                 "Hugo", None],
                [4, "Hébergement", "Cabinet Ferré", "Gagné", 900, None, date(2026, 6, 1), "Hugo",
                 "gagné"],
                [5, "Maintenance", "Pharmacie du Nord", "Suspect", "à chiffrer", None, None,
                 "Sophie", None],
            ]
        },
    )
    # fmt: on
    # open: 8000 + 1500 + 25000 (+ row 6 without amount) = 34500; weighted: 8000×.5 (override)
    #   + 1500×.4 + 25000×.8 = 4000 + 600 + 20000 = 24600; won 900; win 1/1.
    # The column is reported as salespipe shows headers: inner runs of spaces folded.
    return Case(
        name="03-header-variants",
        story="headers in capitals, without accents, with double spaces, (€) and typos",
        path=path,
        sheet="Pipeline 2026",
        header_row=1,
        issues=issues(("Pipeline 2026", 6, "MONTANT HT (€)", "bad_amount")),
        account=account("Pipeline 2026", read=5, used=5),
        totals=Totals(5, 34500.0, 900.0, 24600.0, 1.0),
    )


def french_numbers(folder: Path) -> Case:
    header = ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue"]
    # fmt: off
    path = write_xlsx(
        folder / "04_nombres.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "Rénovation", "Proposition envoyée", None, "12 500,50 €", None],
                ["D2", "Extension", "Rendez-vous", None, "12.500,50", None],
                ["D3", "Contrat cadre", "Suspect", None, "50k€", None],
                ["D4", "Dépannage", "Négociation", None, "1 200 € HT", None],
                ["D5", "Toiture", "Gagné", "gagné", 3400.75, date(2026, 11, 2)],
                ["D6", "Isolation", "Prospect qualifié", None, "15\u202f000", None],
                ["D7", "Bardage", "Rendez-vous", None, "env. 10 000", None],
                ["D8", "Charpente", "Proposition envoyée", "perdu", "2\u00a0000,00\u00a0€",
                 date(2026, 10, 1)],
            ]
        },
    )
    # fmt: on
    # open: 12500.50 + 12500.50 + 50000 + 1200 + 15000 (+ D7 unreadable) = 91201
    # weighted: 12500.50×.6 + 12500.50×.4 + 50000×.1 + 1200×.8 + 15000×.2
    #   = 7500.30 + 5000.20 + 5000 + 960 + 3000 = 21460.50; won 3400.75; win 1/2.
    return Case(
        name="04-french-numbers",
        story="amounts typed as French text (12 500,50 €, 12.500,50, 50k€, 1 200 € HT)",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(("Pipeline", 8, "Montant HT", "bad_amount")),
        account=account("Pipeline", read=8, used=8),
        totals=Totals(8, 91201.0, 3400.75, 21460.5, 0.5),
    )


def dates_every_way(folder: Path) -> Case:
    header = [
        "ID",
        "Affaire",
        "Étape",
        "Statut",
        "Montant HT",
        "Date de création",
        "Date de clôture prévue",
    ]
    # fmt: off
    path = write_xlsx(
        folder / "05_dates.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "RDV", "en cours", 1000, datetime(2026, 9, 1, 14, 30), "15/12/2026"],
                ["D2", "b", "Négociation", None, 2000, "2026-09-15", "31/12/26"],
                ["D3", "c", "Gagné", "gagné", 3000, 46266, 46300],  # Excel serials typed as numbers
                ["D4", "d", "Proposition envoyée", None, 4000, "01/10/2026", "31/02/2026"],
                ["D5", "e", "Gagné", "gagné", 5000, "03/09/2026", "fin octobre"],
                ["D6", "f", "Suspect", None, 600, 2026, "15 janv. 2027"],
                ["D7", "g", "Rendez-vous", None, 700, None, "12/31/2026"],
            ]
        },
    )
    # fmt: on
    close = "Date de clôture prévue"
    # open: 1000 + 2000 + 4000 + 600 + 700 = 8300; weighted: 1000×.4 + 2000×.8 + 4000×.6
    #   + 600×.1 + 700×.4 = 400 + 1600 + 2400 + 60 + 280 = 4740; won 3000 + 5000; win 2/2.
    # Quarter: D1 (15/12/2026) 400 + D2 (31/12/2026) 1600 + D3 won (serial 46300 = 05/10/2026)
    #   3000 = 5000; D4, D5, D7 have no readable close date, D6 closes in 2027.
    return Case(
        name="05-dates-every-way",
        story="dates as text dd/mm/yyyy, ISO, 2-digit year, Excel serials, real dates, "
        "impossible (31/02), US order, words, a bare year",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 5, close, "bad_date"),
            ("Pipeline", 6, close, "bad_date"),
            ("Pipeline", 6, close, "won_without_close_date"),
            ("Pipeline", 7, "Date de création", "bad_date"),
            ("Pipeline", 8, close, "bad_date"),
        ),
        account=account("Pipeline", read=7, used=7),
        totals=Totals(7, 8300.0, 8000.0, 4740.0, 1.0, period_forecast=5000.0),
    )


def stage_typos(folder: Path) -> Case:
    header = ["ID", "Affaire", "Étape", "Montant HT", "Date de clôture prévue"]
    # fmt: off
    path = write_xlsx(
        folder / "06_etapes.xlsx",
        {
            "Affaires": [
                header,
                ["D1", "a", "negociation", 10000, None],
                ["D2", "b", "Propositon envoyée", 5000, None],
                ["D3", "c", "RDV", 2000, None],
                ["D4", "d", "Lead", 1000, None],
                ["D5", "e", "  PROSPECT QUALIFIÉ ", 3000, None],
                ["D6", "f", "Relance téléphonique", 4000, None],
                ["D7", "g", "Gagnée", 7000, date(2026, 11, 10)],
                ["D8", "h", "Rendez vous", 1500, None],
            ]
        },
    )
    # fmt: on
    # open: 10000 + 5000 + 2000 + 1000 + 3000 + 4000 + 1500 = 26500
    # weighted: 8000 + 3000 + 800 + 100 + 600 + (unknown stage: nothing) + 600 = 13100
    # won: D7 "Gagnée" (an alias of Gagné), status from the stage: 7000; win 1/1.
    return Case(
        name="06-stage-typos",
        story="stage names with typos, accents, case, abbreviations and one unknown stage",
        path=path,
        sheet="Affaires",
        header_row=1,
        issues=issues(
            ("Affaires", 3, "Étape", "stage_corrected"),
            ("Affaires", 7, "Étape", "unknown_stage"),
        ),
        account=account("Affaires", read=8, used=8),
        totals=Totals(8, 26500.0, 7000.0, 13100.0, 1.0),
    )


def blank_and_total_rows(folder: Path) -> Case:
    header = [
        "ID",
        "Affaire",
        "Commercial",
        "Étape",
        "Statut",
        "Montant HT",
        "Date de clôture prévue",
    ]
    # fmt: off
    path = write_xlsx(
        folder / "07_totaux.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "Marie", "Rendez-vous", None, 2000, None],
                ["D2", "b", "Marie", "Proposition envoyée", None, 5000, None],
                [None, "Sous-total Marie", None, None, None, 7000, None],
                [],
                ["D3", "c", "Paul", "Négociation", None, 10000, None],
                [],
                [None, " ", None],
                ["D4", "d", "Paul", "Gagné", "gagné", 4000, date(2026, 10, 20)],
                ["D5", "e", "Paul", "Suspect", None, 1000, None],
                ["Total", None, None, None, None, 22000, None],
                [],
                [None, "   "],
            ]
        },
    )
    # fmt: on
    # rows 2..11 read (12 and 13 are trailing blanks): deals on 2, 3, 6, 9, 10; totals on 4, 11;
    # blank 5, 7, 8. open 2000 + 5000 + 10000 + 1000 = 18000; weighted 800 + 3000 + 8000
    # + 100 = 11900; won 4000; win 1/1.
    return Case(
        name="07-blank-and-total-rows",
        story="blank rows in the middle, a 'Sous-total Marie' row and a 'Total' row",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(("Pipeline", 4, None, "totals_row"), ("Pipeline", 11, None, "totals_row")),
        account=account("Pipeline", read=10, used=5, totals=2, blank=3),
        totals=Totals(5, 18000.0, 4000.0, 11900.0, 1.0),
    )


def duplicates(folder: Path) -> Case:
    header = ["ID", "Affaire", "Société", "Étape", "Statut", "Montant HT"]
    flyers = [None, "Flyers", "Imprimerie Gaudin", "Prospect qualifié", None, 800]
    # fmt: off
    path = write_xlsx(
        folder / "08_doublons.xlsx",
        {
            "Pipeline": [
                header,
                ["d1", "Site", "ACME", "Rendez-vous", None, 3000],
                ["D2", "Logo", "Beta", "Suspect", None, 500],
                ["D1", "Site (copie)", "ACME", "Proposition envoyée", None, 3000],
                flyers,
                flyers,
                [" d2 ", "Logo v2", "Beta", "Rendez-vous", None, 700],
                ["D3", "Audit", "Gamma", "Négociation", None, 6000],
                [None, "Flyers", "Imprimerie Gaudin", "Prospect qualifié", None, 900],
            ]
        },
    )
    # fmt: on
    # kept: rows 2, 3, 5, 8, 9; rejected: 4 (D1 = d1), 6 (same as row 5), 7 (d2 = D2).
    # open 3000 + 500 + 800 + 6000 + 900 = 11200; weighted 1200 + 50 + 160 + 4800 + 180 = 6390.
    return Case(
        name="08-duplicates",
        story="the same ID twice in different case, and an exact copy of a row without ID",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 4, "ID", "duplicate_id"),
            ("Pipeline", 6, None, "duplicate_row"),
            ("Pipeline", 7, "ID", "duplicate_id"),
        ),
        account=account("Pipeline", read=8, used=5, rejected=3),
        totals=Totals(5, 11200.0, 0.0, 6390.0, None),
    )


def probabilities(folder: Path) -> Case:
    header = ["ID", "Affaire", "Étape", "Montant HT", "Probabilité"]
    # fmt: off
    path = write_xlsx(
        folder / "09_probabilites.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "Rendez-vous", 10000, "30 %"],
                ["D2", "b", "Rendez-vous", 10000, "0,3"],
                ["D3", "c", "Rendez-vous", 10000, 30],
                ["D4", "d", "Rendez-vous", 10000, 0.3],  # formatted 0 % as Excel shows it
                ["D5", "e", "Rendez-vous", 10000, "150 %"],
                ["D6", "f", "Rendez-vous", 10000, "élevée"],
                ["D7", "g", "Négociation", 10000, None],
                ["D8", "h", "Proposition envoyée", 10000, "0 %"],
            ]
        },
        number_formats={"Pipeline": {"E5": "0 %"}},
    )
    # fmt: on
    # 4 × 10000×.3 = 12000; rows 6-7: unreadable override, stage default 40 % → 2 × 4000;
    # row 8: Négociation 80 % → 8000; row 9: override 0 % → 0. Total 28000; open 80000.
    return Case(
        name="09-probabilities",
        story="probability overrides typed every way: 30 %, 0,3, 30, 0.3, 150 %, élevée, 0 %",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 6, "Probabilité", "probability_out_of_range"),
            ("Pipeline", 7, "Probabilité", "bad_probability"),
        ),
        account=account("Pipeline", read=8, used=8),
        totals=Totals(8, 80000.0, 0.0, 28000.0, None),
    )


def status_from_stage(folder: Path) -> Case:
    header = ["ID", "Affaire", "Étape", "Montant HT", "Date de clôture prévue"]
    # fmt: off
    path = write_xlsx(
        folder / "10_sans_statut.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "Gagné", 5000, date(2026, 10, 10)],
                ["D2", "b", "Perdu", 2000, date(2026, 9, 1)],
                ["D3", "c", "Négociation", 8000, date(2026, 12, 20)],
                ["D4", "d", "gagne", 3000, date(2026, 11, 2)],
                ["D5", "e", "Proposition envoyée", 4000, date(2027, 3, 1)],
            ]
        },
    )
    # fmt: on
    # won 5000 + 3000 = 8000; lost D2; win 2/3. open 8000 + 4000 = 12000;
    # weighted 6400 + 2400 = 8800. Quarter: 5000 + 3000 + 6400 = 14400.
    return Case(
        name="10-status-from-stage",
        story="no status column at all: won and lost come from the Gagné/Perdu stages",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(("Pipeline", 3, "Étape", "lost_stage_unknown")),
        account=account("Pipeline", read=5, used=5),
        totals=Totals(5, 12000.0, 8000.0, 8800.0, 2 / 3, period_forecast=14400.0),
    )


def status_stage_conflicts(folder: Path) -> Case:
    header = ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue"]
    # fmt: off
    path = write_xlsx(
        folder / "11_conflits.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "Gagné", "en cours", 6000, date(2026, 10, 15)],
                ["D2", "b", "Perdu", "en cours", 2500, date(2026, 10, 1)],
                ["D3", "c", "Négociation", "gagné", 7000, date(2026, 11, 5)],
                ["D4", "d", "Proposition envoyée", "perdu", 3000, date(2026, 8, 1)],
                ["D5", "e", "Rendez-vous", "à relancer", 2000, None],
                ["D6", "f", "Suspect", "en pause", 1000, None],
                ["D7", "g", None, "gagné", 1500, date(2026, 7, 1)],
            ]
        },
    )
    # fmt: on
    # won: D1 (stage Gagné beats the stale "en cours"), D3, D7 = 6000 + 7000 + 1500 = 14500;
    # lost: D2 (stage Perdu beats "en cours"), D4; win 3/5. open: D5, D6 (unknown status →
    # open) = 3000; weighted 2000×.4 + 1000×.1 = 900.
    return Case(
        name="11-status-stage-conflicts",
        story="status and stage disagree; an unknown status word",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 2, "Statut", "status_stage_conflict"),
            ("Pipeline", 3, "Statut", "status_stage_conflict"),
            ("Pipeline", 3, "Étape", "lost_stage_unknown"),
            ("Pipeline", 7, "Statut", "unknown_status"),
        ),
        account=account("Pipeline", read=7, used=7),
        totals=Totals(7, 3000.0, 14500.0, 900.0, 0.6),
    )


def emails(folder: Path) -> Case:
    header = ["ID", "Affaire", "Contact", "E-mail", "Étape", "Montant HT"]
    addresses = [
        "jean.dupont@",
        "jean@@x.fr",
        "contact at acme.fr",
        "josé.garcía@exemple.fr",
        "contact@café-du-port.fr",
        " Marie.Curie@Institut-Pasteur.fr ",
        "ventes@例子.广告",
    ]
    rows = [
        [f"D{i}", f"Affaire {i}", f"Contact {i}", address, "Rendez-vous", 1000 * i]
        for i, address in enumerate(addresses, start=1)
    ]
    path = write_xlsx(folder / "12_emails.xlsx", {"Pipeline": [header, *rows]})
    # open 1000 × (1 + … + 7) = 28000; weighted 28000 × .4 = 11200.
    return Case(
        name="12-emails",
        story="invalid e-mails (missing domain, @@, 'at') next to valid internationalised ones",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 2, "E-mail", "invalid_email"),
            ("Pipeline", 3, "E-mail", "invalid_email"),
            ("Pipeline", 4, "E-mail", "invalid_email"),
        ),
        account=account("Pipeline", read=7, used=7),
        totals=Totals(7, 28000.0, 0.0, 11200.0, None),
    )


def csv_french_excel(folder: Path) -> Case:
    path = write_csv(
        folder / "export_pipeline.csv",
        [
            "N°;Affaire;Société;Étape;Statut;Montant HT;Probabilité;Date de clôture prévue;"
            "Commercial",
            "1;Site vitrine;Boulangerie Dupré;Proposition envoyée;en cours;"
            "12\u00a0500,50\u00a0€;;15/12/2026;Élise",
            "2;Maintenance;Garage Lefèvre;Négociation;;3 000,00;50 %;20/12/2026;Loïc",
            "3;Audit énergétique;Café des Sports;Gagné;gagné;1 250,5;;02/10/2026;Élise",
            "4;Formation;Crèche Les Lutins;Rendez-vous;en cours;2 400,00 €;0,25;;Loïc",
            ";;;;;;;;",
            "5;Étude;Mairie d'Auray;Proposition envoyée;perdu;800;;01/09/2026;Élise",
            "Total;;;;;19 950,50 €;;;",
        ],
        encoding="cp1252",
    )
    # open 12500.50 + 3000 + 2400 = 17900.50; weighted 7500.30 + 1500 (50 %) + 600 (25 %)
    # = 9600.30; won 1250.50; win 1/2. Quarter: 7500.30 + 1500 + 1250.50 = 10250.80.
    return Case(
        name="13-csv-french-excel",
        story="CSV saved by French Excel: ';', Windows-1252, decimal commas, no-break spaces",
        path=path,
        sheet="export_pipeline",
        header_row=1,
        issues=issues(("export_pipeline", 8, None, "totals_row")),
        account=account("export_pipeline", read=7, used=5, totals=1, blank=1),
        totals=Totals(5, 17900.5, 1250.5, 9600.3, 0.5, period_forecast=10250.8),
    )


def csv_google_sheets(folder: Path) -> Case:
    path = write_csv(
        folder / "Suivi commercial - Pipeline.csv",
        [
            "ID,Affaire,Société,Étape,Statut,Montant HT,Probabilité,Date de clôture prévue",
            'G1,Refonte site,"Dupont, Fils et Cie",Proposition envoyée,En cours,'
            '"12 500,50 €",,15/12/2026',
            'G2,Campagne SEA,Lumière & Co,Rendez-vous,En cours,"4 000,00 €",25 %,10/01/2027',
            'G3,Audit SEO,Biocoop Nantes,Gagné,Gagné,"1 800,00 €",,03/11/2026',
            'G4,Chatbot,Transports Roux,Négociation,Perdu,"9 000,00 €",,30/10/2026',
            'G5,Formation,Atelier Bois,Suspect,En cours,"600,00 €",,20/02/2027',
        ],
        encoding="utf-8",
        newline="\n",
    )
    # open 12500.50 + 4000 + 600 = 17100.50; weighted 7500.30 + 1000 + 60 = 8560.30;
    # won 1800; win 1/2. Quarter: 7500.30 + 1800 = 9300.30.
    return Case(
        name="14-csv-google-sheets",
        story="CSV from a French Google Sheet: ',' delimiter, French amounts in quotes, UTF-8",
        path=path,
        sheet="Suivi commercial - Pipeline",
        header_row=1,
        issues=(),
        account=account("Suivi commercial - Pipeline", read=5, used=5),
        totals=Totals(5, 17100.5, 1800.0, 8560.3, 0.5, period_forecast=9300.3),
    )


def pipeline_on_feuil1(folder: Path) -> Case:
    # fmt: off
    path = write_xlsx(
        folder / "15_feuil1.xlsx",
        {
            "Lisez-moi": [["Ce classeur suit nos affaires."], ["Ne pas modifier les formules."]],
            "Contacts": [
                ["Société", "Contact", "E-mail", "Téléphone"],
                ["ACME", "Jean Dupont", "jean@acme.fr", "02 97 00 00 00"],
            ],
            "Feuil1": [
                ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue"],
                ["D1", "a", "RDV", None, 2500, None],
                ["D2", "b", "Négociation", None, 10000, None],
                ["D3", "c", "Gagné", "gagné", 4000, date(2026, 11, 15)],
                ["D4", "d", "Suspect", None, 500, None],
            ],
            "Feuil2": [],
        },
    )
    # fmt: on
    # open 2500 + 10000 + 500 = 13000; weighted 1000 + 8000 + 50 = 9050; won 4000; win 1/1.
    return Case(
        name="15-pipeline-on-feuil1",
        story="pipeline on 'Feuil1' after a read-me and a contact sheet, found by its content",
        path=path,
        sheet="Feuil1",
        header_row=1,
        issues=(),
        account=account("Feuil1", read=4, used=4),
        totals=Totals(4, 13000.0, 4000.0, 9050.0, 1.0),
    )


def own_stage_table(folder: Path) -> Case:
    # fmt: off
    path = write_xlsx(
        folder / "16_etapes_maison.xlsx",
        {
            "Étapes": [
                ["Étape", "Probabilité", "Durée prévue (jours)"],
                ["Découverte", "15 %", 10],
                ["Démo", "35 %", 15],
                ["Devis", "60 %", 20],
                ["Accord de principe", "90 %", 10],
            ],
            "Pipeline": [
                ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue"],
                ["D1", "a", "Découverte", None, 10000, None],
                ["D2", "b", "demo", None, 4000, None],
                ["D3", "c", "Devis", None, 5000, None],
                ["D4", "d", "Accord de principe", None, 20000, None],
                ["D5", "e", "Gagné", "gagné", 8000, date(2026, 10, 30)],
                ["D6", "f", "Perdu", None, 3000, date(2026, 9, 30)],
                ["D7", "g", "Proposition envoyée", None, 6000, None],
            ],
        },
    )
    # fmt: on
    # The user's table replaces the defaults; Gagné and Perdu are added after it.
    # open 10000 + 4000 + 5000 + 20000 + 6000 = 45000; weighted 10000×.15 + 4000×.35
    # + 5000×.6 + 20000×.9 = 1500 + 1400 + 3000 + 18000 = 23900 (D7's stage is not in the
    # user's table: no probability). won 8000; lost D6; win 1/2.
    return Case(
        name="16-own-stage-table",
        story="an 'Étapes' sheet with the user's own stages, without won/lost rows",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 7, "Étape", "lost_stage_unknown"),
            ("Pipeline", 8, "Étape", "unknown_stage"),
        ),
        account=account("Pipeline", read=7, used=7),
        totals=Totals(7, 45000.0, 8000.0, 23900.0, 0.5),
        other_accounts=(account("Étapes", read=4, used=4),),
    )


def _weeks(*ticked: int) -> list[str | None]:
    return ["x" if week in ticked else None for week in range(1, 53)]


def action_plan_grid(folder: Path) -> Case:
    actions_header = ["Action", "Type", "Responsable", "Budget", *(f"S{w}" for w in range(1, 53))]
    # fmt: off
    path = write_xlsx(
        folder / "17_plan_actions.xlsx",
        {
            "Pipeline": [
                ["ID", "Affaire", "Étape", "Statut", "Montant HT", "Date de clôture prévue",
                 "Source"],
                ["D1", "a", "Rendez-vous", None, 3000, None, "Salon Batimat"],
                ["D2", "b", "Gagné", "gagné", 5000, date(2026, 11, 20), "Salon Batimat"],
                ["D3", "c", "Suspect", None, 1000, None, "Phoning PME"],
            ],
            "Plan d'actions": [
                ["Plan d'actions commerciales 2026"],
                [],
                actions_header,
                ["Salon Batimat", "Salon", "Marie", "4 500 €", *_weeks(45, 46)],
                ["Phoning PME", "Phoning", "Paul", "1,5k€", *_weeks(10, 11, 12, 13)],
                ["Campagne LinkedIn", "LinkedIn", "Marie", "à définir", *_weeks(20)],
                ["Webinar", "Webinar", "Paul", 800, *_weeks(47)],
                [],
                ["Total", None, None, "=SUM(D4:D7)"],
            ],
        },
    )
    # fmt: on
    # pipeline: open 3000 + 1000 = 4000; weighted 1200 + 100 = 1300; won 5000; win 1/1.
    # budget 4500 + 1500 + 800 = 6800 ("à définir" is not a number); one week ticked = 1.
    return Case(
        name="17-action-plan-grid",
        story="action plan with a title, an S1..S52 grid of 'x', budgets typed as text "
        "and a Total row",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Plan d'actions", 6, "Budget", "bad_amount"),
            ("Plan d'actions", 9, None, "totals_row"),
        ),
        account=account("Pipeline", read=3, used=3),
        totals=Totals(3, 4000.0, 5000.0, 1300.0, 1.0),
        other_accounts=(account("Plan d'actions", read=6, used=4, totals=1, blank=1),),
        budget_total=6800.0,
        weekly_load={
            "Marie": {20: 1, 45: 1, 46: 1},
            "Paul": {10: 1, 11: 1, 12: 1, 13: 1, 47: 1},
        },
    )


def impossible_values(folder: Path) -> Case:
    header = [
        "ID",
        "Affaire",
        "Étape",
        "Statut",
        "Montant HT",
        "Date de création",
        "Date de clôture prévue",
    ]
    # fmt: off
    path = write_xlsx(
        folder / "18_incoherences.xlsx",
        {
            "Pipeline": [
                header,
                ["D1", "a", "Gagné", "gagné", 4000, date(2026, 3, 1), None],
                ["D2", "b", "Proposition envoyée", None, 6000, date(2026, 10, 1),
                 date(2026, 9, 15)],
                ["D3", "c", "Négociation", None, "-500", date(2026, 10, 1), None],
                ["D4", "d", "Rendez-vous", None, -1200, None, None],
                ["D5", "e", "Gagné", "gagné", 2500, date(2026, 2, 1), date(2026, 6, 30)],
                ["D6", "f", "Prospect qualifié", "perdu", 1000, None, date(2026, 5, 1)],
                ["D7", "g", "Suspect", None, 0, None, None],
            ]
        },
    )
    # fmt: on
    close = "Date de clôture prévue"
    # open amounts: D2 6000 (D3 and D4 refused, D7 0) = 6000; weighted 3600;
    # won 4000 + 2500 = 6500; lost D6; win 2/3.
    return Case(
        name="18-impossible-values",
        story="won deal without close date, close before created, negative amounts",
        path=path,
        sheet="Pipeline",
        header_row=1,
        issues=issues(
            ("Pipeline", 2, close, "won_without_close_date"),
            ("Pipeline", 3, close, "close_before_created"),
            ("Pipeline", 4, "Montant HT", "negative_amount"),
            ("Pipeline", 5, "Montant HT", "negative_amount"),
        ),
        account=account("Pipeline", read=7, used=7),
        totals=Totals(7, 6000.0, 6500.0, 3600.0, 2 / 3),
    )


MAPPING_HEADER = [
    "Réf.",
    "Quoi",
    "Client",
    "Phase",
    "Valo (€)",
    "Proba",
    "Qui s'en occupe",
    "Échéance",
]
DEAL_MAPPING = {"name": "Quoi", "amount": "Valo (€)", "owner": "G"}  # G: Qui s'en occupe


def column_mapping(folder: Path) -> Case:
    # fmt: off
    path = write_xlsx(
        folder / "19_correspondance.xlsx",
        {
            "Suivi": [
                MAPPING_HEADER,
                ["R-01", "Toiture", "SCI Atlantique", "Devis", "35 000 €", None, "Julie",
                 date(2026, 12, 10)],
                ["R-02", "Isolation", "M. Bernard", "RDV", 12000, "20 %", "Karim", None],
                ["R-03", "Bardage", "Lycée Monge", "Négociation", "8 500", None, "Julie", None],
                ["R-04", "Charpente", "Mairie de Lorient", "Signé", 15000, None, "Karim",
                 date(2026, 10, 8)],
                ["R-05", "Zinguerie", "SARL du Port", "Prospect", 4000, None, "Julie", None],
            ]
        },
    )
    # fmt: on
    # "Devis" and "Prospect" and "Signé" are aliases of the default stages.
    # open 35000 + 12000 + 8500 + 4000 = 59500; weighted 21000 + 2400 (20 %) + 6800 + 800
    # = 31000; won 15000 (stage Signé, no status column); win 1/1.
    return Case(
        name="19-column-mapping",
        story="headers the aliases do not know (Valo (€), Quoi, Qui s'en occupe), "
        "read with an explicit mapping",
        path=path,
        sheet="Suivi",
        header_row=1,
        issues=(),
        account=account("Suivi", read=5, used=5),
        totals=Totals(5, 59500.0, 15000.0, 31000.0, 1.0),
        options=PipelineOptions(deal_mapping=DEAL_MAPPING),
    )


CASES: tuple[Callable[[Path], Case], ...] = (
    title_rows,
    english_headers,
    header_variants,
    french_numbers,
    dates_every_way,
    stage_typos,
    blank_and_total_rows,
    duplicates,
    probabilities,
    status_from_stage,
    status_stage_conflicts,
    emails,
    csv_french_excel,
    csv_google_sheets,
    pipeline_on_feuil1,
    own_stage_table,
    action_plan_grid,
    impossible_values,
    column_mapping,
)


# --- files salespipe cannot report on ---------------------------------------------------


def no_pipeline_table(folder: Path) -> ErrorCase:
    # fmt: off
    path = write_xlsx(
        folder / "20_sans_pipeline.xlsx",
        {
            "Budget 2026": [["Poste", "Janvier", "Février"], ["Loyer", 1200, 1200]],
            "Notes": [["Penser à relancer Dupont"]],
        },
    )
    # fmt: on
    return ErrorCase(
        name="20-no-pipeline-table",
        story="a workbook with a budget and notes but no pipeline table",
        path=path,
        error=TableNotFoundError,
        fragments_fr=(
            "Budget 2026",
            "Notes",
            "Pipeline",
            "Affaire",
            "Société",
            "Étape",
            "Montant HT",
        ),
        fragments_en=("Budget 2026", "Notes", "Pipeline", "'Deal'", "'Stage'", "'Amount'"),
    )


def missing_file(folder: Path) -> ErrorCase:
    path = folder / "21_absent.xlsx"
    return ErrorCase(
        name="21-missing-file",
        story="a path to a file that does not exist",
        path=path,
        error=SourceError,
        fragments_fr=("21_absent.xlsx", "introuvable"),
        fragments_en=("21_absent.xlsx", "not found"),
    )


def not_a_workbook(folder: Path) -> ErrorCase:
    path = folder / "22_devis.docx"
    path.write_bytes(b"PK\x03\x04 not really a document")
    return ErrorCase(
        name="22-not-a-workbook",
        story="a Word document passed instead of the workbook",
        path=path,
        error=SourceError,
        fragments_fr=("22_devis.docx", ".xlsx", ".csv"),
        fragments_en=("22_devis.docx", "not a supported workbook", ".xlsx"),
    )


def text_named_xlsx(folder: Path) -> ErrorCase:
    path = folder / "23_renomme.xlsx"
    path.write_text("ID;Affaire;Montant HT\n1;Site;1000\n", encoding="utf-8")
    return ErrorCase(
        name="23-text-named-xlsx",
        story="a CSV renamed to .xlsx by hand",
        path=path,
        error=SourceError,
        fragments_fr=("23_renomme.xlsx", "classeur"),
        fragments_en=("23_renomme.xlsx", "could not be read as a workbook"),
    )


ERROR_CASES: tuple[Callable[[Path], ErrorCase], ...] = (
    no_pipeline_table,
    missing_file,
    not_a_workbook,
    text_named_xlsx,
)


@dataclass
class Corpus:
    folder: Path
    cases: dict[str, Case] = field(default_factory=dict)
    errors: dict[str, ErrorCase] = field(default_factory=dict)


def build_corpus(folder: Path) -> Corpus:
    """Write every case of the corpus into ``folder``."""
    corpus = Corpus(folder)
    for build in CASES:
        case = build(folder)
        corpus.cases[build.__name__] = case
    for build_error in ERROR_CASES:
        corpus.errors[build_error.__name__] = build_error(folder)
    return corpus
