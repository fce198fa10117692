"""salespipe's Excel functions (UDFs) and macros, through xlwings.

Each function is a thin adapter: cell values in, one core call, cell values out,
so a cell shows the figure ``salespipe report`` prints, to the cent. In Excel:
xlwings ribbon, « UDF Modules » = ``xlplugin.udfs``, then « Import Functions »
(docs/excel.md).

This is the one module xlwings imports: it registers every function of ``dir(module)``
that carries xlwings' ``__xlfunc__``, and the VBA wrappers it generates call them
through this module's name. So the functions, written by job in
:mod:`xlplugin.functions` (how xlwings reads their hints and help:
:mod:`xlplugin.functions.wizard`), are all imported here, and the two macros'
entry points are defined here. Spilling functions return a 2-D list with a French
header row; Excel 365 and 2021 spill it natively (no legacy ``expand`` option).

Every function is wrapped in :func:`~xlplugin.failures.cell_safe`: bad input comes
back as ``#SALESPIPE! <what and where>`` in the cell, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import xlwings as xw

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
    "export_crm",
    "refresh_dashboard",
]


def _macro(function: Callable[[], Any]) -> Callable[[], Any]:
    """xlwings' macro decorator on ``function``, as every xlwings version the extra allows
    has it.

    - ``xw.script`` is the name since xlwings 0.33.17; on Windows, earlier versions only
      define ``xw.sub`` (their ``__init__`` imports ``xlsub as sub``), the same decorator.
    - xlwings reads the return annotation as the result's converter: ``-> None`` becomes a
      ``NoneType`` converter and the run ends in « type object 'NoneType' has no attribute
      'router' » after the macro's work (xlwings issue #2666), so it is dropped first.
    """
    function.__annotations__.pop("return", None)
    decorate = getattr(xw, "script", None) or xw.sub
    wrapped: Callable[[], Any] = decorate(function)
    return wrapped


@_macro
def refresh_dashboard() -> None:
    """Recalcule les onglets « … (Python) » (synthèse, prévision, entonnoir, relances, qualité)."""
    macros.refresh_dashboard(xw.Book.caller(), date.today())


@_macro
def export_crm() -> None:
    """Exporte les affaires du classeur ouvert en CSV pour un CRM, à côté du classeur."""
    macros.export_crm(xw.Book.caller(), date.today())
