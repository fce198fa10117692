"""The library's use cases, one call each: what the CLI commands run.

``salespipe/__init__.py`` re-exports them; a front end that has grids instead of a file
(the sync, the Excel macros) calls the core's ``load_pipeline`` and ``build_report``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from salespipe.core.bulk import gc_paused
from salespipe.core.model import DEFAULT_MAX_TOUCHES
from salespipe.core.reading.pipeline import Pipeline, PipelineOptions, load_pipeline
from salespipe.core.report import PeriodKind, Report, build_report
from salespipe.files import read_grids


def read_pipeline(path: str | Path, options: PipelineOptions | None = None) -> Pipeline:
    """The deals, stages and action plan of the workbook or CSV at ``path`` (never
    modified), with every issue found and every row accounted for."""
    with gc_paused():
        return load_pipeline(read_grids(path), Path(path).name, options)


def report_on_workbook(
    path: str | Path,
    as_of: date,
    *,
    target: float | None = None,
    period: PeriodKind = "quarter",
    options: PipelineOptions | None = None,
    max_touches: int = DEFAULT_MAX_TOUCHES,
    on_step: Callable[[str], None] | None = None,
) -> Report:
    """Read the workbook at ``path`` (never modified) and build the full report.

    The one library call behind ``salespipe report``. The cyclic garbage collector is
    paused meanwhile: the millions of cells and records made here hold no cycles.
    ``on_step`` is told each step as it starts: ``"read"``, ``"parse"``, ``"compute"``
    (for a progress display).
    """
    step = on_step or (lambda _step: None)
    with gc_paused():
        step("read")
        grids = read_grids(path)
        step("parse")
        pipeline = load_pipeline(grids, Path(path).name, options)
        step("compute")
        return build_report(pipeline, as_of, target=target, period=period, max_touches=max_touches)
