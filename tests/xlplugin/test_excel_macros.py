"""The dashboard macro: workbook grids in, the rows of the managed sheets out.

What needs Excel (reading and writing sheets) is exercised on a small stand-in
for an xlwings Book; the figures come from :func:`dashboard_tables`, checked
against the CLI's report on the same workbook.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from salespipe.api import report_on_workbook
from salespipe.files import read_grids
from xlplugin.macros import (
    MANAGED_SHEETS,
    as_written,
    crm_settings,
    dashboard_tables,
    export_crm,
    export_for_crm,
    refresh_dashboard,
)

AS_OF = date(2026, 11, 23)


def test_dashboard_tables_show_the_reports_figures(small_pipeline: Path) -> None:
    grids = read_grids(small_pipeline)
    tables = dashboard_tables(grids, small_pipeline.name, AS_OF)
    report = report_on_workbook(small_pipeline, AS_OF)
    assert list(tables) == list(MANAGED_SHEETS)
    summary = {row[0]: row[1] for row in tables["Synthèse (Python)"][1:]}
    assert summary["Pipeline pondéré"] == report.summary.weighted_open == 45000.0
    assert summary["Taux de réussite"] == report.summary.win_rate
    # ERP (A3): no stage entry nor contact, idle since its creation on 1 October:
    # 30 + 23 = 53 days > Rendez-vous's 21.
    assert summary["Affaires qui stagnent"] == report.summary.rotting == 1
    funnel = tables["Entonnoir (Python)"]
    assert [row[0] for row in funnel[1:]] == [f.stage for f in report.funnel]
    followups = tables["Relances (Python)"]
    assert [row[1] for row in followups[1:]] == [f.deal_id for f in report.followups]
    quality = tables["Contrôle qualité (Python)"]
    assert [(row[0], row[1], row[5]) for row in quality[1:]] == [
        (i.sheet, i.row, i.code) for i in report.issues
    ]


def test_managed_sheets_are_never_read_back(small_pipeline: Path) -> None:
    grids = dict(read_grids(small_pipeline))
    first = dashboard_tables(grids, "x.xlsm", AS_OF)
    grids.update(first)  # the sheets the previous refresh wrote
    assert dashboard_tables(grids, "x.xlsm", AS_OF) == first


def test_rows_are_rectangular_and_formulas_stay_text() -> None:
    rows = as_written([["a", "=1+1"], ["+33 6", None, "@x"], ["-", 2.0]])
    assert rows == [["a", "'=1+1", None], ["'+33 6", None, "'@x"], ["'-", 2.0, None]]


# --- the xlwings side, on a stand-in Book -----------------------------------------------


class _Cells:
    def __init__(self, sheet: _Sheet, row: int = 1, col: int = 1) -> None:
        self.sheet, self.row, self.column = sheet, row, col

    @property
    def last_cell(self) -> _Cells:
        rows = self.sheet.rows
        return _Cells(self.sheet, max(len(rows), 1), max((len(r) for r in rows), default=1))

    def options(self, **options: Any) -> _Cells:
        assert options == {"ndim": 2, "err_to_str": True}
        return self

    @property
    def value(self) -> list[list[Any]]:
        return self.sheet.rows

    @value.setter
    def value(self, rows: list[list[Any]]) -> None:
        self.sheet.rows = rows


class _Sheet:
    def __init__(self, name: str, rows: list[list[Any]]) -> None:
        self.name, self.rows = name, rows
        self.used_range = _Cells(self)

    def range(self, first: tuple[int, int], last: tuple[int, int]) -> _Cells:
        assert first == (1, 1)
        return _Cells(self)

    def __getitem__(self, address: str) -> _Cells:
        assert address == "A1"
        return _Cells(self)

    def clear_contents(self) -> None:
        self.rows = []


class _Sheets(list[_Sheet]):
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name: str, after: _Sheet) -> _Sheet:
        sheet = _Sheet(name, [])
        self.append(sheet)
        return sheet


class _Book:
    def __init__(self, grids: dict[str, list[list[Any]]]) -> None:
        self.name = "pipeline.xlsm"
        self.fullname = self.name
        self.sheets = _Sheets(_Sheet(name, rows) for name, rows in grids.items())
        self.alerts: list[str] = []
        self.app = self

    def alert(self, message: str, title: str) -> None:
        self.alerts.append(message)


def test_refresh_dashboard_writes_the_managed_sheets(small_pipeline: Path) -> None:
    grids = {name: [list(row) for row in grid] for name, grid in read_grids(small_pipeline).items()}
    book = _Book(
        {**grids, "Relances": [["onglet du modèle"]], "Entonnoir (Python)": [["ancien contenu"]]}
    )
    refresh_dashboard(book, AS_OF)
    assert [s.name for s in book.sheets] == [
        "Pipeline",
        "Relances",
        "Entonnoir (Python)",
        "Synthèse (Python)",
        "Prévision (Python)",
        "Relances (Python)",
        "Contrôle qualité (Python)",
    ]
    assert book.sheets["Relances"].rows == [["onglet du modèle"]]  # not a managed sheet
    expected = dashboard_tables(grids, book.name, AS_OF)
    assert all(book.sheets[name].rows == rows for name, rows in expected.items())
    assert book.sheets["Pipeline"].rows == grids["Pipeline"]  # the user's sheet untouched
    assert book.alerts == []


def test_refresh_dashboard_without_a_pipeline_says_why() -> None:
    book = _Book({"Notes": [["rien ici"]]})
    refresh_dashboard(book, AS_OF)
    assert len(book.alerts) == 1 and "Aucun tableau Pipeline" in book.alerts[0]


# --- export for a CRM -------------------------------------------------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _owners_with_emails(folder: Path) -> None:
    """Fill in the owners map a first export leaves, as a user would."""
    path = folder / "owners.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(
        text.replace("Marie;;", "Marie;marie@example.fr;").replace(
            "Paul;;", "Paul;paul@example.fr;"
        ),
        encoding="utf-8-sig",
    )


def test_export_writes_the_files_salespipe_export_writes(
    small_pipeline: Path, tmp_path: Path
) -> None:
    from salespipe.export import export_workbook

    grids = read_grids(small_pipeline)
    for folder in ("excel", "cli"):  # a first run writes the maps to fill in
        export_workbook(small_pipeline, "pipedrive", tmp_path / folder, as_of=AS_OF)
        _owners_with_emails(tmp_path / folder)
    result = export_for_crm(grids, small_pipeline.name, "pipedrive", tmp_path / "excel", AS_OF)
    export_workbook(small_pipeline, "pipedrive", tmp_path / "cli", as_of=AS_OF)
    written, expected = _files(tmp_path / "excel"), _files(tmp_path / "cli")
    assert not result.blocked and len(written) > 3
    summaries = (written.pop("summary.txt"), expected.pop("summary.txt"))  # name their folder
    assert summaries[0].replace(b"excel", b"cli") == summaries[1]
    assert written == expected


def test_export_crm_reads_the_crm_from_the_xlwings_conf_sheet(
    small_pipeline: Path, tmp_path: Path
) -> None:
    grids = {name: [list(row) for row in grid] for name, grid in read_grids(small_pipeline).items()}
    book = _Book(
        {
            **grids,
            "xlwings.conf": [["UDF Modules", "xlplugin.udfs"], ["SALESPIPE_CRM", "Pipedrive"]],
        }
    )
    book.fullname = str(tmp_path / "pipeline.xlsm")
    export_crm(book, AS_OF)
    folder = tmp_path / "pipeline-export-pipedrive"
    assert folder.is_dir() and any(folder.iterdir())
    assert len(book.alerts) == 1 and "pipedrive" in book.alerts[0].lower()
    assert crm_settings({"xlwings.conf": [["salespipe_crm", "zoho"], [None, "x"]]}) == {
        "SALESPIPE_CRM": "zoho"
    }


def test_export_crm_names_an_unknown_crm(small_pipeline: Path, tmp_path: Path) -> None:
    grids = {name: [list(row) for row in grid] for name, grid in read_grids(small_pipeline).items()}
    book = _Book({**grids, "xlwings.conf": [["SALESPIPE_CRM", "Sellsy"]]})
    book.fullname = str(tmp_path / "pipeline.xlsm")
    export_crm(book, AS_OF)
    assert len(book.alerts) == 1 and "sellsy" in book.alerts[0].lower()
    assert not (tmp_path / "pipeline-export-sellsy").exists()
