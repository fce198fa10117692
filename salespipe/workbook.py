"""Spreadsheet files in and out: read a user's workbook into grids, never modifying it.

Reading goes through python-calamine (Rust), which reads .xlsx, .xlsm, .xls,
.xlsb and .ods about ten times faster than openpyxl; .csv files (``;`` or ``,``
separated, UTF-8 or Windows-1252, as French Excel saves them) are read with the
standard library. Grids keep the sheet's true row numbers: ``grid[0]`` is row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from salespipe.core.bulk import gc_paused
from salespipe.core.errors import SourceError
from salespipe.core.model import DEFAULT_MAX_TOUCHES
from salespipe.core.pipeline import Grid, PipelineOptions, load_pipeline
from salespipe.core.report import PeriodKind, Report, build_report

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


def read_grids(path: str | Path) -> dict[str, Grid]:
    """Every visible and hidden worksheet of ``path`` as ``{sheet name: grid}``.

    Blank cells are ``""`` (as calamine and gspread give them) or None; numbers are
    floats; dates are ``date``/``datetime``. The core treats both blanks alike.
    Raises SourceError with a message that says what to do when the file is
    missing, unreadable or not a spreadsheet.
    """
    file = Path(path)
    if not file.exists():
        raise SourceError("file_not_found", path=str(file))
    if file.is_dir():
        raise SourceError("not_a_file", path=str(file))
    suffix = file.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return {file.stem: read_csv_grid(file.read_bytes())}
    if suffix not in SPREADSHEET_SUFFIXES:
        raise SourceError(
            "unsupported_file",
            name=file.name,
            suffixes=", ".join(SPREADSHEET_SUFFIXES + CSV_SUFFIXES),
        )
    try:
        workbook = CalamineWorkbook.from_path(str(file))
        try:
            return {
                name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names
            }
        finally:
            workbook.close()
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError("unreadable_workbook", name=file.name, reason=str(exc)) from exc


def read_csv_grid(data: bytes) -> list[list[Any]]:
    """A CSV file's rows as text cells; the delimiter and encoding are detected."""
    text = _decode(data)
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        dialect = csv.excel
    return [
        [cell if cell.strip() else None for cell in row]
        for row in csv.reader(io.StringIO(text), dialect)
    ]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def report_on_workbook(
    path: str | Path,
    as_of: date,
    *,
    target: float | None = None,
    period: PeriodKind = "quarter",
    options: PipelineOptions | None = None,
    max_touches: int = DEFAULT_MAX_TOUCHES,
) -> Report:
    """Read the workbook at ``path`` (never modified) and build the full report.

    The one library call behind ``salespipe report``. The cyclic garbage collector is
    paused meanwhile: the millions of cells and records made here hold no cycles.
    """
    with gc_paused():
        grids = read_grids(path)
        pipeline = load_pipeline(grids, Path(path).name, options)
        return build_report(pipeline, as_of, target=target, period=period, max_touches=max_touches)


# --- report workbook ---------------------------------------------------------

_SHEETS = {
    "summary": ("Synthèse", "Summary"),
    "forecast": ("Prévision", "Forecast"),
    "funnel": ("Entonnoir", "Funnel"),
    "followups": ("Relances", "Follow-ups"),
    "actions": ("Plan d'actions (analyse)", "Action plan (analysis)"),
    "quality": ("Contrôle qualité", "Data quality"),
}
_EURO = '#,##0.00 "€"'
_PCT = "0.0 %"
_DAY = "DD/MM/YYYY"


def write_report_workbook(report: Report, path: str | Path, lang: str = "fr") -> Path:
    """Write ``report`` as a new workbook at ``path`` (never the user's input file)."""
    from openpyxl import Workbook

    i = 1 if lang == "en" else 0
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _SHEETS["summary"][i]
    _write_summary(summary, report, i)
    _write_rows(workbook.create_sheet(_SHEETS["forecast"][i]), *_forecast_rows(report, i))
    _write_rows(workbook.create_sheet(_SHEETS["funnel"][i]), *_funnel_rows(report, i))
    _write_rows(workbook.create_sheet(_SHEETS["followups"][i]), *_followup_rows(report, i))
    _write_rows(workbook.create_sheet(_SHEETS["actions"][i]), *_action_rows(report, i))
    _write_rows(workbook.create_sheet(_SHEETS["quality"][i]), *_quality_rows(report, lang, i))
    target = Path(path)
    workbook.save(target)
    return target


