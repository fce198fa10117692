"""A template copy recalculated by LibreOffice, and what tests read from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import openpyxl

from salespipe.core.reading.pipeline import Pipeline, load_pipeline
from salespipe.core.report import Report, build_report
from salespipe.files import read_grids
from tests.template.filling import Dataset, sheet


@dataclass
class Result:
    """A dataset and its recalculated workbook, with what tests read from it (cached)."""

    dataset: Dataset
    path: Path

    @cached_property
    def pipeline(self) -> Pipeline:
        return load_pipeline(read_grids(self.path), self.path.name)

    @cached_property
    def report(self) -> Report:
        """salespipe's report on the recalculated workbook, as ``salespipe report`` makes it."""
        return build_report(self.pipeline, self.dataset.as_of, target=self.dataset.target)

    @cached_property
    def values(self) -> Any:
        """The workbook's cells as LibreOffice computed them."""
        return openpyxl.load_workbook(self.path, data_only=True)

    def sheet(self, key: str) -> Any:
        return sheet(self.values, key, self.dataset.lang)


Recalculated = dict[str, Result]
