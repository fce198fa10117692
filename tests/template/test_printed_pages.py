"""What a person sees when they print or export to PDF: the template, the report workbook
and the local sync's output printed by LibreOffice (their print areas, page set-up and
breaks), read back with pdftotext. A few pages, not 144; no euro or date cell shown as
« ### » (a column too narrow for its value); the dashboard's charts on the page of their
figures."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import coordinate_to_tuple

from salespipe.cli import main
from salespipe.template import build_template, sample_data, template_path
from salespipe.template.layout import FUNNEL_FIRST
from tests.template.datasets import SAMPLE_AS_OF
from tests.template.libreoffice import make_profile, pdf_pages, print_to_pdf
from tests.workbooks import write_small_pipeline

Printed = dict[str, list[str]]


def _narrow_dates(path: Path) -> Path:
    """The control: a day and an amount in columns 4 characters wide, which every
    spreadsheet shows as « ### »."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([date(2026, 11, 23), 1_250_000.5])
    ws["A1"].number_format = "DD/MM/YYYY"
    ws["B1"].number_format = '#,##0.00 "€"'
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 4
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """``{name: the text of each printed page}``, every file printed in one soffice run."""
    base = tmp_path_factory.mktemp("printed")
    files = {"template": base / "template.xlsx"}
    shutil.copy(template_path(), files["template"])
    files["template_en"] = base / "template_en.xlsx"
    build_template("en").save(files["template_en"])
    files["sample"] = base / "sample.xlsx"
    build_template("fr", sample_data(SAMPLE_AS_OF)).save(files["sample"])
    source = write_small_pipeline(base / "pipeline.xlsx")
    files["report"], files["sync"] = base / "report.xlsx", base / "sync.xlsx"
    main(["report", str(source), "--as-of", "2026-11-23", "--format", "xlsx",
          "-o", str(files["report"]), "--lang", "fr"])  # fmt: skip
    main(["sync", str(source), "-o", str(files["sync"]), "--as-of", "2026-11-23",
          "--no-history", "--lang", "fr"])  # fmt: skip
    files["control"] = _narrow_dates(base / "control.xlsx")
    pdfs = print_to_pdf(list(files.values()), base / "pdf", make_profile(base / "profile"))
    return {name: pdf_pages(pdfs[path]) for name, path in files.items()}


def test_a_too_narrow_euro_or_date_column_prints_as_hashes(printed: Printed) -> None:
    """The control: the check below would see a cut value."""
    assert "###" in "".join(printed["control"])


@pytest.mark.parametrize("name", ["template", "template_en", "sample", "report", "sync"])
def test_no_euro_or_date_cell_prints_as_hashes(printed: Printed, name: str) -> None:
    cut = [number for number, page in enumerate(printed[name], 1) if "###" in page]
    assert cut == [], f"{name}: « ### » on pages {cut}"


def test_the_template_prints_on_thirteen_pages_not_144(printed: Printed) -> None:
    """One page wide each, the print areas on what a person reads: Mode d'emploi 1,
    Pipeline 1 (its empty rows are not printed), Étapes 1, Plan d'actions 1 (the grid to
    S53), Relances 2 (the 100 most urgent), Tableau de bord 2 (broken above the funnel),
    Paramètres 2 (the holidays to 2035), Analyse Python 2, Contrôle qualité 1."""
    assert len(printed["template"]) == 13
    assert len(printed["template_en"]) == 13
    assert printed["template"][0].split()[:4] == ["Mode", "d'emploi", "du", "classeur"]
    # the managed columns are not printed: Pipeline's page ends with its last own column
    pipeline = printed["template"][1]
    assert "Entrée dans" in pipeline and "Ligne comptée" not in pipeline


def test_each_dashboard_chart_prints_whole_with_its_figures(printed: Printed) -> None:
    """The page break above the funnel: the synthesis and the forecast on one page, the
    funnel and the budget on the next; each chart anchored inside its page's rows. (A
    chart's text is in the PDF even where the page clips it: the anchors say where it is
    drawn.)"""
    pages = printed["sample"]
    first = next(i for i, page in enumerate(pages) if "Tableau de bord commercial" in page)
    assert "Prévision pondérée par mois" in pages[first] and "Synthèse" in pages[first]
    funnel_header = "Ligne Étapes"  # the funnel table's first header
    assert funnel_header not in pages[first] and funnel_header in pages[first + 1]
    assert "Entonnoir : affaires par étape" in pages[first + 1]
    assert "Budget du plan d'actions" in pages[first + 1]
    dashboard = build_template("fr")["Tableau de bord"]
    (page_break,) = [b.id for b in dashboard.row_breaks.brk]
    assert page_break == FUNNEL_FIRST - 3  # the last row of the first page
    forecast, funnel = (coordinate_to_tuple(chart.anchor)[0] for chart in dashboard._charts)
    # 9 cm high: 17 rows of 20 pixels (0.53 cm)
    assert (forecast, funnel) == (4, FUNNEL_FIRST - 2)
    assert forecast + 17 < page_break < funnel


def test_the_report_and_the_sync_output_print_a_page_per_sheet(printed: Printed) -> None:
    """Five deals: each of the report's six sheets and the sync's three tabs fits one page,
    the amounts whole (150 000 € open, with the locale's separators)."""
    assert len(printed["report"]) == 6
    assert re.search(r"150.000.00 €", printed["report"][0])
    assert "Prévision pondérée par mois" in printed["report"][0]  # the chart's title
    assert len(printed["sync"]) == 3
    assert re.search(r"150.000.00 €", printed["sync"][0])
