"""The report workbook (``salespipe report --format xlsx``): what a person sees when they
open it — bold frozen headers, column widths, euros, percentages and days — and text
they typed that starts with « = » shown as text, never run as a formula."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main
from salespipe.template import template_path
from tests.workbooks import write_small_pipeline

EURO = '#,##0.00 "€"'


@pytest.fixture
def report_book(tmp_path: Path) -> openpyxl.Workbook:
    source = write_small_pipeline(tmp_path / "small.xlsx")
    target = tmp_path / "rapport.xlsx"
    main(["report", str(source), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(target), "--lang", "fr"])  # fmt: skip
    return openpyxl.load_workbook(target)


def test_every_sheet_has_a_bold_frozen_header(report_book: openpyxl.Workbook) -> None:
    for sheet in report_book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        header = next(sheet.iter_rows(max_row=1))
        assert all(cell.font.b for cell in header), sheet.title
        assert not any(cell.font.b for cell in next(sheet.iter_rows(min_row=2, max_row=2)))


def test_summary_figures_have_their_own_formats(report_book: openpyxl.Workbook) -> None:
    summary = report_book["Synthèse"]
    cells = {row[0].value: row[1] for row in summary.iter_rows(min_row=2)}
    assert cells["Date du rapport"].value == datetime(2026, 11, 23)
    assert cells["Date du rapport"].number_format == "DD/MM/YYYY"
    assert cells["Affaires"].value == 5
    assert cells["Affaires"].number_format == "General"  # a count, not euros
    assert cells["Pipeline pondéré"].value == pytest.approx(45_000)  # 3 × 50 000 × 30 %
    assert cells["Pipeline pondéré"].number_format == EURO
    # widths fitted to what is shown, plus 2: the longest label, « Affaires en cours à date
    # de clôture dépassée », has 44 characters; the widest value « 150,000.00 € » 12
    assert summary.column_dimensions["A"].width == 46
    assert summary.column_dimensions["B"].width == 14


def test_table_columns_are_formatted_down_to_the_last_row(
    report_book: openpyxl.Workbook,
) -> None:
    forecast = report_book["Prévision"]
    rows = list(forecast.iter_rows(min_row=2, values_only=False))
    assert [row[0].value for row in rows] == ["2026-10", "2026-11", "2026-12"]
    # December closes A1 (15/12) and A2 (20/12), open at 50 000 € × 30 %: 2 × 15 000 €
    assert rows[2][2].value == 30_000
    assert {row[c].number_format for row in rows for c in (1, 2, 3, 4)} == {EURO}
    assert {row[5].number_format for row in rows} == {"General"}  # deal counts
    # widths from the headers (+ 4 for the filter button) and the values, + 2: « Mois » 8,
    # « 2026-10 » 7: 10; « Pondéré en cours » 16 + 4 wider than « 30,000.00 € »: 22
    assert forecast.column_dimensions["A"].width == 10
    assert forecast.column_dimensions["C"].width == 22
    funnel = report_book["Entonnoir"]
    assert funnel["G2"].value == 0.75 and funnel["G2"].number_format == "0.0 %"
    # an empty cell of a formatted column keeps its format: a budget typed later is euros
    plan = report_book["Plan d'actions (analyse)"]
    assert plan["B2"].value is None and plan["B2"].number_format == EURO


def test_text_starting_with_equals_stays_text_in_every_table(tmp_path: Path) -> None:
    source = tmp_path / "inject.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Affaire", "Commercial", "Étape", "Montant HT", "Date de clôture prévue"])
    for name, owner in [("=1+1", "=A1"), ('=HYPERLINK("http://x","y")', "Marie")]:
        ws.append([name, owner, "Proposition envoyée", 1000, datetime(2026, 12, 1)])
        ws.cell(row=ws.max_row, column=1).data_type = "s"
        ws.cell(row=ws.max_row, column=2).data_type = "s"
    wb.save(source)
    target = tmp_path / "out.xlsx"
    main(["report", str(source), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(target), "--lang", "fr"])  # fmt: skip
    book = openpyxl.load_workbook(target)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    followups = [[c.value for c in row] for row in book["Relances"].iter_rows(min_row=2)]
    assert ["=1+1", "=A1"] in [row[2:5:2] for row in followups]


def test_tables_are_filtered_and_print_one_page_wide_with_their_header(
    report_book: openpyxl.Workbook,
) -> None:
    forecast = report_book["Prévision"]
    assert forecast.auto_filter.ref == "A1:F4"  # the header and the three months
    assert report_book["Entonnoir"].auto_filter.ref == "A1:I7"  # five stages and Gagné
    for sheet in report_book.worksheets:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    # 10 + 13 + 22 + 15 + 22 + 14 = 96 characters wide: landscape; the summary holds charts
    assert forecast.page_setup.orientation == "landscape"
    assert report_book["Synthèse"].page_setup.orientation == "landscape"


def test_a_long_header_wraps_instead_of_widening_its_column(
    report_book: openpyxl.Workbook,
) -> None:
    funnel = report_book["Entonnoir"]
    header = funnel["F1"]
    assert header.value == "Conversion des décidées (passées / (passées + perdues))"
    # 55 characters: the column stops at 24 + 2; wrapped at 22, « Conversion des » /
    # « décidées (passées / » / « (passées + perdues)) »: three lines of 15 points
    assert funnel.column_dimensions["F"].width == 26
    assert header.alignment.wrap_text
    assert funnel.row_dimensions[1].height == 45


def test_the_summary_has_the_template_dashboards_two_charts(
    report_book: openpyxl.Workbook,
) -> None:
    forecast, funnel = report_book["Synthèse"]._charts
    assert forecast.title.tx.rich.p[0].r[0].t == "Prévision pondérée par mois"
    assert (forecast.type, forecast.grouping) == ("col", "stacked")
    # won and weighted open stacked over the three months of the forecast sheet
    assert [(s.tx.strRef.f, s.val.numRef.f) for s in forecast.series] == [
        ("'Prévision'!B1", "'Prévision'!$B$2:$B$4"),
        ("'Prévision'!C1", "'Prévision'!$C$2:$C$4"),
    ]
    assert forecast.series[0].cat.numRef.f == "'Prévision'!$A$2:$A$4"
    assert funnel.title.tx.rich.p[0].r[0].t == "Entonnoir : affaires par étape"
    assert funnel.type == "bar"
    # deals that reached each of the five stages and Gagné
    assert [s.val.numRef.f for s in funnel.series] == ["'Entonnoir'!$B$2:$B$7"]


def test_sheet_names_follow_the_language(tmp_path: Path) -> None:
    source = write_small_pipeline(tmp_path / "small.xlsx")
    target = tmp_path / "report.xlsx"
    main(["report", str(source), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(target), "--lang", "en"])  # fmt: skip
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Summary", "Forecast", "Funnel", "Follow-ups", "Action plan (analysis)", "Data quality"
    ]  # fmt: skip
    assert book["Summary"]._charts[0].title.tx.rich.p[0].r[0].t == "Weighted forecast by month"


def test_a_pipeline_without_deals_has_no_forecast_chart(tmp_path: Path) -> None:
    """The empty template: no month to chart, the funnel of its five open stages and
    Gagné at zero; the tables keep their header and filter."""
    target = tmp_path / "vide.xlsx"
    main(["report", str(template_path()), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(target), "--lang", "fr"])  # fmt: skip
    book = openpyxl.load_workbook(target)
    (funnel,) = book["Synthèse"]._charts
    assert [s.val.numRef.f for s in funnel.series] == ["'Entonnoir'!$B$2:$B$7"]
    assert book["Prévision"].max_row == 1 and book["Prévision"].auto_filter.ref == "A1:F1"


def test_the_forecast_chart_leaves_out_the_undated_row(tmp_path: Path) -> None:
    """An open deal without a close date is a « (sans date) » row of the forecast sheet,
    after the months; a bar without a month has no place on the chart's monthly axis."""
    source = tmp_path / "pipeline.csv"
    source.write_text(
        "Affaire;Montant;Étape;Probabilité;Date de clôture prévue\n"
        "Toiture;10 000;Proposition envoyée;50 %;15/01/2027\n"
        "Façade;20 000;Négociation;80 %;12/02/2027\n"
        "Vérandas;5 000;Négociation;80 %;\n",
        encoding="utf-8",
    )
    target = tmp_path / "report.xlsx"
    main(["report", str(source), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(target), "--lang", "fr"])  # fmt: skip
    book = openpyxl.load_workbook(target)
    months = [row[0] for row in book["Prévision"].iter_rows(min_row=2, values_only=True)]
    assert months == ["2027-01", "2027-02", "(sans date)"]
    forecast, _ = book["Synthèse"]._charts
    assert forecast.series[0].cat.numRef.f == "'Prévision'!$A$2:$A$3"
    assert forecast.series[1].val.numRef.f == "'Prévision'!$C$2:$C$3"


def test_a_text_longer_than_the_widest_column_wraps_in_it(report_book: openpyxl.Workbook) -> None:
    """A data-quality message (often past 100 characters) wraps in its column, capped at
    60 characters, instead of spilling over the page and shrinking the printout."""
    quality = report_book["Contrôle qualité"]
    long_cells = [
        cell
        for row in quality.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str) and len(cell.value) > 60
    ]
    assert long_cells, "the small pipeline's quality messages include long ones"
    for cell in long_cells:
        assert cell.alignment.wrap_text, cell.coordinate
        assert quality.column_dimensions[cell.column_letter].width <= 60
    short = quality.cell(row=2, column=1)
    assert not short.alignment.wrap_text  # only the long texts carry a style
