"""The whole workbook: :func:`build_template`, :func:`write_template`, :func:`template_path`."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.texts import LANGS
from salespipe.template.actions_sheet import write_actions
from salespipe.template.dashboard import write_dashboard
from salespipe.template.dynamic_arrays import mark_dynamic
from salespipe.template.followups_sheet import write_followups
from salespipe.template.guide_sheet import write_guide
from salespipe.template.lang import Lang
from salespipe.template.layout import SHEETS
from salespipe.template.macro_enabled import attach_vba_project, quickstart_workbook
from salespipe.template.pipeline_sheet import write_pipeline
from salespipe.template.python_sheet import write_python, write_quality, write_xlwings
from salespipe.template.sample import Sample, sample_data, write_sample
from salespipe.template.settings_sheet import write_settings
from salespipe.template.stages_sheet import write_stages

TEMPLATE_NAME = "action_plan.xlsx"


def build_template(lang: str = "fr", sample: Sample | None = None) -> Workbook:
    """The template workbook in ``lang`` ("fr" or "en"), empty or filled with ``sample``.

    Raises ValueError for another ``lang``. Building twice gives the same cells.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    L = Lang(lang)
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    keys = list(SHEETS)
    first.title = L.sheet(keys[0])
    sheets = {keys[0]: first}
    for key in keys[1:]:
        sheets[key] = workbook.create_sheet(L.sheet(key))
    write_guide(sheets["guide"], L)
    write_pipeline(sheets["pipeline"], L)
    write_stages(sheets["stages"], L)
    write_actions(sheets["actions"], L)
    write_followups(sheets["followups"], L)
    write_dashboard(sheets["dashboard"], L)
    write_settings(sheets["settings"], L, sample)
    write_python(sheets["python"], L)
    write_quality(sheets["quality"], L)
    write_xlwings(sheets["xlwings"])
    if sample is not None:
        write_sample(sheets["pipeline"], sheets["actions"], sample)
    return workbook


def write_template(
    path: str | Path,
    lang: str = "fr",
    *,
    sample_as_of: date | None = None,
    seed: int = 2026,
    macro_enabled: bool = False,
) -> Path:
    """Write the template to ``path`` and return the path; with ``sample_as_of``, filled
    with :func:`sample_data` dated around that day. Overwrites ``path``: callers decide.

    With ``macro_enabled``, an .xlsm carrying the VBA project of xlwings' quickstart
    workbook (:mod:`salespipe.template.macro_enabled`; ConfigError without xlwings). The
    content follows the flag, whatever ``path``'s extension: the CLI checks the name.
    """
    sample = sample_data(sample_as_of, lang, seed) if sample_as_of is not None else None
    target = Path(path)
    workbook = build_template(lang, sample)
    if macro_enabled:
        attach_vba_project(workbook, quickstart_workbook())
    workbook.save(target)
    mark_dynamic(target)  # the spilling UDF cells spill in Excel 365
    return target


def template_path() -> Path:
    """The shipped ``action_plan.xlsx``: inside the installed package (``salespipe/templates``
    in the wheel), else the source tree's ``templates/`` folder (editable installs).

    Raises FileNotFoundError when neither exists.
    """
    packaged = resources.files("salespipe").joinpath("templates", TEMPLATE_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / "templates" / TEMPLATE_NAME
    if source.is_file():
        return source
    raise FileNotFoundError(f"{TEMPLATE_NAME} is neither in the salespipe package nor in {source}")