def _write_rows(
    sheet: Any, headers: list[str], rows: list[list[Any]], formats: dict[int, str]
) -> None:
    from openpyxl.styles import Font

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text a person typed, never a formula (no injection)
                cell.data_type = "s"
    for column, fmt in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = fmt
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[_letter(index)].width = max(12, min(45, len(str(header)) + 4))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _write_summary(sheet: Any, report: Report, i: int) -> None:
    s = report.summary
    rows: list[tuple[tuple[str, str], Any, str | None]] = [
        (("Source", "Source"), report.source, None),
        (("Date du rapport", "Report date"), report.as_of, _DAY),
        (("Affaires", "Deals"), s.deals, None),
        (("Affaires en cours", "Open deals"), s.open_deals, None),
        (("Affaires gagnées", "Won deals"), s.won_deals, None),
        (("Affaires perdues", "Lost deals"), s.lost_deals, None),
        (("Pipeline en cours", "Open pipeline"), s.open_amount, _EURO),
        (("Pipeline pondéré", "Weighted pipeline"), s.weighted_open, _EURO),
        (("CA gagné", "Won amount"), s.won_amount, _EURO),
        (("Taux de réussite", "Win rate"), s.win_rate, _PCT),
        (("Début de période", "Period start"), s.period_start, _DAY),
        (("Fin de période", "Period end"), s.period_end, _DAY),
        (
            ("Prévision pondérée de la période", "Period weighted forecast"),
            s.period_forecast,
            _EURO,
        ),
        (("Objectif", "Target"), s.target, _EURO),
        (("Couverture", "Coverage"), s.coverage, _PCT),
        (("Relances en retard", "Overdue follow-ups"), s.overdue_followups, None),
        (("Relances de la semaine", "Follow-ups due this week"), s.due_this_week, None),
        (("Passées en nurturing", "Handed to nurture"), s.nurture, None),
        (("Affaires qui stagnent", "Rotting deals"), s.rotting, None),
    ]
    _write_rows(sheet, [("Indicateur", "Metric")[i], ("Valeur", "Value")[i]],
                [[label[i], value] for label, value, _ in rows], {})  # fmt: skip
    for offset, (_, _, fmt) in enumerate(rows, start=2):
        if fmt:
            sheet.cell(row=offset, column=2).number_format = fmt
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 20


def _forecast_rows(report: Report, i: int) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [("Mois", "Month")[i], ("Gagné", "Won")[i], ("Pondéré en cours", "Weighted open")[i],
               ("Prévision", "Forecast")[i], ("Montant en cours", "Open amount")[i],
               ("Affaires", "Deals")[i]]  # fmt: skip
    rows = [[f.key, f.won, f.weighted_open, f.forecast, f.open_amount, f.deals]
            for f in report.forecast_by_month]  # fmt: skip
    return headers, rows, {2: _EURO, 3: _EURO, 4: _EURO, 5: _EURO}


def _funnel_rows(report: Report, i: int) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [("Étape", "Stage")[i], ("Atteinte", "Reached")[i], ("Passées", "Moved on")[i],
               ("Perdues", "Lost at")[i], ("En cours", "Open at")[i],
               ("Conversion", "Conversion")[i], ("Vers gagné", "To won")[i],
               ("Montant en cours", "Open amount")[i]]  # fmt: skip
    rows = [[f.stage, f.reached, f.moved_on, f.lost_at, f.open_at, f.conversion,
             f.cumulative_conversion, f.amount_open] for f in report.funnel]  # fmt: skip
    return headers, rows, {6: _PCT, 7: _PCT, 8: _EURO}


def _followup_rows(report: Report, i: int) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [("Ligne", "Row")[i], ("ID", "ID")[i], ("Affaire", "Deal")[i],
               ("Société", "Company")[i], ("Commercial", "Owner")[i], ("Étape", "Stage")[i],
               ("Relance due", "Due")[i], ("État", "State")[i],
               ("Jours ouvrés de retard", "Business days late")[i],
               ("Nb relances", "Touches")[i]]  # fmt: skip
    rows = [[f.row, f.deal_id, f.deal_name, f.company, f.owner, f.stage, f.due, f.state,
             f.business_days_late, f.touches] for f in report.followups]  # fmt: skip
    return headers, rows, {7: _DAY}


def _action_rows(report: Report, i: int) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [("Action", "Action")[i], ("Budget", "Budget")[i], ("Leads", "Leads")[i],
               ("Rendez-vous", "Meetings")[i], ("Signatures", "Signatures")[i],
               ("CA signé", "Won amount")[i], ("Coût par lead", "Cost per lead")[i],
               ("Coût par RDV", "Cost per meeting")[i],
               ("Coût par signature", "Cost per signature")[i]]  # fmt: skip
    rows = [[c.action, c.budget, c.leads, c.meetings, c.signatures, c.won_amount,
             c.cost_per_lead, c.cost_per_meeting, c.cost_per_signature]
            for c in report.action_plan.cost_per_source]  # fmt: skip
    return headers, rows, {2: _EURO, 6: _EURO, 7: _EURO, 8: _EURO, 9: _EURO}


def _quality_rows(
    report: Report, lang: str, i: int
) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [("Feuille", "Sheet")[i], ("Ligne", "Row")[i], ("Colonne", "Column")[i],
               ("Valeur", "Value")[i], ("Code", "Code")[i], ("Gravité", "Severity")[i],
               ("Message", "Message")[i]]  # fmt: skip
    rows = [[x.sheet, x.row, x.column, _cell_text(x.value), x.code, x.severity.value,
             x.message(lang)] for x in report.issues]  # fmt: skip
    return headers, rows, {}


def _cell_text(value: Any) -> Any:
    """Values written back as text, so that nothing a user typed is re-interpreted."""
    return None if value is None else str(value)
