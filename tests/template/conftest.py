"""Session fixtures: every dataset typed into a template copy, recalculated by LibreOffice
in one soffice run (one conversion per dataset, one private profile per session)."""

from __future__ import annotations

import pytest

from salespipe.template import build_template, sample_data, template_path
from tests.template.datasets import SAMPLE_AS_OF, all_datasets
from tests.template.filling import fill_template
from tests.template.libreoffice import make_profile, recalculate
from tests.template.recalculation import Recalculated, Result


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
