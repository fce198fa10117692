"""The library API of ``salespipe/__init__.py``: pinned names, a light import, and the calls a
Python user makes giving the same figures as the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import salespipe

AS_OF = date(2026, 11, 23)

#: The public surface. Adding a name is a decision: add it here too; removing one breaks users.
PUBLIC = {
    "__version__",
    "read_pipeline",
    "read_grids",
    "load_pipeline",
    "PipelineOptions",
    "Pipeline",
    "Deal",
    "Stage",
    "StageTable",
    "Action",
    "Status",
    "Issue",
    "report_on_workbook",
    "build_report",
    "Report",
    "render_text",
    "render_json",
    "write_report_workbook",
    "deals_frame",
    "report_frames",
    "export_workbook",
    "ExportResult",
    "write_template",
    "template_path",
    "build_demo_workbook",
    "SalespipeError",
    "InputError",
    "TableNotFoundError",
    "ConfigError",
    "SourceError",
}


def test_public_names_are_pinned() -> None:
    assert set(salespipe.__all__) == PUBLIC
    assert len(salespipe.__all__) == len(PUBLIC)  # no name listed twice
    assert set(salespipe._EXPORTS) | {"__version__"} == PUBLIC


def test_every_public_name_resolves_and_is_listed_by_dir() -> None:
    for name in salespipe.__all__:
        assert getattr(salespipe, name) is not None, name
    assert set(dir(salespipe)) >= PUBLIC


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = salespipe.nope  # type: ignore[attr-defined]


def test_import_salespipe_stays_light() -> None:
    """The CLI imports the package first: it must not pull in openpyxl, pandas or click."""
    code = "import json, sys, salespipe; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert not loaded & {"openpyxl", "pandas", "click", "numpy", "salespipe.core"}


def test_errors_are_one_family() -> None:
    for name in ("InputError", "TableNotFoundError", "ConfigError", "SourceError"):
        assert issubclass(getattr(salespipe, name), salespipe.SalespipeError)


def test_library_calls_give_the_cli_figures(tmp_path: Path) -> None:
    workbook = tmp_path / "demo.xlsx"
    salespipe.build_demo_workbook(workbook, AS_OF)
    pipeline = salespipe.read_pipeline(workbook)
    report = salespipe.build_report(pipeline, AS_OF, target=400_000)
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "salespipe",
            "report",
            str(workbook),
            "--as-of",
            "2026-11-23",
            "--target",
            "400000",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(cli.stdout) == report.to_dict("en")
    assert (
        report.to_dict() == salespipe.report_on_workbook(workbook, AS_OF, target=400_000).to_dict()
    )


def test_deals_frame_has_one_row_per_deal_with_the_sheet_row(tmp_path: Path) -> None:
    workbook = tmp_path / "demo.xlsx"
    salespipe.build_demo_workbook(workbook, AS_OF)
    pipeline = salespipe.read_pipeline(workbook)
    frame = salespipe.deals_frame(pipeline)
    assert len(frame) == len(pipeline.deals) == 239
    assert list(frame.columns[:3]) == ["row", "deal_id", "name"]
    assert set(frame["status"]) == {"open", "won", "lost"}
    first = pipeline.deals[0]
    assert frame.iloc[0]["row"] == first.row and frame.iloc[0]["amount"] == first.amount
    won = frame.loc[frame["status"] == "won", "amount"].sum()
    assert won == pytest.approx(salespipe.build_report(pipeline, AS_OF).summary.won_amount)


def test_report_frames_are_the_report_workbook_sheets(tmp_path: Path) -> None:
    workbook = tmp_path / "demo.xlsx"
    salespipe.build_demo_workbook(workbook, AS_OF)
    report = salespipe.report_on_workbook(workbook, AS_OF)
    frames = salespipe.report_frames(report)
    assert list(frames) == [
        "Synthèse",
        "Prévision",
        "Entonnoir",
        "Relances",
        "Plan d'actions (analyse)",
        "Contrôle qualité",
    ]
    assert len(frames["Contrôle qualité"]) == len(report.issues)
    english = salespipe.report_frames(report, "en")
    assert "Summary" in english and len(english["Funnel"]) == len(frames["Entonnoir"])


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_python_dash_m_runs_the_cli(flag: str) -> None:
    out = subprocess.run([sys.executable, "-m", "salespipe", flag], capture_output=True, text=True)
    assert out.returncode == 0 and f"salespipe, version {salespipe.__version__}" in out.stdout


def test_render_json_is_to_dict_serialised(tmp_path: Path) -> None:
    """orjson over the dataclasses gives exactly the plain form of Report.to_dict."""
    workbook = tmp_path / "demo.xlsx"
    salespipe.build_demo_workbook(workbook, AS_OF)
    report = salespipe.report_on_workbook(workbook, AS_OF, target=400_000)
    for lang in ("fr", "en"):
        assert json.loads(salespipe.render_json(report, lang)) == report.to_dict(lang)
    # As a file or a terminal wants it: the same bytes and one newline.
    rendered = salespipe.render_json(report, "fr")
    assert not rendered.endswith(b"\n")
    assert salespipe.render_json(report, "fr", newline=True) == rendered + b"\n"
