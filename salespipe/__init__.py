"""salespipe: from the sales sheets French PMEs already keep to forecasts and clean CRM imports.

The library API, one call per thing the CLI does::

    import salespipe
    from datetime import date

    pipeline = salespipe.read_pipeline("pipeline.xlsx")   # deals, stages, actions, issues
    report = salespipe.build_report(pipeline, date(2026, 11, 23), target=400_000)
    report.summary.weighted_forecast                       # figures, unrounded
    salespipe.deals_frame(pipeline)                         # a pandas DataFrame
    salespipe.export_workbook("pipeline.xlsx", "hubspot", "out/", as_of=date.today())

Names are loaded on first use, so ``import salespipe`` stays light (the CLI starts fast).
Errors that stop a run derive from :class:`SalespipeError`; messy cells are never
exceptions: they are :class:`Issue` objects in ``pipeline.issues``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    # reading a workbook
    "read_pipeline": "salespipe.api",
    "read_grids": "salespipe.files",
    "load_pipeline": "salespipe.core.reading.pipeline",
    "PipelineOptions": "salespipe.core.reading.pipeline",
    "Pipeline": "salespipe.core.reading.pipeline",
    "Deal": "salespipe.core.model",
    "Stage": "salespipe.core.model",
    "StageTable": "salespipe.core.model",
    "Action": "salespipe.core.model",
    "Status": "salespipe.core.model",
    "Issue": "salespipe.core.quality",
    # the report
    "report_on_workbook": "salespipe.api",
    "build_report": "salespipe.core.report",
    "Report": "salespipe.core.report",
    "render_text": "salespipe.formats.text",
    "render_json": "salespipe.formats.json",
    "write_report_workbook": "salespipe.formats.xlsx",
    "deals_frame": "salespipe.frames",
    "report_frames": "salespipe.frames",
    # CRM export
    "export_workbook": "salespipe.export",
    "ExportResult": "salespipe.export",
    # the template and the sample workbook
    "write_template": "salespipe.template",
    "template_path": "salespipe.template",
    "build_demo_workbook": "salespipe.sample",
    # errors
    "SalespipeError": "salespipe.core.errors",
    "InputError": "salespipe.core.errors",
    "TableNotFoundError": "salespipe.core.errors",
    "ConfigError": "salespipe.core.errors",
    "SourceError": "salespipe.core.errors",
}

#: Kept literal (not built from _EXPORTS) so linters and IDEs read it; a test checks both agree.
__all__ = [
    "Action",
    "ConfigError",
    "Deal",
    "ExportResult",
    "InputError",
    "Issue",
    "Pipeline",
    "PipelineOptions",
    "Report",
    "SalespipeError",
    "SourceError",
    "Stage",
    "StageTable",
    "Status",
    "TableNotFoundError",
    "__version__",
    "build_demo_workbook",
    "build_report",
    "deals_frame",
    "export_workbook",
    "load_pipeline",
    "read_grids",
    "read_pipeline",
    "render_json",
    "render_text",
    "report_frames",
    "report_on_workbook",
    "template_path",
    "write_report_workbook",
    "write_template",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'salespipe' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup skips this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from salespipe.api import read_pipeline, report_on_workbook
    from salespipe.core.errors import (
        ConfigError,
        InputError,
        SalespipeError,
        SourceError,
        TableNotFoundError,
    )
    from salespipe.core.model import Action, Deal, Stage, StageTable, Status
    from salespipe.core.quality import Issue
    from salespipe.core.reading.pipeline import Pipeline, PipelineOptions, load_pipeline
    from salespipe.core.report import Report, build_report
    from salespipe.export import ExportResult, export_workbook
    from salespipe.files import read_grids
    from salespipe.formats.json import render_json
    from salespipe.formats.text import render_text
    from salespipe.formats.xlsx import write_report_workbook
    from salespipe.frames import deals_frame, report_frames
    from salespipe.sample import build_demo_workbook
    from salespipe.template import template_path, write_template
