"""Session fixtures: every dataset typed into a template copy, recalculated by LibreOffice
in one soffice run (one conversion per dataset, one private profile per session)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from salespipe.core.reading.pipeline import Pipeline, load_pipeline
from salespipe.core.report import Report, build_report
from salespipe.files import read_grids
from salespipe.template import build_template, sample_data, template_path

from .datasets import SAMPLE_AS_OF, all_datasets
from .filling import Dataset, fill_template, sheet
from .libreoffice import make_profile, recalculate


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


@pytest.fixture(scope="session")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> Recalculated:
    """``{dataset name: Result}`` for :func:`all_datasets`."""
    base = tmp_path_factory.mktemp("libreoffice")
    sources = {
        ("fr", False): template_path(),
        ("en", False): base / "template_en.xlsx",
        ("fr", True): base / "template_sample.xlsx",
    }
    build_template("en").save(sources[("en", False)])
    build_template("fr", sample_data(SAMPLE_AS_OF)).save(sources[("fr", True)])
    (base / "in").mkdir()
    datasets = all_datasets()
    filled = {
        ds.name: fill_template(sources[(ds.lang, ds.sample)], ds, base / "in" / f"{ds.name}.xlsx")
        for ds in datasets
    }
    outputs = recalculate(list(filled.values()), base / "out", make_profile(base / "profile"))
    return {ds.name: Result(ds, outputs[filled[ds.name]]) for ds in datasets}
