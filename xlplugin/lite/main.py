"""salespipe's Excel functions in xlwings Lite (Excel for Windows, Mac and the web).

Paste this file into the ``main.py`` tab of the xlwings Lite task pane, and
``requirements.txt`` beside it into the ``requirements.txt`` tab (docs/excel.md, « xlwings
Lite »). Lite runs Python in Pyodide and registers every function of ``main.py`` that its
``xlwings`` decorators marked: the eleven functions below are the very objects of
:mod:`xlplugin.functions` that the Windows add-in imports through ``xlplugin.udfs``,
decorated by Lite's own ``func``/``arg`` when Lite imports them, so a cell shows the same
figure in both.

The macros: « refresh_dashboard » is a Lite script (Lite hands it the workbook as its
``book`` argument, where the Windows add-in calls ``xw.Book.caller()``). « export_crm » is
not here: it writes CSV files beside the workbook, and Python in Lite has no access to the
computer's folders; run ``salespipe export`` on the saved workbook instead.
"""

from datetime import date

import xlwings as xw
from xlwings import script

from xlplugin import macros
from xlplugin.functions.followups import NEXT_FOLLOWUP, OVERDUE_FOLLOWUPS
from xlplugin.functions.forecast import FORECAST_WEIGHTED, PIPELINE_COVERAGE, STAGE_PROBABILITY
from xlplugin.functions.funnel import CONVERSION_RATE, FUNNEL, WIN_RATE
from xlplugin.functions.quality import DATA_QUALITY
from xlplugin.functions.targets import REQUIRED_PROSPECTS, SALES_CYCLE_DAYS

__all__ = [
    "CONVERSION_RATE",
    "DATA_QUALITY",
    "FORECAST_WEIGHTED",
    "FUNNEL",
    "NEXT_FOLLOWUP",
    "OVERDUE_FOLLOWUPS",
    "PIPELINE_COVERAGE",
    "REQUIRED_PROSPECTS",
    "SALES_CYCLE_DAYS",
    "STAGE_PROBABILITY",
    "WIN_RATE",
    "refresh_dashboard",
]


@script
def refresh_dashboard(book: xw.Book):  # no "-> None": xlwings reads it as a converter
    """Recalcule les onglets « … (Python) » (synthèse, prévision, entonnoir, relances, qualité)."""
    macros.refresh_dashboard(book, date.today())
