"""The rows of the report's tables, shared by every front end that writes them.

The xlsx report (:func:`salespipe.formats.xlsx.write_report_workbook`) and the managed tabs
of the Google Sheets / local-workbook sync (:mod:`sheets_sync.job`) lay out the same
figures through these functions, so a figure has one label and one place everywhere.
Plain lists of rows: no spreadsheet library here. Number formats are Excel format
strings keyed by 1-based column; a writer may use or ignore them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from salespipe.core.metrics.followups import ORIGINS, STATES
from salespipe.core.metrics.history import HistoryReport
from salespipe.core.quality import Severity
from salespipe.core.report import Report, Summary
from salespipe.core.texts import LANGS, entry, index, section

EURO = '#,##0.00 "€"'
PCT = "0.0 %"
DAY = "DD/MM/YYYY"
MONTH = "MMM YYYY"

#: Names of the report's tables (sheets of the xlsx report), French then English.
SHEET_NAMES = section("report.sheet.")
#: The sync's managed tabs, French then English names: written at every run, never read.
MANAGED_TABS = section("report.tab.")


@dataclass(frozen=True)
class Table:
    """A header row, data rows and number formats (1-based column -> Excel format)."""

    headers: list[str]
    rows: list[list[Any]]
    formats: dict[int, str]

    def as_rows(self) -> list[list[Any]]:
        """The headers followed by the data rows."""
        return [list(self.headers), *(list(row) for row in self.rows)]


def _labels(i: int, *codes: str) -> list[str]:
    """The labels of ``codes`` (under ``report.``) in language ``i`` (0 French, 1 English)."""
    return [entry(f"report.{code}")[i] for code in codes]


def summary_lines(report: Report, i: int) -> list[tuple[str, Any, str | None]]:
    """The headline figures as (label, value, number format or None)."""
    s = report.summary
    lines: list[tuple[str, Any, str | None]] = [
        ("source", report.source, None),
        ("as_of", report.as_of, DAY),
        ("deals", s.deals, None),
        ("open_deals", s.open_deals, None),
        ("won_deals", s.won_deals, None),
        ("lost_deals", s.lost_deals, None),
        ("open_amount", s.open_amount, EURO),
        ("weighted_open", s.weighted_open, EURO),
        ("won_amount", s.won_amount, EURO),
        ("win_rate", s.win_rate, PCT),
        ("period_start", s.period_start, DAY),
        ("period_end", s.period_end, DAY),
        ("period_forecast", s.period_forecast, EURO),
        ("target", s.target, EURO),
        ("won_in_period", s.won_in_period, EURO),
        ("attainment", s.attainment, PCT),
        ("forecast_attainment", s.forecast_attainment, PCT),
        ("remaining_target", s.remaining_target, EURO),
        ("open_in_period", s.open_in_period, EURO),
        ("weighted_open_in_period", s.weighted_open_in_period, EURO),
        ("coverage", _coverage(s, s.coverage, i), PCT),
        ("weighted_coverage", _coverage(s, s.weighted_coverage, i), PCT),
        ("overdue_followups", s.overdue_followups, None),
        ("due_this_week", s.due_this_week, None),
        ("nurture", s.nurture, None),
        ("rotting", s.rotting, None),
        ("close_date_passed", s.close_date_passed, None),
    ]
    return _missing_lines(report, i) + [
        (entry(f"report.summary.{key}")[i], value, fmt) for key, value, fmt in lines
    ]


def _missing_lines(report: Report, i: int) -> list[tuple[str, Any, str | None]]:
    """First, when the pipeline table lacks a headline column: the warning, the columns
    seen and the mapping to paste (one cell, one line each)."""
    missing = report.missing_columns
    if missing is None:
        return []
    lang = LANGS[i]
    return [
        (entry("report.summary.missing_columns")[i], missing.warning(lang), None),
        (entry("report.summary.columns_seen")[i], missing.seen_text(lang), None),
        (entry("report.summary.mapping")[i], "\n".join(missing.mapping(lang)), None),
    ]


def _coverage(s: Summary, value: float | None, i: int) -> float | str | None:
    """A coverage ratio, or « objectif atteint » once nothing remains to win."""
    return entry("report.target_reached")[i] if s.target_reached else value


def report_tables(report: Report, lang: str = "fr") -> dict[str, Table]:
    """Every table of the report in sheet order, keyed like :data:`SHEET_NAMES`: what the
    xlsx report writes and :func:`salespipe.frames.report_frames` gives as DataFrames."""
    i = index(lang)
    return {
        "summary": summary_table(report, i),
        "forecast": forecast_table(report, i),
        "funnel": funnel_table(report, i),
        "followups": followup_table(report, i),
        "actions": action_table(report, i),
        "quality": quality_table(report, lang),
    }


def summary_table(report: Report, i: int) -> Table:
    """Two columns, Metric | Value: the headline figures (formats are per row, see
    :func:`summary_lines`)."""
    rows = [[label, value] for label, value, _ in summary_lines(report, i)]
    return Table(_labels(i, "summary.metric", "summary.value"), rows, {})


def forecast_table(report: Report, i: int) -> Table:
    headers = _labels(
        i,
        "column.month",
        "column.won",
        "column.weighted_open",
        "column.forecast",
        "column.open_amount",
        "column.deals",
    )
    rows = [
        [f.key, f.won, f.weighted_open, f.forecast, f.open_amount, f.deals]
        for f in report.forecast_by_month
    ]
    return Table(headers, rows, {2: EURO, 3: EURO, 4: EURO, 5: EURO})


def funnel_table(report: Report, i: int) -> Table:
    headers = _labels(
        i,
        "column.stage",
        "column.reached",
        "column.moved_on",
        "column.lost_at",
        "column.open_at",
        "column.conversion",
        "column.to_won",
        "column.open_amount",
        "column.reached_conversion",
    )
    rows = [f.values() for f in report.funnel]
    return Table(headers, rows, {6: PCT, 7: PCT, 8: EURO, 9: PCT})


def followup_table(report: Report, i: int) -> Table:
    headers = _labels(
        i,
        "column.row",
        "column.id",
        "column.deal",
        "column.company",
        "column.owner",
        "column.stage",
        "column.due",
        "column.state",
        "column.business_days_late",
        "column.touches",
        "column.due_rule",
    )
    rule = {origin: entry(f"report.origin.{origin}")[i] for origin in ORIGINS}
    state = {s: entry(f"template.word.{s}")[i] for s in STATES}  # as the template says it
    rows = [
        [
            f.row,
            f.deal_id,
            f.deal_name,
            f.company,
            f.owner,
            f.stage,
            f.due,
            state[f.state],
            f.business_days_late,
            f.touches,
            rule[f.origin],
        ]
        for f in report.followups
    ]
    return Table(headers, rows, {7: DAY})


def action_table(report: Report, i: int) -> Table:
    headers = _labels(
        i,
        "column.action",
        "column.budget",
        "column.leads",
        "column.meetings",
        "column.signatures",
        "column.won_amount",
        "column.cost_per_lead",
        "column.cost_per_meeting",
        "column.cost_per_signature",
    )
    rows = [
        [
            c.action,
            c.budget,
            c.leads,
            c.meetings,
            c.signatures,
            c.won_amount,
            c.cost_per_lead,
            c.cost_per_meeting,
            c.cost_per_signature,
        ]
        for c in report.action_plan.cost_per_source
    ]
    return Table(headers, rows, {2: EURO, 6: EURO, 7: EURO, 8: EURO, 9: EURO})


def quality_table(report: Report, lang: str) -> Table:
    i = index(lang)
    severity = {s: entry(f"severity.{s.value}")[i] for s in Severity}
    headers = _labels(
        i,
        "column.sheet",
        "column.row",
        "column.column",
        "column.value",
        "column.code",
        "column.severity",
        "column.message",
    )
    rows = [
        [x.sheet, x.row, x.column, cell_text(x.value), x.code, severity[x.severity],
         x.message(lang)]
        for x in report.issues
    ]  # fmt: skip
    return Table(headers, rows, {})


def cell_text(value: Any) -> Any:
    """Values written back as text, so that nothing a user typed is re-interpreted."""
    return None if value is None else str(value)


# --- the sync's managed tabs: the dashboard and the history ------------------------------

#: Labels of the history's event kinds (salespipe.core.metrics.history.EVENT_KINDS).
EVENT_LABELS = section("report.event.")


#: The « Historique » tab lists this many changes at most, the newest (a sheet has room
#: for ten million cells; the history file keeps them all).
HISTORY_ROWS = 20_000


def history_table(history: HistoryReport, i: int) -> Table:
    """One line per change seen between two runs, newest first (:data:`HISTORY_ROWS`)."""
    headers = _labels(
        i,
        "column.date",
        "column.id",
        "column.deal",
        "column.company",
        "column.owner",
        "column.event",
        "column.before",
        "column.after",
        "column.days",
    )
    rows = [
        [
            e.on,
            e.state.deal_id,
            e.state.name,
            e.state.company,
            e.state.owner,
            EVENT_LABELS[e.kind][i],
            e.before,
            e.after,
            e.days,
        ]
        for e in history.events[:HISTORY_ROWS]
    ]
    return Table(headers, rows, {1: DAY})


def observed_funnel_table(history: HistoryReport, i: int) -> Table:
    """Conversion per stage from the moves the history saw."""
    headers = _labels(
        i,
        "column.stage",
        "column.observed",
        "column.moved_on",
        "column.lost_at",
        "column.undecided",
        "column.observed_conversion",
        "column.days_in_stage",
    )
    rows = [
        [
            f.stage,
            f.observed,
            f.moved_on,
            f.lost_at,
            f.undecided,
            f.conversion,
            None if f.mean_days is None else round(f.mean_days, 1),
        ]
        for f in history.funnel
    ]
    return Table(headers, rows, {6: PCT})


def history_lines(history: HistoryReport, i: int) -> list[list[Any]]:
    """The history's headline figures, label | value."""
    slip = history.slippage
    mean_slip = None if slip.mean_days is None else round(slip.mean_days, 1)
    lines = [
        ("since", history.since),
        ("runs", history.runs),
        ("events", len(history.events)),
        ("listed", min(len(history.events), HISTORY_ROWS)),
        ("slipped", slip.deals),
        ("mean_slippage", mean_slip),
        ("untracked", history.untracked),
    ]
    return [[entry(f"report.history.{key}")[i], value] for key, value in lines]


