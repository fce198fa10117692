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

One module per part: ``layout`` (sheets, sizes, positions, column letters), ``texts``
(words, labels, :class:`~salespipe.template.texts.Lang`), ``styles`` (formats, fonts,
cell helpers), one module per sheet (``pipeline_sheet``, ``stages_sheet``,
``actions_sheet``, ``followups_sheet``, ``settings_sheet``, ``dashboard``,
``python_sheet``), ``sample`` (the demo data) and ``build`` (the whole workbook). This
package re-exports their public names.
"""

from __future__ import annotations

from salespipe.template.actions_sheet import action_formulas
from salespipe.template.build import TEMPLATE_NAME, build_template, template_path, write_template
from salespipe.template.dashboard import (
    budget_formulas,
    funnel_formulas,
    month_formulas,
    owner_formulas,
    summary_formulas,
)
from salespipe.template.followups_sheet import followup_formulas
from salespipe.template.layout import (
    ACTION_FIELDS,
    ACTION_HELPERS,
    ACTION_LAST,
    ACTION_ROWS,
    BUDGET_FIRST,
    BUDGET_MONTH_OTHERS,
    BUDGET_MONTH_TOTAL,
    BUDGET_NO_WEEK,
    BUDGET_OWNER_OTHERS,
    BUDGET_OWNER_TOTAL,
    BUDGET_OWNER_UNSET,
    CADENCE_FIRST,
    CADENCE_ROWS,
    DEAL_FIELDS,
    DEAL_HELPERS,
    DEAL_ROWS,
    FIRST_ROW,
    FUNNEL_COLUMNS,
    FUNNEL_FIRST,
    FUNNEL_ROWS,
    FUNNEL_WON,
    HOLIDAY_YEARS,
    LANGS,
    LAST_ROW,
    LIST_ROWS,
    LISTS,
    MONTH_AFTER,
    MONTH_BEFORE,
    MONTH_COLUMNS,
    MONTH_FIRST,
    MONTH_NO_DATE,
    MONTH_TOTAL,
    MONTHS,
    NATIVE_FUNCTIONS,
    OWNER_COLUMNS,
    OWNER_FIRST,
    OWNER_NONE,
    OWNER_OTHERS,
    OWNER_TOTAL,
    PARAMS,
    SHEETS,
    STAGE_FIELDS,
    STAGE_HELPERS,
    STAGE_LAST,
    STAGE_ROWS,
    STAGE_WORD_COLUMNS,
    STATUS_WORD_COLUMNS,
    SUMMARY_FIRST,
    SUMMARY_KEYS,
    TABLE_NAME,
    WEEK_FIRST_COLUMN,
    WEEK_ROW,
    WEEKS,
    action_column,
    deal_column,
    holiday_dates,
    stage_column,
)
from salespipe.template.pipeline_sheet import deal_formulas
from salespipe.template.python_sheet import (
    QUALITY_ROWS,
    QUALITY_UDF_ROW,
    UDF_ROWS,
    XLWINGS_CONF,
    quality_formulas,
)
from salespipe.template.sample import Sample, sample_data
from salespipe.template.stages_sheet import stage_formulas
from salespipe.template.styles import (
    DATE_FORMAT,
    EURO_FORMAT,
    MONTH_FORMAT,
    PERCENT_FORMAT,
    PROBABILITY_FORMAT,
    ValidationKind,
)
from salespipe.template.texts import WORDS

__all__ = [
    "ACTION_FIELDS", "ACTION_HELPERS", "ACTION_LAST", "ACTION_ROWS", "BUDGET_FIRST",
    "BUDGET_MONTH_OTHERS", "BUDGET_MONTH_TOTAL", "BUDGET_NO_WEEK", "BUDGET_OWNER_OTHERS",
    "BUDGET_OWNER_TOTAL", "BUDGET_OWNER_UNSET", "CADENCE_FIRST", "CADENCE_ROWS", "DATE_FORMAT",
    "DEAL_FIELDS", "DEAL_HELPERS", "DEAL_ROWS", "EURO_FORMAT", "FIRST_ROW", "FUNNEL_COLUMNS",
    "FUNNEL_FIRST", "FUNNEL_ROWS", "FUNNEL_WON", "HOLIDAY_YEARS", "LANGS", "LAST_ROW", "LISTS",
    "LIST_ROWS", "MONTHS", "MONTH_AFTER", "MONTH_BEFORE", "MONTH_COLUMNS", "MONTH_FIRST",
    "MONTH_FORMAT", "MONTH_NO_DATE", "MONTH_TOTAL", "NATIVE_FUNCTIONS", "OWNER_COLUMNS",
    "OWNER_FIRST", "OWNER_NONE", "OWNER_OTHERS", "OWNER_TOTAL", "PARAMS", "PERCENT_FORMAT",
    "PROBABILITY_FORMAT", "QUALITY_ROWS", "QUALITY_UDF_ROW", "SHEETS", "STAGE_FIELDS",
    "STAGE_HELPERS", "STAGE_LAST", "STAGE_ROWS", "STAGE_WORD_COLUMNS", "STATUS_WORD_COLUMNS",
    "SUMMARY_FIRST", "SUMMARY_KEYS", "TABLE_NAME", "TEMPLATE_NAME", "UDF_ROWS", "WEEKS",
    "WEEK_FIRST_COLUMN", "WEEK_ROW", "WORDS", "XLWINGS_CONF", "Sample", "ValidationKind",
    "action_column", "action_formulas", "budget_formulas", "build_template", "deal_column",
    "deal_formulas", "followup_formulas", "funnel_formulas", "holiday_dates", "month_formulas",
    "owner_formulas", "quality_formulas", "sample_data", "stage_column", "stage_formulas",
    "summary_formulas", "template_path", "write_template",
]  # fmt: skip
