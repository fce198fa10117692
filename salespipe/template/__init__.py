"""The ready-made workbook ``templates/action_plan.xlsx``, built by code with openpyxl.

:func:`build_template` returns the workbook; :func:`write_template` saves it (the
``salespipe template`` command). Sheets, French names by default: « Pipeline » (an
Excel table whose columns are exactly the ``DEAL_HEADERS`` labels, then managed helper
columns), « Étapes », « Plan d'actions » (with a week grid and managed budget-by-month
columns), « Relances », « Tableau de bord », « Paramètres », « Analyse Python » (the
xlwings UDFs), « Contrôle qualité » and a hidden « xlwings.conf ».

Every figure of the dashboard is a native formula built only from functions that
Excel, LibreOffice Calc and Google Sheets share (:data:`NATIVE_FUNCTIONS`), and it
reproduces the core's definitions (docs/metrics.md) on typed data; docs/template.md
lists the few cases where it cannot. Cell positions that tests and other front ends
read are module constants. The same arguments always give the same cell contents.

One module per part: ``layout`` (sheets, sizes, positions, column letters), ``lang``
(words, labels, :class:`~salespipe.template.lang.Lang`; the texts are in
:mod:`salespipe.core.texts.template`), ``styles`` (formats, fonts,
cell helpers), one module per sheet (``pipeline_sheet``, ``stages_sheet``,
``actions_sheet``, ``followups_sheet``, ``settings_sheet``, ``dashboard``,
``python_sheet``), ``sample`` (the demo data) and ``build`` (the whole workbook). The package
exports what a user of the template calls; cell positions and formulas are read from
their modules (``salespipe.template.layout`` …).
"""

from __future__ import annotations

from salespipe.template.build import TEMPLATE_NAME, build_template, template_path, write_template
from salespipe.template.layout import NATIVE_FUNCTIONS, SHEETS
from salespipe.template.sample import Sample, sample_data

__all__ = [
    "NATIVE_FUNCTIONS",
    "SHEETS",
    "TEMPLATE_NAME",
    "Sample",
    "build_template",
    "sample_data",
    "template_path",
    "write_template",
]
