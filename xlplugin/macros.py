"""The macros behind « Actualiser le tableau de bord » and « Export CRM ».

Split in two: :func:`dashboard_tables` and :func:`export_for_crm` turn the
workbook's grids into the rows of the managed sheets or the CRM import files and
touch no Excel object (they are what the tests check); the functions taking a
``book`` only read grids from the open workbook, write back through xlwings and
show the outcome in a message box. The xlwings-decorated entry points live in
:mod:`xlplugin.udfs`, the module named in « UDF Modules ».
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from salespipe.core.errors import SalespipeError
from salespipe.core.reading.pipeline import Grid, load_pipeline
from salespipe.core.report import build_report
from xlplugin.spills import (
    Rows,
    followup_rows,
    forecast_rows,
    funnel_rows,
    quality_rows,
    summary_rows,
)

#: The sheets the dashboard macro owns: emptied and rewritten at each refresh, never read.
#: Suffixed, so that they never collide with the template's own « Relances » and
#: « Contrôle qualité » sheets of native formulas (or with a sheet the user made).
MANAGED_SHEETS = tuple(
    f"{name} (Python)"
    for name in ("Synthèse", "Prévision", "Entonnoir", "Relances", "Contrôle qualité")
)

#: xlwings' workbook settings sheet: read for SALESPIPE_CRM, never taken for data.
CONFIG_SHEET = "xlwings.conf"
DEFAULT_CRM = "generic"
_ALERT_CHARS = 1500

#: First characters that make Excel read a written text as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@")


def dashboard_tables(
    grids: Mapping[str, Grid], source: str, as_of: date, target: float | None = None
) -> dict[str, Rows]:
    """The rows of every managed sheet, computed from the workbook's other sheets.

    The same pipeline and report as ``salespipe report`` (``load_pipeline`` then
    ``build_report``), so the dashboard shows the CLI's figures.
    """
    report = build_report(load_pipeline(_inputs(grids), source), as_of, target=target)
    tables = (
        summary_rows(report),
        forecast_rows(report.forecast_by_month),
        funnel_rows(report.funnel),
        followup_rows(report.followups, with_state=True),
        quality_rows(report.issues, with_sheet=True),
    )
    return {name: as_written(rows) for name, rows in zip(MANAGED_SHEETS, tables, strict=True)}


def _inputs(grids: Mapping[str, Grid]) -> dict[str, Grid]:
    """The user's sheets: not the managed ones, not xlwings' settings."""
    skipped = {*MANAGED_SHEETS, CONFIG_SHEET, "_" + CONFIG_SHEET}
    return {name: grid for name, grid in grids.items() if name not in skipped}


def as_written(rows: Rows) -> Rows:
    """Rows made rectangular, text that Excel would take for a formula quoted with ``'``."""
    width = max((len(row) for row in rows), default=0)
    return [[_literal(v) for v in row] + [None] * (width - len(row)) for row in rows]


def _literal(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# --- the xlwings side (needs Excel) -----------------------------------------------------


def book_grids(book: Any) -> dict[str, list[list[Any]]]:
    """Every sheet of an open workbook as a grid from A1 (managed sheets left out)."""
    grids: dict[str, list[list[Any]]] = {}
    for sheet in book.sheets:
        if sheet.name in MANAGED_SHEETS:
            continue
        last = sheet.used_range.last_cell
        cells = sheet.range((1, 1), (last.row, last.column))
        grids[sheet.name] = cells.options(ndim=2, err_to_str=True).value
    return grids


def write_tables(book: Any, tables: Mapping[str, Rows]) -> None:
    """Each table into its sheet from A1 (created after the last sheet when missing)."""
    names = [sheet.name for sheet in book.sheets]
    for name, rows in tables.items():
        sheet = book.sheets[name] if name in names else book.sheets.add(name, after=book.sheets[-1])
        sheet.clear_contents()
        if rows:
            sheet["A1"].value = rows


def refresh_dashboard(book: Any, as_of: date) -> None:
    """Recompute the managed sheets of ``book``; a problem is shown in a message box."""
    try:
        write_tables(book, dashboard_tables(book_grids(book), book.name, as_of))
    except SalespipeError as exc:
        book.app.alert(exc.message("fr"), title="salespipe")


def crm_settings(grids: Mapping[str, Grid]) -> dict[str, Any]:
    """The ``key | value`` rows of the workbook's ``xlwings.conf`` sheet, keys upper-cased."""
    rows = grids.get(CONFIG_SHEET) or ()
    return {
        str(row[0]).strip().upper(): row[1]
        for row in rows
        if len(row) > 1 and row[0] is not None and str(row[0]).strip()
    }


def export_for_crm(
    grids: Mapping[str, Grid], source: str, crm: str, out_dir: Path, as_of: date
) -> Any:
    """Export the workbook's pipeline as ``salespipe export`` does; its ExportResult.

    The same library call as the CLI (``salespipe.export.export_pipeline``), so the
    import files are the same; imported on use, as only this macro needs it.
    """
    from salespipe.export import export_pipeline

    inputs = _inputs(grids)
    pipeline = load_pipeline(inputs, source)
    grid = inputs.get(pipeline.sheets.get("deals", ""))
    return export_pipeline(pipeline, grid, crm, out_dir, as_of=as_of)


def export_crm(book: Any, as_of: date) -> None:
    """Write the CRM import files next to ``book``; what was done is shown in a message box.

    The CRM is the ``SALESPIPE_CRM`` key of the ``xlwings.conf`` sheet (hubspot,
    pipedrive, salesforce, odoo, zoho; default generic); the files go to the folder
    ``<workbook>-export-<crm>`` beside the workbook.
    """
    grids = book_grids(book)
    crm = str(crm_settings(grids).get("SALESPIPE_CRM") or DEFAULT_CRM).strip().lower()
    folder = Path(book.fullname).parent if Path(book.fullname).parent.is_dir() else Path.home()
    out_dir = folder / f"{Path(book.name).stem}-export-{crm}"
    try:
        result = export_for_crm(grids, book.name, crm, out_dir, as_of)
    except SalespipeError as exc:
        book.app.alert(exc.message("fr"), title="salespipe")
        return
    book.app.alert(result.summary()[:_ALERT_CHARS], title=f"salespipe : export {crm}")