#: The title of the dashboard's last section, the only one whose length changes.
FORECAST_TITLE = entry("report.dashboard.forecast")
#: A number format over part of a column: (first row, last row or None for "to the end",
#: column, Excel format), rows and columns 1-based.
CellFormat = tuple[int, int | None, int, str]


def table_formats(table: Table, first_row: int = 1) -> list[CellFormat]:
    """The column formats of ``table`` written with its header on ``first_row``."""
    return [(first_row + 1, None, col, fmt) for col, fmt in sorted(table.formats.items())]


def _by_month(table: Table) -> Table:
    """The forecast with real dates for its months (the 1st, shown « mmm yyyy »), so that a
    spreadsheet's own formulas can compute with them."""
    rows = [[_month_start(row[0]), *row[1:]] for row in table.rows]
    return Table(table.headers, rows, {1: MONTH, **table.formats})


def _month_start(key: Any) -> Any:
    """``"2026-02"`` -> 2026-02-01; anything else as it is."""
    try:
        year, month = str(key).split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        return key


def dashboard_layout(
    report: Report, history: HistoryReport | None, i: int
) -> tuple[list[list[Any]], list[CellFormat]]:
    """The « Tableau de bord » tab and its number formats: headline figures, the funnel,
    with a history its figures and the observed funnel, then the forecast by month.

    Sections are separated by a blank row and open with their title. Their order keeps
    the layout still from run to run (a spreadsheet's formats stay where they were put):
    only the last section, the months, changes length.
    """
    summary = summary_lines(report, i)
    rows: list[list[Any]] = [summary_table(report, i).headers]
    formats: list[CellFormat] = []
    for label, value, fmt in summary:
        rows.append([label, value])
        if fmt:  # per row: dates, euros and rates share the column
            formats.append((len(rows), len(rows), 2, fmt))
    sections: list[tuple[str, Table | list[list[Any]]]] = [
        (entry("report.dashboard.funnel")[i], funnel_table(report, i)),
    ]
    if history is not None:
        sections.append((entry("report.dashboard.history")[i], history_lines(history, i)))
        sections.append(
            (entry("report.dashboard.observed_funnel")[i], observed_funnel_table(history, i))
        )
    sections.append((FORECAST_TITLE[i], _by_month(forecast_table(report, i))))
    for title, block in sections:
        rows += [[], [title]]
        if isinstance(block, Table):
            last = len(rows) + 1 + len(block.rows)
            end = None if block is sections[-1][1] else last
            formats += [(len(rows) + 2, end, c, f) for c, f in sorted(block.formats.items())]
            rows.extend(block.as_rows())
        else:
            rows.extend(block)
    return rows, formats
