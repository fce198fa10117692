"""The local sync's output workbook: the managed tabs as a person opens them — frozen
header, days as days, number formats on the numbers of their range only, text starting
with « = » kept as text — and every value where it was put."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from sheets_sync.sources.local import LocalWorkbookSource
from tests.workbooks import write_small_pipeline

EURO = '#,##0.00 "€"'
PCT = "0.0 %"


def test_managed_tabs_keep_values_and_formats(tmp_path: Path) -> None:
    source = LocalWorkbookSource(write_small_pipeline(tmp_path / "in.xlsx"), tmp_path / "out.xlsx")
    rows = [
        ["Indicateur", "Valeur", "Part"],
        ["Pipeline", 45_000, 0.3],
        ["Relance", date(2026, 11, 13), "=1+1"],
        ["Total", 1_000.5, True],
        ["Note", "à voir", None, "=SUM(A1:A2)"],
        [],
        ["Mois", 7, 0.25],
    ]
    # euros on column B from row 2 to the end, then percent on B7 only (the later wins);
    # column C in percent from row 2 to row 4
    formats = [(2, None, 2, EURO), (7, 7, 2, PCT), (2, 4, 3, PCT)]
    source.write_tabs(
        {"Tableau de bord": rows, "Vide": []}, cell_formats={"Tableau de bord": formats}
    )

    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["Tableau de bord", "Vide"]
    tab = book["Tableau de bord"]
    assert tab.freeze_panes == "A2" and book["Vide"].freeze_panes == "A2"
    values = [[cell.value for cell in row] for row in tab.iter_rows()]
    assert values == [
        ["Indicateur", "Valeur", "Part", None],
        ["Pipeline", 45_000, 0.3, None],
        ["Relance", datetime(2026, 11, 13), "=1+1", None],
        ["Total", 1_000.5, True, None],
        ["Note", "à voir", None, "=SUM(A1:A2)"],
        [None, None, None, None],
        ["Mois", 7, 0.25, None],
    ]
    assert [tab[f"B{row}"].number_format for row in range(1, 8)] == [
        "General",  # the header, above the range
        EURO,
        "DD/MM/YYYY",  # a day in a euro column stays a day
        EURO,
        "General",  # text is left alone
        "General",
        PCT,
    ]
    assert [tab[f"C{row}"].number_format for row in range(2, 5)] == [PCT, "General", "General"]
    assert tab["C7"].number_format == "General"  # below the percent range
    assert tab["C3"].data_type == "s" and tab["D5"].data_type == "s"  # never a formula


def test_a_table_tab_opens_with_fitted_columns_a_bold_header_and_a_filter(
    tmp_path: Path,
) -> None:
    source = LocalWorkbookSource(write_small_pipeline(tmp_path / "in.xlsx"), tmp_path / "out.xlsx")
    rows = [
        ["Affaire", "Relance due", "Montant"],
        ["Site web", date(2026, 11, 13), 1_250_000.5],
        ["Refonte complète de l'intranet", None, 50],
    ]
    source.write_tabs({"Relances": rows}, cell_formats={"Relances": [(2, None, 3, EURO)]})

    tab = openpyxl.load_workbook(tmp_path / "out.xlsx")["Relances"]
    assert tab.freeze_panes == "A2" and tab.auto_filter.ref == "A1:C3"
    assert all(cell.font.b for cell in tab[1])
    # + 2 each: the 30-letter deal name; « Relance due » 11 + 4 for the filter button
    # (a day takes 10); « 1,250,000.50 € » 14 characters
    widths = {letter: tab.column_dimensions[letter].width for letter in "ABC"}
    assert widths == {"A": 32, "B": 17, "C": 16}
    assert tab["C2"].number_format == EURO and tab["B2"].number_format == "DD/MM/YYYY"


def test_a_section_header_in_a_dashboard_tab_wraps_instead_of_widening_its_column(
    tmp_path: Path,
) -> None:
    source = LocalWorkbookSource(write_small_pipeline(tmp_path / "in.xlsx"), tmp_path / "out.xlsx")
    long = "Conversion des décidées (passées / (passées + perdues))"  # 55 characters
    rows = [
        ["Indicateur", "Valeur"],
        ["Pipeline pondéré", 45_000],
        [],
        ["Entonnoir"],
        ["Étape", long],
        ["Suspect", 0.75],
    ]
    source.write_tabs(
        {"Tableau de bord": rows}, cell_formats={"Tableau de bord": [(2, 2, 2, EURO)]}
    )

    tab = openpyxl.load_workbook(tmp_path / "out.xlsx")["Tableau de bord"]
    # the section's header counts as a header: at most 24 + 2 wide, wrapped at 22 on
    # three lines (« Conversion des » / « décidées (passées / » / « (passées + perdues)) »)
    assert tab.column_dimensions["B"].width == 26
    assert tab["B5"].font.b and tab["B5"].alignment.wrap_text and not tab["B6"].font.b
    assert tab.row_dimensions[5].height == 45
    assert tab.auto_filter.ref is None  # sections, not one table


def test_a_month_keeps_its_month_format_and_a_day_its_day(tmp_path: Path) -> None:
    """The dashboard's forecast months are dates (the 1st) shown « MMM YYYY »; a date with
    a euro format over it, or none, is shown as a day."""
    source = LocalWorkbookSource(write_small_pipeline(tmp_path / "in.xlsx"), tmp_path / "out.xlsx")
    rows = [["Mois", "Prévision"], [date(2026, 2, 1), 1500.0], [date(2026, 4, 1), date(2026, 4, 9)]]
    formats = [(2, None, 1, "MMM YYYY"), (2, None, 2, EURO)]
    source.write_tabs({"Tableau de bord": rows}, cell_formats={"Tableau de bord": formats})
    tab = openpyxl.load_workbook(tmp_path / "out.xlsx")["Tableau de bord"]
    assert [tab[f"A{n}"].number_format for n in (2, 3)] == ["MMM YYYY", "MMM YYYY"]
    assert [tab[f"B{n}"].number_format for n in (2, 3)] == [EURO, "DD/MM/YYYY"]
    assert tab["A2"].value == datetime(2026, 2, 1)
